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
   * What every stage runs: {@code git} (checkout), {@code aws} (artifacts, role profiles), {@code
   * jq} and {@code base64} (decoding the commands and stacks, which arrive as JSON).
   */
  public static final List<String> EVERY_STAGE = List.of("git", "aws", "jq", "base64");

  /** What the deployer's {@code deploy} and {@code test} stages run to install dependencies. */
  public static final String DEPENDENCY_INSTALLER = "npm";

  /**
   * What the workflow's exit handler, {@code cleanup-targets}, runs in the deployer image to delete
   * the targets ConfigMaps no workflow needs any more.
   */
  public static final String KUBECTL = "kubectl";

  /**
   * What the deployer's stages and the {@code report} template run to set GitHub commit statuses
   * and send notifications.
   */
  public static final String REPORTER = "curl";

  /** What {@code deploy} runs for a CDK stack ({@code npx cdk deploy}). */
  public static final String CDK_RUNNER = "npx";

  /** What {@code deploy} runs for a Pulumi stack, and {@code pipeline-deployment} always. */
  public static final String PULUMI = "pulumi";

  private StageTools() {}

  /**
   * The tools the builder image must have for the {@code build} stage: {@link #EVERY_STAGE}. The
   * build commands' own tools (npm, pip, ...) are the user's choice.
   *
   * @return git, aws, jq, base64
   */
  public static List<String> builder() {
    return EVERY_STAGE;
  }

  /**
   * The tools the deployer image must have for a pipeline: {@link #EVERY_STAGE}, {@value
   * #DEPENDENCY_INSTALLER}, {@value #KUBECTL}, {@value #REPORTER} when the pipeline reports back,
   * {@value #CDK_RUNNER} with CDK stacks and {@value #PULUMI} with Pulumi stacks or the pipeline's
   * own update.
   *
   * @param cdkStacks whether an environment deploys a CDK stack
   * @param pulumi whether an environment deploys a Pulumi stack or {@code pipeline-deployment} runs
   * @param reporting whether the stages set commit statuses and send notifications
   * @return the tool names, in that order
   */
  public static List<String> deployer(boolean cdkStacks, boolean pulumi, boolean reporting) {
    List<String> tools = new ArrayList<>(EVERY_STAGE);
    tools.add(DEPENDENCY_INSTALLER);
    tools.add(KUBECTL);
    if (reporting) {
      tools.add(REPORTER);
    }
    if (cdkStacks) {
      tools.add(CDK_RUNNER);
    }
    if (pulumi) {
      tools.add(PULUMI);
    }
    return List.copyOf(tools);
  }
}
