package io.aphex.pipeline.config;

import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The decoded text of a config file with its display name: turns YAML marks into the locations of
 * problems and quotes the source text that a problem is about.
 *
 * <p>The name is the file name shown in problems, e.g. {@code aphex-config.yaml}; the text is the
 * file content without a byte order mark.
 */
final class Source {

  /**
   * A line break as SnakeYAML counts lines: one of {@code Constant.FULL_LINEBR}, with CR LF counted
   * once (snakeyaml {@code org/yaml/snakeyaml/scanner/Constant.java} and {@code
   * reader/StreamReader.java}, {@code forward}); {@code SourceTest} pins it.
   */
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\n\r\u0085\u2028\u2029]");

  private final String name;
  private final String text;

  /** The {@code String} index of each code point; built on first use, empty if all are chars. */
  @Nullable private int[] offsets;

  Source(String name, String text) {
    this.name = name;
    this.text = text;
  }

  String name() {
    return name;
  }

  String text() {
    return text;
  }

  /** Formats the location of a key path, e.g. {@code aphex-config.yaml line 14, build.commands}. */
  String location(int line, String path) {
    return name + " line " + line + ", " + (path.isEmpty() ? "top level" : path);
  }

  /** Formats the location of a YAML mark, e.g. {@code aphex-config.yaml line 3, column 7}. */
  String location(Mark mark) {
    return name + " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  /** Formats the location of the code point at {@code index}, counting lines as YAML does. */
  String location(int codePointIndex) {
    int offset = offset(codePointIndex);
    long line = 1 + LINE_BREAK.matcher(text).region(0, offset).results().count();
    int column = text.codePointCount(lineStart(offset), offset) + 1;
    return name + " line " + line + ", column " + column;
  }

  /** Returns the line that holds {@code mark}, without its indentation. */
  String lineAt(Mark mark) {
    int offset = offset(mark.getIndex());
    return text.substring(lineStart(offset), lineEnd(offset)).strip();
  }

  /**
   * Returns the source of a node from its start to the end of that line, followed by {@code ...}
   * when the node goes on over more lines. Used as the value of a problem about a list or mapping.
   */
  String snippet(Node node) {
    int start = offset(node.getStartMark().getIndex());
    int end = offset(node.getEndMark().getIndex());
    int firstLineEnd = start;
    while (firstLineEnd < end && !isLineBreak(text.charAt(firstLineEnd))) {
      firstLineEnd++;
    }
    String firstLine = text.substring(start, firstLineEnd).strip();
    return text.substring(firstLineEnd, end).isBlank() ? firstLine : firstLine + " ...";
  }

  /**
   * Converts a YAML mark index, which counts code points, into a {@code String} index. The table is
   * built once, so that many problems in a large file stay cheap.
   */
  private int offset(int codePointIndex) {
    if (offsets == null) {
      offsets =
          text.codePointCount(0, text.length()) == text.length() ? new int[0] : codePointOffsets();
    }
    if (offsets.length == 0) {
      return Math.min(codePointIndex, text.length());
    }
    return offsets[Math.min(codePointIndex, offsets.length - 1)];
  }

  private int[] codePointOffsets() {
    int[] table = new int[text.codePointCount(0, text.length()) + 1];
    int offset = 0;
    for (int i = 0; i < table.length - 1; i++) {
      table[i] = offset;
      offset += Character.charCount(text.codePointAt(offset));
    }
    table[table.length - 1] = text.length();
    return table;
  }

  private int lineStart(int offset) {
    int start = offset;
    while (start > 0 && !isLineBreak(text.charAt(start - 1))) {
      start--;
    }
    return start;
  }

  private int lineEnd(int offset) {
    int end = offset;
    while (end < text.length() && !isLineBreak(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** The line breaks of YAML 1.1, which SnakeYAML uses to count lines. */
  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
