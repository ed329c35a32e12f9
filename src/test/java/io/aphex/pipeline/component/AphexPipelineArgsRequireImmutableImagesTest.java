package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.testing.ConfigProblems;
import io.aphex.pipeline.testing.SampleConfigs;
import org.junit.jupiter.api.Test;

class AphexPipelineArgsRequireImmutableImagesTest {

  private static AphexPipelineArgs.Builder args() {
    return SampleConfigs.sampleArgs();
  }

  @Test
  void unpinnedImagesAreAcceptedByDefault() {
    assertThat(args().containerImageVersion("latest").build().requireImmutableImages()).isFalse();
  }

  @Test
  void unpinnedImagesAreErrorsWhenImmutableImagesAreRequired() {
    ConfigProblems.assertRefused(
        () ->
            args()
                .requireImmutableImages(true)
                .builderImage("my-registry.io/custom-builder:latest")
                .build(),
        "builderImage: 'my-registry.io/custom-builder:latest' uses the mutable tag"
            + " 'latest' and requireImmutableImages is true. Fix: pin a version tag"
            + " such as v1.2.3, or better a digest (@sha256:...); a mutable tag can"
            + " change what a running pipeline executes");
  }

  @Test
  void pinnedImagesPassWhenImmutableImagesAreRequired() {
    assertThat(args().requireImmutableImages(true).build().requireImmutableImages()).isTrue();
  }
}
