package io.aphex.pipeline.events;

import static io.aphex.pipeline.events.TriggerFixtures.json;
import static io.aphex.pipeline.events.TriggerFixtures.ordered;
import static io.aphex.pipeline.events.TriggerFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.schema.ManifestSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubEventSourceTest {

  @Test
  void defaultsGiveTheExactEventSourceWithoutApiTokenOrUrlAndWithGithubsPayloadLimit() {
    KubernetesObject eventSource = GithubEventSource.build(TriggerFixtures.sample());

    assertThat(json(eventSource.toMap()))
        .isEqualTo(
            json(
                parse(
                    """
            {
              "apiVersion" : "argoproj.io/v1alpha1",
              "kind" : "EventSource",
              "metadata" : {
                "name" : "github",
                "namespace" : "argo-events",
                "labels" : {
                  "app.kubernetes.io/name" : "github",
                  "app.kubernetes.io/component" : "eventsource",
                  "app.kubernetes.io/part-of" : "aphex-pipeline",
                  "app.kubernetes.io/managed-by" : "aphex-pipeline",
                  "app.kubernetes.io/instance" : "aphex-pipeline-template"
                }
              },
              "spec" : {
                "github" : {
                  "aphex-pipeline" : {
                    "repositories" : [ {
                      "owner" : "my-org",
                      "names" : [ "my-repo" ]
                    } ],
                    "webhook" : {
                      "endpoint" : "/push",
                      "port" : "12000",
                      "method" : "POST",
                      "maxPayloadSize" : 26214400
                    },
                    "events" : [ "push", "pull_request" ],
                    "webhookSecret" : {
                      "name" : "github-webhook-secret",
                      "key" : "secret"
                    },
                    "insecure" : false,
                    "active" : true,
                    "contentType" : "json"
                  }
                }
              }
            }""")));
    ManifestSchemas.get().assertValid(eventSource.toMap());
  }

  @Test
  @SuppressWarnings("unchecked")
  void defaultsMatchThePredecessorSampleExceptForItsUnusedTokenAndItsPayloadLimit() {
    Map<String, Object> sample = TriggerFixtures.predecessor("eventsource.json");
    Map<String, Object> source =
        new LinkedHashMap<>(
            (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) sample.get("spec")).get("github"))
                    .get("aphex-pipeline"));
    // B-12: the predecessor set a token but no url, so no hook was ever registered.
    source.remove("apiToken");
    Map<String, Object> webhook = new LinkedHashMap<>((Map<String, Object>) source.get("webhook"));
    webhook.put("maxPayloadSize", GithubEventSource.MAX_PAYLOAD_BYTES);
    source.put("webhook", webhook);
    Map<String, Object> metadata = (Map<String, Object>) sample.get("metadata");

    KubernetesObject eventSource = GithubEventSource.build(TriggerFixtures.sample());

    assertThat(json(eventSource.body()))
        .isEqualTo(json(Map.of("spec", Map.of("github", Map.of("aphex-pipeline", source)))));
    assertThat(eventSource.metadata().name()).isEqualTo(metadata.get("name"));
    assertThat(eventSource.metadata().namespace()).isEqualTo(metadata.get("namespace"));
  }

  @Test
  void aWebhookUrlMakesArgoEventsRegisterTheHookWithTheToken() {
    KubernetesObject eventSource =
        GithubEventSource.build(TriggerFixtures.withWebhookUrl("https://hooks.example.com/aphex"));

    Map<String, Object> source = source(eventSource);
    assertThat(source.keySet())
        .containsExactlyInAnyOrder(
            "repositories",
            "webhook",
            "events",
            "apiToken",
            "webhookSecret",
            "insecure",
            "active",
            "contentType");
    assertThat(json(source.get("webhook")))
        .isEqualTo(
            json(
                ordered(
                    "endpoint", "/push",
                    "port", "12000",
                    "method", "POST",
                    "url", "https://hooks.example.com/aphex",
                    "maxPayloadSize", 26214400)));
    assertThat(json(source.get("apiToken")))
        .isEqualTo(json(ordered("name", "github-access", "key", "token")));
    ManifestSchemas.get().assertValid(eventSource.toMap());
  }

  @Test
  void withoutAWebhookUrlThereIsNoApiTokenAndNoUrl() {
    Map<String, Object> source = source(GithubEventSource.build(TriggerFixtures.sample()));

    assertThat(source).doesNotContainKey("apiToken");
    assertThat(((Map<?, ?>) source.get("webhook")).containsKey("url")).isFalse();
  }

  /** GitHub caps webhook payloads at 25 MB; Argo Events' default limit is 1 MiB. */
  @Test
  void deliveriesUpToGithubsLimitOf25MbAreAccepted() {
    assertThat(GithubEventSource.MAX_PAYLOAD_BYTES).isEqualTo(26_214_400);
  }

  @Test
  void pullRequestEventsAreSubscribedOnlyWhenEnabled() {
    assertThat(source(GithubEventSource.build(TriggerFixtures.withPullRequestEvents(false))))
        .containsEntry("events", List.of("push"));
    assertThat(source(GithubEventSource.build(TriggerFixtures.withPullRequestEvents(true))))
        .containsEntry("events", List.of("push", "pull_request"));
    assertThat(GithubEventSource.events(TriggerFixtures.withPullRequestEvents(false)))
        .containsExactly("push");
  }

  @Test
  void thePodsListenOn12000WhateverTheServicePort() {
    KubernetesObject eventSource = GithubEventSource.build(TriggerFixtures.custom());

    assertThat(eventSource.id()).isEqualTo("events/EventSource/app1-github");
    Map<String, Object> source = source(eventSource);
    assertThat(json(source.get("webhook")))
        .isEqualTo(
            json(
                ordered(
                    "endpoint", "/push",
                    "port", "12000",
                    "method", "POST",
                    "maxPayloadSize", 26214400)));
    assertThat(json(source.get("repositories")))
        .isEqualTo(json(List.of(ordered("owner", "acme", "names", List.of("shop")))));
    assertThat(json(source.get("webhookSecret")))
        .isEqualTo(json(ordered("name", "app1-github-webhook-secret", "key", "secret")));
    ManifestSchemas.get().assertValid(eventSource.toMap());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> source(KubernetesObject eventSource) {
    Map<String, Object> spec = (Map<String, Object>) eventSource.body().get("spec");
    Map<String, Object> github = (Map<String, Object>) spec.get("github");
    assertThat(github.keySet()).containsExactly(GithubEventSource.EVENT_NAME);
    return (Map<String, Object>) github.get(GithubEventSource.EVENT_NAME);
  }
}
