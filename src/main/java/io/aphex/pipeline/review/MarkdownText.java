package io.aphex.pipeline.review;

/**
 * Writes user-supplied names, paths, ARNs and commands into Markdown so that they show as written:
 * as code spans whose fence is longer than any run of backticks inside, on one line, with pipes
 * escaped inside table cells.
 */
final class MarkdownText {

  private MarkdownText() {}

  /**
   * Writes a code span.
   *
   * @param text any text
   * @return the text as a code span on one line
   */
  static String code(String text) {
    String flat = text.replaceAll("[\\r\\n\\t]", " ");
    int longest = 0;
    int run = 0;
    for (char c : flat.toCharArray()) {
      run = c == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
    return fence + pad + flat + pad + fence;
  }

  /**
   * Writes a code span for a table cell.
   *
   * @param text any text
   * @return {@link #code} with every {@code |} escaped, as GitHub tables need even in code spans
   */
  static String cell(String text) {
    return code(text).replace("|", "\\|");
  }

  /**
   * Escapes plain text.
   *
   * @param text any text
   * @return the text with Markdown's inline punctuation backslash-escaped, on one line
   */
  static String plain(String text) {
    return text.replaceAll("[\\r\\n\\t]", " ").replaceAll("([\\\\`*_\\[\\]<>|#~!])", "\\\\$1");
  }
}
