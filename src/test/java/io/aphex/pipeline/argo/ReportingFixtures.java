package io.aphex.pipeline.argo;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Settings and configs of the reporting tests. */
final class ReportingFixtures {

  static final String TOKEN = "ghp_FAKEtoken0123456789abcdefABCDEF0123";
  static final String SLACK_URL =
      "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
  static final String UI = "https://argo.example.com";
  static final Reporting.SecretKey SLACK_KEY =
      new Reporting.SecretKey("aphex-pipeline-template-notifications", "url");

  private ReportingFixtures() {}

  /** Statuses with a link to the Argo UI, no notifications. */
  static Reporting statusesOnly() {
    return new Reporting("aphex-pipeline", "my-org/my-repo", Optional.of(UI), Optional.empty());
  }

  /** Statuses and Slack notifications of the given events. */
  static Reporting withSlack(List<String> events) {
    return withPayload(events, Reporting.Notifications.SLACK_PAYLOAD);
  }

  /** Statuses and notifications with a payload program. */
  static Reporting withPayload(List<String> events, String payload) {
    return new Reporting(
        "aphex-pipeline",
        "my-org/my-repo",
        Optional.of(UI),
        Optional.of(new Reporting.Notifications(SLACK_KEY, events, payload)));
  }

  static WorkflowTemplateSettings settings(Reporting reporting) {
    WorkflowTemplateSettings base = WorkflowTemplateFixtures.settings();
    return WorkflowTemplateFixtures.settings(
        base.selfUpdate(), base.podSecurity(), Optional.of(reporting));
  }

  /** The reference sample (dev, staging, prod) with an approval before prod. */
  static PipelineConfig sampleWithApproval() {
    PipelineConfig sample = WorkflowTemplateFixtures.sample();
    List<EnvironmentConfig> environments = new ArrayList<>();
    for (EnvironmentConfig e : sample.environments()) {
      environments.add(
          new EnvironmentConfig(
              e.name(),
              e.region(),
              e.account(),
              e.stacks(),
              e.testCommands(),
              Optional.empty(),
              e.name().equals("prod"),
              Optional.empty()));
    }
    return new PipelineConfig(sample.version(), sample.buildCommands(), environments);
  }
}
