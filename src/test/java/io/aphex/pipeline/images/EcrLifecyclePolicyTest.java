package io.aphex.pipeline.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.testing.ConfigProblems;
import org.junit.jupiter.api.Test;

class EcrLifecyclePolicyTest {

  @Test
  void keepsTheNewestTaggedImagesAndNeverTouchesUntaggedOnes() {
    assertThat(EcrLifecyclePolicy.keepNewest(1))
        .isEqualTo(
            "{\"rules\":[{\"rulePriority\":1,\"description\":\"Keep the newest 1 versions\","
                + "\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*\"],"
                + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1},"
                + "\"action\":{\"type\":\"expire\"}}]}");
    assertThat(EcrLifecyclePolicy.keepNewest(EcrLifecyclePolicy.DEFAULT_KEEP_VERSIONS))
        .contains("\"countNumber\":20")
        .doesNotContain("untagged");
  }

  @Test
  void refusesANumberOutOfRange() {
    ConfigProblems.assertRefused(
        () -> EcrLifecyclePolicy.keepNewest(-3),
        "keepVersions: '-3' is not between 1 and 1000. Fix: keep at least the versions pipelines"
            + " still run, e.g. 20 (the default)");
    assertThat(EcrLifecyclePolicy.check(1000)).isEmpty();
  }
}
