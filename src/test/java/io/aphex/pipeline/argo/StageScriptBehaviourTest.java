package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.StageSandbox.COMMIT_SHA;
import static io.aphex.pipeline.argo.StageSandbox.REPO_URL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Runs the stage scripts of a generated template with bash against stub tools. */
@Execution(ExecutionMode.CONCURRENT)
class StageScriptBehaviourTest {

  private static final String ARTIFACTS =
      "s3://" + WorkflowTemplateFixtures.BUCKET + "/" + COMMIT_SHA + "/artifacts/";
  private static final String OUTPUTS_KEY = "tasks.deploy-dev.outputs.parameters.stack-outputs";

  @TempDir Path dir;

  private StageSandbox sandbox;

  @BeforeEach
  void createSandbox() throws Exception {
    sandbox = new StageSandbox(dir);
  }

  @Test
  void deployFetchesArtifactsInstallsAndDeploysEachStackInOrder() throws Exception {
    Files.writeString(sandbox.repo().resolve("package.json"), "{}");
    Files.writeString(sandbox.repo().resolve("package-lock.json"), "{}");
    sandbox.withEnv("STUB_S3_LISTING", "2025-01-01 00:00:00 12 app.zip");

    StageSandbox.Run run =
        sandbox.run(
            template(List.of("NetworkStack", "DataStack", "AppStack"), List.of()),
            "deploy-dev",
            Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    String out = sandbox.outputDir().toString();
    assertThat(sandbox.calls())
        .containsExactly(
            "git [clone] [" + REPO_URL + "] [" + sandbox.workspace() + "]",
            "git [checkout] [" + COMMIT_SHA + "]",
            "aws [s3] [ls] [" + ARTIFACTS + "]",
            "aws [s3] [sync] [" + ARTIFACTS + "] [./artifacts/]",
            "npm [ci]",
            "npx [cdk] [deploy] [NetworkStack] [--require-approval] [never] [--outputs-file] ["
                + out
                + "/outputs/1.json]",
            "npx [cdk] [deploy] [DataStack] [--require-approval] [never] [--outputs-file] ["
                + out
                + "/outputs/2.json]",
            "npx [cdk] [deploy] [AppStack] [--require-approval] [never] [--outputs-file] ["
                + out
                + "/outputs/3.json]");
  }

  @Test
  void deployWritesTheRealOutputsOfEveryStackKeyedByStackName() throws Exception {
    StageSandbox.Run run =
        sandbox.run(
            template(List.of("NetworkStack", "AppStack"), List.of()), "deploy-dev", Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    String merged = Files.readString(sandbox.outputDir().resolve("stack-outputs.json"));
    assertThat(merged)
        .isEqualTo(
            "{\"NetworkStack\":{\"Url\":\"https://NetworkStack.example\","
                + "\"Token\":\"p\\u0024\\u0024w\\u0024(AWS_REGION)\"},"
                + "\"AppStack\":{\"Url\":\"https://AppStack.example\","
                + "\"Token\":\"p\\u0024\\u0024w\\u0024(AWS_REGION)\"}}\n");
    assertThat(new ObjectMapper().readValue(merged, Map.class))
        .isEqualTo(
            Map.of(
                "NetworkStack",
                Map.of("Url", "https://NetworkStack.example", "Token", "p$$w$(AWS_REGION)"),
                "AppStack",
                Map.of("Url", "https://AppStack.example", "Token", "p$$w$(AWS_REGION)")));
  }

  @Test
  void deployWithoutArtifactsOrLockfileSkipsTheDownloadAndRunsNpmInstall() throws Exception {
    Files.writeString(sandbox.repo().resolve("package.json"), "{}");

    StageSandbox.Run run =
        sandbox.run(template(List.of("AppStack"), List.of()), "deploy-dev", Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("No artifacts at " + ARTIFACTS);
    assertThat(sandbox.calls())
        .containsSubsequence("aws [s3] [ls] [" + ARTIFACTS + "]", "npm [install]")
        .noneMatch(call -> call.startsWith("aws [s3] [sync]"));
  }

  @Test
  void deployFailsWhenTheArtifactBucketCannotBeListed() throws Exception {
    sandbox.withEnv("STUB_S3_LS_STATUS", "254");

    StageSandbox.Run run =
        sandbox.run(template(List.of("AppStack"), List.of()), "deploy-dev", Map.of());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(254);
    assertThat(run.output())
        .contains(
            "Cannot list "
                + ARTIFACTS
                + " (aws exit status 254); check the workflow role's access to the artifact"
                + " bucket");
    assertThat(sandbox.calls()).noneMatch(call -> call.startsWith("npx"));
  }

  @Test
  void deployStopsAtTheFirstFailedStackAndExportsNothing() throws Exception {
    sandbox.withEnv("STUB_FAIL_STACK", "DataStack");

    StageSandbox.Run run =
        sandbox.run(
            template(List.of("NetworkStack", "DataStack", "AppStack"), List.of()),
            "deploy-dev",
            Map.of());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(sandbox.calls())
        .filteredOn(call -> call.startsWith("npx"))
        .extracting(call -> call.split(" ")[3])
        .containsExactly("[NetworkStack]", "[DataStack]");
    assertThat(sandbox.outputDir().resolve("stack-outputs.json")).doesNotExist();
  }

  @Test
  void deployOfNoStacksFailsAndDeploysNothing() throws Exception {
    sandbox.withEnv("APHEX_STACKS", "[]");

    StageSandbox.Run run =
        sandbox.run(template(List.of("AppStack"), List.of()), "deploy-dev", Map.of());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("APHEX_STACKS has no stacks; nothing to deploy");
    assertThat(sandbox.calls()).noneMatch(call -> call.startsWith("npx"));
  }

  @Test
  void deployPassesStackNamesAndPathsAsDataAndNeverEvaluatesThem() throws Exception {
    String evil =
        "[[{\"name\":\"Evil$(touch${IFS}pwned1)\",\"engine\":\"cdk\",\"path\":\"lib/a.ts\"},"
            + "{\"name\":\"Semi;touch${IFS}pwned2\",\"engine\":\"cdk\","
            + "\"path\":\"$(touch${IFS}pwned4)/b.ts\"}],"
            + "[{\"name\":\"`touch${IFS}pwned3`\",\"engine\":\"cdk\",\"path\":\"*\"}]]";
    sandbox.withEnv("APHEX_STACKS", evil);

    StageSandbox.Run run =
        sandbox.run(template(List.of("AppStack"), List.of()), "deploy-dev", Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(sandbox.calls())
        .filteredOn(call -> call.startsWith("npx"))
        .extracting(call -> call.substring(0, call.indexOf(" [--require-approval]")))
        .containsExactly(
            "npx [cdk] [deploy] [Evil$(touch${IFS}pwned1)] [Semi;touch${IFS}pwned2]",
            "npx [cdk] [deploy] [`touch${IFS}pwned3`]");
    for (String marker : List.of("pwned1", "pwned2", "pwned3", "pwned4")) {
      assertThat(sandbox.workspace().resolve(marker)).doesNotExist();
      assertThat(dir.resolve(marker)).doesNotExist();
    }
  }

  @Test
  void testRunsTheCommandsAsWrittenInOneShellWithTheDeployOutputs() throws Exception {
    List<String> commands =
        List.of(
            "mkdir -p reports && cd reports",
            "export GREETING=\"hello   world\"",
            "printf '%s\\n' \"$GREETING\" \"$(basename \"$PWD\")\" 'it'\"'\"'s; literal $(not run)'"
                + " > result.txt; echo second >> result.txt",
            "printf '%s' \"$STACK_OUTPUTS\" | jq -c .AppStack > ../outputs-seen.json",
            "echo '{{workflow.parameters.commit-sha}}' $$ > ../braces.txt");
    Files.writeString(sandbox.repo().resolve("package.json"), "{}");
    Files.writeString(sandbox.repo().resolve("package-lock.json"), "{}");
    WorkflowTemplateView template = template(List.of("AppStack"), commands);
    StageSandbox.Run deploy = sandbox.run(template, "deploy-dev", Map.of());
    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    String stackOutputs =
        Files.readString(sandbox.outputDir().resolve("stack-outputs.json")).strip();
    Files.delete(sandbox.root().resolve("calls.log"));
    deleteRecursively(sandbox.workspace());

    StageSandbox.Run test = sandbox.run(template, "test-dev", Map.of(OUTPUTS_KEY, stackOutputs));

    assertThat(test.exitCode()).as(test.output()).isZero();
    Path workspace = sandbox.workspace();
    assertThat(workspace.resolve("reports/result.txt"))
        .hasContent("hello   world\nreports\nit's; literal $(not run)\nsecond");
    assertThat(workspace.resolve("outputs-seen.json"))
        .hasContent("{\"Url\":\"https://AppStack.example\",\"Token\":\"p$$w$(AWS_REGION)\"}");
    assertThat(Files.readString(workspace.resolve("braces.txt")))
        .matches("\\{\\{workflow\\.parameters\\.commit-sha}} [0-9]+\n");
    assertThat(test.output()).contains("+ mkdir -p reports && cd reports\n");
    assertThat(sandbox.calls())
        .containsExactly(
            "git [clone] [" + REPO_URL + "] [" + workspace + "]",
            "git [checkout] [" + COMMIT_SHA + "]",
            "aws [s3] [ls] [" + ARTIFACTS + "]",
            "npm [ci]");
  }

  @Test
  void testStopsAtTheFirstFailingCommand() throws Exception {
    WorkflowTemplateView template =
        template(
            List.of("AppStack"),
            List.of("touch before", "false; touch same-command", "touch after"));

    StageSandbox.Run run = sandbox.run(template, "test-dev", Map.of(OUTPUTS_KEY, "{}"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(sandbox.workspace().resolve("before")).exists();
    assertThat(sandbox.workspace().resolve("same-command")).doesNotExist();
    assertThat(sandbox.workspace().resolve("after")).doesNotExist();
    assertThat(run.output()).endsWith("+ false; touch same-command\n");
  }

  @Test
  void buildRunsTheBuildCommandsAndUploadsArtifactsFromTheRepositoryRoot() throws Exception {
    PipelineConfig config =
        WorkflowTemplateFixtures.single(
            List.of(
                "mkdir -p artifacts/app",
                "echo \"built $COMMIT_SHA\" > artifacts/app/v.txt",
                "cd artifacts/app"),
            List.of("AppStack"),
            List.of());

    StageSandbox.Run run = sandbox.run(template(config), "build", Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(sandbox.workspace().resolve("artifacts/app/v.txt"))
        .hasContent("built " + COMMIT_SHA);
    assertThat(sandbox.calls())
        .containsExactly(
            "git [clone] [" + REPO_URL + "] [" + sandbox.workspace() + "]",
            "git [checkout] [" + COMMIT_SHA + "]",
            "aws [s3] [sync] [./artifacts] [" + ARTIFACTS + "]");
  }

  @Test
  void userCommandsWithDoubleBracesRunVerbatimWithErrexitAndPipefailButNotNounset()
      throws Exception {
    PipelineConfig config =
        WorkflowTemplateFixtures.single(
            List.of(
                "printf '%s\\n' '{{.Names}}' \"{{workflow.name}}\" > braces.txt",
                "echo \"unset is empty: [${APHEX_NEVER_SET}]\""),
            List.of("AppStack"),
            List.of("echo '{{ .Values.image }}' > helm.txt", "false | true", "touch never"));

    WorkflowTemplateView template = template(config);
    StageSandbox.Run build = sandbox.run(template, "build", Map.of());
    StageSandbox.Run test = sandbox.run(template, "test-dev", Map.of(OUTPUTS_KEY, "{}"));

    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(sandbox.workspace().resolve("braces.txt"))
        .hasContent("{{.Names}}\n{{workflow.name}}");
    assertThat(build.output()).contains("unset is empty: []\n");
    assertThat(test.exitCode()).as(test.output()).isEqualTo(1);
    assertThat(sandbox.workspace().resolve("helm.txt")).hasContent("{{ .Values.image }}");
    assertThat(sandbox.workspace().resolve("never")).doesNotExist();
  }

  @Test
  void stackOutputsWithDoubleBracesReachTheTestsUnchangedThroughArgosSecondSubstitution()
      throws Exception {
    String note = "{{workflow.name}} {{.Names}} {{{x}}} $(HOME) $$ \\{{";
    sandbox.withEnv("STUB_OUTPUT_NOTE", note);
    WorkflowTemplateView template =
        template(
            List.of("AppStack"), List.of("jq -r .AppStack.Note <<<\"$STACK_OUTPUTS\" > note.txt"));
    StageSandbox.Run deploy = sandbox.run(template, "deploy-dev", Map.of());
    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    String stackOutputs =
        Files.readString(sandbox.outputDir().resolve("stack-outputs.json")).strip();
    deleteRecursively(sandbox.workspace());

    StageSandbox.Run test = sandbox.run(template, "test-dev", Map.of(OUTPUTS_KEY, stackOutputs));

    assertThat(stackOutputs).doesNotContain("{{", "$");
    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(sandbox.workspace().resolve("note.txt")).hasContent(note);
  }

  @Test
  void buildWithoutArtifactsDirectoryUploadsNothing() throws Exception {
    StageSandbox.Run run = sandbox.run(template(List.of("AppStack"), List.of()), "build", Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("+ echo made\nmade\n").contains("No ./artifacts directory");
    assertThat(sandbox.calls()).noneMatch(call -> call.startsWith("aws"));
  }

  @Test
  void pipelineDeploymentRunsPulumiUpInTheProjectDirWithBackendAndToken() throws Exception {
    Files.createDirectories(sandbox.repo().resolve("infra"));
    WorkflowTemplateView template = template(List.of("AppStack"), List.of());

    StageSandbox.Run run =
        sandbox.run(
            template, "pipeline-deployment", Map.of("secret:pulumi-access-token/token", "pul-123"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(sandbox.calls())
        .last()
        .isEqualTo(
            "pulumi [up] [--yes] [--non-interactive] [--stack] [prod] cwd="
                + sandbox.workspace().resolve("infra")
                + " backend=s3://aphex-state token=pul-123");
  }

  @Test
  void pipelineDeploymentFailsWhenTheProjectDirIsMissing() throws Exception {
    WorkflowTemplateView template =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(
                WorkflowTemplateFixtures.settings(
                    new SelfUpdate(
                        "missing", "prod", Optional.empty(), Optional.empty(), Optional.empty())),
                WorkflowTemplateFixtures.sample()));

    StageSandbox.Run run = sandbox.run(template, "pipeline-deployment", Map.of());

    assertThat(run.exitCode()).isNotZero();
    assertThat(sandbox.calls()).noneMatch(call -> call.startsWith("pulumi"));
  }

  @Test
  void withADeployRoleTheStackAndTestCommandsRunAsThatRoleButArtifactsAreFetchedAsThePod()
      throws Exception {
    sandbox.withEnv("STUB_SHOW_PROFILE", "1");
    sandbox.withEnv("STUB_S3_LISTING", "2025-01-01 00:00:00 12 app.zip");
    String role = "arn:aws:iam::123456789012:role/deploy/aphex-dev";
    WorkflowTemplateView template =
        template(
            withDeployRole(
                WorkflowTemplateFixtures.single(
                    List.of("echo made"),
                    List.of("AppStack"),
                    List.of("aws sts get-caller-identity")),
                role));

    StageSandbox.Run deploy = sandbox.run(template, "deploy-dev", Map.of());

    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    String out = sandbox.outputDir().toString();
    assertThat(sandbox.calls())
        .containsExactly(
            "git [clone] [" + REPO_URL + "] [" + sandbox.workspace() + "] profile=none",
            "git [checkout] [" + COMMIT_SHA + "] profile=none",
            "aws [s3] [ls] [" + ARTIFACTS + "] profile=none",
            "aws [s3] [sync] [" + ARTIFACTS + "] [./artifacts/] profile=none",
            "npx [cdk] [deploy] [AppStack] [--require-approval] [never] [--outputs-file] ["
                + out
                + "/outputs/1.json] profile=aphex-deploy");
    assertThat(sandbox.outputDir().resolve("aws-config"))
        .hasContent(
            "[profile aphex-pod]\n"
                + "role_arn = "
                + WorkflowTemplateFixtures.ROLE_ARN
                + "\nweb_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token\n"
                + "[profile aphex-deploy]\n"
                + "source_profile = aphex-pod\n"
                + "role_arn = "
                + role
                + "\nrole_session_name = aphex-dev\n"
                + "region = eu-west-1");
    assertThat(deploy.output()).contains("Assuming " + role + " for dev\n");
    String stackOutputs =
        Files.readString(sandbox.outputDir().resolve("stack-outputs.json")).strip();
    Files.delete(sandbox.root().resolve("calls.log"));
    deleteRecursively(sandbox.workspace());

    StageSandbox.Run test = sandbox.run(template, "test-dev", Map.of(OUTPUTS_KEY, stackOutputs));

    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(sandbox.calls())
        .last()
        .isEqualTo("aws [sts] [get-caller-identity] profile=aphex-deploy");
  }

  @Test
  void stacksOfOneLevelDeployInParallelInOneCdkDeployAndAllTheirOutputsAreKept() throws Exception {
    PipelineConfig config =
        WorkflowTemplateFixtures.dev(
            List.of(
                new StackDefinition("Network", "lib/n.ts"),
                new StackDefinition("Data", "lib/d.ts", Optional.of(List.of("Network"))),
                new StackDefinition("Queue", "lib/q.ts", Optional.of(List.of("Network")))),
            List.of(),
            Optional.empty());
    WorkflowTemplateView template = template(config);

    StageSandbox.Run deploy = sandbox.run(template, "deploy-dev", Map.of());

    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    String out = sandbox.outputDir().toString();
    assertThat(sandbox.calls())
        .endsWith(
            "npx [cdk] [deploy] [Network] [--require-approval] [never] [--outputs-file] ["
                + out
                + "/outputs/1.json]",
            "npx [cdk] [deploy] [Data] [Queue] [--require-approval] [never] [--concurrency] [2]"
                + " [--outputs-file] ["
                + out
                + "/outputs/2.json]");
    assertThat(deploy.output()).contains("Deploying Data Queue (CDK app .) to dev");
    assertThat(
            new ObjectMapper()
                .readTree(sandbox.outputDir().resolve("stack-outputs.json").toFile())
                .fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("Network", "Data", "Queue");
  }

  @Test
  void cdkDeploysRunInTheNearestCdkAppAboveEachStacksPathOneDeployPerApp() throws Exception {
    Files.createDirectories(sandbox.repo().resolve("services/billing/lib"));
    Files.writeString(sandbox.repo().resolve("services/billing/cdk.json"), "{}");
    Files.writeString(sandbox.repo().resolve("services/billing/package.json"), "{}");
    PipelineConfig config =
        WorkflowTemplateFixtures.dev(
            List.of(
                new StackDefinition("Shared", "lib/shared.ts", Optional.of(List.of())),
                new StackDefinition(
                    "Billing", "services/billing/lib/billing.ts", Optional.of(List.of()))),
            List.of(),
            Optional.empty());

    StageSandbox.Run deploy = sandbox.run(template(config), "deploy-dev", Map.of());

    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    assertThat(sandbox.calls())
        .filteredOn(call -> call.startsWith("npx") || call.startsWith("npm"))
        .extracting(call -> call.replaceAll(" \\[--outputs-file].*", ""))
        .containsExactlyInAnyOrder(
            "npx [cdk] [deploy] [Shared] [--require-approval] [never]",
            "npm [install]",
            "npx [cdk] [deploy] [Billing] [--require-approval] [never]");
    assertThat(deploy.output())
        .contains("Deploying Shared (CDK app .) to dev")
        .contains("Deploying Billing (CDK app services/billing) to dev");
    assertThat(
            new ObjectMapper()
                .readTree(sandbox.outputDir().resolve("stack-outputs.json").toFile())
                .fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("Shared", "Billing");
  }

  @Test
  void aCdkStackOutsideAnyCdkAppFailsBeforeAnythingDeploys() throws Exception {
    Files.delete(sandbox.repo().resolve("cdk.json"));

    StageSandbox.Run deploy =
        sandbox.run(template(List.of("AppStack"), List.of()), "deploy-dev", Map.of());

    assertThat(deploy.exitCode()).isEqualTo(1);
    assertThat(deploy.output())
        .contains(
            "No cdk.json at or above lib/AppStack.ts: a CDK stack's path must be inside a CDK"
                + " app");
    assertThat(sandbox.calls()).noneMatch(call -> call.startsWith("npx"));
  }

  /**
   * Network (CDK) first; then Data (CDK) and the Pulumi stack acme/payments/dev side by side, as
   * the environment's deploy role.
   */
  private static PipelineConfig withPulumiStack() {
    return WorkflowTemplateFixtures.dev(
        List.of(
            new StackDefinition("Network", "lib/network.ts"),
            new StackDefinition("Data", "lib/data.ts", Optional.of(List.of("Network"))),
            new StackDefinition(
                "acme/payments/dev",
                "infra/payments",
                Optional.of(List.of("Network")),
                io.aphex.pipeline.config.StackEngine.PULUMI)),
        List.of("echo \"$STACK_OUTPUTS\""),
        Optional.of(WorkflowTemplateFixtures.DEV_DEPLOY_ROLE));
  }

  @Test
  void pulumiStacksRunPulumiUpInTheirProjectAsTheDeployRoleAndTheirOutputsReachTheTests()
      throws Exception {
    Files.createDirectories(sandbox.repo().resolve("infra/payments"));
    Files.writeString(sandbox.repo().resolve("infra/payments/Pulumi.yaml"), "name: payments\n");
    Files.writeString(sandbox.repo().resolve("infra/payments/package.json"), "{}");
    sandbox.withEnv("STUB_SHOW_PROFILE", "1");
    WorkflowTemplateView template = template(withPulumiStack());

    StageSandbox.Run deploy =
        sandbox.run(template, "deploy-dev", Map.of("secret:pulumi-access-token/token", "pul-123"));

    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    String project = sandbox.workspace().resolve("infra/payments").toString();
    String login = " backend=s3://aphex-state token=pul-123 profile=aphex-deploy";
    assertThat(sandbox.calls())
        .filteredOn(call -> call.startsWith("pulumi"))
        .containsExactly(
            "pulumi [up] [--yes] [--non-interactive] [--stack] [acme/payments/dev] cwd="
                + project
                + login,
            "pulumi [stack] [output] [--json] [--stack] [acme/payments/dev] cwd="
                + project
                + login);
    assertThat(sandbox.calls())
        .contains("npm [install] profile=aphex-deploy")
        .filteredOn(call -> call.startsWith("npx"))
        .extracting(call -> call.split(" ")[3])
        .containsExactly("[Network]", "[Data]");
    assertThat(deploy.output())
        .contains("Deploying Pulumi stack acme/payments/dev (project infra/payments) to dev");
    String stackOutputs =
        Files.readString(sandbox.outputDir().resolve("stack-outputs.json")).strip();
    JsonNode outputs = new ObjectMapper().readTree(stackOutputs);
    assertThat(outputs.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("Network", "Data", "acme/payments/dev");
    assertThat(outputs.get("acme/payments/dev").toString())
        .isEqualTo("{\"url\":\"https://acme/payments/dev.example\",\"dbPassword\":\"[secret]\"}");

    StageSandbox.Run test = sandbox.run(template, "test-dev", Map.of(OUTPUTS_KEY, stackOutputs));

    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("\"acme/payments/dev\":{\"url\"");
  }

  @Test
  void aPulumiStackWhosePathHasNoPulumiYamlFailsWithoutRunningPulumi() throws Exception {
    Files.createDirectories(sandbox.repo().resolve("infra/payments"));

    StageSandbox.Run deploy =
        sandbox.run(
            template(withPulumiStack()),
            "deploy-dev",
            Map.of("secret:pulumi-access-token/token", "pul-123"));

    assertThat(deploy.exitCode()).isEqualTo(1);
    assertThat(deploy.output())
        .contains(
            "No Pulumi.yaml in infra/payments: a Pulumi stack's path must be its project"
                + " directory")
        .contains(
            "A deployment of this level failed (exit status 1); later levels are not"
                + " deployed");
    assertThat(sandbox.calls()).noneMatch(call -> call.startsWith("pulumi"));
    assertThat(sandbox.outputDir().resolve("stack-outputs.json")).doesNotExist();
  }

  @Test
  void aFailedPulumiUpFailsTheLevelEvenWhenItsCdkNeighbourSucceeds() throws Exception {
    Files.createDirectories(sandbox.repo().resolve("infra/payments"));
    Files.writeString(sandbox.repo().resolve("infra/payments/Pulumi.yaml"), "name: payments\n");
    sandbox.withEnv("STUB_FAIL_STACK", "acme/payments/dev");

    StageSandbox.Run deploy =
        sandbox.run(
            template(withPulumiStack()),
            "deploy-dev",
            Map.of("secret:pulumi-access-token/token", "pul-123"));

    assertThat(deploy.exitCode()).isEqualTo(4);
    assertThat(deploy.output()).contains("stub: pulumi up of acme/payments/dev failed");
    assertThat(sandbox.calls())
        .anyMatch(call -> call.startsWith("npx [cdk] [deploy] [Data]"))
        .noneMatch(call -> call.startsWith("pulumi [stack] [output]"));
    assertThat(sandbox.outputDir().resolve("stack-outputs.json")).doesNotExist();
  }

  @Test
  void withoutADeployRoleNoProfileIsWrittenAndTheCdkUsesThePodRole() throws Exception {
    sandbox.withEnv("STUB_SHOW_PROFILE", "1");

    StageSandbox.Run deploy =
        sandbox.run(template(List.of("AppStack"), List.of()), "deploy-dev", Map.of());

    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    assertThat(sandbox.calls()).last().asString().endsWith("profile=none");
    assertThat(sandbox.outputDir().resolve("aws-config")).doesNotExist();
  }

  private static PipelineConfig withDeployRole(PipelineConfig config, String role) {
    EnvironmentConfig env = config.environments().get(0);
    return new PipelineConfig(
        config.version(),
        config.buildCommands(),
        List.of(
            new EnvironmentConfig(
                env.name(),
                env.region(),
                env.account(),
                env.stacks(),
                env.testCommands(),
                env.dependsOn(),
                false,
                Optional.of(role))));
  }

  private WorkflowTemplateView template(List<String> stacks, List<String> testCommands)
      throws IOException {
    return template(WorkflowTemplateFixtures.single(List.of("echo made"), stacks, testCommands));
  }

  /** Renders a config with the fixture settings and gives the sandbox its targets ConfigMap. */
  private WorkflowTemplateView template(PipelineConfig config) throws IOException {
    sandbox.withTargets(config);
    return new WorkflowTemplateView(
        WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config));
  }

  private static void deleteRecursively(Path path) throws Exception {
    try (var paths = Files.walk(path)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
