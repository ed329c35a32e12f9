package io.aphex.pipeline.review;

import java.util.regex.Pattern;

/**
 * Writes user-supplied names, paths, ARNs and commands into Markdown so that they show as written:
 * as code spans whose fence is longer than any run of backticks inside, on one line, with pipes
 * escaped inside table cells.
 */
final class MarkdownText {

  /** Line breaks and tabs, which would end a table row or a code span. */
  private static final Pattern BREAKS = Pattern.compile("[\\r\\n\\t]");

  /** The characters Markdown gives a meaning. */
  private static final Pattern SPECIAL = Pattern.compile("([\\\\`*_\\[\\]<>|#~!])");

  private MarkdownText() {}

  /**
   * Writes a code span.
   *
   * @param text any text
   * @return the text as a code span on one line
   */
  static String code(String text) {
    String flat = BREAKS.matcher(text).replaceAll(" ");
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
    return SPECIAL.matcher(BREAKS.matcher(text).replaceAll(" ")).replaceAll("\\\\$1");
  }
}
