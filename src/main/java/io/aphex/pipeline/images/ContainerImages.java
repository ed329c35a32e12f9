package io.aphex.pipeline.images;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The resolved images of the pipeline, made by {@link ImageResolver#resolve(ImageSettings,
 * String)}.
 *
 * @param builder the image of the {@code build} stage
 * @param deployer the image of every other stage
 */
public record ContainerImages(ImageReference builder, ImageReference deployer) {

  /** Creates the images; both are required. */
  public ContainerImages {
    requireNonNull(builder, "builder");
    requireNonNull(deployer, "deployer");
  }

  /**
   * Returns the ARNs of the ECR repositories of the images, to scope the pull permissions of IAM
   * policies.
   *
   * @return the repository ARNs, sorted and without duplicates; empty when neither image is in ECR
   */
  public List<String> ecrRepositoryArns() {
    return Stream.of(builder, deployer)
        .map(ImageReference::ecrRepositoryArn)
        .flatMap(Optional::stream)
        .distinct()
        .sorted()
        .toList();
  }
}
