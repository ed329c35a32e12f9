package io.aphex.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.Context;
import io.aphex.pipeline.component.AphexPipeline;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.component.PipelinePlanInputs;
import io.aphex.pipeline.plan.PipelinePlan;
import io.aphex.pipeline.plan.Plan;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarantee of {@code ./aphex render}: what it shows is what {@code pulumi up} would register.
 * Each stack of a corpus is planned as the render plans it ({@link StackPlan}, no engine) and run
 * under the Pulumi SDK's engine ({@link OfflineRender}, the oracle: the real program, every
 * registration recorded as the engine receives it); {@code plan.json} and {@code manifests.yaml}
 * must be the same text, and the warnings the same. The corpus covers the repository's sample, the
 * predecessor's sample, the stack-config example, IRSA and Pod Identity, a cluster given by its
 * OIDC provider (library use), an imported artifact bucket, reporting with notifications, image
 * verification across regions with the stack's aws settings copied, every webhook Service variant,
 * approvals, deploy roles, Pulumi and multiple CDK stacks, and enough environments to need managed
 * deploy-role policies.
 */
class PlanOracleTest {

  private static final Path ROOT = SampleConfigs.projectDir();
  private static final String ACCOUNT = "123456789012";
  private static final String REGION = "us-east-1";

  /** The example of docs/pipeline-config.md: approvals, deploy roles, Pulumi and CDK stacks. */
  private static final String RICH_CONFIG =
      """
      version: "1.0"
      build:
        commands: ["npm ci", "npm run build"]
      environments:
        - name: dev
          region: us-east-1
          account: "123456789012"
          stacks:
            - name: NetworkStack
              path: lib/network-stack.ts
            - name: DataStack
              path: lib/data-stack.ts
              dependsOn: [NetworkStack]
            - name: MyAppStack
              path: lib/my-app-stack.ts
              dependsOn: [NetworkStack]
          tests:
            commands: ["npm run test:integration"]
        - name: prod-us
          region: us-east-1
          account: "987654321098"
          dependsOn: [dev]
          requiresApproval: true
          deployRoleArn: arn:aws:iam::987654321098:role/aphex-deploy
          stacks:
            - name: MyAppStack
              path: lib/my-app-stack.ts
            - name: my-org/payments/prod-us
              engine: pulumi
              path: infra/payments
      pipeline:
        stages:
          deploy:
            timeout: 3h
            retries: 0
      """;

  private static final String STACK =
      """
      config:
        aws:region: us-east-1
        aws:allowedAccountIds:
          - "123456789012"
        aphex-pipeline:clusterName: company-pipelines
        aphex-pipeline:githubOwner: my-org
        aphex-pipeline:githubRepo: my-repo
        aphex-pipeline:githubTokenSecretName: github-token
        aphex-pipeline:containerImageVersion: v1.0.1
      """;

  static Stream<Arguments> stacks() {
    return Stream.of(
        Arguments.of(
            "pod-identity-reporting-approvals",
            RICH_CONFIG,
            """
              aphex-pipeline:identityMode: podIdentity
              aphex-pipeline:notificationWebhookSecretName: team-notifications
              aphex-pipeline:argoUiUrl: https://argo.example.com
              aphex-pipeline:notificationEvents: [approval, failure, success]
            """),
        Arguments.of(
            "imported-bucket-nodeport-webhook-url",
            RICH_CONFIG,
            """
              aphex-pipeline:importArtifactBucket: "true"
              aphex-pipeline:artifactBucketName: kept-artifacts-bucket
              aphex-pipeline:githubWebhookSecretName: github-webhook
              aphex-pipeline:webhookUrl: https://hooks.example.com
              aphex-pipeline:webhookService:
                type: NodePort
                nodePort: 30080
            """),
        Arguments.of(
            "named-no-verify-no-service",
            sampleConfig(),
            """
              aphex-pipeline:pipelineName: team-a
              aphex-pipeline:deployerImage: 123456789012.dkr.ecr.us-east-1.amazonaws.com/deployer:latest
              aphex-pipeline:verifyImages: "false"
              aphex-pipeline:artifactRetentionDays: "30"
              aphex-pipeline:additionalPolicyArns:
                - arn:aws:iam::aws:policy/ReadOnlyAccess
                - arn:aws:iam::123456789012:policy/extra
              aphex-pipeline:webhookService:
                enabled: false
            """),
        Arguments.of(
            "two-ecr-regions-aws-settings-clusterip",
            sampleConfig(),
            """
              aws:profile: deployer
              aws:secretKey:
                secure: AAABAJ7a1vsaz0cO4ZVZm2mPpnFqEo0vbD2dlMOR0c4=
              aws:maxRetries: "5"
              aws:skipMetadataApiCheck: "true"
              aws:assumeRole:
                roleArn: arn:aws:iam::123456789012:role/deployer
                sessionName: aphex
              aphex-pipeline:builderImage: 210987654321.dkr.ecr.eu-west-1.amazonaws.com/builder:v2.0.0
              aphex-pipeline:webhookService:
                type: ClusterIP
                port: 8080
                annotations:
                  example.com/team: platform
            """),
        Arguments.of("200-environments", RenderBenchmark.pipelineConfig(200), ""));
  }

  private static String sampleConfig() {
    try {
      return Files.readString(ROOT.resolve("aphex-config.yaml"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theRepositorysSampleRendersWhatTheEngineRegisters() {
    assertSame(ROOT, "dev");
  }

  @Test
  void theStackConfigExampleRendersWhatTheEngineRegisters() {
    assertSame(ROOT.resolve("examples/stack-config"), "dev");
  }

  @Test
  void thePredecessorsSampleRendersWhatTheEngineRegisters(@TempDir Path dir) throws IOException {
    assertSame(
        project(
            dir,
            Files.readString(SampleConfigs.predecessorSample().resolve("aphex-config.yaml")),
            ""),
        "dev");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stacks")
  void eachStackRendersWhatTheEngineRegisters(
      String name, String pipelineConfig, String extraSettings, @TempDir Path dir)
      throws IOException {
    assertSame(project(dir, pipelineConfig, extraSettings), "dev");
  }

  /**
   * A library user's component with the cluster given by its OIDC provider (as pulumi-eks hands it
   * over) and a component name that names the pipeline.
   */
  @Test
  void aClusterGivenByItsOidcProviderPlansWhatTheEngineRegisters() {
    AphexPipelineArgs args =
        SampleConfigs.sampleArgs()
            .oidcProviderArn(
                "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC")
            .oidcIssuerUrl("oidc.eks.us-east-1.amazonaws.com/id/ABC")
            .build();
    StackFiles files = StackFiles.read(ROOT, "dev");
    Consumer<Context> program =
        ctx -> new AphexPipeline("team-b", args).outputs().forEach(ctx::export);
    Plan engine = OfflineRender.run(files, "dev", ACCOUNT, REGION, program);
    Plan plan =
        PipelinePlan.of(
            files.projectName(), "dev", PipelinePlanInputs.of("team-b", args, ACCOUNT, REGION));

    assertSameText("plan.json", json(files, plan), json(files, engine));
    assertSameText("manifests.yaml", yaml(plan), yaml(engine));
  }

  private static void assertSame(Path projectDir, String stack) {
    StackFiles files = StackFiles.read(projectDir, stack);
    Plan engine = OfflineRender.run(files, stack, projectDir, ACCOUNT, REGION);
    Plan plan = StackPlan.of(files, stack, projectDir, ACCOUNT, REGION);

    assertSameText("plan.json", json(files, plan), json(files, engine));
    assertSameText("manifests.yaml", yaml(plan), yaml(engine));
    assertThat(plan.warnings()).isEqualTo(engine.warnings());
    assertThat(plan.imageCheckSkipped()).isEqualTo(engine.imageCheckSkipped());
    assertThat(plan.resources()).hasSizeGreaterThan(25);
  }

  /** Equal texts; else the first differing line with its neighbours, not two whole renders. */
  private static void assertSameText(String file, String planned, String registered) {
    List<String> a = planned.lines().toList();
    List<String> b = registered.lines().toList();
    int line = 0;
    while (line < Math.min(a.size(), b.size()) && a.get(line).equals(b.get(line))) {
      line++;
    }
    int from = Math.max(0, line - 3);
    assertThat(String.join("\n", a.subList(from, Math.min(a.size(), line + 4))))
        .as("%s from line %d: expected the engine's, but was the plan's", file, line + 1)
        .isEqualTo(String.join("\n", b.subList(from, Math.min(b.size(), line + 4))));
    assertThat(planned).as(file).isEqualTo(registered);
  }

  private static String json(StackFiles files, Plan plan) {
    return RenderFiles.planJson(RenderFiles.planMap(files.projectName(), "dev", plan));
  }

  private static String yaml(Plan plan) {
    List<java.util.Map<String, Object>> objects = RenderFiles.kubernetesObjects(plan);
    return RenderFiles.manifestsYaml(objects);
  }

  private static Path project(Path dir, String pipelineConfig, String extraSettings)
      throws IOException {
    Files.copy(ROOT.resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
    Files.writeString(
        dir.resolve("Pulumi.dev.yaml"), STACK + extraSettings.stripTrailing().indent(0));
    Files.writeString(dir.resolve("aphex-config.yaml"), pipelineConfig);
    return dir;
  }
}
