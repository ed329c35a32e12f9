package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.argo.Reporting;
import io.aphex.pipeline.testing.ConfigProblems;
import io.aphex.pipeline.testing.SampleConfigs;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The rules of argoUiUrl and the notification settings, and the reporting they configure. */
class AphexPipelineArgsReportingRulesTest {

  private static void assertProblems(
      Consumer<AphexPipelineArgs.Builder> change, String... expected) {
    AphexPipelineArgs.Builder builder = SampleConfigs.sampleArgs();
    change.accept(builder);
    ConfigProblems.assertRefused(builder::build, expected);
  }

  @Test
  void byDefaultTheStatusesCarryNoLinkAndNothingIsNotified() {
    AphexPipelineArgs args = SampleConfigs.sampleArgs().build();

    assertThat(args.argoUiUrl()).isEmpty();
    assertThat(args.notificationWebhookSecretName()).isEmpty();
    assertThat(args.notificationEvents()).containsExactly("approval", "failure");
    assertThat(args.notificationPayload()).isEqualTo("{text: .text}");
    assertThat(args.reporting())
        .isEqualTo(
            new Reporting("aphex-pipeline", "my-org/my-repo", Optional.empty(), Optional.empty()));
  }

  @Test
  void aWebhookSecretTurnsNotificationsOnWithTheirEventsAndPayload() {
    AphexPipelineArgs args =
        SampleConfigs.sampleArgs()
            .pipelineName("team-a")
            .argoUiUrl("https://argo.example.com/")
            .notificationWebhookSecretName("team-a/slack")
            .notificationEvents(List.of("failure", "success"))
            .notificationPayload(".")
            .build();

    assertThat(args.reporting())
        .isEqualTo(
            new Reporting(
                "team-a",
                "my-org/my-repo",
                Optional.of("https://argo.example.com/"),
                Optional.of(
                    new Reporting.Notifications(
                        new Reporting.SecretKey("team-a-template-notifications", "url"),
                        List.of("failure", "success"),
                        "."))));
  }

  @Test
  void argoUiUrlMustBeAPlainBaseUrl() {
    String rule =
        " is not the base URL of the Argo UI (http:// or https://, a host, an optional port and"
            + " path; no user name, query, fragment, '{', '}' or '$'). Fix: use the address you"
            + " open the Argo UI at, e.g. https://argo.example.com";
    assertProblems(b -> b.argoUiUrl("argo.example.com"), "argoUiUrl: 'argo.example.com'" + rule);
    assertProblems(
        b -> b.argoUiUrl("https://admin:hunter2@argo.example.com"),
        "argoUiUrl: 'https://***@argo.example.com'" + rule);
    assertProblems(
        b -> b.argoUiUrl("https://argo.example.com/{{workflow.name}}"),
        "argoUiUrl: 'https://argo.example.com/{{workflow.name}}'" + rule);
    assertProblems(
        b -> b.argoUiUrl("https://argo.example.com/?x=1"),
        "argoUiUrl: 'https://argo.example.com/?x=1'" + rule);
  }

  @Test
  void notificationEventsMustBeKnownAndListedOnce() {
    assertProblems(
        b ->
            b.notificationWebhookSecretName("team-a/slack")
                .notificationEvents(List.of("failure", "fail", "failure")),
        "notificationEvents[1]: 'fail' is not one of the allowed values: approval, failure,"
            + " success. Fix: set notificationEvents[1] to approval",
        "notificationEvents[2]: 'failure' is listed twice. Fix: remove the duplicate");
  }

  private static final String PAYLOAD_RULE =
      "is empty or contains '{{' or '$', which Argo or Kubernetes would substitute";
  private static final String PAYLOAD_FIX =
      "use a jq program without variables, e.g. {text: .text, link: .url}";

  @Test
  void notificationPayloadMustBeAJqProgramArgoAndKubernetesLeaveAlone() {
    assertProblems(
        b -> b.notificationWebhookSecretName("team-a/slack").notificationPayload(" "),
        "notificationPayload: ' ' " + PAYLOAD_RULE + ". Fix: " + PAYLOAD_FIX);
    assertProblems(
        b -> b.notificationWebhookSecretName("team-a/slack").notificationPayload("{text: $ENV.X}"),
        "notificationPayload: '{text: $ENV.X}' " + PAYLOAD_RULE + ". Fix: " + PAYLOAD_FIX);
  }

  @Test
  void notificationSettingsWithoutAWebhookAreAMistake() {
    assertProblems(
        b -> b.notificationEvents(List.of("success")),
        "notificationEvents: 'success' has no effect without notificationWebhookSecretName. Fix: set"
            + " notificationWebhookSecretName to the Secrets Manager secret holding the webhook"
            + " URL");
  }

  @Test
  void notificationWebhookSecretNameMustBeASecretsManagerName() {
    assertProblems(
        b -> b.notificationWebhookSecretName("team a/slack!"),
        "notificationWebhookSecretName: 'team a/slack!' is not an AWS Secrets Manager secret name"
            + " (1 to 512 letters, digits and /_+=.@-). Fix: use the name of a Secrets Manager secret holding {\"url\":"
            + " \"https://...\"}");
  }
}
