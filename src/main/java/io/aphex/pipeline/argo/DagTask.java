package io.aphex.pipeline.argo;

import java.util.ArrayList;
import java.util.Collections;
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

  /**
   * Creates a task the DAG needs to succeed.
   *
   * @param name the task name
   * @param template the template it runs
   * @param dependencies the tasks that must succeed first
   * @param arguments the input parameters
   */
  DagTask(String name, String template, List<String> dependencies, Map<String, String> arguments) {
    this(name, template, dependencies, arguments, false);
  }

  /** Creates the task; the list and map are copied, keeping their order. */
  DagTask {
    dependencies = List.copyOf(dependencies);
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }

  /**
   * Returns the task as it appears in {@code dag.tasks}; empty dependencies and arguments are left
   * out.
   *
   * @return an ordered map: name, template, dependencies, arguments, continueOn
   */
  Map<String, Object> toMap() {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("name", name);
    task.put("template", template);
    if (!dependencies.isEmpty()) {
      task.put("dependencies", dependencies);
    }
    if (!arguments.isEmpty()) {
      task.put("arguments", arguments(arguments));
    }
    if (optional) {
      task.put("continueOn", continueOnFailure());
    }
    return task;
  }

  /**
   * Returns the {@code continueOn} of a task or step whose failure or error must not stop its DAG
   * or steps.
   *
   * @return {@code {failed: true, error: true}}
   */
  static Map<String, Object> continueOnFailure() {
    Map<String, Object> continueOn = new LinkedHashMap<>();
    continueOn.put("failed", true);
    continueOn.put("error", true);
    return continueOn;
  }

  /**
   * Returns the {@code arguments} of a task, step or hook.
   *
   * @param values the parameter values by name, in order
   * @return {@code {parameters: [{name, value}, ...]}}
   */
  static Map<String, Object> arguments(Map<String, String> values) {
    List<Map<String, Object>> parameters = new ArrayList<>();
    values.forEach(
        (name, value) -> {
          Map<String, Object> parameter = new LinkedHashMap<>();
          parameter.put("name", name);
          parameter.put("value", value);
          parameters.add(parameter);
        });
    return Map.of("parameters", parameters);
  }
}
