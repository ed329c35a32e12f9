package io.aphex.pipeline.events;

import static io.aphex.pipeline.events.TriggerFixtures.json;
import static io.aphex.pipeline.events.TriggerFixtures.ordered;
import static io.aphex.pipeline.events.TriggerFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.events.WebhookServiceSettings.Type;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.schema.ManifestSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookServiceTest {

  private static final WebhookServiceSettings DEFAULTS = WebhookServiceSettings.defaults();

  @Test
  void theDefaultIsAnNlbLoadBalancerOn12000() {
    KubernetesObject service = build(DEFAULTS);

    assertThat(json(service.toMap()))
        .isEqualTo(
            json(
                parse(
                    """
            {
              "apiVersion" : "v1",
              "kind" : "Service",
              "metadata" : {
                "name" : "github-eventsource-svc",
                "namespace" : "argo-events",
                "labels" : {
                  "app.kubernetes.io/name" : "github-eventsource-svc",
                  "app.kubernetes.io/component" : "eventsource-webhook",
                  "app.kubernetes.io/part-of" : "aphex-pipeline",
                  "app.kubernetes.io/managed-by" : "aphex-pipeline",
                  "app.kubernetes.io/instance" : "aphex-pipeline-template"
                },
                "annotations" : {
                  "service.beta.kubernetes.io/aws-load-balancer-type" : "nlb"
                }
              },
              "spec" : {
                "type" : "LoadBalancer",
                "ports" : [ {
                  "name" : "webhook",
                  "port" : 12000,
                  "targetPort" : 12000,
                  "protocol" : "TCP"
                } ],
                "selector" : {
                  "eventsource-name" : "github"
                }
              }
            }""")));
    ManifestSchemas.get().assertValid(service.toMap());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDefaultMatchesThePredecessorSampleSpecNameAndAnnotations() {
    Map<String, Object> sample = TriggerFixtures.predecessor("service.json");
    Map<String, Object> metadata = (Map<String, Object>) sample.get("metadata");

    KubernetesObject service = build(DEFAULTS);

    assertThat(json(service.body().get("spec"))).isEqualTo(json(sample.get("spec")));
    assertThat(service.metadata().name()).isEqualTo(metadata.get("name"));
    assertThat(service.metadata().namespace()).isEqualTo(metadata.get("namespace"));
    assertThat(service.metadata().annotations()).isEqualTo(metadata.get("annotations"));
  }

  @Test
  void aNodePortServiceCarriesTheNodePortAndNoLoadBalancerAnnotation() {
    KubernetesObject service = build(DEFAULTS.withType(Type.NODE_PORT).withNodePort(30120));

    assertThat(spec(service).get("type")).isEqualTo("NodePort");
    assertThat(json(spec(service).get("ports")))
        .isEqualTo(
            json(
                List.of(
                    ordered(
                        "name", "webhook",
                        "port", 12000,
                        "targetPort", 12000,
                        "protocol", "TCP",
                        "nodePort", 30120))));
    assertThat(service.metadata().toMap()).doesNotContainKey("annotations");
    ManifestSchemas.get().assertValid(service.toMap());
  }

  @Test
  void aNodePortServiceWithoutNodePortLetsKubernetesPickOne() {
    KubernetesObject service = build(DEFAULTS.withType(Type.NODE_PORT));

    assertThat(port(service)).doesNotContainKey("nodePort");
    ManifestSchemas.get().assertValid(service.toMap());
  }

  @Test
  void aNodePortIsNeverWrittenForAnotherType() {
    assertThat(port(build(DEFAULTS.withNodePort(30120)))).doesNotContainKey("nodePort");
  }

  @Test
  void aClusterIpServiceHasNoLoadBalancerAnnotation() {
    KubernetesObject service = build(DEFAULTS.withType(Type.CLUSTER_IP));

    assertThat(spec(service).get("type")).isEqualTo("ClusterIP");
    assertThat(service.metadata().toMap()).doesNotContainKey("annotations");
    assertThat(port(service)).containsEntry("port", 12000).containsEntry("targetPort", 12000);
    ManifestSchemas.get().assertValid(service.toMap());
  }

  @Test
  void aDisabledServiceIsNotCreated() {
    assertThat(WebhookService.build(TriggerFixtures.withService(DEFAULTS.withEnabled(false))))
        .isEmpty();
  }

  @Test
  void aCustomPortChangesOnlyTheServicePortNotTheTargetPort() {
    KubernetesObject service = build(DEFAULTS.withPort(8080));

    assertThat(json(port(service)))
        .isEqualTo(
            json(ordered("name", "webhook", "port", 8080, "targetPort", 12000, "protocol", "TCP")));
    ManifestSchemas.get().assertValid(service.toMap());
  }

  @Test
  void userAnnotationsAreMergedOverTheNlbDefaultNotInsteadOfIt() {
    KubernetesObject added =
        build(
            DEFAULTS.withAnnotations(
                Map.of("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing")));
    Map<String, String> overriding = new LinkedHashMap<>();
    overriding.put("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal");
    overriding.put("service.beta.kubernetes.io/aws-load-balancer-type", "external");
    KubernetesObject overridden = build(DEFAULTS.withAnnotations(overriding));

    assertThat(json(added.metadata().annotations()))
        .isEqualTo(
            json(
                ordered(
                    "service.beta.kubernetes.io/aws-load-balancer-type", "nlb",
                    "service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing")));
    assertThat(json(overridden.metadata().annotations()))
        .isEqualTo(
            json(
                ordered(
                    "service.beta.kubernetes.io/aws-load-balancer-type", "external",
                    "service.beta.kubernetes.io/aws-load-balancer-scheme", "internal")));
    ManifestSchemas.get().assertValid(added.toMap());
    ManifestSchemas.get().assertValid(overridden.toMap());
  }

  @Test
  void userAnnotationsOfOtherTypesAreKeptAsGiven() {
    KubernetesObject service =
        build(
            DEFAULTS
                .withType(Type.CLUSTER_IP)
                .withAnnotations(Map.of("example.com/owner", "platform")));

    assertThat(service.metadata().annotations())
        .containsExactly(Map.entry("example.com/owner", "platform"));
  }

  @Test
  void userLabelsComeAfterTheManagedLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("team", "platform");
    labels.put("example.com/cost-center", "42");
    KubernetesObject service = build(DEFAULTS.withLabels(labels));

    assertThat(json(service.metadata().labels()))
        .isEqualTo(
            json(
                ordered(
                    "app.kubernetes.io/name", "github-eventsource-svc",
                    "app.kubernetes.io/component", "eventsource-webhook",
                    "app.kubernetes.io/part-of", "aphex-pipeline",
                    "app.kubernetes.io/managed-by", "aphex-pipeline",
                    "app.kubernetes.io/instance", "aphex-pipeline-template",
                    "team", "platform",
                    "example.com/cost-center", "42")));
    ManifestSchemas.get().assertValid(service.toMap());
  }

  @Test
  void theServiceIsNamedAfterTheEventSourceAndSelectsItsPods() {
    KubernetesObject service = WebhookService.build(TriggerFixtures.custom()).orElseThrow();

    assertThat(WebhookService.name("app1-github")).isEqualTo("app1-github-eventsource-svc");
    assertThat(WebhookService.name("x".repeat(TriggerSettings.MAX_EVENT_SOURCE_NAME_LENGTH)))
        .hasSize(63);
    assertThat(service.id()).isEqualTo("events/Service/app1-github-eventsource-svc");
    assertThat(spec(service).get("selector")).isEqualTo(Map.of("eventsource-name", "app1-github"));
  }

  private static KubernetesObject build(WebhookServiceSettings settings) {
    return WebhookService.build(TriggerFixtures.withService(settings)).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(KubernetesObject service) {
    return (Map<String, Object>) service.body().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> port(KubernetesObject service) {
    List<Map<String, Object>> ports = (List<Map<String, Object>>) spec(service).get("ports");
    assertThat(ports).hasSize(1);
    return ports.get(0);
  }
}
