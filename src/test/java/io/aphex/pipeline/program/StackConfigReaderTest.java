package io.aphex.pipeline.program;

import static java.util.Collections.nCopies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.argo.PodSecurity;
import io.aphex.pipeline.argo.PodSecurity.SeccompProfile;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackDefinition;
import io.aphex.pipeline.events.WebhookServiceSettings;
import io.aphex.pipeline.events.WebhookServiceSettings.Type;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StackConfigReaderTest {

  private static final String AT = "Pulumi.dev.yaml: aphex-pipeline:";
  private static final List<String> COMPUTED_DEFAULT_KEYS =
      List.of(
          "pipelineName",
          "serviceAccountName",
          "workflowTemplateName",
          "artifactBucketName",
          "containerImageAccount",
          "builderImage",
          "deployerImage",
          "selfUpdateStack",
          "pulumiBackendUrl",
          "eventSourceName",
          "sensorName",
          "workflowNamePrefix",
          "githubWebhookSecretName",
          "webhookUrl",
          "webhookService",
          "podSecurity",
          "pulumiAccessTokenSecretName",
          "argoUiUrl",
          "notificationWebhookSecretName");
  private static final String LABEL_RULE =
      "is not a valid DNS-1123 label (lower-case letters, digits and '-', starting and ending"
          + " with a letter or digit)";

  @TempDir Path projectDir;

  private final Map<String, String> config = new LinkedHashMap<>();

  @BeforeEach
  void requiredKeysAndTheSamplePipeline() throws IOException {
    config.put("clusterName", "company-pipelines");
    config.put("githubOwner", "my-org");
    config.put("githubRepo", "my-repo");
    config.put("githubTokenSecretName", "github-token");
    Files.copy(samplePipeline(), projectDir.resolve("aphex-config.yaml"));
  }

  private static Path samplePipeline() {
    return SampleConfigs.predecessorSample().resolve("aphex-config.yaml");
  }

  private StackConfigReader reader(Optional<Set<String>> presentKeys) {
    return new StackConfigReader(
        key -> Optional.ofNullable(config.get(key)),
        presentKeys,
        projectDir,
        "dev",
        k -> Optional.empty());
  }

  private AphexPipelineArgs read() {
    return reader(Optional.of(Set.copyOf(config.keySet()))).read();
  }

  private List<String> problems() {
    try {
      read();
    } catch (ConfigException e) {
      return e.problems().stream().map(Problem::message).toList();
    }
    throw new AssertionError("expected a ConfigException for " + config);
  }

  @Test
  void everyKeyMapsOntoItsArgument() throws IOException {
    Files.createDirectories(projectDir.resolve("pipeline"));
    Files.copy(samplePipeline(), projectDir.resolve("pipeline/aphex.yaml"));
    config.put("clusterName", "team-a-cluster");
    config.put("githubOwner", "other-org");
    config.put("githubRepo", "other-repo");
    config.put("githubTokenSecretName", "team-a/github");
    config.put("pipelineConfig", "pipeline/aphex.yaml");
    config.put("githubBranch", "release/2.x");
    config.put("argoNamespace", "workflows");
    config.put("argoEventsNamespace", "events");
    config.put("serviceAccountName", "pipeline-runner");
    config.put("workflowTemplateName", "team-a-pipeline");
    config.put("artifactBucketName", "team-a-artifacts");
    config.put("importArtifactBucket", "true");
    config.put("artifactRetentionDays", "30");
    config.put("containerImageAccount", "987654321098");
    config.put("containerImageRegion", "eu-west-1");
    config.put("containerImageVersion", "v2.1.0");
    config.put("builderImage", "ghcr.io/my-org/builder:v1.0.0");
    config.put("deployerImage", "registry.company.com/deployer:v1.0.0");
    config.put("selfUpdateProjectDir", "infra/pipeline");
    config.put("selfUpdateStack", "my-org/aphex-pipeline/prod");
    config.put("pulumiBackendUrl", "s3://my-state");
    config.put("pulumiAccessTokenSecretName", "pulumi-token");
    config.put("pipelineName", "team-a");
    config.put("eventSourceName", "team-a-hooks");
    config.put("sensorName", "team-a-trigger");
    config.put("workflowNamePrefix", "team-a-run-");
    config.put("githubWebhookSecretName", "team-a/webhook");
    config.put("webhookUrl", "https://hooks.example.com");
    config.put("pullRequestEvents", "true");
    config.put("requireImmutableImages", "true");
    config.put("verifyImages", "false");
    config.put("identityMode", "podIdentity");
    config.put("podSecurity", "{\"runAsNonRoot\":true,\"runAsUser\":1000}");
    config.put("additionalPolicyArns", "[\"arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess\"]");
    config.put("webhookService", "{\"type\":\"NodePort\",\"nodePort\":30080}");
    config.put("argoUiUrl", "https://argo.example.com");
    config.put("notificationWebhookSecretName", "team-a/slack");
    config.put("notificationEvents", "[\"failure\",\"success\"]");
    config.put("notificationPayload", "{text: .text, channel: \"#deploys\"}");
    assertThat(config.keySet())
        .containsExactlyInAnyOrderElementsOf(
            StackConfigKeys.all().stream().map(StackConfigKey::name).toList());

    AphexPipelineArgs args = read();

    assertThat(com.pulumi.test.PulumiTest.extractValue(args.clusterName()))
        .isEqualTo("team-a-cluster");
    assertThat(args.githubOwner()).isEqualTo("other-org");
    assertThat(args.githubRepo()).isEqualTo("other-repo");
    assertThat(args.githubTokenSecretName()).isEqualTo("team-a/github");
    assertThat(args.pipelineConfig()).isEqualTo(SampleConfigs.referenceSample());
    assertThat(args.githubBranch()).isEqualTo("release/2.x");
    assertThat(args.argoNamespace()).isEqualTo("workflows");
    assertThat(args.argoEventsNamespace()).isEqualTo("events");
    assertThat(args.serviceAccountName()).isEqualTo("pipeline-runner");
    assertThat(args.workflowTemplateName()).isEqualTo("team-a-pipeline");
    assertThat(args.artifactBucketName()).contains("team-a-artifacts");
    assertThat(args.importArtifactBucket()).isTrue();
    assertThat(args.artifactRetentionDays()).isEqualTo(30);
    assertThat(args.plainImages().orElseThrow())
        .isEqualTo(
            new ImageSettings(
                Optional.of("987654321098"),
                "eu-west-1",
                "v2.1.0",
                Optional.of("ghcr.io/my-org/builder:v1.0.0"),
                Optional.of("registry.company.com/deployer:v1.0.0")));
    assertThat(args.selfUpdateProjectDir()).isEqualTo("infra/pipeline");
    assertThat(args.selfUpdateStack()).isEqualTo("my-org/aphex-pipeline/prod");
    assertThat(args.pulumiBackendUrl()).contains("s3://my-state");
    assertThat(args.pulumiAccessTokenSecretName()).contains("pulumi-token");
    assertThat(args.pipelineName()).contains("team-a");
    assertThat(args.eventSourceName()).isEqualTo("team-a-hooks");
    assertThat(args.sensorName()).isEqualTo("team-a-trigger");
    assertThat(args.workflowNamePrefix()).isEqualTo("team-a-run-");
    assertThat(args.githubWebhookSecretName()).contains("team-a/webhook");
    assertThat(args.webhookUrl()).contains("https://hooks.example.com");
    assertThat(args.pullRequestEvents()).isTrue();
    assertThat(args.requireImmutableImages()).isTrue();
    assertThat(args.verifyImages()).isFalse();
    assertThat(args.identityMode()).isEqualTo(IdentityMode.POD_IDENTITY);
    assertThat(args.podSecurity())
        .isEqualTo(PodSecurity.defaults().withRunAsNonRoot(true).withRunAsUser(1000));
    assertThat(args.additionalPolicyArns())
        .containsExactly("arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess");
    assertThat(args.webhookService())
        .isEqualTo(
            WebhookServiceSettings.defaults()
                .withType(WebhookServiceSettings.Type.NODE_PORT)
                .withNodePort(30080));
    assertThat(args.argoUiUrl()).contains("https://argo.example.com");
    assertThat(args.notificationWebhookSecretName()).contains("team-a/slack");
    assertThat(args.notificationEvents()).containsExactly("failure", "success");
    assertThat(args.notificationPayload()).isEqualTo("{text: .text, channel: \"#deploys\"}");
  }

  @Test
  void requiredKeysAloneGiveTheDefaultsAndSelfUpdateTheStackBeingDeployed() {
    AphexPipelineArgs args = read();

    assertThat(args.pipelineConfig()).isEqualTo(SampleConfigs.referenceSample());
    assertThat(args.selfUpdateStack()).isEqualTo("dev");
    assertThat(args.githubBranch()).isEqualTo("main");
    assertThat(args.argoNamespace()).isEqualTo("argo");
    assertThat(args.argoEventsNamespace()).isEqualTo("argo-events");
    assertThat(args.serviceAccountName()).isEqualTo("workflow-executor");
    assertThat(args.workflowTemplateName()).isEqualTo("aphex-pipeline-template");
    assertThat(args.artifactBucketName()).isEmpty();
    assertThat(args.importArtifactBucket()).isFalse();
    assertThat(args.awsProviderConfig()).isEmpty();
    assertThat(args.artifactRetentionDays()).isEqualTo(90);
    assertThat(args.plainImages()).contains(ImageSettings.defaults());
    assertThat(args.selfUpdateProjectDir()).isEqualTo(".");
    assertThat(args.pulumiBackendUrl()).isEmpty();
    assertThat(args.pulumiAccessTokenSecretName()).isEmpty();
  }

  @Test
  void theComputedDefaultKeysAreTheOnesThisTestTreatsAsUnsetWhenBlank() {
    assertThat(
            StackConfigKeys.all().stream()
                .filter(k -> k.computedDefault().isPresent())
                .map(StackConfigKey::name)
                .toList())
        .isEqualTo(COMPUTED_DEFAULT_KEYS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void blankValuesOfComputedDefaultKeysMeanUnset(String blank) {
    COMPUTED_DEFAULT_KEYS.forEach(key -> config.put(key, blank));

    AphexPipelineArgs args = read();

    assertThat(args.artifactBucketName()).isEmpty();
    assertThat(args.plainImages()).contains(ImageSettings.defaults());
    assertThat(args.selfUpdateStack()).isEqualTo("dev");
    assertThat(args.pulumiBackendUrl()).isEmpty();
    assertThat(args.pulumiAccessTokenSecretName()).isEmpty();
  }

  static Stream<Arguments> blankLiteralDefaultKeys() {
    return Stream.of(
        Arguments.of(
            "githubBranch",
            AT
                + "githubBranch: '' is not a valid Git branch name (no spaces, '..', '~', '^',"
                + " ':', '?', '*', '[' or '\\', no leading '-' or '/', and without the"
                + " refs/heads/ prefix). Fix: use a branch name such as 'main'"),
        Arguments.of(
            "argoNamespace",
            AT
                + "argoNamespace: '' "
                + LABEL_RULE
                + ". Fix: use the namespace Argo Workflows runs in, e.g. 'argo'"),
        Arguments.of(
            "argoEventsNamespace",
            AT
                + "argoEventsNamespace: '' "
                + LABEL_RULE
                + ". Fix: use the namespace Argo Events runs in, e.g. 'argo-events'"),
        Arguments.of(
            "artifactRetentionDays",
            AT
                + "artifactRetentionDays: '' is not a whole number. Fix: run: pulumi config set"
                + " artifactRetentionDays 90"),
        Arguments.of(
            "containerImageRegion",
            AT
                + "containerImageRegion: '' is not an AWS region name (like us-east-1 or"
                + " eu-west-2). Fix: set it to the region of the image repositories, e.g. pulumi"
                + " config set containerImageRegion us-east-1 (the default)"),
        Arguments.of(
            "containerImageVersion",
            AT
                + "containerImageVersion: '' is empty. Fix: set it to a tag of the published"
                + " images, e.g. pulumi config set containerImageVersion v1.0.1 (the default)"),
        Arguments.of(
            "selfUpdateProjectDir",
            AT
                + "selfUpdateProjectDir: '' is not a path relative to the repository root (no"
                + " leading '/', no '..' segment, no '\\'). Fix: use the directory of Pulumi.yaml"
                + " relative to the repository root, e.g. '.' or 'infra/pipeline'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blankLiteralDefaultKeys")
  void blankValueOfALiteralDefaultKeyIsAnError(String key, String message) {
    config.put(key, "");

    assertThat(problems()).containsExactly(message);
  }

  @Test
  void blankRequiredValueIsNamedAsSetAndFixedWithTheCommand() {
    config.put("githubOwner", " ");

    assertThat(problems())
        .containsExactly(
            AT
                + "githubOwner: ' ' is blank, but it is required: the GitHub user or organization."
                + " Fix: run: pulumi config set githubOwner <value>");
  }

  @Test
  void blankPipelineConfigIsAnErrorAtItsKey() {
    config.put("pipelineConfig", "");

    assertThatThrownBy(this::read)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().get(0).location()).isEqualTo(AT + "pipelineConfig");
              assertThat(e.problems().get(0).value()).isEmpty();
              assertThat(e.problems().get(0).rule())
                  .isEqualTo(
                      "is blank or holds a control character, which no file name of a project"
                          + " has");
            });
  }

  @Test
  void pipelineConfigIsReadFromAnotherPathRelativeToTheProject() throws IOException {
    Files.createDirectories(projectDir.resolve("infra"));
    Files.writeString(
        projectDir.resolve("infra/pipeline.yaml"),
        "version: \"1.0\"\nbuild:\n  commands: [\"make\"]\nenvironments:\n"
            + "  - name: qa\n    region: eu-west-1\n    account: \"111111111111\"\n"
            + "    stacks:\n      - name: Api\n        path: lib/api.ts\n");
    config.put("pipelineConfig", "infra/pipeline.yaml");

    assertThat(read().pipelineConfig())
        .isEqualTo(
            new PipelineConfig(
                "1.0",
                List.of("make"),
                List.of(
                    new EnvironmentConfig(
                        "qa",
                        "eu-west-1",
                        "111111111111",
                        List.of(new StackDefinition("Api", "lib/api.ts")),
                        List.of()))));
  }

  @Test
  void thePipelineConfigsRepositoryPathAndDigestAreRecordedForTheValidateStage() throws Exception {
    byte[] sample = Files.readAllBytes(samplePipeline());

    assertThat(read().pipelineConfigSource())
        .contains(io.aphex.pipeline.config.PipelineConfigSource.of("aphex-config.yaml", sample));

    Files.createDirectories(projectDir.resolve("pipeline"));
    Files.copy(samplePipeline(), projectDir.resolve("pipeline/aphex.yaml"));
    config.put("pipelineConfig", "pipeline/./aphex.yaml");
    config.put("selfUpdateProjectDir", "infra/aphex");
    assertThat(read().pipelineConfigSource().orElseThrow().path())
        .isEqualTo("infra/aphex/pipeline/aphex.yaml");
    assertThat(read().pipelineConfigSource().orElseThrow().sha256())
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(sample)));
  }

  @Test
  void aPipelineConfigNamedAbsolutelyOrThroughDotDotIsFoundInsideTheProjectAndTracked() {
    config.put("pipelineConfig", projectDir.resolve("aphex-config.yaml").toString());
    assertThat(read().pipelineConfigSource().orElseThrow().path()).isEqualTo("aphex-config.yaml");

    config.put("pipelineConfig", "../" + projectDir.getFileName() + "/aphex-config.yaml");
    assertThat(read().pipelineConfigSource().orElseThrow().path()).isEqualTo("aphex-config.yaml");
  }

  @Test
  void aPipelineConfigLinkedFromOutsideTheProjectIsRefusedUnread() throws IOException {
    Path outside = Files.createTempFile("credentials", ".yaml");
    try {
      Files.writeString(outside, "version: \"1.0\"\nsecret: hunter2\n");
      Files.createSymbolicLink(projectDir.resolve("linked.yaml"), outside);
      config.put("pipelineConfig", "linked.yaml");

      assertThatThrownBy(this::read)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(
              "Pulumi.dev.yaml: aphex-pipeline:pipelineConfig: 'linked.yaml' lies outside the"
                  + " project directory")
          .hasMessageNotContaining("hunter2");
    } finally {
      Files.deleteIfExists(projectDir.resolve("linked.yaml"));
      Files.delete(outside);
    }
  }

  @Test
  void pipelineConfigPointingAtAMissingFileNamesTheResolvedPath() {
    config.put("pipelineConfig", "infra/missing.yaml");
    Path missing = projectDir.resolve("infra/missing.yaml");

    assertThat(problems())
        .containsExactly(
            "Pulumi.dev.yaml: aphex-pipeline:pipelineConfig: 'infra/missing.yaml' names "
                + missing.toAbsolutePath().normalize()
                + ", which does not exist. Fix: create that file, or run: pulumi config set"
                + " pipelineConfig <path of the pipeline config, relative to Pulumi.yaml>");
  }

  @Test
  void unknownKeysWithoutACloseMatchAreErrorsInAlphabeticalOrder() {
    config.put("zebra", "");
    config.put("colour", "blue");

    assertThat(problems())
        .containsExactly(
            AT
                + "colour: 'blue' is not a known key. Fix: Run: pulumi config rm colour;"
                + " docs/configuration.md lists every key",
            AT
                + "zebra: '' is not a known key. Fix: Run: pulumi config rm zebra;"
                + " docs/configuration.md lists every key");
  }

  @Test
  void aMegabyteValueOfAnUnknownKeyIsShownCutAndNotRepeatedInTheFix() {
    config.put("argoNamspace", "w".repeat(1 << 20));

    assertThat(problems())
        .singleElement()
        .satisfies(
            message ->
                assertThat(message)
                    .hasSizeLessThan(400)
                    .contains("'" + "w".repeat(120) + "...' is not a known key")
                    .contains("pulumi config set argoNamespace <value>"));
  }

  @Test
  void unknownKeyWithACloseMatchSuggestsIt() {
    config.put("argoNamspace", "workflows");

    assertThat(problems())
        .containsExactly(
            AT
                + "argoNamspace: 'workflows' is not a known key. Fix: Did you mean"
                + " 'argoNamespace'? Run: pulumi config rm argoNamspace && pulumi config set"
                + " argoNamespace <value>; docs/configuration.md lists every key");
  }

  @Test
  void aKeyOfAMisspelledNamespaceIsAnErrorNotSilentlyIgnored() {
    Set<String> keys = new java.util.HashSet<>(config.keySet());
    keys.add("aphex-pipline:githubBranch");

    assertThatThrownBy(() -> reader(Optional.of(keys)).read())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "Pulumi.dev.yaml: aphex-pipline:githubBranch: 'aphex-pipline' is a misspelling of the"
                + " namespace 'aphex-pipeline', so the setting would be silently ignored. Fix: did"
                + " you mean 'aphex-pipeline:githubBranch'? Run: pulumi config rm"
                + " 'aphex-pipline:githubBranch' && pulumi config set githubBranch <value>");
  }

  @Test
  void withoutTheListOfPresentKeysUnknownKeysAreNotChecked() {
    config.put("colour", "blue");

    AphexPipelineArgs args = reader(Optional.empty()).read();

    assertThat(com.pulumi.test.PulumiTest.extractValue(args.clusterName()))
        .isEqualTo("company-pipelines");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ninety", "9.5", "90 days"})
  void artifactRetentionDaysThatIsNotAWholeNumberIsAnError(String days) {
    config.put("artifactRetentionDays", days);

    assertThat(problems())
        .containsExactly(
            AT
                + "artifactRetentionDays: '"
                + days
                + "' is not a whole number. Fix: run: pulumi config set artifactRetentionDays"
                + " 90");
  }

  @Test
  void aWholeNumberOfAMegabyteOfDigitsIsOutOfRangeAndShownAsSet() {
    config.put("artifactRetentionDays", "9".repeat(1 << 20));

    assertThat(problems())
        .containsExactly(
            AT
                + "artifactRetentionDays: '"
                + "9".repeat(120)
                + "...' must be from 1 to 3650: days after which build artifacts expire (1 to"
                + " 3650). Fix: run: pulumi config set artifactRetentionDays 90");
  }

  @Test
  void artifactRetentionDaysIsReadIgnoringSurroundingWhitespace() {
    config.put("artifactRetentionDays", " 30 ");

    assertThat(read().artifactRetentionDays()).isEqualTo(30);
  }

  @Test
  void argumentProblemsPointAtTheStackConfigKey() {
    config.put("argoNamespace", "Argo");

    assertThat(problems())
        .containsExactly(
            AT
                + "argoNamespace: 'Argo' "
                + LABEL_RULE
                + ". Fix: use the namespace Argo Workflows runs in, e.g. 'argo'");
  }

  @Test
  void problemsOfThePipelineFileAndOfTheStackConfigAreReportedTogether() throws IOException {
    Files.writeString(
        projectDir.resolve("aphex-config.yaml"),
        "version: \"1.0\"\nbuild:\n  commands: [\"make\"]\nenvironments:\n"
            + "  - name: dev\n    region: us-east-1\n    account: \"12\"\n"
            + "    stacks:\n      - name: App\n        path: app.ts\n");
    config.remove("githubRepo");
    config.put("artifactRetentionDays", "ninety");
    config.put("argoNamespace", "Argo");
    config.put("colour", "blue");

    assertThatThrownBy(this::read)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 5 problems (nothing was created):\n"
                + "  1. "
                + AT
                + "argoNamespace: 'Argo' "
                + LABEL_RULE
                + ". Fix: use the namespace Argo Workflows runs in, e.g. 'argo'\n"
                + "  2. "
                + AT
                + "artifactRetentionDays: 'ninety' is not a whole number. Fix: run: pulumi config"
                + " set artifactRetentionDays 90\n"
                + "  3. "
                + AT
                + "colour: 'blue' is not a known key. Fix: Run: pulumi config rm colour;"
                + " docs/configuration.md lists every key\n"
                + "  4. aphex-config.yaml line 7, environments[0].account: '12' does not fit the"
                + " rule for account: the 12-digit AWS account ID. Quote it: YAML reads an unquoted"
                + " 012345678901 as a number and drops the leading zero. Fix: Write e.g. account:"
                + " \"123456789012\".\n"
                + "  5. "
                + AT
                + "githubRepo: is missing; it is required: the repository name, without the owner."
                + " Fix: run: pulumi config set githubRepo <value>");
  }

  @Test
  void anUnknownIdentityModeIsAnErrorWithADidYouMean() {
    config.put("identityMode", "podidentity");

    assertThat(problems())
        .containsExactly(
            AT
                + "identityMode: 'podidentity' is not one of the allowed values: irsa,"
                + " podIdentity (case-sensitive). Fix: Did you mean"
                + " 'podIdentity'? Run: pulumi config set identityMode podIdentity");
  }

  /**
   * The structured stack settings {@code podSecurity} and {@code webhookService}, and the lists, as
   * {@code pulumi config set --path} stores them: the published stack-config schema checks their
   * shape, Jackson binds them to their records, and the records' own rules run on the result. Every
   * problem names the key or {@code --path}, the value, the rule and the command that fixes it.
   */
  @Nested
  class StructuredSettings {

    private static final String POD_SECURITY_KEYS =
        "the known keys here are fsGroup, runAsNonRoot, runAsUser, allowPrivilegeEscalation,"
            + " seccompProfile, readOnlyRootFilesystem, dropAllCapabilities.";

    private static final String PORT =
        "the Service port; the EventSource pods always listen on 12000, the targetPort. Fix: run:"
            + " pulumi config set --path webhookService.port 12000";

    private AphexPipelineArgs read(String key, String value) {
      Map<String, String> values = new LinkedHashMap<>(config);
      values.put(key, value);
      return new StackConfigReader(
              k -> Optional.ofNullable(values.get(k)),
              Optional.of(values.keySet()),
              projectDir,
              "dev",
              k -> Optional.empty())
          .read();
    }

    private List<String> problems(String key, String value) {
      try {
        read(key, value);
      } catch (ConfigException e) {
        return e.problems().stream()
            .map(Problem::message)
            .map(m -> m.startsWith(AT) ? m.substring(AT.length()) : m)
            .toList();
      }
      throw new AssertionError("expected a ConfigException for " + key + "=" + value);
    }

    @Test
    void podSecurityBindsEveryFieldAndDefaultsTheRest() {
      assertThat(
              read(
                      "podSecurity",
                      "{\"fsGroup\":1000,\"runAsNonRoot\":true,\"runAsUser\":1001,"
                          + "\"allowPrivilegeEscalation\":true,\"seccompProfile\":\"Unconfined\","
                          + "\"readOnlyRootFilesystem\":true,\"dropAllCapabilities\":false}")
                  .podSecurity())
          .isEqualTo(
              new PodSecurity(
                  1000, true, Optional.of(1001L), true, SeccompProfile.UNCONFINED, true, false));
      PodSecurity defaults = PodSecurity.defaults();
      assertThat(read("podSecurity", "{\"runAsNonRoot\":true}").podSecurity())
          .isEqualTo(defaults.withRunAsNonRoot(true));
      assertThat(read("podSecurity", "{}").podSecurity()).isEqualTo(defaults);
      assertThat(read("podSecurity", " ").podSecurity()).isEqualTo(defaults);
      assertThat(read("podSecurity", "{\"runAsUser\":null,\"fsGroup\":null}").podSecurity())
          .isEqualTo(defaults);
    }

    @Test
    void webhookServiceBindsEveryFieldAndTakesNumbersAndFlagsInMapsAsText() {
      WebhookServiceSettings settings =
          read(
                  "webhookService",
                  "{\"enabled\":true,\"type\":\"NodePort\",\"port\":8080,\"nodePort\":30120,"
                      + "\"annotations\":{\"example.com/owner\":\"platform\"},"
                      + "\"labels\":{\"team\":\"platform\",\"tier\":2,\"critical\":true}}")
              .webhookService();

      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("team", "platform");
      labels.put("tier", "2");
      labels.put("critical", "true");
      assertThat(settings)
          .isEqualTo(
              new WebhookServiceSettings(
                  true,
                  Type.NODE_PORT,
                  8080,
                  Optional.of(30120),
                  Map.of("example.com/owner", "platform"),
                  labels));
      assertThat(settings.labels().keySet()).containsExactly("team", "tier", "critical");
      assertThat(read("webhookService", "{\"type\":null,\"port\":null}").webhookService())
          .isEqualTo(WebhookServiceSettings.defaults());
    }

    @Test
    void anUnknownFieldGetsADidYouMeanOrTheListOfFields() {
      assertThat(problems("podSecurity", "{\"runAsNonroot\":true}"))
          .containsExactly(
              "podSecurity.runAsNonroot: 'runAsNonroot' is not a known key. Fix: Did you mean"
                  + " 'runAsNonRoot'? Run: pulumi config rm --path podSecurity.runAsNonroot &&"
                  + " pulumi config set --path podSecurity.runAsNonRoot true; "
                  + POD_SECURITY_KEYS);
      assertThat(problems("podSecurity", "{\"example.com/x\":1}"))
          .containsExactly(
              "podSecurity.example.com/x: 'example.com/x' is not a known key. Fix: Run: pulumi"
                  + " config rm --path 'podSecurity[\"example.com/x\"]'; "
                  + POD_SECURITY_KEYS);
      assertThat(problems("webhookService", "{\"label\":{\"team\":\"a\"}}"))
          .containsExactly(
              "webhookService.label: 'label' is not a known key. Fix: Did you mean 'labels'? Run:"
                  + " pulumi config rm --path webhookService.label && pulumi config set --path"
                  + " webhookService.labels <value>; the known keys here are enabled, type, port,"
                  + " nodePort, annotations, labels.");
    }

    @Test
    void aValueOfTheWrongJsonKindSaysWhatItIsAndWhatItMustBe() {
      assertThat(problems("podSecurity", "{\"runAsNonRoot\":\"true\"}"))
          .containsExactly(
              "podSecurity.runAsNonRoot: 'true' is quoted, so YAML reads it as text; it must be"
                  + " true or false. Fix: write the value without quotes, e.g. pulumi config set"
                  + " --path"
                  + " podSecurity.runAsNonRoot true");
      assertThat(problems("webhookService", "{\"port\":80.5}"))
          .containsExactly(
              "webhookService.port: '80.5' must be a whole number, not a fractional number. Fix:"
                  + " run: pulumi config set --path webhookService.port 12000");
      assertThat(problems("webhookService", "{\"annotations\":\"nlb\"}"))
          .containsExactly(
              "webhookService.annotations: 'nlb' must be a JSON object, not a string. Fix: run:"
                  + " pulumi config set --path"
                  + " 'webhookService.annotations[\"service.beta.kubernetes.io/aws-load-balancer-scheme\"]'"
                  + " internet-facing");
      assertThat(problems("webhookService", "{\"labels\":{\"team\":null}}"))
          .containsExactly(
              "webhookService.labels.team: 'null' must be a string or a whole number or true or"
                  + " false, not null. Fix: run: pulumi config set --path webhookService.labels.team"
                  + " platform");
    }

    @Test
    void aNameOutsideTheAllowedOnesGetsTheRightCase() {
      assertThat(problems("webhookService", "{\"type\":\"nodeport\"}"))
          .containsExactly(
              "webhookService.type: 'nodeport' is not one of the allowed values: LoadBalancer,"
                  + " NodePort, ClusterIP (case-sensitive). Fix: Did you mean 'NodePort'? Run: pulumi"
                  + " config set --path"
                  + " webhookService.type NodePort");
      assertThat(problems("podSecurity", "{\"seccompProfile\":\"Localhost\"}"))
          .containsExactly(
              "podSecurity.seccompProfile: 'Localhost' is not one of the allowed values:"
                  + " RuntimeDefault, Unconfined. Fix: run: pulumi config set --path podSecurity.seccompProfile"
                  + " RuntimeDefault");
      assertThat(problems("notificationEvents", "[\"deploy\"]"))
          .containsExactly(
              "notificationEvents[0]: 'deploy' is not one of the allowed values: approval,"
                  + " failure, success. Fix: run: pulumi config set --path 'notificationEvents[0]'"
                  + " approval");
    }

    @Test
    void aNumberOutsideItsRangeIsReportedEvenBeyondALong() {
      assertThat(problems("podSecurity", "{\"fsGroup\":-1,\"runAsUser\":99999999999}"))
          .containsExactly(
              "podSecurity.fsGroup: '-1' must be from 0 to 2147483647: group that owns the pod"
                  + " volumes, so that a non-root user reads the projected IRSA token. Fix: run:"
                  + " pulumi config set --path podSecurity.fsGroup 65534",
              "podSecurity.runAsUser: '99999999999' must be from 0 to 2147483647: user the stage"
                  + " containers run as; unset, the image decides. Fix: run: pulumi config set"
                  + " --path podSecurity.runAsUser 1000");
      assertThat(problems("webhookService", "{\"port\":99999999999999999999}"))
          .containsExactly(
              "webhookService.port: '99999999999999999999' must be from 1 to 65535: " + PORT);
      assertThat(problems("webhookService", "{\"port\":1e309}"))
          .containsExactly("webhookService.port: '1E+309' must be from 1 to 65535: " + PORT);
    }

    /** As many bad items as a megabyte holds list the first hundred and count the rest. */
    @Test
    void aListOfTensOfThousandsOfBadItemsListsAHundredProblemsAndCountsTheRest() {
      List<String> found =
          problems("additionalPolicyArns", "[" + String.join(",", nCopies(50_000, "\"x\"")) + "]");

      assertThat(found).hasSize(101);
      assertThat(found.get(99))
          .startsWith("additionalPolicyArns[99]: 'x' is not an IAM policy ARN.");
      assertThat(found.get(100))
          .isEqualTo(
              "additionalPolicyArns[100]: '49900 more' problems were found but not listed; only"
                  + " the first 100 are shown. Fix: Correct the problems above and check again.");
    }

    @Test
    void textThatIsNotAJsonObjectOrListSaysHowToSetOneFieldAtATime() {
      for (String raw :
          List.of("NodePort", "[1]", "\"NodePort\"", "{\"port\":1} x", "{\"port\":1,\"port\":2}")) {
        assertThat(problems("webhookService", raw))
            .as(raw)
            .containsExactly(
                "webhookService: '"
                    + raw
                    + "' is not a JSON object. Fix: set one field at a time with --path, e.g. pulumi"
                    + " config rm webhookService && pulumi config set --path webhookService.type"
                    + " NodePort");
      }
      assertThat(problems("additionalPolicyArns", "arn:aws:iam::aws:policy/ReadOnlyAccess"))
          .containsExactly(
              "additionalPolicyArns: 'arn:aws:iam::aws:policy/ReadOnlyAccess' is not a JSON list."
                  + " Fix: set one item at a time with --path, e.g. pulumi config set --path"
                  + " 'additionalPolicyArns[0]' arn:aws:iam::aws:policy/ReadOnlyAccess");
    }

    @Test
    void theRecordsRulesRunOnWhatTheSchemaAccepts() {
      assertThat(problems("webhookService", "{\"nodePort\":30120}"))
          .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
          .containsExactly(
              "webhookService.nodePort: '30120' is only used by a NodePort Service, but"
                  + " webhookService.type is LoadBalancer.");
      assertThat(problems("webhookService", "{\"labels\":{\"app.kubernetes.io/name\":\"x\"}}"))
          .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
          .containsExactly(
              "webhookService.labels.app.kubernetes.io/name: 'app.kubernetes.io/name' is a label"
                  + " that aphex-pipeline sets itself on every object it creates"
                  + " (app.kubernetes.io/name, app.kubernetes.io/component,"
                  + " app.kubernetes.io/part-of, app.kubernetes.io/managed-by,"
                  + " app.kubernetes.io/instance).");
    }

    @Test
    void everyProblemOfEveryKeyComesAtOnce() {
      config.put("verifyImages", "yes");
      config.put("artifactRetentionDays", "ninety");
      config.put("podSecurity", "{\"fsgroup\":1000}");

      assertThat(problems("webhookService", "{\"type\":\"Ingress\"}"))
          .containsExactly(
              "artifactRetentionDays: 'ninety' is not a whole number. Fix: run: pulumi config set"
                  + " artifactRetentionDays 90",
              "verifyImages: 'yes' is not true or false. Fix: run: pulumi config set verifyImages"
                  + " true",
              "webhookService.type: 'Ingress' is not one of the allowed values: LoadBalancer,"
                  + " NodePort, ClusterIP. Fix: run: pulumi config set --path webhookService.type"
                  + " LoadBalancer",
              "podSecurity.fsgroup: 'fsgroup' is not a known key. Fix: Did you mean 'fsGroup'?"
                  + " Run: pulumi config rm --path podSecurity.fsgroup && pulumi config set --path"
                  + " podSecurity.fsGroup 1000; "
                  + POD_SECURITY_KEYS);
    }
  }
}
