package io.aphex.pipeline.events;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import java.util.Map;

/**
 * The two Secrets the EventSource reads: the GitHub token (used to register the hook) and the
 * webhook's HMAC secret (used to check every delivery's signature). They are built without data:
 * the component fills {@code stringData} from a Pulumi secret at deploy time, so no secret value is
 * ever part of these plain objects.
 */
public final class GithubSecrets {

  /** The key of the GitHub token in the token Secret. */
  public static final String TOKEN_KEY = "token";

  /** The key of the webhook secret in the webhook Secret. */
  public static final String WEBHOOK_SECRET_KEY = "secret";

  private static final String COMPONENT = "github-credentials";

  private GithubSecrets() {}

  /**
   * A token Secret name unique to the EventSource. With the default EventSource name it is the
   * predecessor's {@code github-access}, which the predecessor shared between all pipelines.
   *
   * @param eventSourceName the EventSource name
   * @return {@code <eventSourceName>-access}
   */
  public static String defaultTokenSecretName(String eventSourceName) {
    return eventSourceName + "-access";
  }

  /**
   * The webhook Secret name of the predecessor.
   *
   * @param eventSourceName the EventSource name
   * @return {@code <eventSourceName>-webhook-secret}
   */
  public static String defaultWebhookSecretName(String eventSourceName) {
    return eventSourceName + "-webhook-secret";
  }

  /**
   * The Opaque Secret {@link TriggerSettings#tokenSecretName()} in {@link
   * TriggerSettings#argoEventsNamespace()}, without data; the caller adds {@code stringData} with
   * key {@value #TOKEN_KEY}.
   *
   * @param settings the trigger settings
   * @return the {@code v1} {@code Secret}
   */
  public static KubernetesObject tokenSecret(TriggerSettings settings) {
    return secret(settings, settings.tokenSecretName());
  }

  /**
   * The Opaque Secret {@link TriggerSettings#webhookSecretName()} in {@link
   * TriggerSettings#argoEventsNamespace()}, without data; the caller adds {@code stringData} with
   * key {@value #WEBHOOK_SECRET_KEY}.
   *
   * @param settings the trigger settings
   * @return the {@code v1} {@code Secret}
   */
  public static KubernetesObject webhookSecret(TriggerSettings settings) {
    return secret(settings, settings.webhookSecretName());
  }

  private static KubernetesObject secret(TriggerSettings settings, String name) {
    return new KubernetesObject(
        "v1",
        "Secret",
        settings.metadata(name, settings.argoEventsNamespace(), COMPONENT),
        Map.of("type", "Opaque"));
  }
}
