package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.WorkflowTemplateFixtures.BUCKET;
import static io.aphex.pipeline.argo.WorkflowTemplateFixtures.BUILDER;
import static io.aphex.pipeline.argo.WorkflowTemplateFixtures.DEPLOYER;
import static io.aphex.pipeline.argo.WorkflowTemplateFixtures.ROLE_ARN;
import static io.aphex.pipeline.argo.WorkflowTemplateView.arguments;
import static io.aphex.pipeline.argo.WorkflowTemplateView.container;
import static io.aphex.pipeline.argo.WorkflowTemplateView.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import io.aphex.pipeline.config.StageSettings;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WorkflowTemplateFactoryTest {

  private static final String TOKEN_FILE =
      "/var/run/secrets/eks.amazonaws.com/serviceaccount/token";

  private final WorkflowTemplateView sample =
      new WorkflowTemplateView(
          WorkflowTemplateFactory.build(
              WorkflowTemplateFixtures.settings(), WorkflowTemplateFixtures.sample()));

  @Test
  void objectHasKindNameNamespaceAndLabels() {
    assertThat(sample.root().get("apiVersion")).isEqualTo("argoproj.io/v1alpha1");
    assertThat(sample.root().get("kind")).isEqualTo("WorkflowTemplate");
    assertThat(sample.root().get("metadata"))
        .isEqualTo(
            Map.of(
                "name", "aphex-pipeline-template",
                "namespace", "argo",
                "labels",
                    Map.of(
                        "app.kubernetes.io/name", "aphex-pipeline",
                        "app.kubernetes.io/managed-by", "pulumi")));
    assertThat(sample.root().keySet()).containsExactly("apiVersion", "kind", "metadata", "spec");
  }

  /** The stage kinds with pipeline.stages settings; the exit handler is not one. */
  private static final List<Stage> STAGES =
      List.copyOf(java.util.EnumSet.range(Stage.BUILD, Stage.TEST));

  private static final Map<String, Object> GIT_TOKEN_FILE =
      Map.of("name", "APHEX_GIT_TOKEN_FILE", "value", "/etc/aphex/github/token");

  @Test
  void specRunsMainAsTheWorkflowServiceAccountWithTheFiveParameters() {
    assertThat(sample.spec().keySet())
        .containsExactlyInAnyOrder(
            "serviceAccountName",
            "securityContext",
            "entrypoint",
            "onExit",
            "arguments",
            "archiveLogs",
            "artifactRepositoryRef",
            "podGC",
            "ttlStrategy",
            "templates");
    assertThat(sample.spec().get("serviceAccountName")).isEqualTo("workflow-executor");
    assertThat(sample.spec().get("entrypoint")).isEqualTo("main");
    assertThat(sample.spec().get("arguments"))
        .isEqualTo(
            Map.of(
                "parameters",
                List.of(
                    Map.of("name", "commit-sha"),
                    Map.of("name", "branch"),
                    Map.of("name", "repo-url"),
                    Map.of("name", "repo-name"),
                    Map.of("name", "pusher"))));
  }

  @Test
  void specKeepsPodsAndWorkflowsForALimitedTimeAndArchivesLogsToThePipelinesOwnRepository() {
    assertThat(sample.spec().get("archiveLogs")).isEqualTo(true);
    assertThat(sample.spec().get("artifactRepositoryRef"))
        .isEqualTo(
            Map.of(
                "configMap", "aphex-pipeline-template-artifact-repository",
                "key", "artifact-repository"));
    assertThat(sample.spec().get("podGC")).isEqualTo(Map.of("strategy", "OnPodSuccess"));
    assertThat(sample.spec().get("ttlStrategy"))
        .isEqualTo(Map.of("secondsAfterSuccess", 604800, "secondsAfterFailure", 1209600));
  }

  @Test
  void templatesAreMainThenOneTemplatePerStageKind() {
    assertThat(sample.templates())
        .extracting(template -> template.get("name"))
        .containsExactly(
            "main",
            "build",
            "pipeline-deployment",
            "validate",
            "deploy",
            "test",
            "cleanup-targets");
    assertThat(sample.template("main").keySet()).containsExactlyInAnyOrder("name", "dag");
  }

  @Test
  void tasksAreBuildPipelineDeploymentValidateThenEachEnvironmentInFileOrder() {
    List<String> expected =
        List.of(
            "build",
            "pipeline-deployment",
            "validate",
            "deploy-dev",
            "test-dev",
            "deploy-staging",
            "test-staging",
            "deploy-prod");
    assertThat(sample.tasks()).extracting(task -> task.get("name")).isEqualTo(expected);
    assertThat(taskNames(WorkflowTemplateFixtures.sample())).isEqualTo(expected);
    assertThat(sample.tasks())
        .extracting(task -> task.get("template"))
        .containsExactly(
            "build",
            "pipeline-deployment",
            "validate",
            "deploy",
            "test",
            "deploy",
            "test",
            "deploy");
  }

  @Test
  void pipelineStagesRunSideBySideAndEachEnvironmentWaitsForThePreviousEnvironmentsLastTask() {
    Map<String, Object> dependencies = new LinkedHashMap<>();
    for (Map<String, Object> task : sample.tasks()) {
      dependencies.put((String) task.get("name"), task.get("dependencies"));
    }
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("build", null);
    expected.put("pipeline-deployment", null);
    expected.put("validate", null);
    expected.put("deploy-dev", List.of("build", "pipeline-deployment", "validate"));
    expected.put("test-dev", List.of("deploy-dev"));
    expected.put("deploy-staging", List.of("test-dev"));
    expected.put("test-staging", List.of("deploy-staging"));
    expected.put("deploy-prod", List.of("test-staging"));
    assertThat(dependencies).containsExactlyEntriesOf(expected);
    assertThat(sample.task("build")).doesNotContainKey("dependencies");
  }

  @Test
  void deployWaitsForThePreviousDeployWhenTheEnvironmentBeforeHasNoTests() {
    StackDefinition stack = new StackDefinition("AppStack", "lib/app.ts");
    PipelineConfig config =
        new PipelineConfig(
            "1.0",
            List.of("make"),
            List.of(
                new EnvironmentConfig("a", "us-east-1", "111111111111", List.of(stack), List.of()),
                new EnvironmentConfig(
                    "b", "us-east-1", "111111111111", List.of(stack), List.of("make test")),
                new EnvironmentConfig(
                    "c", "us-east-1", "111111111111", List.of(stack), List.of())));
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config));

    assertThat(taskNames(config))
        .containsExactly(
            "build",
            "pipeline-deployment",
            "validate",
            "deploy-a",
            "deploy-b",
            "test-b",
            "deploy-c");
    assertThat(view.task("deploy-b").get("dependencies")).isEqualTo(List.of("deploy-a"));
    assertThat(view.task("deploy-c").get("dependencies")).isEqualTo(List.of("test-b"));
  }

  @Test
  void dependsOnMakesADagWhosePeersRunInParallel() {
    StackDefinition stack = new StackDefinition("AppStack", "lib/app.ts");
    PipelineConfig config =
        new PipelineConfig(
            "1.0",
            List.of("make"),
            List.of(
                new EnvironmentConfig(
                    "prod",
                    "us-east-1",
                    "111111111111",
                    List.of(stack),
                    List.of(),
                    java.util.Optional.of(List.of("us", "eu")),
                    false,
                    Optional.empty()),
                new EnvironmentConfig(
                    "dev",
                    "us-east-1",
                    "111111111111",
                    List.of(stack),
                    List.of("make test"),
                    java.util.Optional.of(List.of()),
                    false,
                    Optional.empty()),
                new EnvironmentConfig(
                    "us",
                    "us-east-1",
                    "111111111111",
                    List.of(stack),
                    List.of(),
                    java.util.Optional.of(List.of("dev")),
                    false,
                    Optional.empty()),
                new EnvironmentConfig(
                    "eu",
                    "eu-west-1",
                    "111111111111",
                    List.of(stack),
                    List.of(),
                    java.util.Optional.of(List.of("dev")),
                    false,
                    Optional.empty())));
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config));

    assertThat(view.task("deploy-dev").get("dependencies"))
        .isEqualTo(List.of("build", "pipeline-deployment", "validate"));
    assertThat(view.task("deploy-us").get("dependencies")).isEqualTo(List.of("test-dev"));
    assertThat(view.task("deploy-eu").get("dependencies")).isEqualTo(List.of("test-dev"));
    assertThat(view.task("deploy-prod").get("dependencies"))
        .isEqualTo(List.of("deploy-us", "deploy-eu"));
    io.aphex.pipeline.schema.ManifestSchemas.get()
        .assertValid(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config).toMap());
  }

  @Test
  void anEnvironmentThatRequiresApprovalWaitsAtASuspendTaskBeforeItsDeployment() {
    StackDefinition stack = new StackDefinition("AppStack", "lib/app.ts");
    PipelineConfig config =
        new PipelineConfig(
            "1.0",
            List.of("make"),
            List.of(
                new EnvironmentConfig(
                    "dev", "us-east-1", "111111111111", List.of(stack), List.of("make test")),
                new EnvironmentConfig(
                    "prod",
                    "us-east-1",
                    "222222222222",
                    List.of(stack),
                    List.of(),
                    java.util.Optional.empty(),
                    true,
                    Optional.empty())));
    KubernetesObject template =
        WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config);
    WorkflowTemplateView view = new WorkflowTemplateView(template);

    assertThat(taskNames(config))
        .containsExactly(
            "build",
            "pipeline-deployment",
            "validate",
            "deploy-dev",
            "test-dev",
            "approve-prod",
            "deploy-prod");
    assertThat(view.task("approve-prod"))
        .isEqualTo(
            Map.of(
                "name",
                "approve-prod",
                "template",
                "approve",
                "dependencies",
                List.of("test-dev")));
    assertThat(view.task("deploy-prod").get("dependencies")).isEqualTo(List.of("approve-prod"));
    assertThat(view.template("approve"))
        .isEqualTo(
            Map.of(
                "name", "approve",
                "inputs",
                    Map.of(
                        "parameters",
                        List.of(
                            Map.of(
                                "name",
                                "approver",
                                "default",
                                "(resumed without a name)",
                                "description",
                                "Your name, recorded as the approver of this deployment"))),
                "suspend", Map.of(),
                "outputs",
                    Map.of(
                        "parameters",
                        List.of(
                            Map.of(
                                "name",
                                "approver",
                                "valueFrom",
                                Map.of(
                                    "supplied",
                                    Map.of(),
                                    "default",
                                    "(resumed without a name)"))))));
    io.aphex.pipeline.schema.ManifestSchemas.get().assertValid(template.toMap());
  }

  @Test
  void withoutSelfUpdateThereIsNoPipelineDeploymentStage() {
    PipelineConfig config =
        WorkflowTemplateFixtures.withoutSelfUpdate(WorkflowTemplateFixtures.sample());
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config));

    assertThat(taskNames(config))
        .containsExactly(
            "build",
            "validate",
            "deploy-dev",
            "test-dev",
            "deploy-staging",
            "test-staging",
            "deploy-prod");
    assertThat(view.templates())
        .extracting(t -> t.get("name"))
        .containsExactly("main", "build", "validate", "deploy", "test", "cleanup-targets");
    assertThat(view.task("deploy-dev").get("dependencies")).isEqualTo(List.of("build", "validate"));
  }

  @Test
  void withoutApprovalsThereIsNoSuspendTemplate() {
    assertThat(sample.templates()).extracting(t -> t.get("name")).doesNotContain("approve");
  }

  @Test
  void deploymentsOfOneEnvironmentTakeTurnsThroughAPerPipelineMutex() {
    assertThat(sample.template("deploy").get("synchronization"))
        .isEqualTo(
            Map.of(
                "mutexes",
                List.of(
                    Map.of("name", "aphex-pipeline-template-{{inputs.parameters.environment}}"))));
    assertThat(sample.template("build")).doesNotContainKey("synchronization");
    assertThat(sample.template("test")).doesNotContainKey("synchronization");
  }

  @Test
  void tasksPassOnlyTheEnvironmentsNameAndTheTestsTheirDeploysOutputs() {
    assertThat(sample.task("build")).doesNotContainKey("arguments");
    assertThat(sample.task("pipeline-deployment")).doesNotContainKey("arguments");
    for (String environment : List.of("dev", "staging", "prod")) {
      assertThat(arguments(sample.task("deploy-" + environment)))
          .containsExactly(entry("environment", environment));
    }
    for (String environment : List.of("dev", "staging")) {
      assertThat(arguments(sample.task("test-" + environment)))
          .containsExactly(
              entry("environment", environment),
              entry(
                  "stack-outputs",
                  "{{tasks.deploy-" + environment + ".outputs.parameters.stack-outputs}}"));
    }
  }

  @Test
  void withADeployRoleTheStagesReadItFromTheTargetsWhenTheEnvironmentHasOne() {
    String role = "arn:aws:iam::100000000001:role/aphex-deploy";
    PipelineConfig base = WorkflowTemplateFixtures.scale(2);
    EnvironmentConfig first = base.environments().get(0);
    EnvironmentConfig withRole =
        new EnvironmentConfig(
            first.name(),
            first.region(),
            first.account(),
            first.stacks(),
            List.of("make smoke"),
            first.dependsOn(),
            false,
            java.util.Optional.of(role));
    PipelineConfig config =
        new PipelineConfig(
            base.version(), base.buildCommands(), List.of(withRole, base.environments().get(1)));
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config));
    String targets = PipelineTargets.configMapName("aphex-pipeline-template", config);

    assertThat(view.template("deploy").get("inputs"))
        .isEqualTo(Map.of("parameters", List.of(Map.of("name", "environment"))));
    for (String stage : List.of("deploy", "test")) {
      assertThat(env(view.template(stage)))
          .as(stage)
          .contains(
              Map.of(
                  "name",
                  "DEPLOY_ROLE_ARN",
                  "valueFrom",
                  Map.of(
                      "configMapKeyRef",
                      Map.of(
                          "name",
                          targets,
                          "key",
                          "{{inputs.parameters.environment}}.deploy-role",
                          "optional",
                          true))));
      assertThat(view.template(stage).toString()).contains("use_deploy_role");
    }
    assertThat(PipelineTargets.data(config))
        .containsEntry(first.name() + ".deploy-role", role)
        .doesNotContainKey(base.environments().get(1).name() + ".deploy-role");
    assertThat(arguments(view.task("deploy-" + first.name())))
        .containsExactly(entry("environment", first.name()));
  }

  @Test
  void withAPulumiStackTheDeployStageGetsThePulumiBackendAndTokenAndOnlyThen() {
    PipelineConfig config =
        WorkflowTemplateFixtures.dev(
            List.of(WorkflowTemplateFixtures.pulumi("payments", "infra/payments")),
            List.of(),
            java.util.Optional.of(WorkflowTemplateFixtures.DEV_DEPLOY_ROLE));
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config));

    assertThat(env(view.template("deploy")))
        .contains(
            value("PULUMI_BACKEND_URL", "s3://aphex-state"),
            Map.of(
                "name",
                "PULUMI_ACCESS_TOKEN",
                "valueFrom",
                Map.of("secretKeyRef", Map.of("name", "pulumi-access-token", "key", "token"))),
            GIT_TOKEN_FILE);
    assertThat(env(view.template("test")).toString()).doesNotContain("PULUMI_");
    assertThat(env(sample.template("deploy")).toString()).doesNotContain("PULUMI_");
  }

  @Test
  void validateRunsBesideTheFirstStagesWithTheTargetsMountedAndGatesEveryFirstDeployment() {
    String targets =
        PipelineTargets.configMapName("aphex-pipeline-template", WorkflowTemplateFixtures.sample());
    Map<String, Object> validate = sample.template("validate");

    assertThat(sample.task("validate"))
        .isEqualTo(Map.of("name", "validate", "template", "validate"));
    assertThat(sample.task("pipeline-deployment")).doesNotContainKey("dependencies");
    assertThat(validate.get("volumes"))
        .isEqualTo(
            List.of(
                Map.of("name", "targets", "configMap", Map.of("name", targets)),
                GitCredentials.volume("aphex-pipeline-template")));
    assertThat(container(validate).get("volumeMounts"))
        .isEqualTo(
            List.of(
                Map.of("name", "targets", "mountPath", "/etc/aphex/targets", "readOnly", true),
                GitCredentials.mount()));
    assertThat(env(validate))
        .containsExactly(
            value("AWS_ROLE_ARN", ROLE_ARN),
            value("AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE),
            value("COMMIT_SHA", "{{workflow.parameters.commit-sha}}"),
            value("REPO_URL", "{{workflow.parameters.repo-url}}"),
            value("APHEX_TARGETS_DIR", "/etc/aphex/targets"),
            value("APHEX_TOOLS", "git aws jq base64 npm kubectl npx pulumi"),
            GIT_TOKEN_FILE);
    assertThat(container(validate).get("args"))
        .isEqualTo(List.of(StageScripts.script(Stage.VALIDATE, false, true)));
  }

  @Test
  void theToolsValidateLooksForFollowTheEnginesAndSelfUpdate() {
    PipelineConfig cdkOnly =
        WorkflowTemplateFixtures.withoutSelfUpdate(WorkflowTemplateFixtures.sample());
    PipelineConfig pulumi =
        WorkflowTemplateFixtures.dev(
            List.of(WorkflowTemplateFixtures.pulumi("dev", "infra")),
            List.of(),
            java.util.Optional.of(WorkflowTemplateFixtures.DEV_DEPLOY_ROLE));
    PipelineConfig pulumiOnly = WorkflowTemplateFixtures.withoutSelfUpdate(pulumi);

    assertThat(StageTemplates.requiredTools(cdkOnly, false))
        .isEqualTo("git aws jq base64 npm kubectl npx");
    assertThat(StageTemplates.requiredTools(pulumiOnly, false))
        .isEqualTo("git aws jq base64 npm kubectl pulumi");
    assertThat(StageTemplates.requiredTools(cdkOnly, true))
        .isEqualTo("git aws jq base64 npm kubectl curl npx");
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), pulumiOnly));
    assertThat(env(view.template("validate")))
        .contains(value("PULUMI_BACKEND_URL", "s3://aphex-state"));
  }

  @Test
  void withValidateOffThereIsNoValidateStage() {
    PipelineConfig sampleConfig = WorkflowTemplateFixtures.sample();
    PipelineConfig config =
        new PipelineConfig(
            sampleConfig.version(),
            sampleConfig.buildCommands(),
            sampleConfig.environments(),
            true,
            Map.of(),
            false);
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config));

    assertThat(view.templates())
        .extracting(t -> t.get("name"))
        .containsExactly(
            "main", "build", "pipeline-deployment", "deploy", "test", "cleanup-targets");
    assertThat(view.task("deploy-dev").get("dependencies"))
        .isEqualTo(List.of("build", "pipeline-deployment"));
    assertThat(taskNames(config)).doesNotContain("validate");
  }

  @Test
  void stageSettingsSetTheTimeoutRetriesAndResourcesOfThatStageOnly() {
    PipelineConfig base = WorkflowTemplateFixtures.sample();
    StageSettings deploy =
        new StageSettings(
            java.util.OptionalInt.of(10_800),
            java.util.OptionalInt.of(0),
            Map.of("memory", "8Gi"),
            Map.of("cpu", "4"));
    StageSettings test =
        new StageSettings(
            java.util.OptionalInt.empty(), java.util.OptionalInt.of(5), Map.of(), Map.of());
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(
                WorkflowTemplateFixtures.settings(),
                new PipelineConfig(
                    base.version(),
                    base.buildCommands(),
                    base.environments(),
                    true,
                    Map.of("deploy", deploy, "test", test),
                    true)));

    assertThat(view.template("deploy"))
        .containsEntry("activeDeadlineSeconds", "10800")
        .doesNotContainKey("retryStrategy");
    assertThat(container(view.template("deploy")).get("resources"))
        .isEqualTo(
            Map.of(
                "requests",
                Map.of("cpu", "500m", "memory", "8Gi"),
                "limits",
                Map.of("cpu", "4", "memory", "8Gi")));
    assertThat(view.template("test")).containsEntry("activeDeadlineSeconds", "3600");
    assertThat(view.template("test").get("retryStrategy"))
        .isEqualTo(
            Map.of(
                "limit",
                "5",
                "retryPolicy",
                "OnError",
                "backoff",
                Map.of("duration", "30s", "factor", "2")));
    assertThat(view.template("build")).isEqualTo(sample.template("build"));
  }

  @Test
  void withoutDeployRolesTheScriptsCarryNoRoleStep() {
    assertThat(sample.template("deploy").toString())
        .doesNotContain("use_deploy_role")
        .doesNotContain("DEPLOY_ROLE_ARN");
    assertThat(sample.template("test").toString()).doesNotContain("use_deploy_role");
    assertThat(StageScripts.script(Stage.DEPLOY, true, true)).contains("\nuse_deploy_role\n");
  }

  @Test
  void stageTemplatesDeclareOnlyTheInputsTheyReceive() {
    assertThat(sample.template("build")).doesNotContainKey("inputs");
    assertThat(sample.template("pipeline-deployment")).doesNotContainKey("inputs");
    assertThat(sample.template("deploy").get("inputs"))
        .isEqualTo(Map.of("parameters", List.of(Map.of("name", "environment"))));
    assertThat(sample.template("test").get("inputs"))
        .isEqualTo(
            Map.of(
                "parameters",
                List.of(Map.of("name", "environment"), Map.of("name", "stack-outputs"))));
  }

  @Test
  void deployExportsTheMergedStackOutputsFile() {
    assertThat(sample.template("deploy").get("outputs"))
        .isEqualTo(
            Map.of(
                "parameters",
                List.of(
                    Map.of(
                        "name",
                        "stack-outputs",
                        "valueFrom",
                        Map.of("path", "/tmp/aphex/stack-outputs.json")))));
    for (String other : List.of("main", "build", "pipeline-deployment", "validate", "test")) {
      assertThat(sample.template(other)).doesNotContainKey("outputs");
    }
  }

  @Test
  void noTemplateCarriesFieldsOutsideArgosTemplateType() {
    for (Map<String, Object> template : sample.templates()) {
      assertThat(template).doesNotContainKey("arguments");
      assertThat(template.keySet())
          .isSubsetOf(
              Set.of(
                  "name",
                  "inputs",
                  "outputs",
                  "container",
                  "dag",
                  "synchronization",
                  "activeDeadlineSeconds",
                  "retryStrategy",
                  "volumes",
                  "serviceAccountName"));
    }
  }

  @Test
  void buildUsesTheBuilderImageAndEveryOtherStageTheDeployerImage() {
    assertThat(container(sample.template("build")).get("image")).isEqualTo(BUILDER);
    for (String stage : List.of("pipeline-deployment", "validate", "deploy", "test")) {
      assertThat(container(sample.template(stage)).get("image")).isEqualTo(DEPLOYER);
    }
  }

  @Test
  void everyContainerRunsItsAssembledScriptWithAnExplicitCommand() {
    for (Stage stage : STAGES) {
      Map<String, Object> container = container(sample.template(stage.templateName()));
      List<String> keys =
          new ArrayList<>(
              List.of(
                  "image",
                  "command",
                  "args",
                  "env",
                  "resources",
                  "securityContext",
                  "volumeMounts"));
      assertThat(container.keySet()).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(container.get("command")).isEqualTo(List.of("/bin/bash", "-c"));
      assertThat(container.get("args"))
          .isEqualTo(List.of(StageScripts.script(stage, false, false)));
      assertThat(container.get("resources"))
          .isEqualTo(
              Map.of(
                  "requests", Map.of("cpu", "500m", "memory", "1Gi"),
                  "limits", Map.of("memory", "4Gi")));
    }
  }

  @Test
  void everyStageHasATimeoutAndRetriesOnlyWhenKubernetesLostItsPod() {
    Map<String, String> timeouts = new LinkedHashMap<>();
    for (Stage stage : STAGES) {
      Map<String, Object> template = sample.template(stage.templateName());
      timeouts.put(stage.templateName(), (String) template.get("activeDeadlineSeconds"));
      assertThat(template.get("retryStrategy"))
          .isEqualTo(
              Map.of(
                  "limit", "2",
                  "retryPolicy", "OnError",
                  "backoff", Map.of("duration", "30s", "factor", "2")));
    }
    assertThat(timeouts)
        .containsExactly(
            entry("build", "3600"),
            entry("pipeline-deployment", "3600"),
            entry("validate", "900"),
            entry("deploy", "7200"),
            entry("test", "3600"));
  }

  @Test
  void buildEnv() {
    assertThat(env(sample.template("build")))
        .containsExactly(
            value("AWS_ROLE_ARN", ROLE_ARN),
            value("AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE),
            value("ARTIFACT_BUCKET", BUCKET),
            value("COMMIT_SHA", "{{workflow.parameters.commit-sha}}"),
            value("REPO_URL", "{{workflow.parameters.repo-url}}"),
            targetsKey("BUILD_COMMANDS", "build-commands"),
            GIT_TOKEN_FILE);
  }

  @Test
  void pipelineDeploymentEnvWithBackendAndAccessTokenSecret() {
    assertThat(env(sample.template("pipeline-deployment")))
        .containsExactly(
            value("AWS_ROLE_ARN", ROLE_ARN),
            value("AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE),
            value("COMMIT_SHA", "{{workflow.parameters.commit-sha}}"),
            value("REPO_URL", "{{workflow.parameters.repo-url}}"),
            value("PULUMI_PROJECT_DIR", "infra"),
            value("PULUMI_STACK", "prod"),
            value("PULUMI_BACKEND_URL", "s3://aphex-state"),
            Map.of(
                "name",
                "PULUMI_ACCESS_TOKEN",
                "valueFrom",
                Map.of("secretKeyRef", Map.of("name", "pulumi-access-token", "key", "token"))),
            GIT_TOKEN_FILE);
  }

  @Test
  void pipelineDeploymentEnvWithDefaults() {
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(
                WorkflowTemplateFixtures.settings(
                    new SelfUpdate(
                        ".", "dev", Optional.empty(), Optional.empty(), Optional.empty())),
                WorkflowTemplateFixtures.sample()));

    assertThat(env(view.template("pipeline-deployment")))
        .containsExactly(
            value("AWS_ROLE_ARN", ROLE_ARN),
            value("AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE),
            value("COMMIT_SHA", "{{workflow.parameters.commit-sha}}"),
            value("REPO_URL", "{{workflow.parameters.repo-url}}"),
            value("PULUMI_PROJECT_DIR", "."),
            value("PULUMI_STACK", "dev"),
            GIT_TOKEN_FILE);
  }

  @Test
  void deployEnv() {
    assertThat(env(sample.template("deploy")))
        .containsExactly(
            value("AWS_ROLE_ARN", ROLE_ARN),
            value("AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE),
            target("AWS_REGION", "region"),
            target("AWS_ACCOUNT", "account"),
            value("ARTIFACT_BUCKET", BUCKET),
            value("COMMIT_SHA", "{{workflow.parameters.commit-sha}}"),
            value("REPO_URL", "{{workflow.parameters.repo-url}}"),
            value("APHEX_ENVIRONMENT", "{{inputs.parameters.environment}}"),
            target("APHEX_STACKS", "stacks"),
            GIT_TOKEN_FILE);
  }

  @Test
  void testEnv() {
    assertThat(env(sample.template("test")))
        .containsExactly(
            value("AWS_ROLE_ARN", ROLE_ARN),
            value("AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE),
            target("AWS_REGION", "region"),
            target("AWS_ACCOUNT", "account"),
            value("ARTIFACT_BUCKET", BUCKET),
            value("COMMIT_SHA", "{{workflow.parameters.commit-sha}}"),
            value("REPO_URL", "{{workflow.parameters.repo-url}}"),
            value("APHEX_ENVIRONMENT", "{{inputs.parameters.environment}}"),
            value("STACK_OUTPUTS", "{{inputs.parameters.stack-outputs}}"),
            target("TEST_COMMANDS", "tests"),
            GIT_TOKEN_FILE);
  }

  @Test
  void theOnlyArgoExpressionsAreTheIntendedParameterReferences() {
    PipelineConfig config =
        WorkflowTemplateFixtures.single(
            List.of("echo '{{workflow.parameters.pusher}}'", "echo $$ $(HOME) ${HOME}"),
            List.of("AppStack"),
            List.of("curl \"$(jq -r .AppStack.Url <<<\"$STACK_OUTPUTS\")/{{health}}\""));
    String json =
        new WorkflowTemplateView(
                WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config))
            .json();

    Pattern expression = Pattern.compile("\\{\\{([^{}]*)}}");
    Pattern allowed =
        Pattern.compile(
            "workflow\\.parameters\\.(commit-sha|repo-url)"
                + "|workflow\\.(name|status)"
                + "|inputs\\.parameters\\.[a-z-]+"
                + "|tasks\\.deploy-[a-z0-9-]+\\.outputs\\.parameters\\.stack-outputs");
    List<String> found = new ArrayList<>();
    Matcher matcher = expression.matcher(json);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    assertThat(found).isNotEmpty().allMatch(reference -> allowed.matcher(reference).matches());
    assertThat(json.split("\\{\\{", -1)).hasSize(found.size() + 1);
  }

  @Test
  void userCommandsTravelAsJsonInTheTargetsConfigMapAndNeverInTheTemplate() throws Exception {
    List<String> build =
        List.of("echo '{{workflow.labels.team}}'", "docker ps --format '{{.Names}}'");
    List<String> tests = List.of("say \"hi\"; echo ${X:-{}} \\ done", "echo $$ $(HOME)");
    PipelineConfig config = WorkflowTemplateFixtures.single(build, List.of("A"), tests);
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config));
    // configMapKeyRef values reach the pod as they are: neither Argo nor Kubernetes rewrites them.
    Map<String, String> data = PipelineTargets.data(config);

    ObjectMapper json = new ObjectMapper();
    TypeReference<List<String>> strings = new TypeReference<>() {};
    assertThat(json.readValue(data.get("build-commands"), strings)).isEqualTo(build);
    assertThat(json.readValue(data.get("dev.tests"), strings)).isEqualTo(tests);
    assertThat(view.json()).doesNotContain("team", "Names", "say", "HOME");
  }

  @Test
  void sameInputGivesTheSameTemplateInTheSameOrder() {
    KubernetesObject first =
        WorkflowTemplateFactory.build(
            WorkflowTemplateFixtures.settings(), WorkflowTemplateFixtures.scale(5));
    KubernetesObject second =
        WorkflowTemplateFactory.build(
            WorkflowTemplateFixtures.settings(), WorkflowTemplateFixtures.scale(5));

    assertThat(second).isEqualTo(first);
    assertThat(new WorkflowTemplateView(second).json())
        .isEqualTo(new WorkflowTemplateView(first).json());
  }

  @Test
  void templateGrowsByTwoTasksPerEnvironmentAndNotByTemplates() {
    WorkflowTemplateView fifty =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(
                WorkflowTemplateFixtures.settings(), WorkflowTemplateFixtures.scale(50)));

    assertThat(fifty.templates()).hasSize(7);
    assertThat(fifty.tasks()).hasSize(3 + 50 * 2);
    assertThat(fifty.task("deploy-env-49").get("dependencies")).isEqualTo(List.of("test-env-48"));
  }

  @Test
  void rejectsLiteralsThatArgoOrKubernetesWouldSubstitute() {
    WorkflowTemplateSettings settings =
        new WorkflowTemplateSettings(
            "t",
            "argo",
            Map.of(),
            "workflow-executor",
            BUILDER,
            DEPLOYER,
            ROLE_ARN,
            "bucket-{{workflow.name}}",
            new SelfUpdate(".", "prod", Optional.empty(), Optional.empty(), Optional.empty()),
            PodSecurity.defaults(),
            IdentityMode.IRSA,
            Optional.empty());

    assertThatThrownBy(
            () -> WorkflowTemplateFactory.build(settings, WorkflowTemplateFixtures.sample()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("env ARTIFACT_BUCKET 'bucket-{{workflow.name}}' contains");
    SelfUpdate dollar =
        new SelfUpdate("$(HOME)", "prod", Optional.empty(), Optional.empty(), Optional.empty());
    assertThatThrownBy(
            () ->
                WorkflowTemplateFactory.build(
                    WorkflowTemplateFixtures.settings(dollar), WorkflowTemplateFixtures.sample()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("env PULUMI_PROJECT_DIR '$(HOME)' contains");
  }

  @Test
  void defaultPodSecurityContextSetsTheTokenReadingGroupAndTheRuntimeDefaultSeccompProfile() {
    assertThat(sample.spec().get("securityContext"))
        .isEqualTo(
            Map.of(
                "fsGroup",
                65534,
                "runAsNonRoot",
                false,
                "seccompProfile",
                Map.of("type", "RuntimeDefault")));
  }

  @Test
  void defaultContainerSecurityContextForbidsEscalationAndDropsAllCapabilities() {
    assertThat(container(sample.template("build")).get("securityContext"))
        .isEqualTo(
            Map.of(
                "allowPrivilegeEscalation",
                false,
                "readOnlyRootFilesystem",
                false,
                "capabilities",
                Map.of("drop", List.of("ALL")),
                "seccompProfile",
                Map.of("type", "RuntimeDefault")));
  }

  @Test
  void customPodSecurityIsWrittenAsGiven() {
    PodSecurity custom =
        PodSecurity.defaults()
            .withFsGroup(1000)
            .withRunAsNonRoot(true)
            .withRunAsUser(1001)
            .withAllowPrivilegeEscalation(true)
            .withSeccompProfile(PodSecurity.SeccompProfile.UNCONFINED)
            .withReadOnlyRootFilesystem(true)
            .withDropAllCapabilities(false);
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(
                WorkflowTemplateFixtures.settings(custom), WorkflowTemplateFixtures.sample()));

    assertThat(view.spec().get("securityContext"))
        .isEqualTo(
            Map.of(
                "fsGroup",
                1000,
                "runAsNonRoot",
                true,
                "runAsUser",
                1001,
                "seccompProfile",
                Map.of("type", "Unconfined")));
    assertThat(container(view.template("deploy")).get("securityContext"))
        .isEqualTo(
            Map.of(
                "allowPrivilegeEscalation", true,
                "readOnlyRootFilesystem", true,
                "seccompProfile", Map.of("type", "Unconfined")));
  }

  @Test
  void everyStageContainerGetsTheContainerSecurityContext() {
    PodSecurity custom = PodSecurity.defaults().withReadOnlyRootFilesystem(true);
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(
                WorkflowTemplateFixtures.settings(custom), WorkflowTemplateFixtures.scale(3)));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("allowPrivilegeEscalation", false);
    expected.put("readOnlyRootFilesystem", true);
    expected.put("capabilities", Map.of("drop", List.of("ALL")));
    expected.put("seccompProfile", Map.of("type", "RuntimeDefault"));

    List<String> withContainer = new ArrayList<>();
    for (Map<String, Object> template : view.templates()) {
      if (template.containsKey("container")) {
        withContainer.add((String) template.get("name"));
        assertThat(container(template).get("securityContext")).isEqualTo(expected);
      }
    }
    assertThat(withContainer)
        .containsExactly(
            "build", "pipeline-deployment", "validate", "deploy", "test", "cleanup-targets");
  }

  @Test
  void theTemplateHoldsNoLongBecausePulumiCannotSerializeOne() {
    PodSecurity custom = PodSecurity.defaults().withFsGroup(2147483647).withRunAsUser(1001);
    Map<String, Object> root =
        WorkflowTemplateFactory.build(
                WorkflowTemplateFixtures.settings(custom), WorkflowTemplateFixtures.sample())
            .toMap();

    List<Object> longs = new ArrayList<>();
    collectLongs(root, longs);
    assertThat(longs).isEmpty();
    Map<String, Object> context = WorkflowTemplateView.cast(spec(root).get("securityContext"));
    assertThat(context.get("fsGroup")).isEqualTo(2147483647);
    assertThat(context.get("runAsUser")).isEqualTo(1001);
  }

  @Test
  void rejectsInvalidPodSecurityInsteadOfWritingIt() {
    WorkflowTemplateSettings settings =
        WorkflowTemplateFixtures.settings(PodSecurity.defaults().withFsGroup(2147483648L));

    assertThatThrownBy(
            () -> WorkflowTemplateFactory.build(settings, WorkflowTemplateFixtures.sample()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid pod security settings: podSecurity.fsGroup: '2147483648' must be from 0 to"
                + " 2147483647: group that owns the pod volumes, so that a non-root user reads the"
                + " projected IRSA token. Fix: set podSecurity.fsGroup to 65534");
  }

  private static Map<String, Object> spec(Map<String, Object> root) {
    return WorkflowTemplateView.cast(root.get("spec"));
  }

  private static void collectLongs(Object value, List<Object> longs) {
    if (value instanceof Long) {
      longs.add(value);
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(item -> collectLongs(item, longs));
    } else if (value instanceof List<?> list) {
      list.forEach(item -> collectLongs(item, longs));
    }
  }

  private static Map<String, Object> value(String name, String value) {
    return Map.of("name", name, "value", value);
  }

  /** A variable read from the sample's targets ConfigMap, at the running environment's key. */
  private static Map<String, Object> target(String name, String suffix) {
    return targetsKey(name, "{{inputs.parameters.environment}}." + suffix);
  }

  /** A variable read from a key of the sample's targets ConfigMap. */
  private static Map<String, Object> targetsKey(String name, String key) {
    return Map.of(
        "name",
        name,
        "valueFrom",
        Map.of(
            "configMapKeyRef",
            Map.of(
                "name",
                PipelineTargets.configMapName(
                    "aphex-pipeline-template", WorkflowTemplateFixtures.sample()),
                "key",
                key)));
  }

  private static List<String> taskNames(PipelineConfig config) {
    return MainDag.tasks(config, false).stream().map(DagTask::name).toList();
  }
}
