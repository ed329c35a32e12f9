package io.aphex.pipeline.argo;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task of the {@code main} DAG.
 *
 * @param name the task name, e.g. {@code deploy-dev}
 * @param template the name of the template the task runs
 * @param dependencies the tasks that must succeed first, in order; empty for the first task
 * @param arguments the input parameters of the stage template, in order; empty for none
 * @param optional whether the DAG goes on when the task fails or errors ({@code continueOn}), as a
 *     report must never stop a deployment
 */
record DagTask(
    String name,
    String template,
    List<String> dependencies,
    Map<String, String> arguments,
    boolean optional) {

  /** Creates the task; the list and map are copied, keeping their order. */
  DagTask {
    dependencies = List.copyOf(dependencies);
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }

  /**
   * Returns the task as it appears in {@code dag.tasks}; empty dependencies and arguments are left
   * out.
   *
   * @return a map of name, template, dependencies, arguments and continueOn
   */
  Map<String, Object> toMap() {
    Map<String, Object> task = new HashMap<>(Map.of("name", name, "template", template));
    if (!dependencies.isEmpty()) {
      task.put("dependencies", dependencies);
    }
    if (!arguments.isEmpty()) {
      task.put("arguments", arguments(arguments));
    }
    if (optional) {
      task.put("continueOn", CONTINUE_ON_FAILURE);
    }
    return task;
  }

  /** The {@code continueOn} of a task or step whose failure or error must not stop its DAG. */
  static final Map<String, Object> CONTINUE_ON_FAILURE = Map.of("failed", true, "error", true);

  /**
   * Returns the {@code arguments} of a task, step or hook.
   *
   * @param values the parameter values by name, in order
   * @return {@code {parameters: [{name, value}, ...]}}
   */
  static Map<String, Object> arguments(Map<String, String> values) {
    return Map.of(
        "parameters",
        values.entrySet().stream()
            .map(value -> Map.of("name", value.getKey(), "value", value.getValue()))
            .toList());
  }
}
