package io.aphex.pipeline.events;

import static io.aphex.pipeline.events.TriggerFixtures.json;
import static io.aphex.pipeline.events.TriggerFixtures.ordered;
import static io.aphex.pipeline.events.TriggerFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.argo.WorkflowTemplateFactory;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.StandardLabels;
import io.aphex.pipeline.schema.ManifestSchemas;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PipelineSensorTest {

  @Test
  @SuppressWarnings("unchecked")
  void defaultsMatchThePredecessorSampleExceptForTheFixes() {
    Map<String, Object> sample = TriggerFixtures.predecessor("sensor.json");
    Map<String, Object> expected = (Map<String, Object>) sample.get("spec");
    Map<String, Object> dependency =
        ((List<Map<String, Object>>) expected.get("dependencies")).get(0);
    Map<String, Object> filter =
        ((List<Map<String, Object>>) ((Map<String, Object>) dependency.get("filters")).get("data"))
            .get(0);
    // The predecessor's bare value is an unanchored regular expression (see branchFilter).
    filter.put("value", List.of("^refs/heads/main$"));
    // And it started a workflow for the push that deletes the branch.
    ((List<Map<String, Object>>) ((Map<String, Object>) dependency.get("filters")).get("data"))
        .add(ordered("path", "body.deleted", "type", "bool", "value", List.of("false")));
    Map<String, Object> trigger = ((List<Map<String, Object>>) expected.get("triggers")).get(0);
    trigger.put("retryStrategy", ordered("steps", 3, "duration", "2s", "factor", 2, "jitter", 0.1));
    Map<String, Object> k8s =
        (Map<String, Object>) ((Map<String, Object>) trigger.get("template")).get("k8s");
    Map<String, Object> resource =
        (Map<String, Object>) ((Map<String, Object>) k8s.get("source")).get("resource");
    ((Map<String, Object>) resource.get("metadata"))
        .put(
            "labels",
            StandardLabels.of("aphex-pipeline-template", "workflow", "aphex-pipeline-template"));
    Map<String, Object> metadata = (Map<String, Object>) sample.get("metadata");

    KubernetesObject sensor = PipelineSensor.build(TriggerFixtures.sample());

    assertThat(json(sensor.body().get("spec"))).isEqualTo(json(expected));
    assertThat(sensor.metadata().name()).isEqualTo(metadata.get("name"));
    assertThat(sensor.metadata().namespace()).isEqualTo(metadata.get("namespace"));
    assertThat(json(sensor.metadata().labels()))
        .isEqualTo(
            json(
                ordered(
                    "app.kubernetes.io/name", "aphex-pipeline-sensor",
                    "app.kubernetes.io/component", "sensor",
                    "app.kubernetes.io/part-of", "aphex-pipeline",
                    "app.kubernetes.io/managed-by", "aphex-pipeline",
                    "app.kubernetes.io/instance", "aphex-pipeline-template")));
    ManifestSchemas.get().assertValid(sensor.toMap());
  }

  @Test
  void theEmbeddedWorkflowIsExactAndValidOnItsOwn() {
    Map<String, Object> workflow = workflow(PipelineSensor.build(TriggerFixtures.custom()));

    assertThat(json(workflow))
        .isEqualTo(
            json(
                parse(
                    """
            {
              "apiVersion" : "argoproj.io/v1alpha1",
              "kind" : "Workflow",
              "metadata" : {
                "generateName" : "app1-run-",
                "namespace" : "wf",
                "labels" : {
                  "app.kubernetes.io/name" : "app1-template",
                  "app.kubernetes.io/component" : "workflow",
                  "app.kubernetes.io/part-of" : "aphex-pipeline",
                  "app.kubernetes.io/managed-by" : "aphex-pipeline",
                  "app.kubernetes.io/instance" : "app1"
                }
              },
              "spec" : {
                "workflowTemplateRef" : {
                  "name" : "app1-template"
                },
                "arguments" : {
                  "parameters" : [ {
                    "name" : "commit-sha",
                    "value" : ""
                  }, {
                    "name" : "branch",
                    "value" : ""
                  }, {
                    "name" : "repo-url",
                    "value" : ""
                  }, {
                    "name" : "repo-name",
                    "value" : ""
                  }, {
                    "name" : "pusher",
                    "value" : ""
                  } ]
                }
              }
            }""")));
    ManifestSchemas.get().assertValid(workflow);
  }

  @Test
  void everyWorkflowParameterIsFilledFromThePushPayload() {
    Map<String, Object> k8s = k8s(PipelineSensor.build(TriggerFixtures.sample()));

    assertThat(json(k8s.get("parameters")))
        .isEqualTo(
            json(
                List.of(
                    parameter("body.after", 0),
                    parameter("body.ref", 1),
                    parameter("body.repository.clone_url", 2),
                    parameter("body.repository.full_name", 3),
                    parameter("body.pusher.name", 4))));
    assertThat(PipelineSensor.PAYLOAD_KEYS.keySet())
        .containsExactlyElementsOf(WorkflowTemplateFactory.WORKFLOW_PARAMETERS);
    assertThat(k8s.get("operation")).isEqualTo("create");
  }

  @Test
  void theDependencyTakesPushesToTheBranchOnly() {
    KubernetesObject sensor = PipelineSensor.build(TriggerFixtures.custom());

    assertThat(json(spec(sensor).get("dependencies")))
        .isEqualTo(
            json(
                List.of(
                    ordered(
                        "name", "github-push",
                        "eventSourceName", "app1-github",
                        "eventName", "aphex-pipeline",
                        "filters",
                            Map.of(
                                "data",
                                List.of(
                                    ordered(
                                        "path", "body.ref",
                                        "type", "string",
                                        "value", List.of("^refs/heads/release-1\\.2$")),
                                    ordered(
                                        "path", "body.deleted",
                                        "type", "bool",
                                        "value", List.of("false"))))))));
    ManifestSchemas.get().assertValid(sensor.toMap());
  }

  @Test
  void theBranchFilterIsAnAnchoredEscapedRegularExpression() {
    assertThat(PipelineSensor.branchFilter("main")).isEqualTo("^refs/heads/main$");
    assertThat(PipelineSensor.branchFilter("release-1.2")).isEqualTo("^refs/heads/release-1\\.2$");
    assertThat(PipelineSensor.branchFilter("feat/a+b(c)|{d}$"))
        .isEqualTo("^refs/heads/feat/a\\+b\\(c\\)\\|\\{d\\}\\$$");
    assertThat(
            Pattern.compile(PipelineSensor.branchFilter("feat/a+b(c)|{d}$"))
                .matcher("refs/heads/feat/a+b(c)|{d}$")
                .find())
        .isTrue();

    // Argo Events matches string filters unanchored (Go regexp Match), like Java's find().
    Pattern ours = Pattern.compile(PipelineSensor.branchFilter("main"));
    Pattern predecessors = Pattern.compile("refs/heads/main");
    assertThat(ours.matcher("refs/heads/main").find()).isTrue();
    for (String other :
        List.of("refs/heads/main-old", "refs/heads/maintenance", "x/refs/heads/main")) {
      assertThat(ours.matcher(other).find()).as(other).isFalse();
      assertThat(predecessors.matcher(other).find()).as(other).isTrue();
    }
    Pattern dotted = Pattern.compile(PipelineSensor.branchFilter("release-1.2"));
    assertThat(dotted.matcher("refs/heads/release-1.2").find()).isTrue();
    assertThat(dotted.matcher("refs/heads/release-132").find()).isFalse();
  }

  @Test
  void theSensorRunsAsItsOwnServiceAccountAndRetriesFailedCreations() {
    KubernetesObject sensor = PipelineSensor.build(TriggerFixtures.custom());

    assertThat(sensor.id()).isEqualTo("events/Sensor/app1-sensor");
    assertThat(spec(sensor).get("template"))
        .isEqualTo(Map.of("serviceAccountName", "app1-sensor-sa"));
    Map<String, Object> trigger = trigger(sensor);
    assertThat(trigger.keySet()).containsExactlyInAnyOrder("template", "retryStrategy");
    assertThat(json(trigger.get("retryStrategy")))
        .isEqualTo(json(ordered("steps", 3, "duration", "2s", "factor", 2, "jitter", 0.1)));
    assertThat(((Map<?, ?>) trigger.get("template")).get("name"))
        .isEqualTo("aphex-pipeline-trigger");
  }

  private static Map<String, Object> parameter(String dataKey, int index) {
    return ordered(
        "src",
        ordered("dependencyName", "github-push", "dataKey", dataKey),
        "dest",
        "spec.arguments.parameters." + index + ".value");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(KubernetesObject sensor) {
    return (Map<String, Object>) sensor.body().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> trigger(KubernetesObject sensor) {
    List<Map<String, Object>> triggers = (List<Map<String, Object>>) spec(sensor).get("triggers");
    assertThat(triggers).hasSize(1);
    return triggers.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> k8s(KubernetesObject sensor) {
    return (Map<String, Object>) ((Map<String, Object>) trigger(sensor).get("template")).get("k8s");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> workflow(KubernetesObject sensor) {
    return (Map<String, Object>) ((Map<String, Object>) k8s(sensor).get("source")).get("resource");
  }
}
