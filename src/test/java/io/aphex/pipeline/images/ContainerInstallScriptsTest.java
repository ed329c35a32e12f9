package io.aphex.pipeline.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The download checks of {@code containers/install-aws-cli.sh}, {@code install-pulumi.sh} and
 * {@code install-kubectl.sh}, run with bash against a stand-in {@code curl} that serves local files
 * (there is no network here), a stand-in {@code gpg} that reports a given signature status and a
 * stand-in AWS installer: the right release is fetched for each architecture, and an archive that
 * fails its check is never installed.
 */
@Execution(ExecutionMode.CONCURRENT)
class ContainerInstallScriptsTest {

  private static final String AWS_KEY = "FB5DB77FD5C118B80511ADA8A6310ACC4672475C";

  /** Serves $STUB_FILES/<last part of the URL>, as curl --fail would, and logs the URL. */
  private static final String CURL =
      """
      #!/bin/bash
      while (($#)); do
        case "$1" in
          --output) output="$2"; shift ;;
          https://*) url="$1" ;;
        esac
        shift
      done
      printf 'curl %s\\n' "${url}" >>"$STUB_LOG"
      [[ -f "$STUB_FILES/${url##*/}" ]] || exit 22
      cp "$STUB_FILES/${url##*/}" "${output}"
      """;

  private static final String GPG =
      """
      #!/bin/bash
      printf 'gpg %s\\n' "$*" >>"$STUB_LOG"
      if [[ " $* " == *' --verify '* ]]; then
        printf '%s\\n' "$STUB_GPG_STATUS"
      fi
      """;

  /** Unpacks an AWS installer whose `aws` reports $STUB_AWS_REPORTS. */
  private static final String UNZIP =
      """
      #!/bin/bash
      dir="${@: -1}"
      mkdir -p "${dir}/aws"
      cat >"${dir}/aws/install" <<'INSTALL'
      #!/bin/bash
      mkdir -p "$2/v2/current/bin" "$4"
      printf '#!/bin/bash\\necho "%s"\\n' "$STUB_AWS_REPORTS" >"$2/v2/current/bin/aws"
      chmod +x "$2/v2/current/bin/aws"
      ln -s "$2/v2/current/bin/aws" "$4/aws"
      INSTALL
      chmod +x "${dir}/aws/install"
      """;

  @TempDir Path dir;
  private Path stubs;
  private Path files;
  private Path prefix;

  @BeforeEach
  void stubs() throws IOException {
    stubs = Files.createDirectories(dir.resolve("stubs"));
    files = Files.createDirectories(dir.resolve("files"));
    prefix = dir.resolve("opt");
    for (Map.Entry<String, String> stub :
        Map.of("curl", CURL, "gpg", GPG, "unzip", UNZIP).entrySet()) {
      Path path = stubs.resolve(stub.getKey());
      Files.writeString(path, stub.getValue());
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private record Result(int exit, String stdout, String stderr, List<String> calls) {}

  private Result run(Map<String, String> env, String script, String... args) throws Exception {
    Path log = dir.resolve("calls.log");
    Files.writeString(log, "");
    List<String> command = new ArrayList<>(List.of("bash", "containers/" + script));
    command.addAll(List.of(args));
    command.add(prefix.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
    builder.environment().put("STUB_LOG", log.toString());
    builder.environment().put("STUB_FILES", files.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), stdout, stderr, Files.readAllLines(log));
  }

  /** A Pulumi release archive whose `pulumi version` says v3.255.0, with every language host. */
  private String pulumiArchive(String name) throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree/pulumi"));
    Files.writeString(tree.resolve("pulumi"), "#!/bin/bash\necho v3.255.0\n");
    for (String host : List.of("java", "nodejs", "yaml", "python", "python-exec", "go", "dotnet")) {
      Files.writeString(tree.resolve("pulumi-language-" + host), "");
    }
    Files.setPosixFilePermissions(
        tree.resolve("pulumi"), PosixFilePermissions.fromString("rwx------"));
    Process tar =
        new ProcessBuilder(
                "tar",
                "-czf",
                files.resolve(name).toString(),
                "-C",
                dir.resolve("tree").toString(),
                "pulumi")
            .start();
    assertThat(tar.waitFor()).isZero();
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(files.resolve(name))));
  }

  @Test
  void pulumiIsInstalledFromItsChecksummedArchiveWithoutUnusedLanguageHosts() throws Exception {
    String sha = pulumiArchive("pulumi-v3.255.0-linux-arm64.tar.gz");
    Files.writeString(
        files.resolve("pulumi-3.255.0-checksums.txt"),
        "0".repeat(64)
            + "  pulumi-v3.255.0-linux-x64.tar.gz\n"
            + sha
            + "  pulumi-v3.255.0-linux-arm64.tar.gz\n");

    Result result = run(Map.of(), "install-pulumi.sh", "3.255.0", "arm64");

    assertThat(result.exit()).as(result.stderr()).isZero();
    assertThat(result.stdout()).endsWith("install-pulumi: pulumi v3.255.0\n");
    assertThat(result.calls())
        .containsExactly(
            "curl https://get.pulumi.com/releases/sdk/pulumi-v3.255.0-linux-arm64.tar.gz",
            "curl https://github.com/pulumi/pulumi/releases/download/v3.255.0/pulumi-3.255.0-checksums.txt");
    try (var installed = Files.list(prefix)) {
      assertThat(installed.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "pulumi", "pulumi-language-java", "pulumi-language-nodejs", "pulumi-language-yaml");
    }
  }

  @Test
  void aPulumiArchiveThatDoesNotMatchItsChecksumIsNotInstalled() throws Exception {
    pulumiArchive("pulumi-v3.255.0-linux-x64.tar.gz");
    Files.writeString(
        files.resolve("pulumi-3.255.0-checksums.txt"),
        "f".repeat(64) + "  pulumi-v3.255.0-linux-x64.tar.gz\n");

    Result result = run(Map.of(), "install-pulumi.sh", "3.255.0", "amd64");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.stderr())
        .endsWith(
            "install-pulumi: pulumi-v3.255.0-linux-x64.tar.gz does not match"
                + " pulumi-3.255.0-checksums.txt\n");
    assertThat(prefix).doesNotExist();
  }

  /** A kubectl whose `version --client` says v1.33.6; returns its SHA-256. */
  private String kubectlBinary() throws Exception {
    Path binary = files.resolve("kubectl");
    Files.writeString(binary, "#!/bin/bash\necho 'Client Version: v1.33.6'\n");
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(binary)));
  }

  @Test
  void kubectlIsInstalledOnlyWhenItMatchesItsPublishedSha256() throws Exception {
    Files.writeString(files.resolve("kubectl.sha256"), kubectlBinary());

    Result result = run(Map.of(), "install-kubectl.sh", "1.33.6", "arm64");

    assertThat(result.exit()).as(result.stderr()).isZero();
    assertThat(result.stdout()).isEqualTo("install-kubectl: kubectl v1.33.6\n");
    assertThat(result.calls())
        .containsExactly(
            "curl https://dl.k8s.io/release/v1.33.6/bin/linux/arm64/kubectl",
            "curl https://dl.k8s.io/release/v1.33.6/bin/linux/arm64/kubectl.sha256");
    assertThat(prefix.resolve("kubectl")).isExecutable();
  }

  @Test
  void aKubectlThatDoesNotMatchItsSha256IsNotInstalled() throws Exception {
    kubectlBinary();
    Files.writeString(files.resolve("kubectl.sha256"), "0".repeat(64) + "\n");

    Result result = run(Map.of(), "install-kubectl.sh", "1.33.6", "amd64");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "install-kubectl: kubectl 1.33.6 for amd64 does not match its published SHA-256\n");
    assertThat(prefix).doesNotExist();
  }

  @Test
  void anUnsupportedArchitectureIsRefusedBeforeAnyDownload() throws Exception {
    Result pulumi = run(Map.of(), "install-pulumi.sh", "3.255.0", "s390x");
    Result aws = run(Map.of(), "install-aws-cli.sh", "2.36.40", "s390x");

    assertThat(pulumi.stderr())
        .isEqualTo(
            "install-pulumi: Pulumi publishes no CLI for linux/s390x (only amd64 and arm64)\n");
    assertThat(aws.stderr())
        .isEqualTo(
            "install-aws-cli: AWS publishes no CLI v2 for linux/s390x (only amd64 and arm64)\n");
    assertThat(List.of(pulumi.exit(), aws.exit())).containsOnly(1);
    assertThat(aws.calls()).isEmpty();
  }

  /**
   * Installs AWS CLI 2.36.40 for arm64 with a signature by {@code key}, reporting {@code reports}.
   */
  private Result installAwsCli(String key, String reports) throws Exception {
    return run(signedBy(key, reports), "install-aws-cli.sh", "2.36.40", "arm64");
  }

  private Map<String, String> signedBy(String key, String reports) throws IOException {
    Files.writeString(files.resolve("awscli-exe-linux-aarch64-2.36.40.zip"), "zip");
    Files.writeString(files.resolve("awscli-exe-linux-aarch64-2.36.40.zip.sig"), "sig");
    return Map.of(
        "STUB_GPG_STATUS",
        "[GNUPG:] NEWSIG\n[GNUPG:] GOODSIG A6310ACC4672475C AWS CLI Team <aws-cli@amazon.com>\n"
            + "[GNUPG:] VALIDSIG "
            + key
            + " 2026-11-20 1763596800 0 4 0 1 10 00 "
            + key,
        "STUB_AWS_REPORTS",
        reports);
  }

  @Test
  void theAwsCliIsInstalledOnlyWithAwssSignatureAndAtItsVersion() throws Exception {
    Result result =
        installAwsCli(AWS_KEY, "aws-cli/2.36.40 Python/3.13.9 Linux/6.1 exe/aarch64.debian.12");

    assertThat(result.exit()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .endsWith(
            "install-aws-cli: aws-cli/2.36.40 Python/3.13.9 Linux/6.1 exe/aarch64.debian.12\n");
    assertThat(result.calls())
        .containsExactly(
            "curl https://awscli.amazonaws.com/awscli-exe-linux-aarch64-2.36.40.zip",
            "curl https://awscli.amazonaws.com/awscli-exe-linux-aarch64-2.36.40.zip.sig",
            "gpg --batch --keyserver hkps://keyserver.ubuntu.com --recv-keys " + AWS_KEY,
            "gpg --batch --status-fd 1 --verify "
                + result.calls().get(3).replaceFirst(".* --verify (\\S+) .*", "$1")
                + " "
                + result.calls().get(3).replaceFirst(".* (\\S+)$", "$1"));
    assertThat(prefix.resolve("bin/aws")).isExecutable();
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() throws Exception {
    String other = "0123456789ABCDEF0123456789ABCDEF01234567";
    Result result = installAwsCli(other, "aws-cli/2.36.40 Python/3.13.9");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "install-aws-cli: https://awscli.amazonaws.com/awscli-exe-linux-aarch64-2.36.40.zip is"
                + " not signed by the AWS CLI key "
                + AWS_KEY
                + "\n");
    assertThat(prefix).doesNotExist();
  }

  @Test
  void anInstallerOfAnotherVersionFailsTheBuild() throws Exception {
    Result result = installAwsCli(AWS_KEY, "aws-cli/2.36.39 Python/3.13.9");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "install-aws-cli: expected aws-cli/2.36.40, got: aws-cli/2.36.39 Python/3.13.9\n");
  }
}
