package io.aphex.pipeline.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.images.Dockerfile.Instruction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles under {@code containers/}, checked without a Docker daemon (there is none here):
 * bases pinned by digest, every package at a stated version, the tools the stages run checked at
 * build time from {@link StageTools}, a numeric non-root user, a reason for every layer.
 */
class ContainerDockerfilesTest {

  private static final Path CONTAINERS = Path.of("containers");
  private static final Pattern BASE =
      Pattern.compile("node:[0-9]+\\.[0-9]+\\.[0-9]+-bookworm-slim@sha256:[0-9a-f]{64}");
  private static final Pattern APT_PACKAGE =
      Pattern.compile("([a-z0-9][a-z0-9+.-]*)=\\$\\{(\\w+)}");
  private static final Pattern NPM_PACKAGE = Pattern.compile("\"([a-z0-9/.-]+)@\\$\\{(\\w+)}\"");
  private static final Pattern MOUNT_SOURCE = Pattern.compile("--mount=type=bind,source=([^,]+),");

  private static Dockerfile builder;
  private static Dockerfile deployer;

  @BeforeAll
  static void read() throws IOException {
    builder = Dockerfile.read(CONTAINERS.resolve("builder/Dockerfile"));
    deployer = Dockerfile.read(CONTAINERS.resolve("deployer/Dockerfile"));
  }

  private static List<Dockerfile> both() {
    return List.of(builder, deployer);
  }

  @Test
  void everyStageStartsFromOneBasePinnedByDigest() {
    for (Dockerfile file : both()) {
      String base = file.args(-1).get("BASE_IMAGE");
      assertThat(base).as(file.path() + " BASE_IMAGE").matches(BASE);
      assertThat(file.all("FROM"))
          .as(file.path() + " FROM")
          .extracting(Instruction::arguments)
          .allMatch(
              from ->
                  from.equals("${BASE_IMAGE}") || from.matches("\\$\\{BASE_IMAGE} AS \\w[\\w-]*"));
    }
    assertThat(builder.args(-1)).isEqualTo(deployer.args(-1));
  }

  @Test
  void everyPackageIsInstalledAtAStatedVersion() {
    for (Dockerfile file : both()) {
      List<Instruction> installs =
          file.all("RUN").stream().filter(r -> r.arguments().contains("apt-get install")).toList();
      assertThat(installs).as(file.path() + " apt-get installs").isNotEmpty();
      for (Instruction run : installs) {
        String at = file.path() + ":" + run.line();
        assertThat(run.arguments())
            .as(at)
            .startsWith(
                run.arguments().startsWith("mkdir")
                    ? "mkdir -p /usr/share/man/man1 &&"
                    : "apt-get update &&")
            .contains("apt-get install --yes --no-install-recommends ")
            .endsWith("&& rm -rf /var/lib/apt/lists/*");
        String packages =
            run.arguments()
                .replaceFirst(".*--no-install-recommends ", "")
                .replaceFirst(" && rm -rf /var/lib/apt/lists/\\*$", "");
        Map<String, String> args = file.args(run.stage());
        for (String pkg : packages.split(" ")) {
          Matcher m = APT_PACKAGE.matcher(pkg);
          assertThat(m.matches()).as(at + " pins " + pkg + " as name=${VERSION_ARG}").isTrue();
          assertThat(args.get(m.group(2))).as(at + " default of " + m.group(2)).isNotBlank();
        }
      }
    }
    Instruction npm =
        deployer.all("RUN").stream()
            .filter(r -> r.arguments().startsWith("npm install --global"))
            .findFirst()
            .orElseThrow();
    Matcher cdk = NPM_PACKAGE.matcher(npm.arguments());
    assertThat(cdk.find()).as(npm.arguments()).isTrue();
    assertThat(cdk.group(1)).isEqualTo("aws-cdk");
    assertThat(deployer.args(npm.stage()).get(cdk.group(2))).matches("[0-9]+\\.[0-9]+\\.[0-9]+");
    assertThat(npm.arguments()).contains("case \"$(cdk --version)\" in \"${AWS_CDK_VERSION} \"*)");
  }

  @Test
  void downloadedToolsArePinnedAndVerifiedByTheirInstallScripts() {
    assertThat(builder.allArgs().get("AWS_CLI_VERSION")).matches("2\\.[0-9]+\\.[0-9]+");
    assertThat(deployer.allArgs().get("PULUMI_VERSION")).matches("3\\.[0-9]+\\.[0-9]+");
    for (Dockerfile file : both()) {
      List<String> runs = file.all("RUN").stream().map(Instruction::arguments).toList();
      assertThat(runs)
          .contains(
              "--mount=type=bind,source=install-aws-cli.sh,target=/tmp/install-aws-cli.sh bash"
                  + " /tmp/install-aws-cli.sh \"${AWS_CLI_VERSION}\" \"${TARGETARCH}\"");
      assertThat(file.all("ADD")).as(file.path() + ": ADD fetches without verification").isEmpty();
      assertThat(String.join("\n", runs)).doesNotContain("| sh", "| bash", "latest");
      for (String run : runs) {
        Matcher m = MOUNT_SOURCE.matcher(run);
        while (m.find()) {
          assertThat(CONTAINERS.resolve(m.group(1))).as(file.path() + " mounts").isRegularFile();
        }
      }
    }
    assertThat(deployer.all("RUN").stream().map(Instruction::arguments))
        .contains(
            "--mount=type=bind,source=install-pulumi.sh,target=/tmp/install-pulumi.sh bash"
                + " /tmp/install-pulumi.sh \"${PULUMI_VERSION}\" \"${TARGETARCH}\"");
  }

  @Test
  void aToolInBothImagesHasOneVersion() {
    Map<String, String> common = new HashMap<>(builder.allArgs());
    common.keySet().retainAll(deployer.allArgs().keySet());
    assertThat(common)
        .containsKeys("BASE_IMAGE", "AWS_CLI_VERSION", "GIT_VERSION", "JQ_VERSION", "CURL_VERSION");
    for (String name : common.keySet()) {
      assertThat(deployer.allArgs().get(name)).as(name).isEqualTo(common.get(name));
    }
  }

  @Test
  void theImagesRunAsANumericNonRootUserThatOwnsTheWorkspace() {
    for (Dockerfile file : both()) {
      List<Instruction> users = file.all("USER");
      assertThat(users).as(file.path() + " USER").hasSize(1);
      Instruction user = users.get(0);
      assertThat(user.stage()).isEqualTo(file.finalStage());
      Matcher m = Pattern.compile("([1-9][0-9]*):([1-9][0-9]*)").matcher(user.arguments());
      assertThat(m.matches()).as(file.path() + ": USER " + user.arguments()).isTrue();
      assertThat(file.inStage(file.finalStage(), "RUN").stream().map(Instruction::arguments))
          .contains(
              "install --directory --owner="
                  + m.group(1)
                  + " --group="
                  + m.group(2)
                  + " /workspace");
      assertThat(file.inStage(file.finalStage(), "WORKDIR"))
          .extracting(Instruction::arguments)
          .containsExactly("/workspace");
    }
  }

  @Test
  void theLastLayerChecksEveryToolTheStagesRunAsTheImagesUser() {
    assertThat(checkedTools(builder)).containsAll(StageTools.BUILDER).contains("bash");
    assertThat(checkedTools(deployer))
        .containsAll(StageTools.deployer(true, true, true))
        .contains("bash", "cdk", "java", "mvn");
  }

  private static List<String> checkedTools(Dockerfile file) {
    Instruction last = file.instructions().get(file.instructions().size() - 1);
    String prefix =
        "--mount=type=bind,source=check-tools.sh,target=/tmp/check-tools.sh bash"
            + " /tmp/check-tools.sh ";
    assertThat(last.keyword()).isEqualTo("RUN");
    assertThat(last.arguments()).startsWith(prefix);
    assertThat(last.line()).isGreaterThan(file.all("USER").get(0).line());
    return Arrays.asList(last.arguments().substring(prefix.length()).split(" "));
  }

  @Test
  void everyLayerSaysWhyItIsThere() {
    for (Dockerfile file : both()) {
      for (Instruction layer : file.instructions()) {
        if (List.of("RUN", "COPY", "USER").contains(layer.keyword())) {
          assertThat(layer.commented())
              .as(file.path() + ":" + layer.line() + " " + layer.keyword() + " has a comment above")
              .isTrue();
        }
      }
    }
  }

  @Test
  void theImagesPageStatesEveryPinnedVersion() throws IOException {
    String readme = Files.readString(Path.of("docs/container-images.md"), StandardCharsets.UTF_8);
    List<String> missing = new ArrayList<>();
    for (Dockerfile file : both()) {
      file.allArgs()
          .forEach(
              (name, value) -> {
                if ((name.endsWith("_VERSION") && !name.equals("IMAGE_VERSION"))
                    || name.equals("BASE_IMAGE")) {
                  if (!readme.contains(value.replaceFirst("^1:", ""))) {
                    missing.add(file.path() + " " + name + "=" + value);
                  }
                }
              });
    }
    assertThat(missing).as("versions docs/container-images.md does not state").isEmpty();
  }

  @Test
  void checkToolsFailsOnAMissingToolAndNamesIt() throws Exception {
    assertThat(run("bash", "jq", "base64").exit()).isZero();
    Result missing = run("bash", "aphex-no-such-tool");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.stderr())
        .contains("check-tools: aphex-no-such-tool is not on the PATH")
        .contains("check-tools: 1 tool(s) missing; the stages would fail in this image");
  }

  private record Result(int exit, String stderr) {}

  private static Result run(String... tools) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "containers/check-tools.sh"));
    command.addAll(Arrays.asList(tools));
    Process process =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), stderr);
  }
}
