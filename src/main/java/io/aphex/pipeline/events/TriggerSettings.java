package io.aphex.pipeline.events;

import static java.util.Objects.requireNonNull;

import io.aphex.pipeline.kubernetes.ObjectMetadata;
import io.aphex.pipeline.kubernetes.StandardLabels;
import java.util.Optional;

/**
 * Everything the trigger path needs: names, the repository, the branch and how the webhook is
 * exposed. The values are already validated and derived by the caller; the builders of this package
 * only assemble objects from them.
 *
 * @param argoNamespace the namespace where the Sensor creates Workflows, and where the
 *     WorkflowTemplate lives (default in stack config: {@code argo})
 * @param argoEventsNamespace the namespace of the EventSource, Sensor, webhook Service, Secrets and
 *     Sensor ServiceAccount (default in stack config: {@code argo-events})
 * @param eventSourceName the EventSource name; default {@value #DEFAULT_EVENT_SOURCE_NAME}, at most
 *     {@value #MAX_EVENT_SOURCE_NAME_LENGTH} characters and starting with a letter, because the
 *     Service {@code <eventSourceName>-eventsource-svc} needs a DNS-1035 label
 * @param sensorName the Sensor name; default {@value #DEFAULT_SENSOR_NAME}, at most {@value
 *     #MAX_SENSOR_NAME_LENGTH} characters so that {@code <sensorName>-rolebinding} stays a DNS-1123
 *     label
 * @param workflowTemplateName the WorkflowTemplate every created Workflow references (default in
 *     stack config: {@code aphex-pipeline-template})
 * @param workflowNamePrefix the {@code generateName} of created Workflows; default {@value
 *     #DEFAULT_WORKFLOW_NAME_PREFIX}
 * @param githubOwner the GitHub user or organization
 * @param githubRepo the repository name, without the owner
 * @param githubBranch the branch whose pushes start the pipeline, without {@code refs/heads/}
 * @param pullRequestEvents whether the GitHub hook also subscribes to {@code pull_request} events
 *     (the predecessor always did). The Sensor starts Workflows for pushes only: a {@code
 *     pull_request} delivery has no top-level {@code ref} and fails its filter.
 * @param webhookUrl the externally reachable base URL of the webhook (scheme, host, optional port
 *     and path, no trailing '/'); when present Argo Events registers the hook {@code
 *     <webhookUrl>/push} on the repository itself with the token; default: empty, meaning the hook
 *     is added by hand
 * @param tokenSecretName the Kubernetes Secret (key {@value GithubSecrets#TOKEN_KEY}) with the
 *     GitHub token; see {@link GithubSecrets#defaultTokenSecretName(String)}
 * @param webhookSecretName the Kubernetes Secret (key {@value GithubSecrets#WEBHOOK_SECRET_KEY})
 *     with the webhook's HMAC secret; see {@link GithubSecrets#defaultWebhookSecretName(String)}
 * @param instance the value of the {@code app.kubernetes.io/instance} label of every object
 * @param webhookService how the webhook is exposed
 */
public record TriggerSettings(
    String argoNamespace,
    String argoEventsNamespace,
    String eventSourceName,
    String sensorName,
    String workflowTemplateName,
    String workflowNamePrefix,
    String githubOwner,
    String githubRepo,
    String githubBranch,
    boolean pullRequestEvents,
    Optional<String> webhookUrl,
    String tokenSecretName,
    String webhookSecretName,
    String instance,
    WebhookServiceSettings webhookService) {

  /** The default {@code eventSourceName}, as in the predecessor. */
  public static final String DEFAULT_EVENT_SOURCE_NAME = "github";

  /** The default {@code sensorName}, as in the predecessor. */
  public static final String DEFAULT_SENSOR_NAME = "aphex-pipeline-sensor";

  /** The default {@code workflowNamePrefix}, as in the predecessor. */
  public static final String DEFAULT_WORKFLOW_NAME_PREFIX = "aphex-pipeline-";

  /**
   * The longest {@code eventSourceName}: 63 less the 16 characters that the Service name {@code
   * <eventSourceName>-eventsource-svc} adds.
   */
  public static final int MAX_EVENT_SOURCE_NAME_LENGTH = 47;

  /**
   * The longest {@code sensorName}: 63 less the 12 characters that the RoleBinding name {@code
   * <sensorName>-rolebinding} adds.
   */
  public static final int MAX_SENSOR_NAME_LENGTH = 51;

  /** Creates the settings; every component is required (use an empty optional for no URL). */
  public TriggerSettings {
    requireNonNull(argoNamespace, "argoNamespace");
    requireNonNull(argoEventsNamespace, "argoEventsNamespace");
    requireNonNull(eventSourceName, "eventSourceName");
    requireNonNull(sensorName, "sensorName");
    requireNonNull(workflowTemplateName, "workflowTemplateName");
    requireNonNull(workflowNamePrefix, "workflowNamePrefix");
    requireNonNull(githubOwner, "githubOwner");
    requireNonNull(githubRepo, "githubRepo");
    requireNonNull(githubBranch, "githubBranch");
    requireNonNull(webhookUrl, "webhookUrl");
    requireNonNull(tokenSecretName, "tokenSecretName");
    requireNonNull(webhookSecretName, "webhookSecretName");
    requireNonNull(instance, "instance");
    requireNonNull(webhookService, "webhookService");
  }

  /**
   * The metadata of an object of the trigger path.
   *
   * @param name the object's name
   * @param namespace {@link #argoEventsNamespace()} or {@link #argoNamespace()}
   * @param component the {@code app.kubernetes.io/component} label
   * @return the name, the namespace and the standard labels with {@link #instance()}
   */
  ObjectMetadata metadata(String name, String namespace, String component) {
    return ObjectMetadata.of(name, namespace, StandardLabels.of(name, component, instance));
  }
}
