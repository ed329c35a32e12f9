package io.aphex.pipeline.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code containers/build.sh}, run with bash against stand-ins for {@code aws} and {@code docker}
 * that record their arguments (there is no Docker daemon, registry or AWS here): the names it
 * publishes are the ones {@link ImageResolver} resolves for the same settings, and it refuses what
 * it must refuse before anything is built or pushed.
 */
@Execution(ExecutionMode.CONCURRENT)
class ContainerBuildScriptTest {

  private static final String CALLER_ACCOUNT = "123456789012";

  /** Answers the calls build.sh makes; STUB_* variables choose the failures. */
  private static final String AWS =
      """
      #!/bin/bash
      printf 'aws %s\\n' "$*" >>"$STUB_LOG"
      case "$1 $2" in
        'sts get-caller-identity') echo "$STUB_CALLER_ACCOUNT" ;;
        'ecr describe-repositories')
          if [[ -n "${STUB_NO_REPOSITORY:-}" ]]; then
            echo 'An error occurred (RepositoryNotFoundException)' >&2
            exit 254
          fi ;;
        'ecr describe-images') [[ -n "${STUB_TAG_EXISTS:-}" ]] || exit 254 ;;
        'ecr get-login-password') echo 'ecr-password' ;;
      esac
      """;

  /** buildx build writes the index digest (the SHA-256 of the tag) into its metadata file. */
  private static final String DOCKER =
      """
      #!/bin/bash
      printf 'docker %s\\n' "$*" >>"$STUB_LOG"
      case "$1 $2" in
        'buildx version') echo 'github.com/docker/buildx v0.19.3' ;;
        'buildx inspect') printf 'Name:   aphex\\nDriver: docker-container\\nPlatforms: %s\\n' "$STUB_PLATFORMS" ;;
        'buildx build')
          while (($#)); do
            case "$1" in
              --tag) tag="$2" ;;
              --metadata-file) metadata="$2" ;;
            esac
            shift
          done
          digest="$(printf '%s' "${tag}" | sha256sum | cut -d' ' -f1)"
          printf '{"containerimage.digest": "sha256:%s"}' "${digest}" >"${metadata}" ;;
        'login --username') [[ "$(cat)" == ecr-password ]] ;;
      esac
      """;

  @TempDir Path stubs;

  private record Result(int exit, String stdout, String stderr, List<String> calls) {}

  private Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Files.writeString(stubs.resolve("aws"), AWS);
    Files.writeString(stubs.resolve("docker"), DOCKER);
    for (String stub : List.of("aws", "docker")) {
      Files.setPosixFilePermissions(
          stubs.resolve(stub), PosixFilePermissions.fromString("rwx------"));
    }
    Path log = stubs.resolve("calls.log");
    Files.writeString(log, "");
    List<String> command = new ArrayList<>(List.of("bash", "containers/build.sh"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
    builder.environment().put("STUB_LOG", log.toString());
    builder.environment().put("STUB_CALLER_ACCOUNT", CALLER_ACCOUNT);
    builder
        .environment()
        .put("STUB_PLATFORMS", "linux/amd64, linux/amd64/v2, linux/arm64, linux/386");
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), stdout, stderr, Files.readAllLines(log));
  }

  private Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  /** The spec's examples (container-images.md), and a China region. */
  static Stream<Arguments> conventionExamples() {
    ImageSettings defaults = ImageSettings.defaults();
    return Stream.of(
        Arguments.of(List.of(), defaults),
        Arguments.of(
            List.of("--account", "987654321098"), ImageResolverTest.images("987654321098")),
        Arguments.of(List.of("--region", "us-west-2"), ImageResolverTest.images(null, "us-west-2")),
        Arguments.of(
            List.of("--version", "v2.0.0"), ImageResolverTest.images(null, null, "v2.0.0")),
        Arguments.of(
            List.of("--account", "987654321098", "--region", "eu-west-1", "--version", "v2.1.0"),
            ImageResolverTest.images("987654321098", "eu-west-1", "v2.1.0")),
        Arguments.of(
            List.of("--version", "v2.0.0-beta"),
            ImageResolverTest.images(null, null, "v2.0.0-beta")),
        Arguments.of(
            List.of("--region", "cn-north-1"), ImageResolverTest.images(null, "cn-north-1")));
  }

  @ParameterizedTest
  @MethodSource("conventionExamples")
  void publishesTheNamesThePipelineResolves(List<String> args, ImageSettings settings)
      throws Exception {
    List<String> command = new ArrayList<>(args);
    command.add("--print-names");
    Result result = run(command.toArray(String[]::new));

    ContainerImages images = ImageResolver.resolve(settings, CALLER_ACCOUNT);
    assertThat(result.exit()).as(result.stderr()).isZero();
    assertThat(result.stdout().lines())
        .containsExactly("builder " + images.builder(), "deployer " + images.deployer());
    assertThat(result.calls())
        .containsExactly(
            settings.containerImageAccount().isPresent()
                ? new String[0]
                : new String[] {"aws sts get-caller-identity --query Account --output text"});
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "LATEST", "Latest"})
  void refusesLatest(String version) throws Exception {
    Result result = run("--account", CALLER_ACCOUNT, "--version", version);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.stderr())
        .isEqualTo(
            "build.sh: --version '"
                + version
                + "': a 'latest' tag changes under running pipelines, and the repositories' tags"
                + " are immutable; use a version such as v2.0.0 or v2.0.0-beta\n");
    assertThat(result.calls()).isEmpty();
  }

  static Stream<Arguments> badArguments() {
    return Stream.of(
        Arguments.of(
            List.of("--account", "12345678901"),
            "build.sh: --account '12345678901' is not a 12-digit AWS account ID"),
        Arguments.of(
            List.of("--region", "mars-1"),
            "build.sh: --region 'mars-1' is not an AWS region name (like us-east-1 or eu-west-2)"),
        Arguments.of(
            List.of("--version", "-v2"),
            "build.sh: --version '-v2' is not an image tag (letters, digits, '_', '.', '-', at most"
                + " 128, not starting with '.' or '-')"),
        Arguments.of(
            List.of("--version", "v2.0.0+build"),
            "build.sh: --version 'v2.0.0+build' is not an image tag (letters, digits, '_', '.',"
                + " '-', at most 128, not starting with '.' or '-')"),
        Arguments.of(
            List.of("--image", "tester"),
            "build.sh: --image 'tester' is not builder, deployer or all"),
        Arguments.of(List.of("--version"), "build.sh: --version needs a value; see --help"),
        Arguments.of(List.of("--tag", "v2"), "build.sh: unknown argument '--tag'; see --help"));
  }

  @ParameterizedTest
  @MethodSource("badArguments")
  void refusesBadArgumentsBeforeCallingAnything(List<String> args, String message)
      throws Exception {
    Result result = run(args.toArray(String[]::new));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.stderr()).isEqualTo(message + "\n");
    assertThat(result.calls()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"v1.0.1", "v2.0.0-beta", "2.0", "_build.7", "v2.0.0+build", "-v2", ".v2", "v/2"})
  void acceptsATagExactlyWhenThePipelineDoes(String version) throws Exception {
    Result result = run("--account", CALLER_ACCOUNT, "--version", version, "--print-names");

    assertThat(result.exit() == 0)
        .as(version + ": " + result.stderr())
        .isEqualTo(ImageReference.checkTag(version).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "us-east-1",
        "eu-central-2",
        "us-gov-west-1",
        "cn-northwest-1",
        "mars-1",
        "US-EAST-1"
      })
  void acceptsARegionExactlyWhenThePipelineDoes(String region) throws Exception {
    Result result = run("--account", CALLER_ACCOUNT, "--region", region, "--print-names");

    assertThat(result.exit() == 0)
        .as(region + ": " + result.stderr())
        .isEqualTo(ImageResolver.validate(ImageResolverTest.images(null, region)).isEmpty());
  }

  @Test
  void publishesBothArchitecturesToTheConventionAndPrintsTheDigests() throws Exception {
    Result result = run("--version", "v2.0.0-beta");

    String registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    String root = Path.of("containers").toAbsolutePath().toString();
    List<String> expectedCalls = new ArrayList<>();
    expectedCalls.add("aws sts get-caller-identity --query Account --output text");
    expectedCalls.add("docker buildx version");
    expectedCalls.add("docker buildx inspect --bootstrap");
    for (String name : List.of("builder", "deployer")) {
      expectedCalls.add(
          "aws ecr describe-repositories --region us-east-1 --registry-id 123456789012"
              + " --repository-names arbiter-pipeline-"
              + name);
      expectedCalls.add(
          "aws ecr describe-images --region us-east-1 --registry-id 123456789012"
              + " --repository-name arbiter-pipeline-"
              + name
              + " --image-ids imageTag=v2.0.0-beta");
    }
    expectedCalls.add("aws ecr get-login-password --region us-east-1");
    expectedCalls.add("docker login --username AWS --password-stdin " + registry);
    String revision = gitHead();
    for (String name : List.of("builder", "deployer")) {
      expectedCalls.add(
          "docker buildx build --platform linux/amd64,linux/arm64 --file "
              + root
              + "/"
              + name
              + "/Dockerfile --build-arg IMAGE_VERSION=v2.0.0-beta --label"
              + " org.opencontainers.image.revision="
              + revision
              + " --tag "
              + registry
              + "/arbiter-pipeline-"
              + name
              + ":v2.0.0-beta --metadata-file <tmp>/"
              + name
              + ".json --push "
              + root);
    }
    assertThat(result.exit()).as(result.stderr()).isZero();
    List<String> calls =
        result.calls().stream()
            .map(c -> c.replaceAll("--metadata-file \\S+/", "--metadata-file <tmp>/"))
            .toList();
    // The login pipes get-login-password into docker login: the two start together.
    assertThat(calls.subList(0, 7)).containsExactlyElementsOf(expectedCalls.subList(0, 7));
    assertThat(calls.subList(7, 9))
        .containsExactlyInAnyOrderElementsOf(expectedCalls.subList(7, 9));
    assertThat(calls.subList(9, calls.size()))
        .containsExactlyElementsOf(expectedCalls.subList(9, 11));

    String builder = registry + "/arbiter-pipeline-builder:v2.0.0-beta";
    String deployer = registry + "/arbiter-pipeline-deployer:v2.0.0-beta";
    assertThat(result.stdout())
        .endsWith(
            "\nPublished (pin these; the digest is the multi-architecture index):\n"
                + builder
                + "@sha256:"
                + sha256(builder)
                + "\n"
                + deployer
                + "@sha256:"
                + sha256(deployer)
                + "\n\nUse the version:  pulumi config set containerImageVersion v2.0.0-beta\n"
                + "Or pin digests:\n"
                + "  pulumi config set builderImage "
                + builder
                + "@sha256:"
                + sha256(builder)
                + "\n  pulumi config set deployerImage "
                + deployer
                + "@sha256:"
                + sha256(deployer)
                + "\n");
    assertThat(ImageReference.check(builder + "@sha256:" + sha256(builder))).isEmpty();
  }

  @Test
  void refusesToOverwriteAPublishedVersion() throws Exception {
    Result result =
        run(Map.of("STUB_TAG_EXISTS", "1"), "--account", CALLER_ACCOUNT, "--image", "deployer");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.stderr())
        .isEqualTo(
            "build.sh: 123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1"
                + " already exists and tags are immutable; publish a new version\n");
    assertThat(result.calls())
        .noneMatch(c -> c.startsWith("docker buildx build") || c.contains("login"));
  }

  @Test
  void refusesAMissingRepositoryAndSaysHowToCreateIt() throws Exception {
    Result result = run(Map.of("STUB_NO_REPOSITORY", "1"), "--account", CALLER_ACCOUNT);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.stderr())
        .endsWith(
            "build.sh: no ECR repository arbiter-pipeline-builder in account 123456789012,"
                + " us-east-1 (AWS's error is above); create it with PipelineImageRepositories"
                + " (docs/container-images.md)\n");
    assertThat(result.calls()).noneMatch(c -> c.startsWith("docker buildx build"));
  }

  @Test
  void refusesABuilderThatCannotBuildArm64() throws Exception {
    Result result =
        run(Map.of("STUB_PLATFORMS", "linux/amd64, linux/amd64/v2"), "--account", CALLER_ACCOUNT);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.stderr())
        .startsWith(
            "build.sh: the current buildx builder cannot build linux/arm64 (it has: linux/amd64,"
                + " linux/amd64/v2); create one that can");
    assertThat(result.calls()).noneMatch(c -> c.startsWith("aws ecr") || c.contains("build --"));
  }

  private static String gitHead() throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "-C", "containers", "rev-parse", "HEAD").start();
    String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (git.waitFor() != 0) {
      return "unknown";
    }
    Process diff =
        new ProcessBuilder("git", "-C", "containers", "diff", "--quiet", "HEAD", "--", ".").start();
    return diff.waitFor() == 0 ? head : head + "-dirty";
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
