package io.aphex.pipeline.events;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Argo Events {@code EventSource} that receives the repository's GitHub webhook deliveries on
 * {@value #ENDPOINT}, port {@value #LISTEN_PORT}, checks their signature with the webhook secret,
 * and publishes them as event {@value #EVENT_NAME}.
 */
public final class GithubEventSource {

  /** The event name inside the EventSource, which the Sensor's dependency names. */
  public static final String EVENT_NAME = "aphex-pipeline";

  /** The HTTP path of the webhook. */
  public static final String ENDPOINT = "/push";

  /** The port the EventSource pods listen on, whatever port the Service exposes. */
  public static final int LISTEN_PORT = 12000;

  /**
   * The largest delivery the EventSource accepts, in bytes: 25 MiB, GitHub's cap on webhook
   * payloads ("Payloads are capped at 25 MB", GitHub's webhook events documentation). Argo Events'
   * own default ({@code WebhookContext.maxPayloadSize}, an int64 in bytes) is 1 MiB, which drops
   * the delivery of a large push with "request too large". An {@code int}: the Pulumi Java SDK
   * serializes no {@code long}.
   */
  public static final int MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

  private static final String COMPONENT = "eventsource";

  private GithubEventSource() {}

  /**
   * The GitHub events the hook subscribes to.
   *
   * @param settings the trigger settings
   * @return {@code push}, and {@code pull_request} when {@link TriggerSettings#pullRequestEvents()}
   */
  public static List<String> events(TriggerSettings settings) {
    return settings.pullRequestEvents() ? List.of("push", "pull_request") : List.of("push");
  }

  /**
   * Builds the EventSource in {@link TriggerSettings#argoEventsNamespace()}, named {@link
   * TriggerSettings#eventSourceName()}, with one GitHub source {@value #EVENT_NAME} for the one
   * repository.
   *
   * <p>With a {@link TriggerSettings#webhookUrl()} the source carries {@code apiToken} and {@code
   * webhook.url} = that URL, so Argo Events creates the hook {@code <webhookUrl>}{@value #ENDPOINT}
   * on the repository itself: it does so only when both are set (argo-events {@code
   * GithubEventSource.NeedToCreateHooks}). Without one there is neither: no hook registered with an
   * address GitHub cannot reach, and no token reference to a Secret that does not exist. The
   * controller does not need the {@code url} ({@code pkg/eventsources/common/webhook/validate.go}
   * checks only endpoint and port), although the Argo Events JSON schema lists it as required.
   *
   * <p>The webhook accepts deliveries up to {@link #MAX_PAYLOAD_BYTES}.
   *
   * @param settings the trigger settings
   * @return the {@code argoproj.io/v1alpha1} {@code EventSource}
   */
  public static KubernetesObject build(TriggerSettings settings) {
    String name = settings.eventSourceName();
    String port = Integer.toString(LISTEN_PORT);
    Map<String, Object> webhook =
        new HashMap<>(
            Map.of(
                "endpoint", ENDPOINT,
                "port", port,
                "method", "POST",
                "maxPayloadSize", MAX_PAYLOAD_BYTES));
    Map<String, Object> repository =
        Map.of("owner", settings.githubOwner(), "names", List.of(settings.githubRepo()));
    Map<String, Object> github =
        new HashMap<>(
            Map.of(
                "repositories", List.of(repository),
                "webhook", webhook,
                "events", events(settings),
                "webhookSecret",
                    secretKey(settings.webhookSecretName(), GithubSecrets.WEBHOOK_SECRET_KEY)));
    github.putAll(Map.of("insecure", false, "active", true, "contentType", "json"));
    settings
        .webhookUrl()
        .ifPresent(
            url -> {
              webhook.put("url", url);
              github.put(
                  "apiToken", secretKey(settings.tokenSecretName(), GithubSecrets.TOKEN_KEY));
            });
    return new KubernetesObject(
        "argoproj.io/v1alpha1",
        "EventSource",
        settings.metadata(name, settings.argoEventsNamespace(), COMPONENT),
        Map.of("spec", Map.of("github", Map.of(EVENT_NAME, github))));
  }

  private static Map<String, Object> secretKey(String name, String key) {
    return Map.of("name", name, "key", key);
  }
}
