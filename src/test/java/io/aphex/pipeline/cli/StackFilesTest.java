package io.aphex.pipeline.cli;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFilesTest {

  @TempDir Path project;

  @BeforeEach
  void copySampleProject() throws IOException {
    for (String file : List.of("Pulumi.yaml", "Pulumi.dev.yaml")) {
      Files.copy(SampleConfigs.projectDir().resolve(file), project.resolve(file));
    }
  }

  @Test
  void projectDefaultsAreAppliedAndOverriddenByTheStackFile() throws IOException {
    writeProject();
    writeStack(
        "config:\n"
            + "  aws:region: us-east-1\n"
            + "  aphex-pipeline:argoNamespace: workflows\n"
            + "  aphex-pipeline:clusterName: blue\n");

    StackFiles files = StackFiles.read(project, "dev");

    assertThat(files.projectName()).isEqualTo("aphex-pipeline");
    assertThat(files.config())
        .containsExactly(
            entry("aphex-pipeline:argoNamespace", "workflows"),
            entry("aphex-pipeline:artifactRetentionDays", "90"),
            entry("aphex-pipeline:builderImage", ""),
            entry("aphex-pipeline:clusterName", "blue"),
            entry("aphex-pipeline:pullRequestEvents", "false"),
            entry("aws:region", "us-east-1"));
    assertThat(files.projectKeys())
        .containsExactly(
            "argoNamespace",
            "artifactRetentionDays",
            "builderImage",
            "clusterName",
            "pullRequestEvents");
    assertThat(files.secretKeys()).isEmpty();
  }

  @Test
  void keyWithoutDefaultIsAbsentUntilTheStackSetsIt() throws IOException {
    writeProject();
    writeStack("config: {}\n");

    StackFiles files = StackFiles.read(project, "dev");

    assertThat(files.config())
        .containsExactly(
            entry("aphex-pipeline:argoNamespace", "argo"),
            entry("aphex-pipeline:artifactRetentionDays", "90"),
            entry("aphex-pipeline:builderImage", ""),
            entry("aphex-pipeline:pullRequestEvents", "false"));
    assertThat(files.projectKeys())
        .containsExactly(
            "argoNamespace", "artifactRetentionDays", "builderImage", "pullRequestEvents");
  }

  @Test
  void emptyStackFileGivesTheProjectDefaults() throws IOException {
    writeProject();
    writeStack("");

    assertThat(StackFiles.read(project, "dev").config())
        .containsOnlyKeys(
            "aphex-pipeline:argoNamespace",
            "aphex-pipeline:artifactRetentionDays",
            "aphex-pipeline:builderImage",
            "aphex-pipeline:pullRequestEvents");
  }

  @Test
  void sampleStackFileIsReadOverTheRepositoryProjectFile() {
    StackFiles files = StackFiles.read(project, "dev");

    assertThat(files.projectName()).isEqualTo("aphex-pipeline");
    assertThat(files.config())
        .containsEntry("aws:region", "us-east-1")
        .containsEntry("aws:allowedAccountIds", "[\"123456789012\"]")
        .containsEntry("aphex-pipeline:clusterName", "company-pipelines")
        .containsEntry("aphex-pipeline:githubOwner", "my-org")
        .containsEntry("aphex-pipeline:githubRepo", "my-repo")
        .containsEntry("aphex-pipeline:githubTokenSecretName", "github-token")
        .containsEntry("aphex-pipeline:githubBranch", "main")
        .containsEntry("aphex-pipeline:containerImageVersion", "v1.0.1")
        .containsEntry("aphex-pipeline:argoNamespace", "argo")
        .containsEntry("aphex-pipeline:artifactRetentionDays", "90")
        .containsEntry("aphex-pipeline:pipelineConfig", "aphex-config.yaml");
    assertThat(files.config().keySet())
        .allMatch(k -> k.startsWith("aphex-pipeline:") || k.startsWith("aws:"));
    assertThat(files.projectKeys())
        .contains(
            "clusterName",
            "githubOwner",
            "githubRepo",
            "githubTokenSecretName",
            "githubBranch",
            "containerImageVersion",
            "argoNamespace")
        .allMatch(k -> !k.contains(":"));
    assertThat(files.secretKeys()).isEmpty();
  }

  @Test
  void bareKeysGetTheProjectNamespace() throws IOException {
    writeStack("config:\n  githubBranch: develop\n  clusterName: blue\n  aws:region: eu-west-1\n");

    StackFiles files = StackFiles.read(project, "dev");

    assertThat(files.config())
        .containsEntry("aphex-pipeline:githubBranch", "develop")
        .containsEntry("aphex-pipeline:clusterName", "blue")
        .containsEntry("aws:region", "eu-west-1")
        .doesNotContainKeys("githubBranch", "clusterName");
    assertThat(files.projectKeys())
        .contains("githubBranch", "clusterName")
        .doesNotContain("region");
  }

  @Test
  void listsAndObjectsBecomeJson() throws IOException {
    writeStack(
        "config:\n"
            + "  aws:allowedAccountIds:\n"
            + "    - \"123456789012\"\n"
            + "    - \"987654321098\"\n"
            + "  aws:assumeRole:\n"
            + "    roleArn: arn:aws:iam::123456789012:role/deployer\n"
            + "    sessionName: aphex\n"
            + "  aws:defaultTags: {tags: {team: platform}}\n"
            + "  aws:forbiddenAccountIds: []\n");

    StackFiles files = StackFiles.read(project, "dev");

    assertThat(files.config())
        .containsEntry("aws:allowedAccountIds", "[\"123456789012\",\"987654321098\"]")
        .containsEntry(
            "aws:assumeRole",
            "{\"roleArn\":\"arn:aws:iam::123456789012:role/deployer\",\"sessionName\":\"aphex\"}")
        .containsEntry("aws:defaultTags", "{\"tags\":{\"team\":\"platform\"}}")
        .containsEntry("aws:forbiddenAccountIds", "[]");
    assertThat(files.secretKeys()).isEmpty();
  }

  @Test
  void secureValuesOfOtherNamespacesAreMarkedSecretAndNeverKept() throws IOException {
    writeStack(
        "config:\n"
            + "  aws:secretKey:\n"
            + "    secure: v1:c2VjcmV0LWtleQ==\n"
            + "  other:password: {secure: v1:cmVwbw==}\n");

    StackFiles files = StackFiles.read(project, "dev");

    assertThat(files.secretKeys()).containsExactly("aws:secretKey", "other:password");
    assertThat(files.config())
        .containsEntry("aws:secretKey", "[secret]")
        .containsEntry("other:password", "[secret]");
    assertThat(files.config().values())
        .noneMatch(v -> v.contains("v1:") || v.contains("cmVwbw") || v.contains("c2VjcmV0"));
  }

  @Test
  void anEncryptedAphexSettingIsAProblemNamingTheKey() throws IOException {
    writeStack("config:\n  githubRepo: {secure: v1:cmVwbw==}\n");

    assertThatThrownBy(() -> StackFiles.read(project, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "Pulumi.dev.yaml: aphex-pipeline:githubRepo: 'secure: ...' is encrypted, which the"
                + " offline render cannot decrypt")
        .hasMessageNotContaining("cmVwbw");
  }

  @Test
  void aMappingWithSecureAndOtherKeysIsAnOrdinaryObject() throws IOException {
    writeStack("config:\n  aws:assumeRole: {secure: x, roleArn: y}\n");

    StackFiles files = StackFiles.read(project, "dev");

    assertThat(files.secretKeys()).isEmpty();
    assertThat(files.config())
        .containsEntry("aws:assumeRole", "{\"secure\":\"x\",\"roleArn\":\"y\"}");
  }

  @Test
  void scalarsReachTheProgramAsTheirText() throws IOException {
    writeStack(
        "config:\n"
            + "  aphex-pipeline:artifactRetentionDays: 30\n"
            + "  aphex-pipeline:githubRepo: \"007\"\n"
            + "  aphex-pipeline:selfUpdateStack: 'prod'\n");

    StackFiles files = StackFiles.read(project, "dev");

    assertThat(files.config())
        .containsEntry("aphex-pipeline:artifactRetentionDays", "30")
        .containsEntry("aphex-pipeline:githubRepo", "007")
        .containsEntry("aphex-pipeline:selfUpdateStack", "prod");
  }

  @Test
  void unquotedScalarsKeepTheTextTheUserWroteAsThePulumiCliDoes() throws IOException {
    writeStack(
        "config:\n"
            + "  aphex-pipeline:containerImageVersion: 1.10\n"
            + "  aphex-pipeline:githubBranch: on\n"
            + "  aphex-pipeline:githubRepo: 0x1F\n");

    StackFiles files = StackFiles.read(project, "dev");

    assertThat(files.config())
        .containsEntry("aphex-pipeline:containerImageVersion", "1.10")
        .containsEntry("aphex-pipeline:githubBranch", "on")
        .containsEntry("aphex-pipeline:githubRepo", "0x1F");
  }

  @Test
  void keyWithoutValueIsEmptyAsThePulumiCliReadsItNotTheTextNull() throws IOException {
    writeStack("config:\n  aphex-pipeline:artifactBucketName:\n  aphex-pipeline:builderImage: ~\n");

    StackFiles files = StackFiles.read(project, "dev");

    assertThat(files.config())
        .containsEntry("aphex-pipeline:artifactBucketName", "")
        .containsEntry("aphex-pipeline:builderImage", "");
  }

  @Test
  void malformedStackFileIsNamedWithItsLine() throws IOException {
    writeStack("config:\n  aws:region: us-east-1\n  aphex-pipeline:githubOwner: [my-org\n");

    assertThatThrownBy(() -> StackFiles.read(project, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n  1. "
                + project.resolve("Pulumi.dev.yaml")
                + " line 3, column 31: 'aphex-pipeline:githubOwner: [my-org' is not valid YAML:"
                + " while parsing a flow sequence, expected ',' or ']', but got <stream end>. Fix:"
                + " Correct the YAML syntax here; check the indentation, the quotes and the"
                + " brackets.");
  }

  @Test
  void malformedLineInTheMiddleIsNamed() throws IOException {
    writeStack("config:\n  aws:region: us-east-1\n   bad indentation: x\n  aws:profile: p\n");

    assertThatThrownBy(() -> StackFiles.read(project, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            project.resolve("Pulumi.dev.yaml")
                + " line 3, column 19: 'bad indentation: x' is not valid YAML: mapping values are"
                + " not allowed here.");
  }

  @Test
  void malformedProjectFileIsNamedWithItsLine() throws IOException {
    Files.writeString(project.resolve("Pulumi.yaml"), "name: aphex-pipeline\nconfig:\n\t- tab\n");

    assertThatThrownBy(() -> StackFiles.read(project, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n  1. "
                + project.resolve("Pulumi.yaml")
                + " line 3, column 1: '- tab' is not valid YAML: found character '\\t(TAB)'");
  }

  @Test
  void missingStackFileIsNamed() {
    assertThatThrownBy(() -> StackFiles.read(project, "prod"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n  1. "
                + project.resolve("Pulumi.prod.yaml")
                + ": is missing; does not exist; it is the stack file (create it with 'pulumi"
                + " stack init prod'). Fix: check --cwd and --stack");
  }

  @Test
  void missingProjectFileIsNamed() throws IOException {
    Files.delete(project.resolve("Pulumi.yaml"));

    assertThatThrownBy(() -> StackFiles.read(project, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n  1. "
                + project.resolve("Pulumi.yaml")
                + ": is missing; does not exist; it is the Pulumi project file (run from the"
                + " project directory or pass --cwd). Fix: check --cwd and --stack");
  }

  @Test
  void projectWithoutNameIsReported() throws IOException {
    Files.writeString(project.resolve("Pulumi.yaml"), "runtime: java\n");

    assertThatThrownBy(() -> StackFiles.read(project, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n  1. "
                + project.resolve("Pulumi.yaml")
                + ": name: 'null' is not a project name. Fix: set 'name: aphex-pipeline'");
  }

  @Test
  void stackConfigThatIsNotAMappingIsReported() throws IOException {
    writeStack("config:\n  - aws:region\n");

    assertThatThrownBy(() -> StackFiles.read(project, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n  1. "
                + project.resolve("Pulumi.dev.yaml")
                + ": config: '[\"aws:region\"]' is a list, not a mapping. Fix: write it as 'key:"
                + " value' lines");
  }

  @Test
  void stackFileThatIsNotAMappingIsReported() throws IOException {
    writeStack("just text\n");

    assertThatThrownBy(() -> StackFiles.read(project, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n  1. "
                + project.resolve("Pulumi.dev.yaml")
                + ": 'just text' is a single value, not a mapping. Fix: write it as 'key: value'"
                + " lines");
  }

  @Test
  void fileLargerThanOneMebibyteIsRefused() throws IOException {
    writeStack("#".repeat((1 << 20) + 1));

    assertThatThrownBy(() -> StackFiles.read(project, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n  1. "
                + project.resolve("Pulumi.dev.yaml")
                + ": '1048577 bytes' is larger than 1 MiB. Fix: trim the file");
  }

  @Test
  void secretKeySetIsOnlyTheSecureOnes() throws IOException {
    writeStack("config:\n  aws:region: us-east-1\n  aws:secretKey: {secure: v1:abc}\n");

    assertThat(StackFiles.read(project, "dev").secretKeys()).isEqualTo(Set.of("aws:secretKey"));
  }

  @Test
  void keysEqualOnlyAsYamlValuesAreAProblemWithTheirLine() throws IOException {
    writeStack(
        "config:\n  aws:region: us-east-1\n  aphex-pipeline:webhookService:\n    1: a\n    01: b\n");

    assertThatThrownBy(() -> StackFiles.read(project, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            project.resolve("Pulumi.dev.yaml")
                + " line 5, column 5: '01: b' cannot be read as YAML values: found duplicate key"
                + " 1. Fix: correct the value here");
  }

  @Test
  void anchorsAliasesAndMergeKeysAreReadAsThePulumiCliReadsThem() throws IOException {
    writeStack(
        "config:\n"
            + "  aws:region: us-east-1\n"
            + "  aphex-pipeline:webhookService: &svc {type: NodePort}\n"
            + "  aphex-pipeline:podSecurity: {<<: *svc, port: 0x10}\n");

    assertThat(StackFiles.read(project, "dev").config())
        .contains(
            entry("aphex-pipeline:webhookService", "{\"type\":\"NodePort\"}"),
            entry("aphex-pipeline:podSecurity", "{\"type\":\"NodePort\",\"port\":16}"));
  }

  private void writeProject() throws IOException {
    Files.writeString(
        project.resolve("Pulumi.yaml"),
        "name: aphex-pipeline\n"
            + "runtime: java\n"
            + "config:\n"
            + "  clusterName:\n"
            + "    type: string\n"
            + "    description: no default\n"
            + "  argoNamespace:\n"
            + "    type: string\n"
            + "    default: argo\n"
            + "  artifactRetentionDays:\n"
            + "    type: integer\n"
            + "    default: 90\n"
            + "  builderImage:\n"
            + "    type: string\n"
            + "    default: \"\"\n"
            + "  pullRequestEvents:\n"
            + "    type: boolean\n"
            + "    default: false\n");
  }

  private void writeStack(String text) throws IOException {
    Files.writeString(project.resolve("Pulumi.dev.yaml"), text);
  }
}
