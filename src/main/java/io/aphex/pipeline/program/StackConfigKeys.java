package io.aphex.pipeline.program;

import io.aphex.pipeline.argo.Reporting;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.config.Suggestions;
import io.aphex.pipeline.images.ImageSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every key of the {@code aphex-pipeline} stack config. It is the one list the reader, the project
 * file test and the README table agree on.
 */
public final class StackConfigKeys {

  /** The config namespace of this project: keys are set as {@code aphex-pipeline:<key>}. */
  public static final String NAMESPACE = "aphex-pipeline";

  /** Default of {@code pipelineConfig}: the pipeline definition beside {@code Pulumi.yaml}. */
  public static final String DEFAULT_PIPELINE_CONFIG = "aphex-config.yaml";

  static final List<StackConfigKey> ALL =
      List.of(
          computed(
              "pipelineName",
              "none",
              "Name of this pipeline; prefixes every derived Kubernetes, IAM and S3 name, so that"
                  + " many pipelines share one cluster."),
          required("clusterName", "Name of the existing EKS cluster the pipeline runs on."),
          required("githubOwner", "GitHub user or organization that owns the repository."),
          required("githubRepo", "GitHub repository whose pushes start the pipeline."),
          required(
              "githubTokenSecretName",
              "AWS Secrets Manager secret holding the GitHub token as JSON key 'token'."),
          literal(
              "pipelineConfig",
              DEFAULT_PIPELINE_CONFIG,
              "Path of the pipeline definition, relative to Pulumi.yaml."),
          literal(
              "githubBranch",
              AphexPipelineArgs.DEFAULT_GITHUB_BRANCH,
              "Branch whose pushes start the pipeline."),
          literal(
              "argoNamespace",
              AphexPipelineArgs.DEFAULT_ARGO_NAMESPACE,
              "Namespace where Argo Workflows runs the pipeline."),
          literal(
              "argoEventsNamespace",
              AphexPipelineArgs.DEFAULT_ARGO_EVENTS_NAMESPACE,
              "Namespace of the Argo Events objects."),
          computed(
              "serviceAccountName",
              "workflow-executor, or {pipelineName}-workflow-executor",
              "ServiceAccount the workflow pods run as, bound to the IRSA role."),
          computed(
              "workflowTemplateName",
              "aphex-pipeline-template, or {pipelineName}-template",
              "Name of the generated WorkflowTemplate."),
          computed(
              "artifactBucketName",
              "aphex-pipeline-artifacts-{account}-{region}, or"
                  + " {pipelineName}-artifacts-{account}-{region}",
              "Name of the S3 bucket for build artifacts."),
          new StackConfigKey(
              "importArtifactBucket",
              "boolean",
              false,
              Optional.of("false"),
              Optional.empty(),
              "Whether the bucket named artifactBucketName already exists (kept by pulumi destroy"
                  + " or by the CDK predecessor) and is adopted instead of created."),
          new StackConfigKey(
              "artifactRetentionDays",
              "integer",
              false,
              Optional.of(Integer.toString(AphexPipelineArgs.DEFAULT_ARTIFACT_RETENTION_DAYS)),
              Optional.empty(),
              "Days after which build artifacts expire (1 to 3650)."),
          computed(
              "containerImageAccount",
              "the AWS account the stack deploys into",
              "AWS account of the ECR registry of the conventional images."),
          literal(
              "containerImageRegion",
              ImageSettings.DEFAULT_REGION,
              "AWS region of the ECR registry of the conventional images (independent of the"
                  + " stack's region)."),
          literal(
              "containerImageVersion",
              ImageSettings.DEFAULT_VERSION,
              "Tag of the conventional builder and deployer images."),
          new StackConfigKey(
              "requireImmutableImages",
              "boolean",
              false,
              Optional.of("false"),
              Optional.empty(),
              "Whether images with a mutable tag (latest, or none) are errors instead of"
                  + " warnings."),
          new StackConfigKey(
              "verifyImages",
              "boolean",
              false,
              Optional.of("true"),
              Optional.empty(),
              "Whether each ECR image is looked up before the WorkflowTemplate is written, so a"
                  + " missing image fails pulumi preview instead of the first run."),
          computed(
              "builderImage",
              "{account}.dkr.ecr.{region}.amazonaws.com/arbiter-pipeline-builder:{version}",
              "Full builder image reference; bypasses the ECR convention."),
          computed(
              "deployerImage",
              "{account}.dkr.ecr.{region}.amazonaws.com/arbiter-pipeline-deployer:{version}",
              "Full deployer image reference; bypasses the ECR convention."),
          literal(
              "selfUpdateProjectDir",
              AphexPipelineArgs.DEFAULT_SELF_UPDATE_PROJECT_DIR,
              "Directory of this Pulumi project in the repository, for the pipeline-deployment"
                  + " stage."),
          computed(
              "selfUpdateStack",
              "the stack being deployed",
              "Stack that the pipeline-deployment stage updates with 'pulumi up'."),
          computed(
              "pulumiBackendUrl",
              "the Pulumi CLI's default (Pulumi Cloud)",
              "Pulumi state backend of the pipeline-deployment stage, e.g. s3://my-state."),
          computed(
              "eventSourceName",
              "github, or {pipelineName}-github",
              "Name of the Argo Events EventSource."),
          computed(
              "sensorName",
              "aphex-pipeline-sensor, or {pipelineName}-sensor",
              "Name of the Argo Events Sensor."),
          computed(
              "workflowNamePrefix",
              "aphex-pipeline-, or {pipelineName}-",
              "generateName of the Workflows the Sensor creates."),
          computed(
              "githubWebhookSecretName",
              "none: a secret is generated once and kept in the stack state",
              "AWS Secrets Manager secret holding the GitHub webhook secret as JSON key"
                  + " 'secret'."),
          computed(
              "webhookUrl",
              "none: register the hook by hand, as the outputs say",
              "Public base URL of the webhook; when set, Argo Events registers <webhookUrl>/push on"
                  + " GitHub."),
          new StackConfigKey(
              "pullRequestEvents",
              "boolean",
              false,
              Optional.of("false"),
              Optional.empty(),
              "Whether the EventSource also receives pull_request events (the pipeline's Sensor"
                  + " ignores them)."),
          new StackConfigKey(
              "webhookService",
              "object",
              false,
              Optional.empty(),
              Optional.of("{\"enabled\": true, \"type\": \"LoadBalancer\", \"port\": 12000}"),
              "Webhook Service: enabled, type (LoadBalancer, NodePort, ClusterIP), port,"
                  + " nodePort, annotations (merged over the NLB default), labels. Set with"
                  + " pulumi config set --path webhookService.type NodePort."),
          literal(
              "identityMode",
              "irsa",
              "How workflow pods get the role's credentials: irsa (ServiceAccount annotation and"
                  + " the cluster's OIDC provider) or podIdentity (an EKS Pod Identity"
                  + " association)."),
          new StackConfigKey(
              "podSecurity",
              "object",
              false,
              Optional.empty(),
              Optional.of(
                  "{\"fsGroup\": 65534, \"runAsNonRoot\": false, \"allowPrivilegeEscalation\":"
                      + " false, \"seccompProfile\": \"RuntimeDefault\","
                      + " \"readOnlyRootFilesystem\": false, \"dropAllCapabilities\": true}"),
              "Security settings of the stage pods: fsGroup, runAsNonRoot, runAsUser,"
                  + " allowPrivilegeEscalation, seccompProfile (RuntimeDefault or Unconfined),"
                  + " readOnlyRootFilesystem, dropAllCapabilities. Set with pulumi config set"
                  + " --path podSecurity.runAsNonRoot true."),
          new StackConfigKey(
              "additionalPolicyArns",
              "array",
              false,
              Optional.of("[]"),
              Optional.empty(),
              "IAM policies attached to the workflow role on top of what the pipeline needs;"
                  + " listed in the outputs."),
          computed(
              "pulumiAccessTokenSecretName",
              "none",
              "Kubernetes Secret (key 'token') in argoNamespace with the Pulumi access token of"
                  + " the pipeline-deployment stage."),
          computed(
              "argoUiUrl",
              "none: statuses and notifications carry no link",
              "Base URL of the Argo Workflows UI; commit statuses and notifications link to"
                  + " <argoUiUrl>/workflows/<namespace>/<workflow>."),
          computed(
              "notificationWebhookSecretName",
              "none: no notifications",
              "AWS Secrets Manager secret holding the notification webhook URL (Slack incoming"
                  + " webhook by default) as JSON key 'url'."),
          new StackConfigKey(
              "notificationEvents",
              "array",
              false,
              Optional.of("[approval, failure]"),
              Optional.empty(),
              "Events that send a notification: approval, failure, success."),
          literal(
              "notificationPayload",
              Reporting.Notifications.SLACK_PAYLOAD,
              "jq program turning a notification event into the webhook's body (Slack's by"
                  + " default); see docs/reporting.md for Teams, PagerDuty and generic receivers."));

  private static final Map<String, StackConfigKey> BY_NAME =
      ALL.stream().collect(Collectors.toMap(StackConfigKey::name, Function.identity()));

  private StackConfigKeys() {}

  /**
   * Returns every key, in the order of the README table.
   *
   * @return the keys
   */
  public static List<StackConfigKey> all() {
    return ALL;
  }

  /**
   * Looks a key up by name.
   *
   * @param name the key without namespace
   * @return the key, or empty when it is not one of ours
   */
  public static Optional<StackConfigKey> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  private static StackConfigKey required(String name, String description) {
    return new StackConfigKey(
        name, "string", true, Optional.empty(), Optional.empty(), description);
  }

  private static StackConfigKey literal(String name, String defaultValue, String description) {
    return new StackConfigKey(
        name, "string", false, Optional.of(defaultValue), Optional.empty(), description);
  }

  private static StackConfigKey computed(String name, String how, String description) {
    return new StackConfigKey(
        name, "string", false, Optional.empty(), Optional.of(how), description);
  }

  /**
   * Tells whether a full key ({@code namespace:name}) is in a namespace that is a typo of {@link
   * #NAMESPACE}, such as {@code aphex-pipline}: a setting the Pulumi CLI would pass on and the
   * program would never read.
   *
   * @param fullKey the key with its namespace
   * @return true for a near miss of the project's namespace, false for it and for any other
   */
  public static boolean misspelledNamespace(String fullKey) {
    int colon = fullKey.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    String namespace = fullKey.substring(0, colon);
    return !namespace.equals(NAMESPACE)
        && !List.of("aws", "kubernetes", "pulumi").contains(namespace)
        && Suggestions.closest(namespace, List.of(NAMESPACE)).isPresent();
  }
}
