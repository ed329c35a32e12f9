package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
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
    assertThatThrownBy(
            () ->
                args()
                    .requireImmutableImages(true)
                    .builderImage("my-registry.io/custom-builder:latest")
                    .build())
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::message)
                    .containsExactly(
                        "builderImage: 'my-registry.io/custom-builder:latest' uses the mutable tag"
                            + " 'latest' and requireImmutableImages is true. Fix: pin a version tag"
                            + " such as v1.2.3, or better a digest (@sha256:...); a mutable tag can"
                            + " change what a running pipeline executes"));
  }

  @Test
  void pinnedImagesPassWhenImmutableImagesAreRequired() {
    assertThat(args().requireImmutableImages(true).build().requireImmutableImages()).isTrue();
  }
}
