package io.aphex.pipeline.images;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands the stage scripts run, by image: the one list that the {@code validate} stage checks
 * in the deployer image ({@code APHEX_TOOLS}) and that the Dockerfiles under {@code containers/}
 * check at build time, so that the two cannot drift (a test ties each Dockerfile's {@code
 * check-tools.sh} line to these lists).
 */
public final class StageTools {

  /**
   * What every stage runs, and so the tools the builder image must have for the {@code build}
   * stage: {@code git} (checkout), {@code aws} (artifacts, role profiles), {@code jq} and {@code
   * base64} (decoding the commands and stacks, which arrive as JSON). The build commands' own tools
   * (npm, pip, ...) are the user's choice.
   */
  public static final List<String> BUILDER = List.of("git", "aws", "jq", "base64");

  private StageTools() {}

  /**
   * The tools the deployer image must have for a pipeline: {@link #BUILDER}'s; {@code npm}, which
   * the {@code deploy} and {@code test} stages run to install dependencies; {@code kubectl}, which
   * the workflow's exit handler {@code cleanup-targets} runs to delete the targets ConfigMaps no
   * workflow needs any more; {@code curl}, which the stages and the {@code report} template run to
   * set GitHub commit statuses and send notifications, when the pipeline reports back; {@code npx}
   * ({@code npx cdk deploy}) with CDK stacks; and {@code pulumi} with Pulumi stacks or the
   * pipeline's own update ({@code pipeline-deployment}).
   *
   * @param cdkStacks whether an environment deploys a CDK stack
   * @param pulumi whether an environment deploys a Pulumi stack or {@code pipeline-deployment} runs
   * @param reporting whether the stages set commit statuses and send notifications
   * @return the tool names, in that order
   */
  public static List<String> deployer(boolean cdkStacks, boolean pulumi, boolean reporting) {
    List<String> tools = new ArrayList<>(BUILDER);
    tools.addAll(List.of("npm", "kubectl"));
    if (reporting) {
      tools.add("curl");
    }
    if (cdkStacks) {
      tools.add("npx");
    }
    if (pulumi) {
      tools.add("pulumi");
    }
    return List.copyOf(tools);
  }
}
