package io.aphex.pipeline.images;

import io.aphex.pipeline.config.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds images that are not pinned: a reference without a tag or digest, or with the tag {@code
 * latest}, can change under a running pipeline (container-images.md, "Version Pinning"). By
 * default they are warnings; with {@code requireImmutableImages} they are errors. Digests ({@code
 * @sha256:...}) are always accepted and are the most reproducible choice.
 */
public final class ImagePinning {

  private static final String ADVICE =
      "pin a version tag such as v1.2.3, or better a digest (@sha256:...); a mutable tag can"
          + " change what a running pipeline executes";

  private ImagePinning() {}

  /**
   * Returns one problem per unpinned image setting. Invalid references are left to {@link
   * ImageResolver#validate(ImageSettings)}.
   *
   * @param settings the image settings
   * @return problems located at {@code containerImageVersion}, {@code builderImage} or {@code
   *     deployerImage}; empty when every image is pinned
   */
  public static List<Problem> unpinned(ImageSettings settings) {
    List<String> conventional = new ArrayList<>();
    if (settings.builderImage().isEmpty()) {
      conventional.add(ImageSettings.BUILDER_REPOSITORY);
    }
    if (settings.deployerImage().isEmpty()) {
      conventional.add(ImageSettings.DEPLOYER_REPOSITORY);
    }
    List<Problem> problems = new ArrayList<>();
    if (!conventional.isEmpty() && settings.containerImageVersion().equals("latest")) {
      problems.add(
          new Problem(
              "containerImageVersion",
              settings.containerImageVersion(),
              "is a mutable tag of the conventional "
                  + String.join(" and ", conventional)
                  + (conventional.size() == 1 ? " image" : " images"),
              ADVICE));
    }
    override("builderImage", settings.builderImage()).ifPresent(problems::add);
    override("deployerImage", settings.deployerImage()).ifPresent(problems::add);
    return problems;
  }

  /**
   * Formats the problems as the warnings {@code pulumi up} prints.
   *
   * @param settings the image settings
   * @return one line per unpinned image
   */
  public static List<String> warnings(ImageSettings settings) {
    return unpinned(settings).stream().map(p -> "aphex-pipeline: " + p.message()).toList();
  }

  private static Optional<Problem> override(String setting, Optional<String> reference) {
    return reference
        .filter(r -> ImageReference.check(r).isEmpty())
        .map(ImageReference::parse)
        .filter(ImageReference::isMutableTag)
        .map(
            image ->
                new Problem(
                    setting,
                    image.toString(),
                    image.tag().isPresent()
                        ? "uses the mutable tag 'latest'"
                        : "has no tag, which means 'latest'",
                    ADVICE));
  }
}
