package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.ReportingFixtures.SLACK_URL;
import static io.aphex.pipeline.argo.ReportingFixtures.TOKEN;
import static io.aphex.pipeline.argo.WorkflowTemplateView.container;
import static io.aphex.pipeline.argo.WorkflowTemplateView.env;
import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.schema.ManifestSchemas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WorkflowTemplate of a pipeline that reports back: hooks, the report template, metrics. */
class ReportingTemplateTest {

  private static final PipelineConfig CONFIG = ReportingFixtures.sampleWithApproval();

  private final WorkflowTemplateView slack =
      new WorkflowTemplateView(
          WorkflowTemplateFactory.build(
              ReportingFixtures.settings(
                  ReportingFixtures.withSlack(List.of("approval", "failure"))),
              CONFIG));

  @Test
  void theWorkflowReportsItsStartThroughAHookAndItsEndBesideTheTargetsCleanup() {
    assertThat(slack.spec().get("hooks"))
        .isEqualTo(
            Map.of(
                "running",
                Map.of(
                    "expression",
                    "workflow.status == \"Running\"",
                    "template",
                    "report",
                    "arguments",
                    Map.of("parameters", List.of(Map.of("name", "event", "value", "start"))))));
    assertThat(slack.spec().get("onExit")).isEqualTo("on-exit");
    assertThat(slack.template("on-exit"))
        .isEqualTo(
            Map.of(
                "name",
                "on-exit",
                "steps",
                List.of(
                    List.of(
                        Map.of("name", "cleanup-targets", "template", "cleanup-targets"),
                        Map.of(
                            "name",
                            "report",
                            "template",
                            "report",
                            "arguments",
                            Map.of(
                                "parameters",
                                List.of(
                                    Map.of("name", "event", "value", "exit"),
                                    Map.of("name", "status", "value", "{{workflow.status}}"),
                                    Map.of("name", "failures", "value", "{{workflow.failures}}"))),
                            "continueOn",
                            Map.of("failed", true, "error", true))))));
  }

  @Test
  void anApprovalGateFollowsATaskThatReportsItAndNeverStopsTheDag() {
    assertThat(MainDag.tasks(CONFIG, true).stream().map(DagTask::name))
        .containsExactly(
            "build",
            "pipeline-deployment",
            "validate",
            "deploy-dev",
            "test-dev",
            "deploy-staging",
            "test-staging",
            "request-approval-prod",
            "approve-prod",
            "deploy-prod");
    assertThat(slack.task("request-approval-prod"))
        .isEqualTo(
            Map.of(
                "name", "request-approval-prod",
                "template", "report",
                "dependencies", List.of("test-staging"),
                "arguments",
                    Map.of(
                        "parameters",
                        List.of(
                            Map.of("name", "event", "value", "approval"),
                            Map.of("name", "environment", "value", "prod"))),
                "continueOn", Map.of("failed", true, "error", true)));
    assertThat(slack.task("approve-prod").get("dependencies"))
        .isEqualTo(List.of("request-approval-prod"));
  }

  @Test
  void theReportTemplateMountsTheStagesGitTokenAndReadsTheWebhookUrlFromAnOptionalSecretKey() {
    Map<String, Object> report = slack.template("report");
    assertThat(report.get("retryStrategy")).isNotNull();
    assertThat(report.get("activeDeadlineSeconds")).isEqualTo("300");
    assertThat(env(report))
        .extracting(v -> v.get("name"))
        .containsExactly(
            "COMMIT_SHA",
            "GITHUB_API_URL",
            "GITHUB_REPOSITORY",
            "ARGO_UI_URL",
            "WORKFLOW_NAMESPACE",
            "WORKFLOW_NAME",
            "PUSHER",
            "APHEX_ENVIRONMENTS",
            "REPORT_EVENT",
            "REPORT_ENVIRONMENT",
            "WORKFLOW_STATUS",
            "WORKFLOW_FAILURES",
            "NOTIFY_URL",
            "NOTIFY_ON",
            "NOTIFY_PAYLOAD",
            "APHEX_GIT_TOKEN_FILE");
    assertThat(env(report))
        .contains(
            Map.of(
                "name",
                "NOTIFY_URL",
                "valueFrom",
                Map.of(
                    "secretKeyRef",
                    Map.of(
                        "name", "aphex-pipeline-template-notifications",
                        "key", "url",
                        "optional", true))),
            Map.of("name", "NOTIFY_ON", "value", "approval failure"),
            Map.of("name", "NOTIFY_PAYLOAD", "value", "{text: .text}"));
    assertThat(report.get("volumes"))
        .isEqualTo(List.of(GitCredentials.volume("aphex-pipeline-template")));
    assertThat(container(report).get("args"))
        .isEqualTo(List.of(StageScripts.script(Stage.REPORT, false, true)));
  }

  @Test
  void deployAndTestReportTheirEnvironmentButTheOtherStagesDoNot() {
    for (String stage : List.of("deploy", "test")) {
      assertThat(env(slack.template(stage)))
          .extracting(v -> v.get("name"))
          .contains("APHEX_GIT_TOKEN_FILE", "GITHUB_REPOSITORY", "WORKFLOW_NAME")
          .doesNotContain("NOTIFY_URL");
      assertThat((String) WorkflowTemplateView.script(slack.template(stage)))
          .contains("report_environment ");
    }
    for (String stage : List.of("build", "pipeline-deployment", "validate")) {
      assertThat(env(slack.template(stage)))
          .extracting(v -> v.get("name"))
          .doesNotContain("GITHUB_REPOSITORY", "NOTIFY_URL");
    }
  }

  @Test
  void everyStageAndTheWorkflowEmitADurationHistogramLabelledWithItsResult() {
    assertThat(slack.template("deploy").get("metrics"))
        .isEqualTo(
            Map.of(
                "prometheus",
                List.of(
                    Map.of(
                        "name",
                        "aphex_stage_duration_seconds",
                        "help",
                        "Duration in seconds of an aphex-pipeline stage, by pipeline, environment,"
                            + " stage and result (Succeeded, Failed, Error)",
                        "labels",
                        List.of(
                            Map.of("key", "pipeline", "value", "aphex-pipeline"),
                            Map.of(
                                "key", "environment", "value", "{{inputs.parameters.environment}}"),
                            Map.of("key", "stage", "value", "deploy"),
                            Map.of("key", "status", "value", "{{status}}")),
                        "histogram",
                        Map.of(
                            "value",
                            "{{duration}}",
                            "buckets",
                            List.of(30, 60, 120, 300, 600, 1200, 1800, 3600, 7200))))));
    Map<String, Object> buildMetrics =
        WorkflowTemplateView.cast(slack.template("build").get("metrics"));
    List<Map<String, Object>> histograms =
        WorkflowTemplateView.cast(buildMetrics.get("prometheus"));
    assertThat(histograms.get(0).get("labels"))
        .asList()
        .contains(
            Map.of("key", "environment", "value", "none"),
            Map.of("key", "stage", "value", "build"));
    for (String stage : List.of("pipeline-deployment", "validate", "test")) {
      assertThat(slack.template(stage)).containsKey("metrics");
    }
    assertThat(slack.template("approve")).doesNotContainKey("metrics");
    assertThat(slack.template("report")).doesNotContainKey("metrics");
    Map<String, Object> workflowMetrics = WorkflowTemplateView.cast(slack.spec().get("metrics"));
    List<Map<String, Object>> workflowHistograms =
        WorkflowTemplateView.cast(workflowMetrics.get("prometheus"));
    assertThat(workflowHistograms).hasSize(1);
    assertThat(workflowHistograms.get(0))
        .containsEntry("name", "aphex_pipeline_duration_seconds")
        .containsEntry(
            "labels",
            List.of(
                Map.of("key", "pipeline", "value", "aphex-pipeline"),
                Map.of("key", "status", "value", "{{workflow.status}}")))
        .containsEntry(
            "histogram",
            Map.of(
                "value",
                "{{workflow.duration}}",
                "buckets",
                List.of(60, 300, 600, 1200, 1800, 3600, 7200, 14400, 43200, 86400)));
  }

  @Test
  void theTemplateNamesItsSecretsButHoldsNoSecretValue() {
    assertThat(slack.json()).doesNotContain(TOKEN, SLACK_URL, "hooks.slack.com");
  }

  @Test
  void withoutReportingTheTemplateHasNoHookMetricOrReportAndTheScriptsNoStatusCall() {
    WorkflowTemplateView plain =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), CONFIG));

    assertThat(plain.spec()).doesNotContainKeys("hooks", "metrics");
    assertThat(plain.spec().get("onExit")).isEqualTo("cleanup-targets");
    assertThat(plain.templates())
        .extracting(t -> t.get("name"))
        .doesNotContain("report", "on-exit");
    assertThat(plain.json()).doesNotContain("GITHUB_REPOSITORY", "report_", "curl", "metrics");
  }

  @Test
  void templatesWithReportingAreValidAgainstTheNewestAndTheOldestArgoSchemas() {
    ManifestSchemas.get().assertValid(slack.root());
    ManifestSchemas.get()
        .assertValid(
            WorkflowTemplateFactory.build(
                    ReportingFixtures.settings(
                        new Reporting(
                            "aphex-pipeline",
                            "my-org/my-repo",
                            java.util.Optional.empty(),
                            java.util.Optional.empty())),
                    WorkflowTemplateFixtures.scale(50))
                .toMap());
  }
}
