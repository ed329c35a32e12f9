package io.aphex.pipeline.argo;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code main} DAG: {@code build}, {@code pipeline-deployment} and {@code validate} side by
 * side (each present unless turned off), then per environment in file order {@code deploy-<env>}
 * and, when it has test commands, {@code test-<env>}. An environment's deploy waits for the last
 * task of every environment it depends on (by default the one before it in the file, which gives
 * the predecessor's order), or for all three first stages when it depends on none; environments
 * that depend on the same one run in parallel.
 *
 * <p>{@code pipeline-deployment} does not wait for {@code validate}: the pipeline's own update is
 * how a broken target (a missing role, a mistyped path) gets fixed by a push, and it would never
 * run if the broken target blocked it.
 */
final class MainDag {

  private MainDag() {}

  /**
   * Returns the tasks in order; with reporting, each approval gate follows a {@code
   * request-approval-<env>} task that reports the waiting approval and never stops the DAG.
   *
   * @param config the pipeline config
   * @param reporting whether the pipeline reports back ({@link Reporting})
   * @return the tasks; the first is {@code build}
   */
  static List<DagTask> tasks(PipelineConfig config, boolean reporting) {
    List<DagTask> tasks = new ArrayList<>();
    List<String> pipelineStages = new ArrayList<>(List.of(Stage.BUILD.templateName()));
    if (config.selfUpdate()) {
      pipelineStages.add(Stage.PIPELINE_DEPLOYMENT.templateName());
    }
    if (config.validate()) {
      pipelineStages.add(Stage.VALIDATE.templateName());
    }
    for (String stage : pipelineStages) {
      tasks.add(new DagTask(stage, stage, List.of(), Map.of(), false));
    }
    Map<String, String> lastTaskOf = new LinkedHashMap<>();
    for (EnvironmentConfig environment : config.environments()) {
      lastTaskOf.put(
          environment.name(), (environment.hasTests() ? "test-" : "deploy-") + environment.name());
    }
    for (int index = 0; index < config.environments().size(); index++) {
      EnvironmentConfig environment = config.environments().get(index);
      List<String> after = config.dependenciesAt(index).stream().map(lastTaskOf::get).toList();
      if (after.isEmpty()) {
        after = pipelineStages;
      }
      if (environment.requiresApproval() && reporting) {
        DagTask request = ApprovalGate.requestTask(environment.name(), after);
        tasks.add(request);
        after = List.of(request.name());
      }
      if (environment.requiresApproval()) {
        DagTask approval = ApprovalGate.task(environment.name(), after);
        tasks.add(approval);
        after = List.of(approval.name());
      }
      String deploy = "deploy-" + environment.name();
      tasks.add(
          new DagTask(deploy, Stage.DEPLOY.templateName(), after, target(environment), false));
      if (environment.hasTests()) {
        Map<String, String> arguments = target(environment);
        arguments.put("stack-outputs", "{{tasks." + deploy + ".outputs.parameters.stack-outputs}}");
        tasks.add(
            new DagTask(
                "test-" + environment.name(),
                Stage.TEST.templateName(),
                List.of(deploy),
                arguments,
                false));
      }
    }
    return tasks;
  }

  /**
   * Returns the {@code main} template.
   *
   * @param config the pipeline config
   * @param reporting whether the pipeline reports back ({@link Reporting})
   * @return the template {@code main}: its name and {@code dag.tasks}
   */
  static Map<String, Object> template(PipelineConfig config, boolean reporting) {
    List<Map<String, Object>> tasks =
        tasks(config, reporting).stream().map(DagTask::toMap).toList();
    return Map.of("name", "main", "dag", Map.of("tasks", tasks));
  }

  /** The one argument of an environment's tasks: its name, the key into the targets ConfigMap. */
  private static Map<String, String> target(EnvironmentConfig environment) {
    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put(
        "environment",
        InertText.requireInert("environment " + environment.name() + " name", environment.name()));
    return arguments;
  }
}
