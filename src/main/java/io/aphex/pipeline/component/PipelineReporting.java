package io.aphex.pipeline.component;

import io.aphex.pipeline.argo.Reporting;

/**
 * Where the component's pipeline finds the URL it notifies ({@link Reporting}): with {@code
 * notificationWebhookSecretName}, a Secret in the workflow namespace (one of {@link
 * io.aphex.pipeline.plan.PipelineObjects}) whose value is read from AWS Secrets Manager at deploy
 * time; the WorkflowTemplate only names it. The statuses use the GitHub token Secret the stages
 * already mount for git ({@code io.aphex.pipeline.argo.GitCredentials}).
 */
final class PipelineReporting {

  /** The key of the webhook URL, in the Secrets Manager secret and in the Kubernetes Secret. */
  static final String NOTIFICATION_URL_KEY = "url";

  private PipelineReporting() {}

  /**
   * The Secret key of the notification webhook URL in the workflow namespace.
   *
   * @param args the component args
   * @return {@code <workflowTemplateName>-notifications}, key {@value #NOTIFICATION_URL_KEY}
   */
  static Reporting.SecretKey notificationUrl(AphexPipelineArgs args) {
    return new Reporting.SecretKey(
        args.workflowTemplateName() + "-notifications", NOTIFICATION_URL_KEY);
  }
}
