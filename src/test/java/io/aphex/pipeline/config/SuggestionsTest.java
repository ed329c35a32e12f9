package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> KEYS = List.of("name", "region", "account", "stacks", "tests");

  @Test
  void suggestsTheKeyOneTypoAway() {
    assertThat(Suggestions.closest("regoin", KEYS)).contains("region");
    assertThat(Suggestions.closest("acount", KEYS)).contains("account");
    assertThat(Suggestions.closest("stack", KEYS)).contains("stacks");
  }

  @Test
  void ignoresCase() {
    assertThat(Suggestions.closest("REGION", KEYS)).contains("region");
    assertThat(Suggestions.closest("Name", KEYS)).contains("name");
  }

  @Test
  void allowsTwoEditsForShortInput() {
    assertThat(Suggestions.closest("nmae", KEYS)).contains("name");
    assertThat(Suggestions.closest("xyz", List.of("abc"))).isEmpty();
  }

  @Test
  void allowsAThirdOfTheLengthForLongInput() {
    List<String> candidates = List.of("environments");
    assertThat(Suggestions.closest("enviromnents", candidates)).contains("environments");
    assertThat(Suggestions.closest("envxxxxments", candidates)).contains("environments");
    assertThat(Suggestions.closest("envxxxxxments", candidates)).isEmpty();
  }

  @Test
  void returnsTheClosestAndTheFirstOnATie() {
    assertThat(Suggestions.closest("tast", List.of("test", "tests"))).contains("test");
    assertThat(Suggestions.closest("ab", List.of("xb", "ax"))).contains("xb");
  }

  @Test
  void findsNothingForUnrelatedInputOrNoCandidates() {
    assertThat(Suggestions.closest("kubernetes", KEYS)).isEmpty();
    assertThat(Suggestions.closest("name", List.of())).isEmpty();
  }
}
