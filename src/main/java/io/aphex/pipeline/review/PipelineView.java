package io.aphex.pipeline.review;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a reviewer needs to see of a rendered pipeline, read back from the render itself ({@link
 * RenderReader}): the tasks of the WorkflowTemplate's DAG with their dependencies exactly as the
 * template has them, each environment as its targets ConfigMap describes it, the image of each
 * stage template, and every permission the render grants. Plain data, so that the diagram, the
 * tables, the promotion line and the diff are pure functions of it; the reader builds it from
 * unmodifiable lists and maps that keep the render's order.
 *
 * @param templateName the WorkflowTemplate's name
 * @param tasks the DAG tasks in template order
 * @param environments the environments in file order
 * @param images the image of each stage template, by template name, in template order
 * @param permissions every grant, by holder (e.g. {@code RolePolicy aphex-pipeline-cdk-deploy}), in
 *     the order the render registers them
 */
public record PipelineView(
    String templateName,
    List<Task> tasks,
    List<Environment> environments,
    Map<String, String> images,
    Map<String, List<String>> permissions) {

  /**
   * One task of the DAG.
   *
   * @param name the task name, e.g. {@code deploy-dev}
   * @param template the template it runs: {@code build}, {@code pipeline-deployment}, {@code
   *     validate}, {@code approve}, {@code deploy}, {@code test}
   * @param environment the environment the task works on (its {@code environment} argument); empty
   *     for the first stages
   * @param dependencies the tasks it waits for, in the template's order
   */
  public record Task(
      String name, String template, Optional<String> environment, List<String> dependencies) {}

  /**
   * One environment.
   *
   * @param name the environment name
   * @param region the AWS region
   * @param account the AWS account
   * @param deployRole the role its deploy and test stages run as ({@code deployRoleArn}); empty
   *     when {@code cdk deploy} uses the target's CDK bootstrap roles
   * @param checkRole the role {@code validate} checks the environment's credentials with
   * @param approval whether a person approves before it deploys
   * @param after the environments it waits for, in the order its first task names them; empty when
   *     it waits only for the first stages
   * @param levels its stacks in deployment order, grouped into levels that deploy in parallel
   * @param tests its test commands; empty for none
   */
  public record Environment(
      String name,
      String region,
      String account,
      Optional<String> deployRole,
      String checkRole,
      boolean approval,
      List<String> after,
      List<List<Stack>> levels,
      List<String> tests) {}

  /**
   * One stack.
   *
   * @param name the stack name
   * @param engine {@code cdk} or {@code pulumi}; {@code cdk} when null, as in a render of a version
   *     before stacks had an engine
   * @param path its path in the repository
   */
  public record Stack(String name, String engine, String path) {

    /** Creates the stack. */
    public Stack {
      engine = engine == null ? "cdk" : engine;
    }
  }

  /**
   * Returns one environment by name.
   *
   * @param name the environment name
   * @return the environment, or empty when there is none of that name
   */
  public Optional<Environment> environment(String name) {
    return environments.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
