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
 * The {@code main} DAG: {@code build} and {@code pipeline-deployment} side by side, then per
 * environment in file order {@code deploy-<env>} and, when it has test commands, {@code
 * test-<env>}. An environment's deploy waits for the last task of every environment it depends on
 * (by default the one before it in the file, which gives the predecessor's order), or for both
 * pipeline stages when it depends on none; environments that depend on the same one run in
 * parallel.
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
    tasks.add(new DagTask("build", Stage.BUILD.templateName(), List.of(), Map.of()));
    List<String> pipelineStages = new ArrayList<>(List.of("build"));
    if (config.selfUpdate()) {
      tasks.add(
          new DagTask(
              "pipeline-deployment",
              Stage.PIPELINE_DEPLOYMENT.templateName(),
              List.of(),
              Map.of()));
      pipelineStages.add("pipeline-deployment");
    }
    Map<String, String> lastTaskOf = new LinkedHashMap<>();
    for (EnvironmentConfig environment : config.environments()) {
      lastTaskOf.put(
          environment.name(), (environment.hasTests() ? "test-" : "deploy-") + environment.name());
    }
    for (EnvironmentConfig environment : config.environments()) {
      List<String> after = new ArrayList<>();
      for (String dependency : config.dependenciesOf(environment)) {
        after.add(lastTaskOf.get(dependency));
      }
      if (after.isEmpty()) {
        after.addAll(pipelineStages);
      }
      if (environment.requiresApproval()) {
        DagTask approval = ApprovalGate.task(environment.name(), after);
        tasks.add(approval);
        after = List.of(approval.name());
      }
      DagTask deploy = deployTask(environment, after);
      tasks.add(deploy);
      if (environment.hasTests()) {
        tasks.add(testTask(environment, deploy.name()));
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

  private static DagTask deployTask(EnvironmentConfig environment, List<String> after) {
    Map<String, String> arguments = target(environment);
    arguments.put("stacks", stackList(environment));
    return new DagTask(
        "deploy-" + environment.name(), Stage.DEPLOY.templateName(), after, arguments);
  }

  private static DagTask testTask(EnvironmentConfig environment, String deployTask) {
    Map<String, String> arguments = target(environment);
    arguments.put("commands", InertText.jsonArray(environment.testCommands()));
    arguments.put("stack-outputs", "{{tasks." + deployTask + ".outputs.parameters.stack-outputs}}");
    return new DagTask(
        "test-" + environment.name(), Stage.TEST.templateName(), List.of(deployTask), arguments);
  }

  private static Map<String, String> target(EnvironmentConfig environment) {
    String where = "environment " + environment.name() + " ";
    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put("environment", InertText.requireInert(where + "name", environment.name()));
    arguments.put("region", InertText.requireInert(where + "region", environment.region()));
    arguments.put("account", InertText.requireInert(where + "account", environment.account()));
    environment
        .deployRoleArn()
        .ifPresent(role -> arguments.put("role", InertText.requireInert(where + "role", role)));
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
    return environment.stackLevels().stream()
        .map(level -> String.join(",", level))
        .collect(Collectors.joining(" "));
  }
}
