package io.aphex.pipeline.events;

import io.aphex.pipeline.argo.WorkflowTemplateFactory;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.StandardLabels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Argo Events {@code Sensor} that turns each push to the pipeline's branch into a Workflow run
 * of the pipeline's WorkflowTemplate.
 */
public final class PipelineSensor {

  /** The name of the Sensor's one dependency, on the EventSource's {@value #EVENT_NAME} event. */
  public static final String DEPENDENCY_NAME = "github-push";

  /** The name of the Sensor's one trigger. */
  public static final String TRIGGER_NAME = "aphex-pipeline-trigger";

  /** How many times a failed Workflow creation is tried before the event is given up. */
  public static final int RETRY_STEPS = 3;

  /**
   * Where each Workflow parameter comes from in the GitHub push payload, in the order of {@link
   * WorkflowTemplateFactory#WORKFLOW_PARAMETERS}. {@code branch} receives the full ref ({@code
   * refs/heads/<branch>}) and {@code repo-name} the {@code <owner>/<repo>} full name, as in the
   * predecessor. Their order is that of the parameters (a test checks it).
   */
  public static final Map<String, String> PAYLOAD_KEYS = payloadKeys();

  private static final String EVENT_NAME = GithubEventSource.EVENT_NAME;
  private static final String COMPONENT = "sensor";
  private static final String API_VERSION = "argoproj.io/v1alpha1";

  /** Go's regular-expression metacharacters (those of regexp.QuoteMeta), as a character class. */
  private static final String GO_REGEXP_SPECIAL = "[\\\\.+*?()|\\[\\]{}^$]";

  private PipelineSensor() {}

  /**
   * The value of the dependency's data filter on {@code body.ref}. Argo Events treats a string
   * filter value as an unanchored Go regular expression, so the bare ref {@code refs/heads/main}
   * would also let pushes to {@code main-old} or {@code maintenance} through; the value is
   * therefore anchored and its special characters are escaped.
   *
   * @param branch the branch name, without {@code refs/heads/}
   * @return e.g. {@code ^refs/heads/main$} or <code>^refs/heads/release-1\.2$</code>
   */
  public static String branchFilter(String branch) {
    return "^refs/heads/" + branch.replaceAll(GO_REGEXP_SPECIAL, "\\\\$0") + "$";
  }

  /**
   * Builds the Sensor in {@link TriggerSettings#argoEventsNamespace()}, named {@link
   * TriggerSettings#sensorName()}, running as {@link SensorRbac#serviceAccountName(String)}.
   *
   * <p>Its dependency {@value #DEPENDENCY_NAME} takes event {@value #EVENT_NAME} of the EventSource
   * when {@code body.ref} matches {@link #branchFilter(String)}. Its trigger {@value #TRIGGER_NAME}
   * creates a Workflow in {@link TriggerSettings#argoNamespace()} with {@code generateName} {@link
   * TriggerSettings#workflowNamePrefix()} from {@code workflowTemplateRef} {@link
   * TriggerSettings#workflowTemplateName()}, filling the arguments from the payload as in {@link
   * #PAYLOAD_KEYS}, and retries a failed creation: {@value #RETRY_STEPS} tries, 2s apart at first,
   * doubling, with 10% jitter.
   *
   * @param settings the trigger settings
   * @return the {@code argoproj.io/v1alpha1} {@code Sensor}
   */
  public static KubernetesObject build(TriggerSettings settings) {
    String name = settings.sensorName();
    Map<String, Object> onBranch =
        Map.of(
            "path", "body.ref",
            "type", "string",
            "value", List.of(branchFilter(settings.githubBranch())));
    // GitHub also sends a push when the branch is deleted; its commit is all zeros and would
    // start a workflow that can only fail at checkout.
    Map<String, Object> notDeleted =
        Map.of("path", "body.deleted", "type", "bool", "value", List.of("false"));
    Map<String, Object> filters = Map.of("data", List.of(onBranch, notDeleted));
    Map<String, Object> dependency =
        Map.of(
            "name", DEPENDENCY_NAME,
            "eventSourceName", settings.eventSourceName(),
            "eventName", EVENT_NAME,
            "filters", filters);
    Map<String, Object> k8s =
        Map.of(
            "operation", "create",
            "source", Map.of("resource", workflow(settings)),
            "parameters", triggerParameters());
    Map<String, Object> trigger =
        Map.of(
            "template", Map.of("name", TRIGGER_NAME, "k8s", k8s),
            "retryStrategy",
                Map.of("steps", RETRY_STEPS, "duration", "2s", "factor", 2, "jitter", 0.1));
    Map<String, Object> spec =
        Map.of(
            "template", Map.of("serviceAccountName", SensorRbac.serviceAccountName(name)),
            "dependencies", List.of(dependency),
            "triggers", List.of(trigger));
    return new KubernetesObject(
        API_VERSION,
        "Sensor",
        settings.metadata(name, settings.argoEventsNamespace(), COMPONENT),
        Map.of("spec", spec));
  }

  /**
   * The Workflow the trigger creates, before the payload is filled in: every parameter of {@link
   * WorkflowTemplateFactory#WORKFLOW_PARAMETERS} with an empty value.
   */
  private static Map<String, Object> workflow(TriggerSettings settings) {
    Map<String, Object> metadata =
        Map.of(
            "generateName", settings.workflowNamePrefix(),
            "namespace", settings.argoNamespace(),
            "labels",
                StandardLabels.of(
                    settings.workflowTemplateName(), "workflow", settings.instance()));
    List<Map<String, Object>> parameters =
        WorkflowTemplateFactory.WORKFLOW_PARAMETERS.stream()
            .map(parameter -> Map.<String, Object>of("name", parameter, "value", ""))
            .toList();
    Map<String, Object> spec =
        Map.of(
            "workflowTemplateRef", Map.of("name", settings.workflowTemplateName()),
            "arguments", Map.of("parameters", parameters));
    return Map.of(
        "apiVersion", API_VERSION,
        "kind", "Workflow",
        "metadata", metadata,
        "spec", spec);
  }

  /** Fills each Workflow parameter from its {@link #PAYLOAD_KEYS} path in the payload. */
  private static List<Map<String, Object>> triggerParameters() {
    List<String> names = WorkflowTemplateFactory.WORKFLOW_PARAMETERS;
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Map<String, Object> src =
          Map.of("dependencyName", DEPENDENCY_NAME, "dataKey", PAYLOAD_KEYS.get(names.get(i)));
      parameters.add(Map.of("src", src, "dest", "spec.arguments.parameters." + i + ".value"));
    }
    return parameters;
  }

  private static Map<String, String> payloadKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("commit-sha", "body.after");
    keys.put("branch", "body.ref");
    keys.put("repo-url", "body.repository.clone_url");
    keys.put("repo-name", "body.repository.full_name");
    keys.put("pusher", "body.pusher.name");
    return Collections.unmodifiableMap(keys);
  }
}
