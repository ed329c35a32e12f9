package io.aphex.pipeline.review;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes arbitrary names safe in a Mermaid flowchart: node IDs of letters, digits and {@code _}
 * only, each unique and behind a prefix (so no ID is a keyword such as {@code end}, and none starts
 * with the {@code o} or {@code x} that Mermaid reads as an edge end), and label text (which the
 * diagram puts in double quotes) with every character Mermaid or the Markdown around it would
 * interpret written as an entity.
 */
final class MermaidText {

  private final Set<String> used = new HashSet<>();

  private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9]");

  /**
   * Returns a new ID for a name.
   *
   * @param prefix the kind of node, e.g. {@code T} for tasks; letters only
   * @param name the name the node shows
   * @return {@code <prefix>_<name with every other character as _>}, with {@code _2}, {@code _3},
   *     ... appended when that ID is taken
   */
  String id(String prefix, String name) {
    String base = prefix + "_" + NOT_ID.matcher(name).replaceAll("_");
    String id = base;
    for (int n = 2; !used.add(id); n++) {
      id = base + "_" + n;
    }
    return id;
  }

  /**
   * Escapes label text without quoting it.
   *
   * @param text the text
   * @return the text with {@code " # & < > `} as Mermaid entity codes and control characters as
   *     spaces
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c ->
                out.append(
                    switch (c) {
                      case '"' -> "#quot;";
                      case '#' -> "#35;";
                      case '&' -> "#amp;";
                      case '<' -> "#lt;";
                      case '>' -> "#gt;";
                      case '`' -> "#96;";
                      default -> Character.isISOControl(c) ? " " : Character.toString(c);
                    }));
    return out.toString();
  }
}
