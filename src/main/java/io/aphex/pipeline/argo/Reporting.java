package io.aphex.pipeline.argo;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * How a pipeline reports back: GitHub commit statuses on every pushed commit, optional
 * notifications to a webhook (Slack by default), and Argo's Prometheus metrics per stage and per
 * workflow. With reporting, the WorkflowTemplate gains one {@value #TEMPLATE} template (run by the
 * workflow's {@code running} lifecycle hook, by the exit handler beside the targets cleanup, and by
 * a {@code request-approval-<env>} task before each approval gate), status calls in the {@code
 * deploy} and {@code test} scripts, and metrics on every stage template; the reporting script is
 * written once, not per environment.
 *
 * <p>The GitHub token is the one the stages already mount for git ({@link GitCredentials}: the
 * Secret {@code <workflowTemplateName>-github-token} in the workflow namespace, an optional
 * volume), so reporting adds no credential to the stage pods; the notification webhook URL reaches
 * the report pod alone through a {@code secretKeyRef} marked optional. A missing Secret makes a
 * report skip (and log why) instead of keeping the pod from starting.
 *
 * @param pipeline the value of the {@code pipeline} label of every metric: the pipeline's instance
 *     name
 * @param repository the GitHub repository as {@code owner/name}, whose commits get the statuses
 * @param argoUiUrl the base URL of the Argo Workflows UI ({@code argoUiUrl}); the statuses' target
 *     URL and the notifications link to {@code <argoUiUrl>/workflows/<namespace>/<workflow>};
 *     without it they carry no link
 * @param notifications where and when notifications go; empty by default (off)
 */
public record Reporting(
    String pipeline,
    String repository,
    Optional<String> argoUiUrl,
    Optional<Notifications> notifications) {

  /** The name of the reporting template. */
  public static final String TEMPLATE = "report";

  /** The GitHub REST API the statuses go to. */
  public static final String GITHUB_API_URL = "https://api.github.com";

  /** Creates the settings; every component is required. */
  public Reporting {
    requireNonNull(pipeline, "pipeline");
    requireNonNull(repository, "repository");
    requireNonNull(argoUiUrl, "argoUiUrl");
    requireNonNull(notifications, "notifications");
  }

  /**
   * A key of a Kubernetes Secret in the workflow namespace.
   *
   * @param name the Secret name
   * @param key the key within the Secret
   */
  public record SecretKey(String name, String key) {

    /** Creates the reference; both parts are required. */
    public SecretKey {
      requireNonNull(name, "name");
      requireNonNull(key, "key");
    }
  }

  /**
   * Notifications: a POST of a JSON payload to a webhook URL kept in a Kubernetes Secret. The
   * payload is the jq program {@code payload} applied to the event, an object with {@code event},
   * {@code repository}, {@code commit}, {@code pusher}, {@code environment}, {@code stage}, {@code
   * description}, {@code url}, {@code workflow} and {@code text} (a Slack-formatted line); so
   * another channel (Microsoft Teams, PagerDuty, a chat bot) is a different jq program, not new
   * code.
   *
   * @param webhookUrl the Secret key holding the webhook URL (a credential: whoever has it can
   *     post)
   * @param events the events that notify, a subset of {@link #EVENTS}; default {@code failure} and
   *     {@code approval}
   * @param payload the jq program that turns the event into the request body; default {@value
   *     #SLACK_PAYLOAD}, the body of a Slack incoming webhook
   */
  public record Notifications(SecretKey webhookUrl, List<String> events, String payload) {

    /** Every event that can notify, in the order they happen. */
    public static final List<String> EVENTS = List.of("approval", "failure", "success");

    /** The events that notify by default. */
    public static final List<String> DEFAULT_EVENTS = List.of("approval", "failure");

    /** The default payload: a Slack incoming webhook's {@code {"text": ...}}. */
    public static final String SLACK_PAYLOAD = "{text: .text}";

    /** Creates the settings; the events are copied and each must be one of {@link #EVENTS}. */
    public Notifications {
      requireNonNull(webhookUrl, "webhookUrl");
      events = List.copyOf(events);
      requireNonNull(payload, "payload");
      for (String event : events) {
        if (!EVENTS.contains(event)) {
          throw new IllegalArgumentException(
              "notification event '" + event + "' is not one of " + EVENTS);
        }
      }
    }
  }
}
