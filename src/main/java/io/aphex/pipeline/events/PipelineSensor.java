package io.aphex.pipeline.events;

import io.aphex.pipeline.argo.WorkflowTemplateFactory;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.ObjectMetadata;
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
   * predecessor.
   */
  public static final Map<String, String> PAYLOAD_KEYS = payloadKeys();

  private static final String EVENT_NAME = GithubEventSource.EVENT_NAME;
  private static final String COMPONENT = "sensor";
  private static final String GO_REGEXP_SPECIALS = "\\.+*?()|[]{}^$";

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
    StringBuilder out = new StringBuilder("^refs/heads/");
    for (char c : branch.toCharArray()) {
      if (GO_REGEXP_SPECIALS.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('$').toString();
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
    Map<String, Object> dataFilter = new LinkedHashMap<>();
    dataFilter.put("path", "body.ref");
    dataFilter.put("type", "string");
    dataFilter.put("value", List.of(branchFilter(settings.githubBranch())));
    // GitHub also sends a push when the branch is deleted; its commit is all zeros and would
    // start a workflow that can only fail at checkout.
    Map<String, Object> notDeleted = new LinkedHashMap<>();
    notDeleted.put("path", "body.deleted");
    notDeleted.put("type", "bool");
    notDeleted.put("value", List.of("false"));
    Map<String, Object> dependency = new LinkedHashMap<>();
    dependency.put("name", DEPENDENCY_NAME);
    dependency.put("eventSourceName", settings.eventSourceName());
    dependency.put("eventName", EVENT_NAME);
    dependency.put("filters", Map.of("data", List.of(dataFilter, notDeleted)));

    Map<String, Object> k8s = new LinkedHashMap<>();
    k8s.put("operation", "create");
    k8s.put("source", Map.of("resource", workflow(settings)));
    k8s.put("parameters", triggerParameters());
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("name", TRIGGER_NAME);
    template.put("k8s", k8s);
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("template", template);
    trigger.put("retryStrategy", retryStrategy());

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("template", Map.of("serviceAccountName", SensorRbac.serviceAccountName(name)));
    spec.put("dependencies", List.of(dependency));
    spec.put("triggers", List.of(trigger));
    return new KubernetesObject(
        "argoproj.io/v1alpha1",
        "Sensor",
        ObjectMetadata.of(
            name,
            settings.argoEventsNamespace(),
            StandardLabels.of(name, COMPONENT, settings.instance())),
        Map.of("spec", spec));
  }

  /**
   * The Workflow the trigger creates, before the payload is filled in: every parameter of {@link
   * WorkflowTemplateFactory#WORKFLOW_PARAMETERS} with an empty value.
   */
  private static Map<String, Object> workflow(TriggerSettings settings) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("generateName", settings.workflowNamePrefix());
    metadata.put("namespace", settings.argoNamespace());
    metadata.put(
        "labels",
        StandardLabels.of(settings.workflowTemplateName(), "workflow", settings.instance()));
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (String parameter : WorkflowTemplateFactory.WORKFLOW_PARAMETERS) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", parameter);
      entry.put("value", "");
      parameters.add(entry);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("workflowTemplateRef", Map.of("name", settings.workflowTemplateName()));
    spec.put("arguments", Map.of("parameters", parameters));

    Map<String, Object> workflow = new LinkedHashMap<>();
    workflow.put("apiVersion", "argoproj.io/v1alpha1");
    workflow.put("kind", "Workflow");
    workflow.put("metadata", metadata);
    workflow.put("spec", spec);
    return workflow;
  }

  private static List<Map<String, Object>> triggerParameters() {
    List<Map<String, Object>> parameters = new ArrayList<>();
    List<String> names = WorkflowTemplateFactory.WORKFLOW_PARAMETERS;
    for (int i = 0; i < names.size(); i++) {
      Map<String, Object> src = new LinkedHashMap<>();
      src.put("dependencyName", DEPENDENCY_NAME);
      src.put("dataKey", PAYLOAD_KEYS.get(names.get(i)));
      Map<String, Object> parameter = new LinkedHashMap<>();
      parameter.put("src", src);
      parameter.put("dest", "spec.arguments.parameters." + i + ".value");
      parameters.add(parameter);
    }
    return parameters;
  }

  private static Map<String, Object> retryStrategy() {
    Map<String, Object> backoff = new LinkedHashMap<>();
    backoff.put("steps", RETRY_STEPS);
    backoff.put("duration", "2s");
    backoff.put("factor", 2);
    backoff.put("jitter", 0.1);
    return backoff;
  }

  private static Map<String, String> payloadKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("commit-sha", "body.after");
    keys.put("branch", "body.ref");
    keys.put("repo-url", "body.repository.clone_url");
    keys.put("repo-name", "body.repository.full_name");
    keys.put("pusher", "body.pusher.name");
    if (!List.copyOf(keys.keySet()).equals(WorkflowTemplateFactory.WORKFLOW_PARAMETERS)) {
      throw new IllegalStateException(
          "PipelineSensor maps "
              + keys.keySet()
              + " but the WorkflowTemplate takes "
              + WorkflowTemplateFactory.WORKFLOW_PARAMETERS);
    }
    return Collections.unmodifiableMap(keys);
  }
}
