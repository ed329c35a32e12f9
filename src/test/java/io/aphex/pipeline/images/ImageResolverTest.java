package io.aphex.pipeline.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.testing.ConfigProblems;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageResolverTest {

  private static final String STACK_ACCOUNT = "123456789012";
  private static final String SHA256 = "sha256:" + "0123456789abcdef".repeat(4);

  private static final String ACCOUNT_FIX =
      "set it to the 12-digit ID of the AWS account that holds the image repositories, e.g."
          + " pulumi config set containerImageAccount 123456789012, or leave it unset to use the"
          + " stack's account";
  private static final String REGION_FIX =
      "set it to the region of the image repositories, e.g. pulumi config set"
          + " containerImageRegion us-east-1 (the default)";
  private static final String VERSION_FIX =
      "set it to a tag of the published images, e.g. pulumi config set containerImageVersion"
          + " v1.0.1 (the default)";
  private static final String BUILDER_FIX =
      "use a reference like"
          + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1, or"
          + " leave builderImage unset to use the convention";
  private static final String DEPLOYER_FIX =
      "use a reference like"
          + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1, or"
          + " leave deployerImage unset to use the convention";

  /**
   * Image settings with the given values; {@code null} and the values left out mean the default
   * (the stack's account, region us-east-1, version v1.0.1, the images on the convention).
   */
  static ImageSettings images(String... values) {
    String[] v = java.util.Arrays.copyOf(values, 5);
    return new ImageSettings(
        Optional.ofNullable(v[0]),
        v[1] == null ? ImageSettings.DEFAULT_REGION : v[1],
        v[2] == null ? ImageSettings.DEFAULT_VERSION : v[2],
        Optional.ofNullable(v[3]),
        Optional.ofNullable(v[4]));
  }

  private static ContainerImages resolve(ImageSettings settings) {
    return ImageResolver.resolve(settings, STACK_ACCOUNT);
  }

  private static List<String> messages(ImageSettings settings) {
    return ImageResolver.validate(settings).stream().map(Problem::message).toList();
  }

  @Test
  void defaultsAreWrittenDown() {
    assertThat(ImageSettings.defaults())
        .isEqualTo(
            new ImageSettings(
                Optional.empty(), "us-east-1", "v1.0.1", Optional.empty(), Optional.empty()));
    assertThat(ImageSettings.DEFAULT_REGION).isEqualTo("us-east-1");
    assertThat(ImageSettings.DEFAULT_VERSION).isEqualTo("v1.0.1");
    assertThat(ImageSettings.BUILDER_REPOSITORY).isEqualTo("arbiter-pipeline-builder");
    assertThat(ImageSettings.DEPLOYER_REPOSITORY).isEqualTo("arbiter-pipeline-deployer");
    assertThat(ImageResolver.validate(ImageSettings.defaults())).isEmpty();
  }

  @Test
  void defaultImagesUseTheStackAccount() {
    ContainerImages images = resolve(ImageSettings.defaults());

    assertThat(images.builder())
        .hasToString(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1");
    assertThat(images.deployer())
        .hasToString(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1");
  }

  @Test
  void customAccount() {
    ContainerImages images = resolve(images("987654321098"));

    assertThat(images.builder())
        .hasToString(
            "987654321098.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1");
    assertThat(images.deployer())
        .hasToString(
            "987654321098.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1");
  }

  @Test
  void customRegion() {
    ContainerImages images = resolve(images(null, "us-west-2"));

    assertThat(images.builder())
        .hasToString(
            "123456789012.dkr.ecr.us-west-2.amazonaws.com/arbiter-pipeline-builder:v1.0.1");
    assertThat(images.deployer())
        .hasToString(
            "123456789012.dkr.ecr.us-west-2.amazonaws.com/arbiter-pipeline-deployer:v1.0.1");
  }

  @Test
  void customVersion() {
    ContainerImages images = resolve(images(null, null, "v2.0.0"));

    assertThat(images.builder())
        .hasToString(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v2.0.0");
    assertThat(images.deployer())
        .hasToString(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v2.0.0");
  }

  @Test
  void preReleaseVersionForTestPipelines() {
    ContainerImages images = resolve(images(null, null, "v2.0.0-beta"));

    assertThat(images.builder())
        .hasToString(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v2.0.0-beta");
    assertThat(images.deployer())
        .hasToString(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v2.0.0-beta");
  }

  @Test
  void combinedConfiguration() {
    ContainerImages images = resolve(images("987654321098", "eu-west-1", "v2.1.0"));

    assertThat(images.builder())
        .hasToString(
            "987654321098.dkr.ecr.eu-west-1.amazonaws.com/arbiter-pipeline-builder:v2.1.0");
    assertThat(images.deployer())
        .hasToString(
            "987654321098.dkr.ecr.eu-west-1.amazonaws.com/arbiter-pipeline-deployer:v2.1.0");
  }

  @Test
  void chinaRegionsUseTheChinaDomain() {
    ContainerImages images = resolve(images(null, "cn-north-1"));

    assertThat(images.builder())
        .hasToString(
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/arbiter-pipeline-builder:v1.0.1");
    assertThat(images.ecrRepositoryArns())
        .containsExactly(
            "arn:aws-cn:ecr:cn-north-1:123456789012:repository/arbiter-pipeline-builder",
            "arn:aws-cn:ecr:cn-north-1:123456789012:repository/arbiter-pipeline-deployer");
  }

  @Test
  void fullOverrideBypassesTheConvention() {
    ContainerImages images =
        resolve(
            images(
                "987654321098",
                null,
                "v2.1.0",
                "my-registry.io/custom-builder:latest",
                "my-registry.io/custom-deployer:latest"));

    assertThat(images.builder()).hasToString("my-registry.io/custom-builder:latest");
    assertThat(images.deployer()).hasToString("my-registry.io/custom-deployer:latest");
    assertThat(images.builder().isMutableTag()).isTrue();
  }

  @Test
  void customRegistries() {
    for (String reference :
        List.of(
            "myorg/builder:v1.0.0",
            "ghcr.io/myorg/builder:v1.0.0",
            "registry.company.com/builder:v1.0.0",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-custom-builder:v1.0.0",
            "registry.company.com:8443/builder:v1.0.0",
            "ghcr.io/myorg/builder@" + SHA256)) {
      ContainerImages images = resolve(images(null, null, null, reference, reference));

      assertThat(images.builder()).hasToString(reference);
      assertThat(images.deployer()).hasToString(reference);
    }
  }

  @Test
  void overridingOneImageLeavesTheOtherOnTheConvention() {
    ContainerImages builderOnly = resolve(images(null, null, null, "ghcr.io/myorg/builder:v1.0.0"));
    ContainerImages deployerOnly = resolve(images(null, null, null, null, "myorg/deployer:v1.0.0"));

    assertThat(builderOnly.builder()).hasToString("ghcr.io/myorg/builder:v1.0.0");
    assertThat(builderOnly.deployer())
        .hasToString(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1");
    assertThat(deployerOnly.builder())
        .hasToString(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1");
    assertThat(deployerOnly.deployer()).hasToString("myorg/deployer:v1.0.0");
  }

  @Test
  void resolvingIsDeterministic() {
    ImageSettings settings = images(null, null, "v2.0.0");

    assertThat(resolve(settings)).isEqualTo(resolve(settings));
  }

  @Test
  void rejectsAnAccountOfElevenDigits() {
    assertThat(messages(images("98765432109")))
        .containsExactly(
            "containerImageAccount: '98765432109' is not a 12-digit AWS account ID. Fix: "
                + ACCOUNT_FIX);
  }

  @Test
  void rejectsAnAccountWithLetters() {
    assertThat(messages(images("98765432109x")))
        .containsExactly(
            "containerImageAccount: '98765432109x' is not a 12-digit AWS account ID. Fix: "
                + ACCOUNT_FIX);
  }

  @Test
  void rejectsABadRegion() {
    assertThat(messages(images(null, "us-east")))
        .containsExactly(
            "containerImageRegion: 'us-east' is not an AWS region name (like us-east-1 or"
                + " eu-west-2). Fix: "
                + REGION_FIX);
  }

  @Test
  void rejectsAVersionWithASpace() {
    assertThat(messages(images(null, null, "v1 0")))
        .containsExactly(
            "containerImageVersion: 'v1 0' is not a valid image tag: it contains a space (a tag"
                + " has letters, digits, '_', '.' and '-'). Fix: "
                + VERSION_FIX);
  }

  @Test
  void rejectsAVersionStartingWithADash() {
    assertThat(messages(images(null, null, "-bad")))
        .containsExactly(
            "containerImageVersion: '-bad' is not a valid image tag: it starts with '-' (a tag"
                + " starts with a letter, digit or '_'). Fix: "
                + VERSION_FIX);
  }

  @Test
  void rejectsAVersionOf129Characters() {
    assertThat(messages(images(null, null, "v".repeat(129))))
        .containsExactly(
            "containerImageVersion: '"
                + "v".repeat(120)
                + "...' is not a valid image tag: it is 129 characters long (at most 128). Fix: "
                + VERSION_FIX);
    assertThat(messages(images(null, null, "v".repeat(128)))).isEmpty();
  }

  @Test
  void rejectsAnEmptyVersion() {
    assertThat(messages(images(null, null, "")))
        .containsExactly("containerImageVersion: '' is empty. Fix: " + VERSION_FIX);
  }

  @Test
  void rejectsAnUpperCaseOverride() {
    assertThat(messages(images(null, null, null, "UPPER/Case:1")))
        .containsExactly(
            "builderImage: 'UPPER/Case:1' is not a valid image reference: the repository has"
                + " upper-case letters (repositories are lower-case). Fix: "
                + BUILDER_FIX);
  }

  @Test
  void rejectsAnOverrideWithAnEmptyTag() {
    assertThat(messages(images(null, null, null, null, "repo:")))
        .containsExactly(
            "deployerImage: 'repo:' is not a valid image reference: the tag after ':' is empty."
                + " Fix: "
                + DEPLOYER_FIX);
  }

  @Test
  void rejectsAnOverrideWithoutARepository() {
    assertThat(messages(images(null, null, null, ":tag")))
        .containsExactly(
            "builderImage: ':tag' is not a valid image reference: it has no repository name."
                + " Fix: "
                + BUILDER_FIX);
  }

  @Test
  void rejectsAnEmptyOverride() {
    assertThat(messages(images(null, null, null, "")))
        .containsExactly("builderImage: '' is empty. Fix: " + BUILDER_FIX);
    assertThat(messages(images(null, null, null, null, "")))
        .containsExactly("deployerImage: '' is empty. Fix: " + DEPLOYER_FIX);
  }

  @Test
  void rejectsAnOverrideWithAnEmptyPathComponent() {
    assertThat(messages(images(null, null, null, null, "a//b")))
        .containsExactly(
            "deployerImage: 'a//b' is not a valid image reference: the repository has an empty"
                + " path component (a '/' at an end or two in a row). Fix: "
                + DEPLOYER_FIX);
  }

  @Test
  void rejectsAnOverrideWithABadDigest() {
    assertThat(messages(images(null, null, null, "myorg/builder@sha256:abc")))
        .containsExactly(
            "builderImage: 'myorg/builder@sha256:abc' is not a valid image reference: the sha256"
                + " digest is not 64 lower-case hex digits after 'sha256:'. Fix: "
                + BUILDER_FIX);
  }

  @Test
  void reportsEveryProblemAtOnceInTheOrderOfTheSettings() {
    ImageSettings settings =
        new ImageSettings(
            Optional.of("abc"), "mars-1", "-bad", Optional.of("UPPER/Case:1"), Optional.of("a//b"));

    assertThat(ImageResolver.validate(settings))
        .extracting(Problem::location)
        .containsExactly(
            "containerImageAccount",
            "containerImageRegion",
            "containerImageVersion",
            "builderImage",
            "deployerImage");
    assertThatThrownBy(() -> ImageResolver.resolve(settings, STACK_ACCOUNT))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).isEqualTo(ImageResolver.validate(settings)));
  }

  @Test
  void problemsCanBeRelabelled() {
    Problem problem = ImageResolver.validate(images(null, "nowhere")).get(0);

    assertThat(problem.at("aphex-pipeline:containerImageRegion").message())
        .isEqualTo(
            "aphex-pipeline:containerImageRegion: 'nowhere' is not an AWS region name (like"
                + " us-east-1 or eu-west-2). Fix: "
                + REGION_FIX);
  }

  @Test
  void rejectsABadStackAccountWhenTheConventionNeedsIt() {
    ConfigProblems.assertRefused(
        () -> ImageResolver.resolve(images(null, "nowhere"), "unknown"),
        "containerImageRegion: 'nowhere' is not an AWS region name (like"
            + " us-east-1 or eu-west-2). Fix: "
            + REGION_FIX,
        "stackAccount: 'unknown' is not a 12-digit AWS account ID. Fix: deploy"
            + " with AWS credentials of the target account, or set the image"
            + " account explicitly, e.g. pulumi config set containerImageAccount"
            + " 123456789012");
  }

  @Test
  void ignoresTheStackAccountWhenNoImageNeedsIt() {
    ContainerImages ownAccount = ImageResolver.resolve(images("987654321098"), "unknown");
    ContainerImages bothOverridden =
        ImageResolver.resolve(
            images(null, null, null, "myorg/builder:v1.0.0", "myorg/deployer:v1.0.0"), "");

    assertThat(ownAccount.builder())
        .hasToString(
            "987654321098.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1");
    assertThat(bothOverridden.deployer()).hasToString("myorg/deployer:v1.0.0");
  }
}
