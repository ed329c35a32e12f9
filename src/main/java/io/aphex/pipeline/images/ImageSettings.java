package io.aphex.pipeline.images;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The container image inputs of the pipeline, as the user gave them (unvalidated; see {@link
 * ImageResolver#validate(ImageSettings)}). By convention both images live in ECR at {@code
 * <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<version>}, with the repositories {@value
 * #BUILDER_REPOSITORY} and {@value #DEPLOYER_REPOSITORY}.
 *
 * @param containerImageAccount the AWS account of the ECR registry; default: empty, meaning the
 *     account the stack deploys into, which the caller passes to {@link
 *     ImageResolver#resolve(ImageSettings, String)}
 * @param containerImageRegion the AWS region of the ECR registry; default {@value #DEFAULT_REGION},
 *     independent of the region the stack deploys into
 * @param containerImageVersion the image tag; default {@value #DEFAULT_VERSION}
 * @param builderImage a full image reference for the {@code build} stage that bypasses the
 *     convention; default: empty, meaning the conventional builder image
 * @param deployerImage a full image reference for every other stage that bypasses the convention;
 *     default: empty, meaning the conventional deployer image. Overriding one image leaves the
 *     other on the convention.
 */
public record ImageSettings(
    Optional<String> containerImageAccount,
    String containerImageRegion,
    String containerImageVersion,
    Optional<String> builderImage,
    Optional<String> deployerImage) {

  /** The default {@code containerImageRegion}. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** The default {@code containerImageVersion}. */
  public static final String DEFAULT_VERSION = "v1.0.1";

  /** The ECR repository of the conventional builder image. */
  public static final String BUILDER_REPOSITORY = "arbiter-pipeline-builder";

  /** The ECR repository of the conventional deployer image. */
  public static final String DEPLOYER_REPOSITORY = "arbiter-pipeline-deployer";

  /** Creates the settings; every component is required (use empty optionals for defaults). */
  public ImageSettings {
    requireNonNull(containerImageAccount, "containerImageAccount");
    requireNonNull(containerImageRegion, "containerImageRegion");
    requireNonNull(containerImageVersion, "containerImageVersion");
    requireNonNull(builderImage, "builderImage");
    requireNonNull(deployerImage, "deployerImage");
  }

  /**
   * Returns the defaults: the stack's account, region {@value #DEFAULT_REGION}, version {@value
   * #DEFAULT_VERSION} and both images on the convention.
   *
   * @return the default settings
   */
  public static ImageSettings defaults() {
    return new ImageSettings(
        Optional.empty(), DEFAULT_REGION, DEFAULT_VERSION, Optional.empty(), Optional.empty());
  }
}
