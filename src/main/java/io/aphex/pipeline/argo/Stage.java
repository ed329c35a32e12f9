package io.aphex.pipeline.argo;

/** The kinds of stage; each has exactly one reusable template in the WorkflowTemplate. */
enum Stage {
  /** Runs the build commands and uploads {@code ./artifacts}. */
  BUILD("build", 3600),
  /** Runs {@code pulumi up} of the pipeline's own Pulumi project. */
  PIPELINE_DEPLOYMENT("pipeline-deployment", 3600),
  /**
   * Checks the deployer image's tools, each environment's credentials and the stacks' paths before
   * any environment deploys.
   */
  VALIDATE("validate", 900),
  /** Deploys an environment's CDK and Pulumi stacks and exports their outputs. */
  DEPLOY("deploy", 7200),
  /** Runs an environment's test commands. */
  TEST("test", 3600),
  /**
   * The workflow's exit handler: deletes the pipeline's targets ConfigMaps that no workflow can
   * read any more ({@link TargetsCleanup}).
   */
  CLEANUP_TARGETS("cleanup-targets", 300),
  /**
   * Sets the commit statuses and sends the notifications of the workflow's start, an approval gate
   * and the workflow's end ({@link Reporting}).
   */
  REPORT(Reporting.TEMPLATE, 300);

  private final String templateName;
  private final int timeoutSeconds;

  Stage(String templateName, int timeoutSeconds) {
    this.templateName = templateName;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Returns how long a stage's pod may run before Argo stops it ({@code activeDeadlineSeconds}): an
   * hour, two for deployments (CloudFormation can take that long), 15 minutes for validation, 5 for
   * the targets cleanup and for a report.
   *
   * @return the timeout in seconds
   */
  int timeoutSeconds() {
    return timeoutSeconds;
  }

  /**
   * Returns the name of the stage's template, which is also the base name of its script.
   *
   * @return e.g. {@code pipeline-deployment}
   */
  String templateName() {
    return templateName;
  }
}
