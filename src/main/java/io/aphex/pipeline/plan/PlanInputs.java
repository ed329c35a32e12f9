package io.aphex.pipeline.plan;

import io.aphex.pipeline.argo.WorkflowTemplateSettings;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.images.ImageSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the plan of one pipeline component is computed from: the component's effective args as plain
 * values (the component's own derivations of them, such as the trigger and WorkflowTemplate
 * settings, included), and the account and region the stack deploys into.
 *
 * @param name the component name; children are named {@code <name>-<part>}
 * @param account the AWS account
 * @param region the AWS region
 * @param identityMode how the workflow pods get their role
 * @param argoNamespace the workflow namespace
 * @param serviceAccountName the workflow ServiceAccount
 * @param workflowTemplateName the WorkflowTemplate name
 * @param clusterName the EKS cluster name
 * @param oidcProviderArn the IAM OIDC provider ARN, when given
 * @param oidcIssuerUrl the OIDC issuer URL, when given
 * @param images the image settings
 * @param verifyImages whether the ECR images are looked up before the template is written
 * @param awsProviderConfig the stack's {@code aws:} settings, copied to the regional providers
 * @param artifactBucketName the bucket name
 * @param importArtifactBucket whether the bucket is adopted through the {@code import} option
 * @param artifactRetentionDays days after which artifacts expire
 * @param pipelineConfig the pipeline definition
 * @param additionalPolicyArns extra policies attached to the workflow role
 * @param generatedWebhookSecret whether the webhook secret is generated (no {@code
 *     githubWebhookSecretName})
 * @param trigger the trigger settings
 * @param objects the component's Kubernetes objects
 * @param templateSettings the WorkflowTemplate settings, given what AWS decides
 */
public record PlanInputs(
    String name,
    String account,
    String region,
    IdentityMode identityMode,
    String argoNamespace,
    String serviceAccountName,
    String workflowTemplateName,
    String clusterName,
    Optional<String> oidcProviderArn,
    Optional<String> oidcIssuerUrl,
    ImageSettings images,
    boolean verifyImages,
    Map<String, String> awsProviderConfig,
    String artifactBucketName,
    boolean importArtifactBucket,
    int artifactRetentionDays,
    PipelineConfig pipelineConfig,
    List<String> additionalPolicyArns,
    boolean generatedWebhookSecret,
    TriggerSettings trigger,
    PipelineObjects objects,
    TemplateSettings templateSettings) {

  /** The WorkflowTemplate settings, once the images, the role and the bucket are known. */
  @FunctionalInterface
  public interface TemplateSettings {
    /**
     * Builds the settings.
     *
     * @param images the resolved images
     * @param roleArn the workflow role's ARN
     * @param bucket the artifact bucket's name
     * @return the settings
     */
    WorkflowTemplateSettings of(ContainerImages images, String roleArn, String bucket);
  }
}
