package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Locations of a code point, as the YAML reader reports a character it refuses: lines are counted
 * as SnakeYAML counts them (CR LF is one break; a lone CR, NEL, LS and PS each one), and columns in
 * code points, not UTF-16 chars.
 */
class SourceTest {

  @Test
  void countsLinesAsYamlDoes() {
    Source source = new Source("f.yaml", "a: 1\r\nb: 2\rc: 3\u0085d: 4\u2028e: \u0007");

    assertThat(source.location(source.text().indexOf('\u0007')))
        .isEqualTo("f.yaml line 5, column 4");
  }

  @Test
  void countsColumnsInCodePoints() {
    // The emoji is two chars but one code point, which is what the reader's position counts.
    String text = "a: 1\nb: \uD83D\uDE00\u0007";
    Source source = new Source("f.yaml", text);

    assertThat(source.location(text.codePointCount(0, text.indexOf('\u0007'))))
        .isEqualTo("f.yaml line 2, column 5");
  }
}
