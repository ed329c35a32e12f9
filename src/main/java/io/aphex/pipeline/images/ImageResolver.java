package io.aphex.pipeline.images;

import static io.aphex.pipeline.images.ImageSettings.BUILDER_REPOSITORY;
import static io.aphex.pipeline.images.ImageSettings.DEPLOYER_REPOSITORY;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.NameRules;
import io.aphex.pipeline.config.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
    check(
        problems,
        "containerImageAccount",
        settings.containerImageAccount(),
        NameRules::awsAccount,
        "set it to the 12-digit ID of the AWS account that holds the image repositories, e.g."
            + " pulumi config set containerImageAccount 123456789012, or leave it unset to use the"
            + " stack's account");
    check(
        problems,
        "containerImageRegion",
        Optional.of(settings.containerImageRegion()),
        NameRules::awsRegion,
        "set it to the region of the image repositories, e.g. pulumi config set"
            + " containerImageRegion "
            + ImageSettings.DEFAULT_REGION
            + " (the default)");
    check(
        problems,
        "containerImageVersion",
        Optional.of(settings.containerImageVersion()),
        ImageReference::checkTag,
        "set it to a tag of the published images, e.g. pulumi config set containerImageVersion "
            + ImageSettings.DEFAULT_VERSION
            + " (the default)");
    checkOverride(problems, "builderImage", settings.builderImage(), BUILDER_REPOSITORY);
    checkOverride(problems, "deployerImage", settings.deployerImage(), DEPLOYER_REPOSITORY);
    return problems;
  }

  private static void checkOverride(
      List<Problem> problems, String setting, Optional<String> reference, String repository) {
    check(
        problems,
        setting,
        reference,
        ImageReference::check,
        ("use a reference like 123456789012.dkr.ecr.us-east-1.amazonaws.com/%s:%s, or leave %s"
                + " unset to use the convention")
            .formatted(repository, ImageSettings.DEFAULT_VERSION, setting));
  }

  /** Adds the problem of a set value that breaks its rule. */
  private static void check(
      List<Problem> problems,
      String setting,
      Optional<String> value,
      Function<String, Optional<String>> rule,
      String fix) {
    value.ifPresent(
        v -> rule.apply(v).ifPresent(r -> problems.add(new Problem(setting, v, r, fix))));
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
    List<Problem> problems = validate(settings);
    boolean conventionNeedsStackAccount =
        settings.containerImageAccount().isEmpty()
            && (settings.builderImage().isEmpty() || settings.deployerImage().isEmpty());
    check(
        problems,
        STACK_ACCOUNT,
        conventionNeedsStackAccount ? Optional.of(stackAccount) : Optional.empty(),
        NameRules::awsAccount,
        "deploy with AWS credentials of the target account, or set the image account explicitly,"
            + " e.g. pulumi config set containerImageAccount 123456789012");
    ConfigException.throwIfAny(problems);
    String registry =
        ecrRegistry(
            settings.containerImageAccount().orElse(stackAccount), settings.containerImageRegion());
    String tag = ":" + settings.containerImageVersion();
    return new ContainerImages(
        ImageReference.parse(
            settings.builderImage().orElse(registry + "/" + BUILDER_REPOSITORY + tag)),
        ImageReference.parse(
            settings.deployerImage().orElse(registry + "/" + DEPLOYER_REPOSITORY + tag)));
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
}
