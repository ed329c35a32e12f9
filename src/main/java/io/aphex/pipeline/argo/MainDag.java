package io.aphex.pipeline.argo;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code main} DAG: {@code build}, {@code pipeline-deployment}, then per environment in file
 * order {@code deploy-<env>} and, when it has test commands, {@code test-<env>}, as a chain in
 * which each task waits for the one before it.
 */
final class MainDag {

  /** Stack names are joined by spaces and split again by the deploy script. */
  private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

  private MainDag() {}

  /**
   * Returns the tasks in order.
   *
   * @param config the pipeline config
   * @return the tasks; the first is {@code build}
   * @throws IllegalArgumentException when a stack name is not {@code [A-Za-z][A-Za-z0-9-]*} or an
   *     environment value would be substituted by Argo or Kubernetes
   */
  static List<DagTask> tasks(PipelineConfig config) {
    List<DagTask> tasks = new ArrayList<>();
    tasks.add(new DagTask("build", Stage.BUILD, List.of(), Map.of()));
    tasks.add(
        new DagTask("pipeline-deployment", Stage.PIPELINE_DEPLOYMENT, List.of("build"), Map.of()));
    String previous = "pipeline-deployment";
    for (EnvironmentConfig environment : config.environments()) {
      DagTask deploy = deployTask(environment, previous);
      tasks.add(deploy);
      previous = deploy.name();
      if (environment.hasTests()) {
        DagTask test = testTask(environment, deploy.name());
        tasks.add(test);
        previous = test.name();
      }
    }
    return tasks;
  }

  /**
   * Returns the {@code main} template.
   *
   * @param config the pipeline config
   * @return an ordered map: name {@code main}, then {@code dag.tasks}
   */
  static Map<String, Object> template(PipelineConfig config) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (DagTask task : tasks(config)) {
      tasks.add(task.toMap());
    }
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("name", "main");
    template.put("dag", Map.of("tasks", tasks));
    return template;
  }

  private static DagTask deployTask(EnvironmentConfig environment, String after) {
    Map<String, String> arguments = target(environment);
    arguments.put("stacks", stackList(environment));
    return new DagTask("deploy-" + environment.name(), Stage.DEPLOY, List.of(after), arguments);
  }

  private static DagTask testTask(EnvironmentConfig environment, String deployTask) {
    Map<String, String> arguments = target(environment);
    arguments.put("commands", InertText.jsonArray(environment.testCommands()));
    arguments.put("stack-outputs", "{{tasks." + deployTask + ".outputs.parameters.stack-outputs}}");
    return new DagTask("test-" + environment.name(), Stage.TEST, List.of(deployTask), arguments);
  }

  private static Map<String, String> target(EnvironmentConfig environment) {
    String where = "environment " + environment.name() + " ";
    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put("environment", InertText.requireInert(where + "name", environment.name()));
    arguments.put("region", InertText.requireInert(where + "region", environment.region()));
    arguments.put("account", InertText.requireInert(where + "account", environment.account()));
    return arguments;
  }

  private static String stackList(EnvironmentConfig environment) {
    for (StackDefinition stack : environment.stacks()) {
      if (!STACK_NAME.matcher(stack.name()).matches()) {
        throw new IllegalArgumentException(
            "stack name '"
                + stack.name()
                + "' of environment "
                + environment.name()
                + " must match [A-Za-z][A-Za-z0-9-]*");
      }
    }
    return environment.stacks().stream()
        .map(StackDefinition::name)
        .collect(Collectors.joining(" "));
  }
}
