package io.aphex.pipeline.cli;

import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.component.PipelinePlanInputs;
import io.aphex.pipeline.plan.PipelinePlan;
import io.aphex.pipeline.plan.Plan;
import io.aphex.pipeline.program.StackConfigKeys;
import io.aphex.pipeline.program.StackConfigReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code pulumi up} would register for a stack of the {@code aphex-pipeline} program, without
 * the Pulumi engine: the stack config read and checked as the program reads it ({@link
 * StackConfigReader}, with the keys the Pulumi CLI would list), then the {@link PipelinePlan} of
 * the one component the program creates. A test runs the program under the SDK's engine for a
 * corpus of stacks and asserts that the engine receives exactly this plan.
 */
final class StackPlan {

  private StackPlan() {}

  /**
   * Plans one stack.
   *
   * @param files the stack config
   * @param stack the stack name
   * @param projectDir the directory of {@code Pulumi.yaml}
   * @param account the AWS account the stack deploys into
   * @param region the AWS region the stack deploys into
   * @return the plan
   * @throws io.aphex.pipeline.config.ConfigException listing every config problem
   * @throws RenderException with the program's own message when planning fails otherwise
   */
  static Plan of(StackFiles files, String stack, Path projectDir, String account, String region) {
    AphexPipelineArgs args =
        new StackConfigReader(
                key ->
                    Optional.ofNullable(files.config().get(StackConfigKeys.NAMESPACE + ":" + key)),
                Optional.of(files.projectKeys()),
                projectDir,
                stack,
                key -> Optional.ofNullable(files.config().get("aws:" + key)))
            .read();
    try {
      return PipelinePlan.of(
          files.projectName(),
          stack,
          PipelinePlanInputs.of(args.instanceName(), args, account, region));
    } catch (RuntimeException e) {
      throw new RenderException(rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
