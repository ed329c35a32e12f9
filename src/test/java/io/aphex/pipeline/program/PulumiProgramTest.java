package io.aphex.pipeline.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack-config program end to end under the SDK's engine, with stack config injected the way
 * the Pulumi CLI hands it over.
 */
class PulumiProgramTest {

  static final Map<String, String> REQUIRED =
      Map.of(
          "aphex-pipeline:clusterName", "company-pipelines",
          "aphex-pipeline:githubOwner", "my-org",
          "aphex-pipeline:githubRepo", "my-repo",
          "aphex-pipeline:githubTokenSecretName", "github-token");

  @TempDir Path projectDir;

  private final AphexPipelineMocks mocks = new AphexPipelineMocks();

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void containerImageVersionSetInStackConfigReachesEveryStageImage() throws IOException {
    writeSamplePipeline();
    Map<String, String> config = new LinkedHashMap<>(REQUIRED);
    config.put("aphex-pipeline:containerImageVersion", "v2.0.0");

    TestResult result = run(config);

    assertThat(result.exceptions()).isEmpty();
    assertThat(PulumiTest.extractValue(result.output("builderImage")))
        .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v2.0.0");
    assertThat(PulumiTest.extractValue(result.output("deployerImage")))
        .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v2.0.0");
    assertThat(templateImages())
        .containsOnly(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v2.0.0",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v2.0.0");
  }

  @Test
  void exportsTheStackOutputs() throws IOException {
    writeSamplePipeline();

    TestResult result = run(REQUIRED);

    assertThat(result.outputs().keySet())
        .containsExactlyInAnyOrder(
            "workflowRoleArn",
            "serviceAccountName",
            "artifactBucketName",
            "workflowTemplateName",
            "builderImage",
            "deployerImage",
            "webhookUrl",
            "webhookInstructions",
            "webhookSecret",
            "githubWebhookSettingsUrl",
            "sensorServiceAccountName",
            "webhookServiceType",
            "additionalPolicyArns");
    assertThat(PulumiTest.extractValue(result.output("serviceAccountName")))
        .isEqualTo("workflow-executor");
  }

  @Test
  void emptyComputedDefaultsFromPulumiYamlMeanTheConvention() throws IOException {
    writeSamplePipeline();
    Map<String, String> config = new LinkedHashMap<>(REQUIRED);
    config.put("aphex-pipeline:builderImage", "");
    config.put("aphex-pipeline:containerImageAccount", "");
    config.put("aphex-pipeline:artifactBucketName", "");

    TestResult result = run(config);

    assertThat(result.exceptions()).isEmpty();
    assertThat(PulumiTest.extractValue(result.output("builderImage")))
        .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1");
    assertThat(PulumiTest.extractValue(result.output("artifactBucketName")))
        .isEqualTo("aphex-pipeline-artifacts-123456789012-us-east-1");
  }

  @Test
  void missingRequiredKeysAreAllReportedWithTheCommandThatSetsThem() throws IOException {
    writeSamplePipeline();

    TestResult result = run(Map.of());

    assertThat(result.exitCode()).isNotZero();
    assertThat(messages(result))
        .isEqualTo(
            "aphex-pipeline: invalid configuration, 4 problems (nothing was created):\n"
                + "  1. Pulumi.dev.yaml: aphex-pipeline:clusterName: is missing; it is required: the"
                + " name of the existing EKS cluster. Fix: run: pulumi config set clusterName"
                + " <value>\n"
                + "  2. Pulumi.dev.yaml: aphex-pipeline:githubOwner: is missing; it is required:"
                + " the GitHub user or organization. Fix: run: pulumi config set githubOwner"
                + " <value>\n"
                + "  3. Pulumi.dev.yaml: aphex-pipeline:githubRepo: is missing; it is required:"
                + " the repository name, without the owner. Fix: run: pulumi config set githubRepo"
                + " <value>\n"
                + "  4. Pulumi.dev.yaml: aphex-pipeline:githubTokenSecretName: is missing; it is"
                + " required: the AWS Secrets Manager secret that holds the GitHub token as JSON"
                + " key 'token'. Fix: run: pulumi config set githubTokenSecretName <value>");
    assertThat(mocks.registrations()).isEmpty();
  }

  @Test
  void unknownKeyIsAnErrorWithADidYouMean() throws IOException {
    writeSamplePipeline();
    Map<String, String> config = new LinkedHashMap<>(REQUIRED);
    config.put("aphex-pipeline:containerImageVerison", "v2.0.0");

    TestResult result = run(config);

    assertThat(messages(result))
        .contains(
            "Pulumi.dev.yaml: aphex-pipeline:containerImageVerison: 'v2.0.0' is not a known key."
                + " Fix: Did you mean 'containerImageVersion'? Run: pulumi config rm"
                + " containerImageVerison && pulumi config set containerImageVersion <value>;"
                + " docs/configuration.md lists every key");
    assertThat(mocks.registrations()).isEmpty();
  }

  @Test
  void wrongTypeAndInvalidValuesAreReportedTogether() throws IOException {
    writeSamplePipeline();
    Map<String, String> config = new LinkedHashMap<>(REQUIRED);
    config.put("aphex-pipeline:artifactRetentionDays", "ninety");
    config.put("aphex-pipeline:argoNamespace", "Argo_NS");

    TestResult result = run(config);

    assertThat(messages(result))
        .contains(
            "Pulumi.dev.yaml: aphex-pipeline:artifactRetentionDays: 'ninety' is not a whole"
                + " number. Fix: run: pulumi config set artifactRetentionDays 90")
        .contains(
            "Pulumi.dev.yaml: aphex-pipeline:argoNamespace: 'Argo_NS' is not a valid DNS-1123"
                + " label (lower-case letters, digits and '-', starting and ending with a letter"
                + " or digit). Fix: use the namespace Argo Workflows runs in, e.g. 'argo'");
    assertThat(mocks.registrations()).isEmpty();
  }

  @Test
  void pipelineConfigProblemsAreReportedWithTheStackConfigProblems() throws IOException {
    Files.writeString(
        projectDir.resolve("aphex-config.yaml"),
        "version: \"1.0\"\nbuild:\n  commands: [\"make\"]\nenvironments:\n"
            + "  - name: dev\n    region: us-east-1\n    account: \"12\"\n"
            + "    stacks:\n      - name: App\n        path: app.ts\n");
    Map<String, String> config = new LinkedHashMap<>(REQUIRED);
    config.remove("aphex-pipeline:githubRepo");

    TestResult result = run(config);

    assertThat(messages(result))
        .contains(
            "aphex-config.yaml line 7, environments[0].account: '12' does not fit the rule for"
                + " account: the 12-digit AWS account ID")
        .contains("Pulumi.dev.yaml: aphex-pipeline:githubRepo: is missing");
    assertThat(mocks.registrations()).isEmpty();
  }

  @Test
  void missingPipelineConfigFileIsNamed() {
    TestResult result = run(REQUIRED);

    assertThat(messages(result)).contains(projectDir.resolve("aphex-config.yaml").toString());
  }

  private TestResult run(Map<String, String> config) {
    Optional<java.util.Set<String>> keys =
        Optional.of(
            config.keySet().stream()
                .map(k -> k.substring("aphex-pipeline:".length()))
                .collect(Collectors.toSet()));
    return PulumiTestInternal.builder()
        .options(
            TestOptions.builder()
                .projectName("aphex-pipeline")
                .stackName("dev")
                .preview(false)
                .build())
        .mocks(mocks)
        .config(config)
        .build()
        .runTest(ctx -> PulumiProgram.run(ctx, keys, projectDir));
  }

  private void writeSamplePipeline() throws IOException {
    Files.copy(
        io.aphex.pipeline.testing.SampleConfigs.predecessorSample().resolve("aphex-config.yaml"),
        projectDir.resolve("aphex-config.yaml"));
  }

  private static String messages(TestResult result) {
    return result.exceptions().stream()
        .map(PulumiProgramTest::rootCause)
        .map(Throwable::getMessage)
        .distinct()
        .collect(Collectors.joining("\n"));
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @SuppressWarnings("unchecked")
  private List<String> templateImages() {
    Map<String, Object> template =
        mocks
            .find(
                "kubernetes:argoproj.io/v1alpha1:WorkflowTemplate",
                "aphex-pipeline-workflow-template")
            .inputs();
    List<Map<String, Object>> templates =
        (List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("templates");
    return templates.stream()
        .filter(t -> t.containsKey("container"))
        .map(t -> (String) ((Map<String, Object>) t.get("container")).get("image"))
        .toList();
  }
}
