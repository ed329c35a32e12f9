package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.ReportingFixtures.SLACK_KEY;
import static io.aphex.pipeline.argo.ReportingFixtures.SLACK_URL;
import static io.aphex.pipeline.argo.ReportingFixtures.TOKEN;
import static io.aphex.pipeline.argo.StageSandbox.COMMIT_SHA;
import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.config.PipelineConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs the reporting of a generated template with bash against a stub {@code curl} that answers
 * like GitHub's REST API ("Create a commit status", {@code POST
 * /repos/{owner}/{repo}/statuses/{sha}} with body fields {@code state}, {@code target_url}, {@code
 * description} and {@code context}; "Get the combined status for a specific reference", {@code GET
 * /repos/{owner}/{repo}/commits/{ref}/status}: https://docs.github.com/en/rest/commits/statuses),
 * replaying the documented response shapes in {@code github/}.
 */
@Execution(ExecutionMode.CONCURRENT)
class ReportingScriptTest {

  private static final PipelineConfig CONFIG = ReportingFixtures.sampleWithApproval();
  private static final String STATUSES =
      "curl POST https://api.github.com/repos/my-org/my-repo/statuses/" + COMMIT_SHA + " ";
  private static final String LINK = "https://argo.example.com/workflows/argo/aphex-pipeline-x7k2p";
  private static final String SECRET_SLACK = "secret:" + SLACK_KEY.name() + "/" + SLACK_KEY.key();

  /**
   * {@code workflow.failures} of a run whose staging deployment failed: the DAG node (template
   * main), the retry node and its pod (argo-workflows docs/variables.md lists the fields).
   */
  private static final String FAILURES =
      "[{\"displayName\":\"aphex-pipeline-x7k2p\",\"message\":\"child"
          + " 'aphex-pipeline-x7k2p-1519487436' failed\",\"templateName\":\"main\",\"phase\":"
          + "\"Failed\",\"podName\":\"aphex-pipeline-x7k2p\",\"finishedAt\":\"2026-12-03T14:12:31Z\"},"
          + "{\"displayName\":\"deploy-staging(0)\",\"message\":\"Error (exit code 3)\","
          + "\"templateName\":\"deploy\",\"phase\":\"Failed\",\"podName\":"
          + "\"aphex-pipeline-x7k2p-deploy-1519487436\",\"finishedAt\":\"2026-12-03T14:12:29Z\"},"
          + "{\"displayName\":\"deploy-staging\",\"message\":\"Error (exit code 3)\","
          + "\"templateName\":\"deploy\",\"phase\":\"Failed\",\"podName\":"
          + "\"aphex-pipeline-x7k2p-deploy-3004961510\",\"finishedAt\":\"2026-12-03T14:12:30Z\"}]";

  @TempDir Path dir;

  private StageSandbox sandbox;

  @BeforeEach
  void createSandbox() throws Exception {
    sandbox =
        new StageSandbox(dir)
            .withTargets(CONFIG)
            .withEnv("STUB_GITHUB_POST_FILE", github("create-status-201.json"))
            .withEnv("STUB_GITHUB_GET_FILE", github("combined-status.json"))
            .withEnv(
                "APHEX_GIT_TOKEN_FILE",
                java.nio.file.Files.writeString(dir.resolve("github-token"), TOKEN).toString());
  }

  @Test
  void theStartHookSetsThePipelineAndEveryEnvironmentPending() throws Exception {
    StageSandbox.Run run = start(ReportingFixtures.statusesOnly());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(sandbox.calls())
        .containsExactly(
            status("pending", "Running", "aphex/pipeline"),
            status("pending", "Waiting for earlier stages", "aphex/deploy-dev"),
            status("pending", "Waiting for earlier stages", "aphex/deploy-staging"),
            status("pending", "Waiting for earlier stages", "aphex/deploy-prod"));
    assertThat(sandbox.curlConfig())
        .containsOnly("header = \"Authorization: Bearer " + TOKEN + "\"")
        .hasSize(4);
    assertNoSecretIn(run);
  }

  @Test
  void withoutArgoUiUrlTheStatusesCarryNoLink() throws Exception {
    Reporting reporting = ReportingFixtures.statusesOnly();
    StageSandbox.Run run =
        start(
            new Reporting(
                reporting.pipeline(),
                reporting.repository(),
                java.util.Optional.empty(),
                java.util.Optional.empty()));

    assertThat(run.exitCode()).isZero();
    assertThat(sandbox.calls().get(0))
        .isEqualTo(
            STATUSES
                + "{\"state\":\"pending\",\"target_url\":null,\"description\":\"Running\","
                + "\"context\":\"aphex/pipeline\"}");
  }

  @Test
  void deployAndTestReportTheirEnvironmentAsTheyGo() throws Exception {
    WorkflowTemplateView template = template(ReportingFixtures.statusesOnly());

    StageSandbox.Run deploy = sandbox.run(template, "deploy-dev", Map.of());
    StageSandbox.Run test =
        sandbox.run(
            template,
            "test-dev",
            Map.of("tasks.deploy-dev.outputs.parameters.stack-outputs", "{}"));
    StageSandbox.Run prod = sandbox.run(template, "deploy-prod", Map.of());

    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(prod.exitCode()).as(prod.output()).isZero();
    assertThat(sandbox.calls().stream().filter(c -> c.startsWith("curl")))
        .containsExactly(
            status("pending", "Deploying to 123456789012 us-east-1", "aphex/deploy-dev"),
            status("pending", "Deployed; running tests", "aphex/deploy-dev"),
            status("success", "Deployed and tested", "aphex/deploy-dev"),
            status("pending", "Deploying to 987654321098 us-east-1", "aphex/deploy-prod"),
            status("success", "Deployed to 987654321098 us-east-1", "aphex/deploy-prod"));
    assertThat(
            sandbox
                .calls()
                .indexOf(status("pending", "Deployed; running tests", "aphex/deploy-dev")))
        .isGreaterThan(
            sandbox.calls().stream()
                .filter(c -> c.startsWith("npx"))
                .findFirst()
                .map(sandbox.calls()::indexOf)
                .orElseThrow());
    assertNoSecretIn(deploy);
    assertNoSecretIn(test);
  }

  @Test
  void aStatusGitHubRefusesIsLoggedAndTheDeploymentGoesOn() throws Exception {
    sandbox
        .withEnv("STUB_GITHUB_POST_CODE", "403")
        .withEnv("STUB_GITHUB_POST_FILE", github("forbidden-403.json"));

    StageSandbox.Run run =
        sandbox.run(template(ReportingFixtures.statusesOnly()), "deploy-prod", Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains(
            "aphex: GitHub answered POST statuses/"
                + COMMIT_SHA
                + " with HTTP 403: Resource not accessible by personal access token\n"
                + "aphex: could not report aphex/deploy-prod (pending); the stage goes on\n")
        .contains("Stack outputs of prod written to");
    assertThat(sandbox.calls()).anyMatch(c -> c.startsWith("npx [cdk] [deploy] [MyAppStack]"));
    assertNoSecretIn(run);
  }

  @Test
  void anUnreachableGitHubOrAMissingTokenSecretNeverFailsTheStage() throws Exception {
    WorkflowTemplateView template = template(ReportingFixtures.statusesOnly());
    sandbox.withEnv("STUB_CURL_EXIT", "6");

    StageSandbox.Run unreachable = sandbox.run(template, "deploy-prod", Map.of());
    sandbox.withEnv("APHEX_GIT_TOKEN_FILE", dir.resolve("no-such-file").toString());
    StageSandbox.Run noToken = sandbox.run(template, "deploy-prod", Map.of());

    assertThat(unreachable.exitCode()).as(unreachable.output()).isZero();
    assertThat(unreachable.output())
        .contains("curl: (6) Could not resolve host")
        .contains("aphex: GitHub answered POST statuses/" + COMMIT_SHA + " with HTTP 000: ");
    assertThat(noToken.exitCode()).as(noToken.output()).isZero();
    assertThat(noToken.output())
        .contains(
            "aphex: not reporting aphex/deploy-prod (pending): no GitHub token at "
                + dir.resolve("no-such-file"));
    assertNoSecretIn(unreachable);
  }

  @Test
  void anApprovalGateSetsItsEnvironmentWaitingAndPostsToSlack() throws Exception {
    StageSandbox.Run run =
        sandbox.run(
            template(ReportingFixtures.withSlack(List.of("approval", "failure"))),
            "request-approval-prod",
            Map.of(SECRET_SLACK, SLACK_URL));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(sandbox.calls())
        .containsExactly(
            status("pending", "Waiting for approval", "aphex/deploy-prod"),
            "curl POST "
                + SLACK_URL
                + " {\"text\":\":hourglass: my-org/my-repo 0123456 (pushed by octocat): waiting for"
                + " approval to deploy to prod <"
                + LINK
                + "|Open in Argo>\"}");
    assertThat(sandbox.curlConfig().get(1)).isEqualTo("url = \"" + SLACK_URL + "\"");
    assertNoSecretIn(run);
  }

  @Test
  void theExitHookFailsWhatFailedAndWhatNeverRanKeepsWhatSucceededAndNotifies() throws Exception {
    StageSandbox.Run run =
        exit(ReportingFixtures.withSlack(List.of("approval", "failure")), "Failed", FAILURES);

    String failed = "deploy-staging failed: Error (exit code 3)";
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(sandbox.calls())
        .containsExactly(
            "curl GET https://api.github.com/repos/my-org/my-repo/commits/"
                + COMMIT_SHA
                + "/status?per_page=100 ",
            status("failure", failed, "aphex/deploy-staging"),
            status("failure", "Not deployed: " + failed, "aphex/deploy-prod"),
            status("failure", failed, "aphex/pipeline"),
            "curl POST "
                + SLACK_URL
                + " {\"text\":\":x: my-org/my-repo 0123456 (pushed by octocat): "
                + failed
                + " <"
                + LINK
                + "|Open in Argo>\"}");
    assertNoSecretIn(run);
  }

  @Test
  void withoutTheCommitsStatusesTheExitHookStillReportsTheFailedEnvironment() throws Exception {
    sandbox
        .withEnv("STUB_GITHUB_GET_CODE", "403")
        .withEnv("STUB_GITHUB_GET_FILE", github("forbidden-403.json"));

    StageSandbox.Run run = exit(ReportingFixtures.statusesOnly(), "Error", FAILURES);

    assertThat(run.exitCode()).isZero();
    assertThat(run.output())
        .contains(
            "aphex: cannot read the commit's statuses; only failed environments are reported");
    assertThat(sandbox.calls().stream().filter(c -> c.startsWith("curl POST")))
        .containsExactly(
            status("failure", "deploy-staging failed: Error (exit code 3)", "aphex/deploy-staging"),
            status("failure", "deploy-staging failed: Error (exit code 3)", "aphex/pipeline"));
  }

  @Test
  void aSuccessfulRunSetsEverythingSuccessAndAGenericWebhookGetsTheEventItsProgramBuilds()
      throws Exception {
    StageSandbox.Run run =
        exit(
            ReportingFixtures.withPayload(
                List.of("failure", "success"),
                "{event, repository, commit, pusher, description, url}"),
            "Succeeded",
            "[]");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(sandbox.calls())
        .containsExactly(
            status("success", "Deployed", "aphex/deploy-dev"),
            status("success", "Deployed", "aphex/deploy-staging"),
            status("success", "Deployed", "aphex/deploy-prod"),
            status("success", "Deployed to dev, staging, prod", "aphex/pipeline"),
            "curl POST "
                + SLACK_URL
                + " {\"event\":\"success\",\"repository\":\"my-org/my-repo\",\"commit\":\""
                + COMMIT_SHA
                + "\",\"pusher\":\"octocat\",\"description\":\"deployed to dev, staging, prod\","
                + "\"url\":\""
                + LINK
                + "\"}");
  }

  @Test
  void successIsNotNotifiedUnlessAsked() throws Exception {
    StageSandbox.Run run =
        exit(ReportingFixtures.withSlack(List.of("approval", "failure")), "Succeeded", "[]");

    assertThat(run.exitCode()).isZero();
    assertThat(sandbox.calls()).hasSize(4).noneMatch(c -> c.contains("hooks.slack.com"));
  }

  @Test
  void aSlackOutageIsLoggedWithoutTheWebhookUrl() throws Exception {
    sandbox.withEnv("STUB_CURL_EXIT", "7");

    StageSandbox.Run run =
        exit(ReportingFixtures.withSlack(List.of("failure")), "Failed", FAILURES);

    assertThat(run.exitCode()).isZero();
    assertThat(run.output())
        .contains("aphex: could not send the failure notification; the stage goes on");
    assertNoSecretIn(run);
  }

  private StageSandbox.Run start(Reporting reporting) throws Exception {
    return sandbox.runTemplate(template(reporting), "report", Map.of("event", "start"), Map.of());
  }

  /**
   * Runs the report step of the exit handler as the controller does: its arguments, with {@code
   * workflow.status} and {@code workflow.failures} set.
   */
  private StageSandbox.Run exit(Reporting reporting, String status, String failures)
      throws Exception {
    WorkflowTemplateView template = template(reporting);
    assertThat(template.spec().get("onExit")).isEqualTo(WorkflowTemplateFactory.EXIT_HANDLER);
    List<List<Map<String, Object>>> steps =
        WorkflowTemplateView.cast(
            template.template(WorkflowTemplateFactory.EXIT_HANDLER).get("steps"));
    Map<String, Object> step = steps.get(0).get(1);
    Map<String, String> arguments = new HashMap<>(WorkflowTemplateView.arguments(step));
    return sandbox.runTemplate(
        template,
        (String) step.get("template"),
        arguments,
        Map.of(SECRET_SLACK, SLACK_URL, "workflow.status", status, "workflow.failures", failures));
  }

  private static WorkflowTemplateView template(Reporting reporting) {
    return new WorkflowTemplateView(
        WorkflowTemplateFactory.build(ReportingFixtures.settings(reporting), CONFIG));
  }

  private static String status(String state, String description, String context) {
    return STATUSES
        + "{\"state\":\""
        + state
        + "\",\"target_url\":\""
        + LINK
        + "\",\"description\":\""
        + description
        + "\",\"context\":\""
        + context
        + "\"}";
  }

  /** Neither the token nor the webhook URL is in the stage's output or on a command line. */
  private void assertNoSecretIn(StageSandbox.Run run) throws IOException {
    assertThat(run.output()).doesNotContain(TOKEN, SLACK_URL, "XXXXXXXXXXXXXXXXXXXXXXXX");
    assertThat(sandbox.curlArgv()).noneMatch(a -> a.contains(TOKEN) || a.contains(SLACK_URL));
  }

  private static String github(String name) throws URISyntaxException {
    return Path.of(ReportingScriptTest.class.getResource("github/" + name).toURI()).toString();
  }
}
