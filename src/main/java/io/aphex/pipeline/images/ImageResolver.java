package io.aphex.pipeline.images;

import static io.aphex.pipeline.images.ImageSettings.BUILDER_REPOSITORY;
import static io.aphex.pipeline.images.ImageSettings.DEPLOYER_REPOSITORY;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.NameRules;
import io.aphex.pipeline.config.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates {@link ImageSettings} and turns them into the pipeline's {@link ContainerImages}. Both
 * steps are pure: no AWS call is made and nothing checks that the images exist.
 *
 * <p>Each {@link Problem} is located at the setting name ({@code containerImageAccount}, {@code
 * containerImageRegion}, {@code containerImageVersion}, {@code builderImage}, {@code
 * deployerImage}, or {@value #STACK_ACCOUNT}); callers relabel it with {@link Problem#at(String)}
 * to point at a stack config key or a component argument.
 */
public final class ImageResolver {

  /** The location of a problem with the stack account passed to {@link #resolve}. */
  public static final String STACK_ACCOUNT = "stackAccount";

  private ImageResolver() {}

  /**
   * Checks the settings: the account is 12 digits, the region an AWS region name, the version an
   * image tag (see {@link ImageReference#checkTag(String)}) and each override a valid image
   * reference (see {@link ImageReference#check(String)}; an empty string is invalid).
   *
   * @param settings the settings to check
   * @return every problem found, in the order of the settings; empty when the settings are valid
   */
  public static List<Problem> validate(ImageSettings settings) {
    List<Problem> problems = new ArrayList<>();
    settings
        .containerImageAccount()
        .ifPresent(
            account ->
                NameRules.awsAccount(account)
                    .ifPresent(
                        rule ->
                            problems.add(
                                new Problem(
                                    "containerImageAccount",
                                    account,
                                    rule,
                                    "set it to the 12-digit ID of the AWS account that holds the"
                                        + " image repositories, e.g. pulumi config set"
                                        + " containerImageAccount 123456789012, or leave it unset"
                                        + " to use the stack's account"))));
    NameRules.awsRegion(settings.containerImageRegion())
        .ifPresent(
            rule ->
                problems.add(
                    new Problem(
                        "containerImageRegion",
                        settings.containerImageRegion(),
                        rule,
                        "set it to the region of the image repositories, e.g. pulumi config set"
                            + " containerImageRegion "
                            + ImageSettings.DEFAULT_REGION
                            + " (the default)")));
    ImageReference.checkTag(settings.containerImageVersion())
        .ifPresent(
            rule ->
                problems.add(
                    new Problem(
                        "containerImageVersion",
                        settings.containerImageVersion(),
                        rule,
                        "set it to a tag of the published images, e.g. pulumi config set"
                            + " containerImageVersion "
                            + ImageSettings.DEFAULT_VERSION
                            + " (the default)")));
    checkOverride("builderImage", settings.builderImage(), BUILDER_REPOSITORY)
        .ifPresent(problems::add);
    checkOverride("deployerImage", settings.deployerImage(), DEPLOYER_REPOSITORY)
        .ifPresent(problems::add);
    return problems;
  }

  /**
   * Resolves the images. An override is used as written; an image on the convention is {@code
   * <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<version>} (the host ends in {@code
   * .amazonaws.com.cn} for a {@code cn-*} region), where the account is {@code
   * containerImageAccount} or, by default, {@code stackAccount}.
   *
   * @param settings the image settings
   * @param stackAccount the 12-digit AWS account the stack deploys into; checked only when an image
   *     on the convention needs it, i.e. when {@code containerImageAccount} is unset
   * @return the builder and deployer images
   * @throws ConfigException with every problem of {@link #validate(ImageSettings)} and of {@code
   *     stackAccount} (located at {@value #STACK_ACCOUNT})
   */
  public static ContainerImages resolve(ImageSettings settings, String stackAccount) {
    List<Problem> problems = new ArrayList<>(validate(settings));
    boolean conventionNeedsStackAccount =
        settings.containerImageAccount().isEmpty()
            && (settings.builderImage().isEmpty() || settings.deployerImage().isEmpty());
    if (conventionNeedsStackAccount) {
      NameRules.awsAccount(stackAccount)
          .ifPresent(
              rule ->
                  problems.add(
                      new Problem(
                          STACK_ACCOUNT,
                          stackAccount,
                          rule,
                          "deploy with AWS credentials of the target account, or set the image"
                              + " account explicitly, e.g. pulumi config set"
                              + " containerImageAccount 123456789012")));
    }
    ConfigException.throwIfAny(problems);
    String account = settings.containerImageAccount().orElse(stackAccount);
    return new ContainerImages(
        settings
            .builderImage()
            .map(ImageReference::parse)
            .orElseGet(() -> conventional(account, settings, BUILDER_REPOSITORY)),
        settings
            .deployerImage()
            .map(ImageReference::parse)
            .orElseGet(() -> conventional(account, settings, DEPLOYER_REPOSITORY)));
  }

  private static Optional<Problem> checkOverride(
      String setting, Optional<String> reference, String repository) {
    return reference.flatMap(
        value ->
            ImageReference.check(value)
                .map(
                    rule ->
                        new Problem(
                            setting,
                            value,
                            rule,
                            "use a reference like 123456789012.dkr.ecr.us-east-1.amazonaws.com/"
                                + repository
                                + ":"
                                + ImageSettings.DEFAULT_VERSION
                                + ", or leave "
                                + setting
                                + " unset to use the convention")));
  }

  /**
   * Returns the host of an account's ECR registry in a region, the first part of the convention.
   *
   * @param account the 12-digit account ID
   * @param region the region, e.g. {@code us-east-1}
   * @return {@code <account>.dkr.ecr.<region>.amazonaws.com}, or {@code .amazonaws.com.cn} for a
   *     {@code cn-*} region
   */
  public static String ecrRegistry(String account, String region) {
    String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return account + ".dkr.ecr." + region + "." + domain;
  }

  private static ImageReference conventional(
      String account, ImageSettings settings, String repository) {
    return ImageReference.parse(
        ecrRegistry(account, settings.containerImageRegion())
            + "/"
            + repository
            + ":"
            + settings.containerImageVersion());
  }
}
