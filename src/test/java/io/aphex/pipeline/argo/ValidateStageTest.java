package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.StageSandbox.COMMIT_SHA;
import static io.aphex.pipeline.argo.StageSandbox.REPO_URL;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.PipelineConfigSource;
import io.aphex.pipeline.config.StackDefinition;
import io.aphex.pipeline.config.StackEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Runs the generated {@code validate} stage with bash against stub tools. */
@Execution(ExecutionMode.CONCURRENT)
class ValidateStageTest {

  private static final String PAYMENTS_ROLE = "arn:aws:iam::210987654321:role/payments-deployer";
  private static final Map<String, String> TOKEN =
      Map.of("secret:pulumi-access-token/token", "pul-123");

  @TempDir Path dir;

  private StageSandbox sandbox;

  @BeforeEach
  void createSandbox() throws Exception {
    sandbox = new StageSandbox(dir);
    Files.createDirectories(sandbox.repo().resolve("lib"));
    Files.writeString(sandbox.repo().resolve("lib/app.ts"), "");
    Files.createDirectories(sandbox.repo().resolve("infra/payments"));
    Files.writeString(sandbox.repo().resolve("infra/payments/Pulumi.yaml"), "name: payments\n");
  }

  /** dev (CDK, bootstrap roles) and prod-eu (CDK and Pulumi, a deploy role). */
  private static PipelineConfig config() {
    return new PipelineConfig(
        "1.0",
        List.of("make"),
        List.of(
            new EnvironmentConfig(
                "dev",
                "us-east-1",
                "123456789012",
                List.of(new StackDefinition("App", "lib/app.ts")),
                List.of()),
            new EnvironmentConfig(
                "prod-eu",
                "eu-west-1",
                "210987654321",
                List.of(
                    new StackDefinition("App", "lib/app.ts"),
                    new StackDefinition(
                        "acme/payments/prod-eu",
                        "infra/payments",
                        Optional.empty(),
                        StackEngine.PULUMI)),
                List.of(),
                Optional.empty(),
                false,
                Optional.of(PAYMENTS_ROLE))));
  }

  private StageSandbox.Run validate(PipelineConfig config) throws Exception {
    return validate(config, WorkflowTemplateFixtures.settings());
  }

  private StageSandbox.Run validate(PipelineConfig config, WorkflowTemplateSettings settings)
      throws Exception {
    sandbox.withTargets(config);
    return sandbox.run(
        new WorkflowTemplateView(WorkflowTemplateFactory.build(settings, config)),
        "validate",
        TOKEN);
  }

  /** Settings that know the pipeline config as {@code infra/aphex-config.yaml} with this text. */
  private static WorkflowTemplateSettings renderedFrom(String text) {
    return WorkflowTemplateFixtures.settings(
        new SelfUpdate(
            "infra",
            "prod",
            Optional.of("s3://aphex-state"),
            Optional.of("pulumi-access-token"),
            Optional.of(PipelineConfigSource.of("infra/aphex-config.yaml", text.getBytes(UTF_8)))));
  }

  @Test
  void thePushedPipelineConfigAsRenderedPassesQuietly() throws Exception {
    Files.createDirectories(sandbox.repo().resolve("infra"));
    Files.writeString(sandbox.repo().resolve("infra/aphex-config.yaml"), "version: \"1.0\"\n");

    StageSandbox.Run run = validate(config(), renderedFrom("version: \"1.0\"\n"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).doesNotContain("rendered from");
  }

  @Test
  void aChangedPipelineConfigIsAWarningWhilePipelineDeploymentAppliesIt() throws Exception {
    Files.createDirectories(sandbox.repo().resolve("infra"));
    Files.writeString(sandbox.repo().resolve("infra/aphex-config.yaml"), "version: \"2.0\"\n");

    StageSandbox.Run run = validate(config(), renderedFrom("version: \"1.0\"\n"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains(
            "validate: warning: infra/aphex-config.yaml at "
                + COMMIT_SHA
                + " is not the file this pipeline was rendered from; this run deploys the pipeline"
                + " as rendered, and pipeline-deployment applies the change for the next push\n");
  }

  @Test
  void aChangedOrMissingPipelineConfigIsAProblemWhenNothingWillApplyIt() throws Exception {
    StageSandbox.Run run =
        validate(
            WorkflowTemplateFixtures.withoutSelfUpdate(config()),
            renderedFrom("version: \"1.0\"\n"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "validate: infra/aphex-config.yaml at "
                + COMMIT_SHA
                + " is not the file this pipeline was rendered from, and pipeline.selfUpdate is"
                + " false; run pulumi up for the pipeline's stack, then push again or resubmit"
                + " this workflow\n")
        .endsWith("validate: 1 problem(s); no environment was deployed\n");
  }

  @Test
  void checksEachEnvironmentThroughItsRoleAndThePulumiLoginThenPasses() throws Exception {
    sandbox.withEnv("STUB_SHOW_PROFILE", "1");

    StageSandbox.Run run = validate(config());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(sandbox.calls())
        .containsExactly(
            "git [clone] [" + REPO_URL + "] [" + sandbox.workspace() + "] profile=none",
            "git [checkout] [" + COMMIT_SHA + "] profile=none",
            "aws [sts] [get-caller-identity] [--query] [Account] [--output] [text]"
                + " profile=aphex-dev",
            "aws [sts] [get-caller-identity] [--query] [Account] [--output] [text]"
                + " profile=aphex-prod-eu",
            "pulumi [whoami] cwd="
                + sandbox.workspace()
                + " backend=s3://aphex-state token=pul-123 profile=none");
    assertThat(sandbox.outputDir().resolve("aws-config"))
        .hasContent(
            "[profile aphex-pod]\n"
                + "role_arn = "
                + WorkflowTemplateFixtures.ROLE_ARN
                + "\nweb_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token\n"
                + "[profile aphex-dev]\n"
                + "source_profile = aphex-pod\n"
                + "role_arn = arn:aws:iam::123456789012:role/cdk-hnb659fds-deploy-role-123456789012"
                + "-us-east-1\n"
                + "role_session_name = aphex-dev\n"
                + "region = us-east-1\n"
                + "[profile aphex-prod-eu]\n"
                + "source_profile = aphex-pod\n"
                + "role_arn = "
                + PAYMENTS_ROLE
                + "\nrole_session_name = aphex-prod-eu\n"
                + "region = eu-west-1");
    assertThat(run.output())
        .contains(
            "validate: dev: arn:aws:iam::123456789012:role/cdk-hnb659fds-deploy-role-123456789012"
                + "-us-east-1 works in account 123456789012\n")
        .contains("validate: prod-eu: " + PAYMENTS_ROLE + " works in account 210987654321\n")
        .endsWith(
            "validate: the tools, the credentials of 2 environment(s) and the stack paths are in"
                + " order\n");
  }

  @Test
  void reportsEveryProblemBeforeFailing() throws Exception {
    Files.delete(sandbox.repo().resolve("infra/payments/Pulumi.yaml"));
    Files.delete(sandbox.repo().resolve("cdk.json"));
    sandbox.withEnv("STUB_STS_DENY", "aphex-prod-eu");
    sandbox.withEnv("APHEX_TOOLS", "git aws jq no-such-tool");

    StageSandbox.Run run = validate(config());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "validate: the deployer image has no no-such-tool, which the stages run; add it to"
                + " the image\n")
        .contains(
            "validate: dev: CDK stack App: no cdk.json at or above lib/app.ts at " + COMMIT_SHA)
        .contains(
            "validate: prod-eu: cannot assume "
                + PAYMENTS_ROLE
                + " (AWS's error is above); check that it exists in account 210987654321 and"
                + " trusts the workflow role\n")
        .contains(
            "validate: prod-eu: CDK stack App: no cdk.json at or above lib/app.ts at " + COMMIT_SHA)
        .contains(
            "validate: prod-eu: Pulumi stack acme/payments/prod-eu: no Pulumi.yaml in"
                + " infra/payments at "
                + COMMIT_SHA
                + "; its path must be the project directory\n")
        .endsWith("validate: 5 problem(s); no environment was deployed\n");
  }

  @Test
  void anIdentityInAnotherAccountIsAProblem() throws Exception {
    sandbox.withEnv("STUB_STS_ACCOUNT", "999999999999");

    StageSandbox.Run run = validate(config());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "validate: prod-eu: "
                + PAYMENTS_ROLE
                + " answered for account 999999999999, not 210987654321; use a role in the"
                + " environment's account\n");
  }

  @Test
  void aMissingCdkSourceFileIsOnlyAWarningBecauseTheAppStillDeploysIt() throws Exception {
    Files.delete(sandbox.repo().resolve("lib/app.ts"));

    StageSandbox.Run run = validate(config());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains(
            "validate: warning: dev: CDK stack App: lib/app.ts does not exist at "
                + COMMIT_SHA
                + "; the stack still deploys from its CDK app\n");
  }

  @Test
  void aFailedPulumiLoginIsAProblem() throws Exception {
    Files.writeString(
        sandbox.root().resolve("bin/pulumi"),
        "#!/bin/bash\necho 'error: could not load the backend' >&2\nexit 255\n");

    StageSandbox.Run run = validate(config());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "validate: pulumi whoami failed: the stages cannot log in to s3://aphex-state; check"
                + " pulumiBackendUrl and pulumiAccessTokenSecretName\n");
  }
}
