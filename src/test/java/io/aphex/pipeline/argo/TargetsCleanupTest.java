package io.aphex.pipeline.argo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs the generated exit handler {@code cleanup-targets} with bash against a fake cluster: a
 * {@code kubectl} stub that serves ConfigMaps, the WorkflowTemplate and Workflows from files, one
 * per object, honours the label selectors the script sends and deletes what it is told to. It is
 * bash alone: a jq per call cost more than the script it serves.
 */
@Execution(ExecutionMode.CONCURRENT)
class TargetsCleanupTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = 1_750_000_000L;
  private static final String TEMPLATE = "aphex-pipeline-template";

  private static final String KUBECTL =
      "#!/bin/bash\nset -euo pipefail\n"
          + "printf '%s\\n' \"kubectl $*\" >>\"$STUB_LOG\"\n"
          + "k8s=\"$STUB_K8S\"\n"
          + "# Prints {\"items\": [...]} of the objects in directory $1 whose labels (<name>.labels, one\n"
          + "# key=value a line) match every requirement of selector $2: key=value or key!=value.\n"
          + "list() {\n"
          + "  local object requirement items=''\n"
          + "  local -a requirements labels\n"
          + "  IFS=, read -ra requirements <<<\"$2\"\n"
          + "  for object in \"$1\"/*.json; do\n"
          + "    [[ -e \"$object\" ]] || continue\n"
          + "    mapfile -t labels <\"${object%.json}.labels\"\n"
          + "    for requirement in \"${requirements[@]}\"; do\n"
          + "      if [[ \"$requirement\" == *'!='* ]]; then\n"
          + "        [[ \" ${labels[*]} \" != *\" ${requirement/'!='/=} \"* ]] || continue 2\n"
          + "      else\n"
          + "        [[ \" ${labels[*]} \" == *\" $requirement \"* ]] || continue 2\n"
          + "      fi\n"
          + "    done\n"
          + "    items+=\"${items:+,}$(<\"$object\")\"\n"
          + "  done\n"
          + "  printf '{\"items\":[%s]}\\n' \"$items\"\n"
          + "}\n"
          + "case \"$1 $2\" in\n"
          + "  'get configmaps')\n"
          + "    [[ \"$3 $5 $6\" == '-l -o json' ]] || exit 2\n"
          + "    list \"$k8s/configmaps\" \"$4\" ;;\n"
          + "  'get workflowtemplate')\n"
          + "    [[ -z \"${STUB_K8S_DOWN:-}\" ]] || { echo 'Unable to connect to the server' >&2; exit 1; }\n"
          + "    [[ -f \"$k8s/workflowtemplates/$3.json\" ]] || { echo \"Error from server (NotFound): $3\" >&2; exit 1; }\n"
          + "    printf '%s\\n' \"$(<\"$k8s/workflowtemplates/$3.json\")\" ;;\n"
          + "  'get workflows')\n"
          + "    [[ \"$3 $4\" == '-l workflows.argoproj.io/phase!=Succeeded' ]] || exit 2\n"
          + "    list \"$k8s/workflows\" \"$4\" ;;\n"
          + "  'delete configmap')\n"
          + "    rm -f \"$k8s/configmaps/$3.json\" \"$k8s/configmaps/$3.labels\" ;;\n"
          + "  *) echo \"kubectl stub: unexpected $*\" >&2; exit 2 ;;\n"
          + "esac\n";

  @TempDir Path dir;

  private StageSandbox sandbox;
  private Path cluster;
  private WorkflowTemplateView view;
  private String generatedTargets;

  private final List<Map<String, Object>> configMaps = new ArrayList<>();
  private final Map<String, Map<String, Object>> workflows = new LinkedHashMap<>();
  private String current;

  @BeforeEach
  void fakeCluster() throws IOException {
    sandbox = new StageSandbox(dir.resolve("sandbox"));
    cluster = Files.createDirectories(dir.resolve("cluster"));
    String realDate =
        Stream.of("/usr/bin/date", "/bin/date")
            .filter(p -> Files.exists(Path.of(p)))
            .findFirst()
            .orElseThrow();
    sandbox
        .withStub("kubectl", KUBECTL)
        .withStub(
            "date",
            "#!/bin/bash\nif [[ \"$*\" == +%s ]]; then echo \"$STUB_NOW\"; else exec "
                + realDate
                + " \"$@\"; fi\n")
        .withEnv("STUB_K8S", cluster.toString());
    view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(
                WorkflowTemplateFixtures.settings(), WorkflowTemplateFixtures.sample()));
    generatedTargets = PipelineTargets.configMapName(TEMPLATE, WorkflowTemplateFixtures.sample());
  }

  /**
   * Twelve config changes, each applied by the pipeline-deployment of the workflow a push started;
   * one workflow waits for an approval across five changes, one fails and stays retryable (its own
   * exit handler must not delete what a retry reads), and the two overlap. After every workflow's
   * exit handler, each ConfigMap a workflow may still read exists, and at most four are left; at
   * the end only the current one and the failed workflow's. (Each change runs the script, about
   * eight processes; twelve exercise every rule as a hundred did, in an eighth of the time.)
   */
  @Test
  void manyConfigChangesLeaveOnlyWhatWorkflowsCanStillRead() throws Exception {
    int changes = 12;
    int waiting = 3;
    int approved = 8;
    int failing = 5;
    addConfigMap(targets(0), T0);
    current = targets(0);
    int mostKept = 0;
    for (int push = 1; push <= changes; push++) {
      long now = T0 + push * 600L;
      String workflow = "aphex-pipeline-" + push;
      workflows.put(workflow, workflow(workflow, current, "Running"));
      addConfigMap(targets(push), now);
      current = targets(push);
      if (push == waiting) {
        continue; // waits for an approval: no exit handler yet
      }
      if (push == approved) {
        String approvedWorkflow = "aphex-pipeline-" + waiting;
        assertThat(cleanup(approvedWorkflow, "Succeeded", now).exitCode()).isZero();
        phase(approvedWorkflow, "Succeeded");
      }

      StageSandbox.Run run = cleanup(workflow, push == failing ? "Failed" : "Succeeded", now + 300);

      assertThat(run.exitCode()).as(run.output()).isZero();
      phase(workflow, push == failing ? "Failed" : "Succeeded");
      List<String> left = configMapNames();
      assertThat(left).as("after push " + push).contains(current);
      workflows.values().stream()
          .filter(w -> !"Succeeded".equals(label(w)))
          .forEach(w -> assertThat(left).contains(targetsOf(w)));
      mostKept = Math.max(mostKept, left.size());
    }

    assertThat(configMapNames()).containsExactlyInAnyOrder(targets(failing - 1), targets(changes));
    assertThat(mostKept).isBetween(3, 4);
  }

  @Test
  void aConfigMapNewerThanTheCurrentOneIsKeptForAPulumiUpInProgressButNotForever()
      throws Exception {
    addConfigMap(targets(1), T0);
    addConfigMap(targets(2), T0 + 600);
    addConfigMap(targets(3), T0 + 1200);
    current = targets(2);
    Map<String, Object> foreign = configMap("other-targets-0123456789", T0);
    labels(foreign).put("app.kubernetes.io/name", "other-pipeline");
    configMaps.add(foreign);

    StageSandbox.Run soon = cleanup("aphex-pipeline-9", "Succeeded", T0 + 1300);

    assertThat(soon.exitCode()).as(soon.output()).isZero();
    assertThat(soon.output())
        .contains("cleanup-targets: deleted " + targets(1) + "\n")
        .contains("kept " + targets(2) + " (named by the WorkflowTemplate)")
        .contains("kept " + targets(3) + " (newer than the current one)")
        .contains("cleanup-targets: 2 kept, 1 deleted");
    assertThat(configMapNames())
        .containsExactly(targets(2), targets(3), "other-targets-0123456789");

    StageSandbox.Run later = cleanup("aphex-pipeline-10", "Succeeded", T0 + 1200 + 3600);

    assertThat(later.output()).contains("cleanup-targets: deleted " + targets(3));
    assertThat(configMapNames()).containsExactly(targets(2), "other-targets-0123456789");
  }

  @Test
  void whenTheClusterCannotBeReadNothingIsDeletedAndTheWorkflowDoesNotFail() throws Exception {
    addConfigMap(targets(1), T0);
    addConfigMap(targets(2), T0 + 600);
    current = targets(2);
    sandbox.withEnv("STUB_K8S_DOWN", "1");

    StageSandbox.Run run = cleanup("aphex-pipeline-3", "Succeeded", T0 + 7200);

    assertThat(run.exitCode()).isZero();
    assertThat(run.output())
        .contains(
            "cleanup-targets: warning: cannot read WorkflowTemplate "
                + TEMPLATE
                + "; nothing was deleted");
    assertThat(configMapNames()).containsExactly(targets(1), targets(2));
  }

  @Test
  void theExitHandlerRunsAsItsOwnServiceAccountOnEveryWorkflow() {
    Map<String, Object> spec = view.spec();
    Map<String, Object> template = view.template("cleanup-targets");

    assertThat(spec).containsEntry("onExit", "cleanup-targets");
    assertThat(template)
        .containsEntry("serviceAccountName", TEMPLATE + "-targets-cleanup")
        .doesNotContainKey("retryStrategy");
    assertThat(WorkflowTemplateView.env(template))
        .contains(
            Map.of(
                "name",
                "APHEX_TARGETS_SELECTOR",
                "value",
                "app.kubernetes.io/name=aphex-pipeline,app.kubernetes.io/managed-by=pulumi,"
                    + "app.kubernetes.io/component=pipeline-targets"),
            Map.of("name", "APHEX_WORKFLOW_NAME", "value", "{{workflow.name}}"));
  }

  /** The exit handler of {@code workflow}, ending with {@code status}, at {@code now}. */
  private StageSandbox.Run cleanup(String workflow, String status, long now) throws Exception {
    write();
    sandbox.withEnv("STUB_NOW", Long.toString(now));
    return sandbox.run(
        view,
        StageSandbox.TEMPLATE_PREFIX + "cleanup-targets",
        Map.of("workflow.name", workflow, "workflow.status", status));
  }

  /**
   * The cluster as the stub serves it: the generated template, pointing at {@link #current}, and
   * per ConfigMap and Workflow its JSON and its labels, one {@code key=value} a line.
   */
  private void write() throws IOException {
    Map<String, Object> metadata = WorkflowTemplateView.cast(view.root().get("metadata"));
    Path templates = Files.createDirectories(cluster.resolve("workflowtemplates"));
    Files.writeString(
        templates.resolve(metadata.get("name") + ".json"),
        view.json().replace(generatedTargets, current));
    write("configmaps", configMaps);
    write("workflows", new ArrayList<>(workflows.values()));
  }

  private void write(String kind, List<Map<String, Object>> objects) throws IOException {
    Path directory = Files.createDirectories(cluster.resolve(kind));
    try (Stream<Path> stale = Files.list(directory)) {
      for (Path file : stale.toList()) {
        Files.delete(file);
      }
    }
    for (Map<String, Object> object : objects) {
      String name = name(object);
      Files.writeString(directory.resolve(name + ".json"), JSON.writeValueAsString(object));
      Files.write(
          directory.resolve(name + ".labels"),
          labels(object).entrySet().stream().map(l -> l.getKey() + "=" + l.getValue()).toList());
    }
  }

  /** The ConfigMaps left in the cluster, in the order they were created. */
  private List<String> configMapNames() {
    configMaps.removeIf(
        c -> !Files.exists(cluster.resolve("configmaps").resolve(name(c) + ".json")));
    return configMaps.stream().map(TargetsCleanupTest::name).toList();
  }

  @SuppressWarnings("unchecked")
  private static String name(Map<String, Object> object) {
    return (String) ((Map<String, Object>) object.get("metadata")).get("name");
  }

  private static String targets(int generation) {
    return String.format("%s-targets-%010d", TEMPLATE, generation);
  }

  private void addConfigMap(String name, long created) {
    configMaps.add(configMap(name, created));
  }

  private static Map<String, Object> configMap(String name, long created) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "aphex-pipeline");
    labels.put("app.kubernetes.io/managed-by", "pulumi");
    labels.put("app.kubernetes.io/component", "pipeline-targets");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("creationTimestamp", Instant.ofEpochSecond(created).toString());
    metadata.put("labels", labels);
    return new LinkedHashMap<>(Map.of("metadata", metadata, "data", Map.of()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Map<String, Object> object) {
    return (Map<String, Object>) ((Map<String, Object>) object.get("metadata")).get("labels");
  }

  /** A workflow as Argo stores it: the template it started with, in its status. */
  private static Map<String, Object> workflow(String name, String targets, String phase) {
    Map<String, Object> ref =
        Map.of("name", targets, "key", "{{inputs.parameters.environment}}.region");
    Map<String, Object> stored =
        Map.of(
            "templates",
            List.of(
                Map.of(
                    "name",
                    "deploy",
                    "container",
                    Map.of(
                        "env",
                        List.of(
                            Map.of(
                                "name",
                                "AWS_REGION",
                                "valueFrom",
                                Map.of("configMapKeyRef", ref)))))));
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("workflows.argoproj.io/phase", phase);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("labels", labels);
    Map<String, Object> workflow = new LinkedHashMap<>();
    workflow.put("metadata", metadata);
    workflow.put("status", Map.of("storedWorkflowTemplateSpec", stored));
    return workflow;
  }

  private void phase(String workflow, String phase) {
    labels(workflows.get(workflow)).put("workflows.argoproj.io/phase", phase);
  }

  private static String label(Map<String, Object> workflow) {
    return (String) labels(workflow).get("workflows.argoproj.io/phase");
  }

  @SuppressWarnings("unchecked")
  private static String targetsOf(Map<String, Object> workflow) {
    Map<String, Object> status = (Map<String, Object>) workflow.get("status");
    Map<String, Object> stored = (Map<String, Object>) status.get("storedWorkflowTemplateSpec");
    Map<String, Object> template = ((List<Map<String, Object>>) stored.get("templates")).get(0);
    Map<String, Object> container = (Map<String, Object>) template.get("container");
    Map<String, Object> env = ((List<Map<String, Object>>) container.get("env")).get(0);
    Map<String, Object> valueFrom = (Map<String, Object>) env.get("valueFrom");
    return (String) ((Map<String, Object>) valueFrom.get("configMapKeyRef")).get("name");
  }
}
