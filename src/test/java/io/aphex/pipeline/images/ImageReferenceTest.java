package io.aphex.pipeline.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  private static final String SHA256 = "sha256:" + "0123456789abcdef".repeat(4);
  private static final String SHA512 = "sha512:" + "0123456789abcdef".repeat(8);

  static Stream<Arguments> validReferences() {
    return Stream.of(
        Arguments.of(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com",
            "arbiter-pipeline-builder",
            "v1.0.1",
            null),
        Arguments.of(
            "my-registry.io/custom-builder:latest",
            "my-registry.io",
            "custom-builder",
            "latest",
            null),
        Arguments.of("myorg/builder:v1.0.0", null, "myorg/builder", "v1.0.0", null),
        Arguments.of("ghcr.io/myorg/builder:v1.0.0", "ghcr.io", "myorg/builder", "v1.0.0", null),
        Arguments.of(
            "registry.company.com/builder:v1.0.0",
            "registry.company.com",
            "builder",
            "v1.0.0",
            null),
        Arguments.of(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-custom-builder:v1.0.0",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com",
            "my-custom-builder",
            "v1.0.0",
            null),
        Arguments.of("ubuntu", null, "ubuntu", null, null),
        Arguments.of("builder:v2.0.0-beta", null, "builder", "v2.0.0-beta", null),
        Arguments.of("localhost/builder", "localhost", "builder", null, null),
        Arguments.of("localhost:5000/builder:v1", "localhost:5000", "builder", "v1", null),
        Arguments.of(
            "registry.company.com:8443/team/builder:v1.0.0",
            "registry.company.com:8443",
            "team/builder",
            "v1.0.0",
            null),
        Arguments.of("10.0.0.7:5000/builder:v1", "10.0.0.7:5000", "builder", "v1", null),
        Arguments.of("[fd00::1]:5000/builder:v1", "[fd00::1]:5000", "builder", "v1", null),
        Arguments.of("Registry.Company.COM/builder", "Registry.Company.COM", "builder", null, null),
        Arguments.of("localhost:5000", null, "localhost", "5000", null),
        Arguments.of("myorg/builder@" + SHA256, null, "myorg/builder", null, SHA256),
        Arguments.of(
            "ghcr.io/myorg/builder:v1.0.0@" + SHA256, "ghcr.io", "myorg/builder", "v1.0.0", SHA256),
        Arguments.of("myorg/builder@" + SHA512, null, "myorg/builder", null, SHA512),
        Arguments.of(
            "my_org/a__b/c--d/e.f/g-h:_Tag.1-x",
            null,
            "my_org/a__b/c--d/e.f/g-h",
            "_Tag.1-x",
            null),
        Arguments.of("builder:" + "a".repeat(128), null, "builder", "a".repeat(128), null),
        Arguments.of("a".repeat(255), null, "a".repeat(255), null, null));
  }

  @ParameterizedTest
  @MethodSource("validReferences")
  void parsesTheDistributionGrammar(
      String reference, String registry, String repository, String tag, String digest) {
    ImageReference image = ImageReference.parse(reference);

    assertThat(image.registry()).isEqualTo(Optional.ofNullable(registry));
    assertThat(image.repository()).isEqualTo(repository);
    assertThat(image.tag()).isEqualTo(Optional.ofNullable(tag));
    assertThat(image.digest()).isEqualTo(Optional.ofNullable(digest));
    assertThat(image).hasToString(reference);
    assertThat(ImageReference.check(reference)).isEmpty();
  }

  @Test
  void keepsTheReferenceAsWritten() {
    ImageReference image = ImageReference.parse("myorg/builder:v1.0.0");

    assertThat(image.toString()).isEqualTo("myorg/builder:v1.0.0");
    assertThat(image.registry()).isEmpty();
    assertThat(image).isEqualTo(ImageReference.parse("myorg/builder:v1.0.0"));
    assertThat(image).hasSameHashCodeAs(ImageReference.parse("myorg/builder:v1.0.0"));
    assertThat(image).isNotEqualTo(ImageReference.parse("docker.io/myorg/builder:v1.0.0"));
  }

  static Stream<Arguments> invalidReferences() {
    String notValid = "is not a valid image reference: ";
    String pathComponent =
        " is invalid (lower-case letters and digits, joined by one '.', one or two '_' or any"
            + " number of '-')";
    String emptyComponent =
        notValid + "the repository has an empty path component (a '/' at an end or two in a row)";
    return Stream.of(
        Arguments.of("", "is empty"),
        Arguments.of(
            "UPPER/Case:1",
            notValid + "the repository has upper-case letters (repositories are lower-case)"),
        Arguments.of("repo:", notValid + "the tag after ':' is empty"),
        Arguments.of(":tag", notValid + "it has no repository name"),
        Arguments.of("@" + SHA256, notValid + "it has no repository name"),
        Arguments.of("a//b", emptyComponent),
        Arguments.of("/a", emptyComponent),
        Arguments.of("a/", emptyComponent),
        Arguments.of("ghcr.io/", emptyComponent),
        Arguments.of(
            "repo@sha256:abc",
            notValid + "the sha256 digest is not 64 lower-case hex digits after 'sha256:'"),
        Arguments.of(
            "repo@sha256:" + "A".repeat(64),
            notValid + "the sha256 digest is not 64 lower-case hex digits after 'sha256:'"),
        Arguments.of(
            "repo@sha512:" + "a".repeat(64),
            notValid + "the sha512 digest is not 128 lower-case hex digits after 'sha512:'"),
        Arguments.of(
            "repo@md5:abc",
            notValid
                + "the digest after '@' does not start with sha256:, sha384: or sha512: (write it"
                + " as sha256: followed by 64 lower-case hex digits)"),
        Arguments.of(
            "repo@",
            notValid
                + "the digest after '@' does not start with sha256:, sha384: or sha512: (write it"
                + " as sha256: followed by 64 lower-case hex digits)"),
        Arguments.of(
            "repo:v1 0",
            notValid + "the tag contains a space (a tag has letters, digits, '_', '.' and '-')"),
        Arguments.of(
            "repo:v1+build",
            notValid + "the tag contains '+' (a tag has letters, digits, '_', '.' and '-')"),
        Arguments.of(
            "repo:-x",
            notValid + "the tag starts with '-' (a tag starts with a letter, digit or '_')"),
        Arguments.of(
            "repo:.x",
            notValid + "the tag starts with '.' (a tag starts with a letter, digit or '_')"),
        Arguments.of(
            "repo:" + "a".repeat(129), notValid + "the tag is 129 characters long (at most 128)"),
        Arguments.of("a..b", notValid + "the repository path component 'a..b'" + pathComponent),
        Arguments.of("a___b", notValid + "the repository path component 'a___b'" + pathComponent),
        Arguments.of("org/-a", notValid + "the repository path component '-a'" + pathComponent),
        Arguments.of("a-/b", notValid + "the repository path component 'a-'" + pathComponent),
        Arguments.of(
            "my repo",
            notValid
                + "the repository contains a space (a repository has lower-case letters, digits,"
                + " '.', '_', '-' and '/')"),
        Arguments.of(
            "repo\nx",
            notValid
                + "the repository contains U+000A (a repository has lower-case letters, digits,"
                + " '.', '_', '-' and '/')"),
        Arguments.of(
            "my_registry.io/builder",
            notValid
                + "the registry 'my_registry.io' is not a host name with an optional port (like"
                + " registry.example.com:5000)"),
        Arguments.of(
            "my registry.io/builder",
            notValid
                + "the registry 'my registry.io' is not a host name with an optional port (like"
                + " registry.example.com:5000)"),
        Arguments.of(
            "my\tregistry.io\u200b/builder",
            notValid
                + "the registry 'my\\tregistry.io\\u200b' is not a host name with an optional"
                + " port (like registry.example.com:5000)"),
        Arguments.of(
            "registry.io:https/builder",
            notValid
                + "the registry 'registry.io:https' is not a host name with an optional port"
                + " (like registry.example.com:5000)"),
        Arguments.of(
            "https://ghcr.io/myorg/builder",
            notValid + "it starts with a URL scheme, which image references do not have"),
        Arguments.of(
            "a".repeat(256),
            notValid + "the name is 256 characters long (at most 255 for registry and repository)"),
        Arguments.of(
            "ghcr.io/" + "a".repeat(248) + ":v1",
            notValid
                + "the name is 256 characters long (at most 255 for registry and repository)"));
  }

  @ParameterizedTest
  @MethodSource("invalidReferences")
  void explainsAnInvalidReference(String reference, String rule) {
    assertThat(ImageReference.check(reference)).contains(rule);
    assertThatThrownBy(() -> ImageReference.parse(reference))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new Problem(
                            "image reference",
                            reference,
                            rule,
                            "write it as [registry/]repository[:tag][@sha256:digest], e.g."
                                + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/"
                                + "arbiter-pipeline-builder:v1.0.1")));
  }

  @Test
  void parseReportsTheProblemAsAMessage() {
    assertThatThrownBy(() -> ImageReference.parse("repo:"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n"
                + "  1. image reference: 'repo:' is not a valid image reference: the tag after"
                + " ':' is empty. Fix: write it as [registry/]repository[:tag][@sha256:digest],"
                + " e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/"
                + "arbiter-pipeline-builder:v1.0.1");
  }

  /**
   * The patterns do work linear in the input on inputs that almost match, the classic trigger of
   * catastrophic backtracking: counted as the characters the regex engine reads, not as time.
   */
  @Test
  void refusesPathologicalInputInLinearWork() {
    // Names are checked against NAME_MAX_LENGTH first, so these are the longest inputs it sees.
    assertThat(reads(ImageReference.REGISTRY, "a-b".repeat(84) + "-")).isLessThan(4L * 253);
    assertThat(reads(ImageReference.PATH_COMPONENT, "a-".repeat(126) + "-")).isLessThan(4L * 253);
    assertThat(reads(ImageReference.PATH_COMPONENT, "a".repeat(250) + "..b")).isLessThan(4L * 253);
    assertThat(reads(ImageReference.TAG, "a".repeat(127) + " ")).isLessThan(4L * 128);
    // The measure tells: a pattern that backtracks reads quadratically many characters.
    assertThat(reads(Pattern.compile("a*a*b"), "a".repeat(250))).isGreaterThan(4L * 250 * 10);
    assertThat(ImageReference.check("a-b".repeat(80) + "-")).isPresent();
    assertThat(ImageReference.check("a".repeat(250) + "-")).isPresent();
    assertThat(ImageReference.check("a".repeat(200) + "..b/c")).isPresent();
  }

  /** How many characters the pattern reads to decide that the whole input does not match. */
  private static long reads(Pattern pattern, String input) {
    long[] count = {0};
    CharSequence counting =
        new CharSequence() {
          @Override
          public int length() {
            return input.length();
          }

          @Override
          public char charAt(int index) {
            count[0]++;
            return input.charAt(index);
          }

          @Override
          public CharSequence subSequence(int start, int end) {
            return input.subSequence(start, end);
          }

          @Override
          public String toString() {
            return input;
          }
        };
    assertThat(pattern.matcher(counting).matches()).isFalse();
    return count[0];
  }

  @Test
  void checksATagOnItsOwn() {
    assertThat(ImageReference.checkTag("v1.0.1")).isEmpty();
    assertThat(ImageReference.checkTag("v2.0.0-beta")).isEmpty();
    assertThat(ImageReference.checkTag("a".repeat(128))).isEmpty();
    assertThat(ImageReference.checkTag("")).contains("is empty");
    assertThat(ImageReference.checkTag("v1 0"))
        .contains(
            "is not a valid image tag: it contains a space (a tag has letters, digits, '_', '.'"
                + " and '-')");
    assertThat(ImageReference.checkTag("-bad"))
        .contains(
            "is not a valid image tag: it starts with '-' (a tag starts with a letter, digit or"
                + " '_')");
    assertThat(ImageReference.checkTag("a".repeat(129)))
        .contains("is not a valid image tag: it is 129 characters long (at most 128)");
    assertThat(ImageReference.checkTag("v1:0"))
        .contains(
            "is not a valid image tag: it contains ':' (a tag has letters, digits, '_', '.' and"
                + " '-')");
  }

  @ParameterizedTest
  @ValueSource(strings = {"myorg/builder", "myorg/builder:latest", "ghcr.io/myorg/builder:latest"})
  void aMissingOrLatestTagIsMutable(String reference) {
    assertThat(ImageReference.parse(reference).isMutableTag()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "myorg/builder:v1.0.0",
        "myorg/builder:Latest",
        "myorg/builder@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "myorg/builder:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void aPinnedTagOrADigestIsNotMutable(String reference) {
    assertThat(ImageReference.parse(reference).isMutableTag()).isFalse();
  }

  static Stream<Arguments> ecrImages() {
    return Stream.of(
        Arguments.of(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1",
            "123456789012",
            "us-east-1",
            "arn:aws:ecr:us-east-1:123456789012:repository/arbiter-pipeline-builder"),
        Arguments.of(
            "987654321098.dkr.ecr.eu-west-1.amazonaws.com/team/deployer@" + SHA256,
            "987654321098",
            "eu-west-1",
            "arn:aws:ecr:eu-west-1:987654321098:repository/team/deployer"),
        Arguments.of(
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/arbiter-pipeline-builder:v1.0.1",
            "123456789012",
            "cn-north-1",
            "arn:aws-cn:ecr:cn-north-1:123456789012:repository/arbiter-pipeline-builder"),
        Arguments.of(
            "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1",
            "123456789012",
            "us-gov-west-1",
            "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/arbiter-pipeline-builder"),
        Arguments.of(
            "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1",
            "123456789012",
            "us-east-1",
            "arn:aws:ecr:us-east-1:123456789012:repository/arbiter-pipeline-builder"));
  }

  @ParameterizedTest
  @MethodSource("ecrImages")
  void recognizesEcrImages(String reference, String account, String region, String arn) {
    ImageReference image = ImageReference.parse(reference);

    assertThat(image.isEcr()).isTrue();
    assertThat(image.ecrAccount()).contains(account);
    assertThat(image.ecrRegion()).contains(region);
    assertThat(image.ecrRepositoryArn()).contains(arn);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "myorg/builder:v1.0.0",
        "ghcr.io/myorg/builder:v1.0.0",
        "registry.company.com/builder:v1.0.0",
        "public.ecr.aws/aphex/builder:latest",
        "12345678901.dkr.ecr.us-east-1.amazonaws.com/builder:v1",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com.cn/builder:v1",
        "123456789012.dkr.ecr.cn-north-1.amazonaws.com/builder:v1",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com:443/builder:v1",
        "123456789012.dkr.ecr.moon-base-1.amazonaws.com/builder:v1",
        "123456789012.dkr.ecr.us-iso-east-1.amazonaws.com/builder:v1"
      })
  void otherRegistriesAreNotEcr(String reference) {
    ImageReference image = ImageReference.parse(reference);

    assertThat(image.isEcr()).isFalse();
    assertThat(image.ecrAccount()).isEmpty();
    assertThat(image.ecrRegion()).isEmpty();
    assertThat(image.ecrRepositoryArn()).isEmpty();
  }
}
