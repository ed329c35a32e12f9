package io.aphex.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.testing.SampleConfigs;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionLineTest {

  @Test
  void theSampleIsAChain() {
    assertThat(PromotionLine.of(ReviewFixtures.view(SampleConfigs.referenceSample())))
        .isEqualTo("dev → staging → prod");
  }

  @Test
  void parallelEnvironmentsShareBracesAndOneThatWaitsForPartOfAWaveSaysWhatItWaitsFor() {
    assertThat(PromotionLine.of(ReviewFixtures.view(ReviewFixtures.fanOut())))
        .isEqualTo("dev → staging → {prod-us (approval), prod-eu} → dr (after prod-us)");
  }

  @Test
  void independentRootsAndAJoin() {
    PipelineConfig config =
        new PipelineConfig(
            "1.0",
            List.of("make"),
            List.of(
                ReviewFixtures.environment("a", Optional.empty(), false, ReviewFixtures.stack("S")),
                ReviewFixtures.environment(
                    "b", Optional.of(List.of()), true, ReviewFixtures.stack("S")),
                ReviewFixtures.environment(
                    "c", Optional.of(List.of("b", "a")), false, ReviewFixtures.stack("S"))));

    assertThat(PromotionLine.of(ReviewFixtures.view(config))).isEqualTo("{a, b (approval)} → c");
  }
}
