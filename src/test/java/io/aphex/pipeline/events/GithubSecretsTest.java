package io.aphex.pipeline.events;

import static io.aphex.pipeline.events.TriggerFixtures.json;
import static io.aphex.pipeline.events.TriggerFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.schema.ManifestSchemas;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubSecretsTest {

  @Test
  void theWebhookSecretIsAnOpaqueSecretWithoutData() {
    KubernetesObject secret = GithubSecrets.webhookSecret(TriggerFixtures.sample());

    assertThat(json(secret.toMap()))
        .isEqualTo(
            json(
                parse(
                    """
            {
              "apiVersion" : "v1",
              "kind" : "Secret",
              "metadata" : {
                "name" : "github-webhook-secret",
                "namespace" : "argo-events",
                "labels" : {
                  "app.kubernetes.io/name" : "github-webhook-secret",
                  "app.kubernetes.io/component" : "github-credentials",
                  "app.kubernetes.io/part-of" : "aphex-pipeline",
                  "app.kubernetes.io/managed-by" : "aphex-pipeline",
                  "app.kubernetes.io/instance" : "aphex-pipeline-template"
                }
              },
              "type" : "Opaque"
            }""")));
    ManifestSchemas.get().assertValid(secret.toMap());
  }

  @Test
  void theTokenSecretIsAnOpaqueSecretWithoutData() {
    KubernetesObject secret = GithubSecrets.tokenSecret(TriggerFixtures.sample());

    assertThat(secret.id()).isEqualTo("argo-events/Secret/github-access");
    assertThat(secret.body()).isEqualTo(Map.of("type", "Opaque"));
    assertThat(secret.metadata().labels())
        .containsEntry("app.kubernetes.io/name", "github-access")
        .containsEntry("app.kubernetes.io/component", "github-credentials");
    ManifestSchemas.get().assertValid(secret.toMap());
  }

  @Test
  @SuppressWarnings("unchecked")
  void defaultNamesAreThePredecessorsAndDifferPerEventSource() {
    Map<String, Object> token = TriggerFixtures.predecessor("secret-github-token.json");
    Map<String, Object> webhook = TriggerFixtures.predecessor("secret-webhook.json");

    assertThat(GithubSecrets.defaultTokenSecretName("github"))
        .isEqualTo(((Map<String, Object>) token.get("metadata")).get("name"));
    assertThat(GithubSecrets.defaultWebhookSecretName("github"))
        .isEqualTo(((Map<String, Object>) webhook.get("metadata")).get("name"));
    assertThat(GithubSecrets.defaultTokenSecretName("app1-github")).isEqualTo("app1-github-access");
    assertThat(GithubSecrets.defaultWebhookSecretName("app1-github"))
        .isEqualTo("app1-github-webhook-secret");
  }

  @Test
  void theKeysAreTheOnesTheEventSourceReads() {
    assertThat(GithubSecrets.TOKEN_KEY).isEqualTo("token");
    assertThat(GithubSecrets.WEBHOOK_SECRET_KEY).isEqualTo("secret");
  }
}
