package io.aphex.pipeline.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.config.Problem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImagePinningTest {

  private static final String FIX =
      ". Fix: pin a version tag such as v1.2.3, or better a digest (@sha256:...); a mutable tag"
          + " can change what a running pipeline executes";

  private static ImageSettings settings(
      String version, Optional<String> builder, Optional<String> deployer) {
    return new ImageSettings(Optional.empty(), "us-east-1", version, builder, deployer);
  }

  @Test
  void pinnedDefaultsHaveNoProblem() {
    assertThat(ImagePinning.unpinned(ImageSettings.defaults())).isEmpty();
  }

  @Test
  void latestVersionOfTheConventionIsUnpinned() {
    assertThat(ImagePinning.unpinned(settings("latest", Optional.empty(), Optional.empty())))
        .extracting(Problem::message)
        .containsExactly(
            "containerImageVersion: 'latest' is a mutable tag of the conventional"
                + " arbiter-pipeline-builder and arbiter-pipeline-deployer images"
                + FIX);
  }

  @Test
  void latestVersionNamesOnlyTheImagesStillOnTheConvention() {
    assertThat(
            ImagePinning.unpinned(
                settings("latest", Optional.of("ghcr.io/org/builder:v1"), Optional.empty())))
        .extracting(Problem::message)
        .containsExactly(
            "containerImageVersion: 'latest' is a mutable tag of the conventional"
                + " arbiter-pipeline-deployer image"
                + FIX);
  }

  @Test
  void latestVersionDoesNotMatterWhenBothImagesAreOverridden() {
    assertThat(
            ImagePinning.unpinned(settings("latest", Optional.of("a/b:v1"), Optional.of("a/c:v1"))))
        .isEmpty();
  }

  @Test
  void overridesWithLatestOrNoTagAreUnpinnedAndDigestsArePinned() {
    String digest = "ghcr.io/org/deployer@sha256:" + "a".repeat(64);

    assertThat(
            ImagePinning.unpinned(
                settings(
                    "v1.0.1", Optional.of("my-registry.io/custom-builder"), Optional.of(digest))))
        .extracting(Problem::message)
        .containsExactly(
            "builderImage: 'my-registry.io/custom-builder' has no tag, which means 'latest'" + FIX);
    assertThat(
            ImagePinning.unpinned(
                settings(
                    "v1.0.1",
                    Optional.of("my-registry.io/custom-builder:latest"),
                    Optional.of("my-registry.io/custom-deployer:latest"))))
        .extracting(Problem::message)
        .containsExactly(
            "builderImage: 'my-registry.io/custom-builder:latest' uses the mutable tag 'latest'"
                + FIX,
            "deployerImage: 'my-registry.io/custom-deployer:latest' uses the mutable tag 'latest'"
                + FIX);
  }

  @Test
  void invalidReferencesAreLeftToTheResolver() {
    assertThat(ImagePinning.unpinned(settings("v1", Optional.of("UPPER:x"), Optional.empty())))
        .isEmpty();
  }

  @Test
  void warningsAreTheMessagesPrefixedWithTheProject() {
    assertThat(ImagePinning.warnings(settings("latest", Optional.empty(), Optional.empty())))
        .containsExactly(
            "aphex-pipeline: containerImageVersion: 'latest' is a mutable tag of the conventional"
                + " arbiter-pipeline-builder and arbiter-pipeline-deployer images"
                + FIX);
  }
}
