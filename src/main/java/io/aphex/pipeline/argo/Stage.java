package io.aphex.pipeline.argo;

/** The four kinds of stage; each has exactly one reusable template in the WorkflowTemplate. */
enum Stage {
  /** Runs the build commands and uploads {@code ./artifacts}. */
  BUILD("build"),
  /** Runs {@code pulumi up} of the pipeline's own Pulumi project. */
  PIPELINE_DEPLOYMENT("pipeline-deployment"),
  /** Deploys an environment's CDK stacks and exports their outputs. */
  DEPLOY("deploy"),
  /** Runs an environment's test commands. */
  TEST("test");

  private final String templateName;

  Stage(String templateName) {
    this.templateName = templateName;
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
