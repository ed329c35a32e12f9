package io.aphex.pipeline.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import com.pulumi.resources.ResourceArgs;
import io.aphex.pipeline.argo.PodSecurity;
import io.aphex.pipeline.argo.Reporting;
import io.aphex.pipeline.argo.SelfUpdate;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.PipelineConfigSource;
import io.aphex.pipeline.config.StackConfigSchema;
import io.aphex.pipeline.events.GithubSecrets;
import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.events.WebhookServiceSettings;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.images.ImageSettings;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.annotation.Nullable;

/**
 * Everything an {@link AphexPipeline} needs, in the style of the SDK's generated args: an immutable
 * {@link ResourceArgs} built with {@link #builder()} (or {@link #builder(AphexPipelineArgs)} to
 * start from other args). {@link Builder#build()} checks every plain value and reports every
 * problem at once in a {@link ConfigException}, before any resource exists.
 *
 * <p>Inputs that flow into resources accept an {@link Output} as well as a plain value, so values
 * made by other resources of the same program flow in: {@code clusterName}, {@code
 * oidcProviderArn}, {@code oidcIssuerUrl}, {@code containerImageAccount}, {@code
 * containerImageVersion}, {@code builderImage} and {@code deployerImage}. An Output value is
 * checked by the same rules when it resolves, and fails the deployment with the same message.
 * Inputs that decide what is created stay plain values: the pipeline definition, names, namespaces,
 * the identity mode, {@code containerImageRegion} (it decides which regional AWS provider verifies
 * the images) and every switch. {@code additionalPolicyArns} takes plain ARNs (each names its
 * attachment) and, through {@link Builder#additionalPolicyArns(Output[])}, ARNs of policies made in
 * the same program.
 *
 * <p>Property names are the stack config keys of the {@code aphex-pipeline} program, so an error
 * about {@code argoNamespace} means the same thing in both places, and the rules of each property
 * are the stack config's: {@link Builder#build()} checks the plain values against the same schema,
 * {@code schema/stack-config.schema.json}.
 */
public final class AphexPipelineArgs extends ResourceArgs {

  /** What names start with when no pipeline name is set. */
  public static final String DEFAULT_NAME_PREFIX = "aphex-pipeline";

  /** Longest pipeline name: the longest derived name (the bucket) must stay within 63. */
  public static final int MAX_PIPELINE_NAME = 24;

  private final Builder source;

  private static final ObjectMapper JSON = new ObjectMapper();

  private AphexPipelineArgs(Builder b) {
    this.source = b.copy();
  }

  /** A name that is set, or derived from the pipeline name, or the predecessor's. */
  private String orDefault(@Nullable String explicit, String suffix, String fallback) {
    if (explicit != null) {
      return explicit;
    }
    return pipelineName().map(n -> n + "-" + suffix).orElse(fallback);
  }

  /**
   * The plain values that were set (or defaulted) in the shape of the stack-config schema, setting
   * name to value, for the schema's rules: values given as Outputs, names derived from the pipeline
   * name, records and properties that are no stack setting are left out.
   */
  ObjectNode settings() {
    ObjectNode settings = JSON.createObjectNode();
    JsonNode keys = StackConfigSchema.schema().path("properties").path("config").path("properties");
    for (Field field : Builder.class.getDeclaredFields()) {
      try {
        Object value = field.get(source);
        if (value instanceof ArgValue<?> given) {
          value = given.known().orElse(null);
        }
        // Records (the parsed pipelineConfig, podSecurity, webhookService) check themselves.
        boolean plain = value != null && !(value instanceof Record);
        if (plain && keys.has(StackConfigSchema.NAMESPACE + ":" + field.getName())) {
          settings.set(field.getName(), JSON.valueToTree(value));
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return settings;
  }

  /**
   * Starts a builder with every default set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder with every property of {@code defaults}, in the style of the SDK's generated
   * args ({@code builder(defaults)}).
   *
   * @param defaults args to copy
   * @return a new builder
   */
  public static Builder builder(AphexPipelineArgs defaults) {
    return defaults.source.copy();
  }

  /**
   * The name of this pipeline, when several share a cluster or an account. When set, it prefixes
   * every derived Kubernetes, IAM and S3 name at once: {@code <name>-template}, {@code
   * <name>-workflow-executor}, {@code <name>-github}, {@code <name>-sensor}, {@code <name>-} for
   * workflows and {@code <name>-artifacts-<account>-<region>}. Default: none, and the names are
   * those of the CDK predecessor.
   *
   * @return the pipeline name, or empty
   */
  public Optional<String> pipelineName() {
    return Optional.ofNullable(source.pipelineName).filter(n -> !n.isEmpty());
  }

  /**
   * The name the pipeline's own objects are grouped by: the {@code app.kubernetes.io/instance}
   * label and the Pulumi component name of the stack-config program.
   *
   * @return the pipeline name, or {@code aphex-pipeline}
   */
  public String instanceName() {
    return pipelineName().orElse(DEFAULT_NAME_PREFIX);
  }

  /**
   * The name of the Argo Events EventSource. Default {@code github}, or {@code
   * <pipelineName>-github}.
   *
   * @return the EventSource name
   */
  public String eventSourceName() {
    return orDefault(source.eventSourceName, "github", TriggerSettings.DEFAULT_EVENT_SOURCE_NAME);
  }

  /**
   * The name of the Argo Events Sensor. Default {@code aphex-pipeline-sensor}, or {@code
   * <pipelineName>-sensor}.
   *
   * @return the Sensor name
   */
  public String sensorName() {
    return orDefault(source.sensorName, "sensor", TriggerSettings.DEFAULT_SENSOR_NAME);
  }

  /**
   * The {@code generateName} of the Workflows the Sensor creates. Default {@code aphex-pipeline-},
   * or {@code <pipelineName>-}.
   *
   * @return the prefix
   */
  public String workflowNamePrefix() {
    return orDefault(source.workflowNamePrefix, "", TriggerSettings.DEFAULT_WORKFLOW_NAME_PREFIX);
  }

  /**
   * An AWS Secrets Manager secret holding the GitHub webhook secret as JSON key {@code secret}.
   * Default: none, and a secret is generated once and kept in the stack's state.
   *
   * @return the secret name, or empty
   */
  public Optional<String> githubWebhookSecretName() {
    return Optional.ofNullable(source.githubWebhookSecretName);
  }

  /**
   * The public base URL at which GitHub reaches the webhook Service (for example through an ingress
   * or a DNS name for the load balancer). When set, Argo Events registers the hook {@code
   * <webhookUrl>/push} on the repository itself with the GitHub token. Default: none, and the
   * outputs say how to register the hook by hand.
   *
   * @return the URL, or empty
   */
  public Optional<String> webhookUrl() {
    return Optional.ofNullable(source.webhookUrl);
  }

  /**
   * Whether the EventSource also subscribes to {@code pull_request} events (which the pipeline's
   * Sensor ignores; other Sensors can use them). Default false.
   *
   * @return true to subscribe
   */
  public boolean pullRequestEvents() {
    return source.pullRequestEvents;
  }

  /**
   * Whether images with a mutable tag ({@code latest} or none) are errors instead of warnings.
   * Default false.
   *
   * @return true to refuse unpinned images
   */
  public boolean requireImmutableImages() {
    return source.requireImmutableImages;
  }

  /**
   * Whether every ECR image is looked up before the WorkflowTemplate is written, so that a missing
   * image fails {@code pulumi preview} with the troubleshooting text instead of an ImagePullBackOff
   * at run time. Default true. Images outside ECR are not checked.
   *
   * @return true to verify
   */
  public boolean verifyImages() {
    return source.verifyImages;
  }

  /**
   * Managed or customer IAM policies attached to the workflow role on top of what the pipeline
   * needs: the explicit escape hatch for permissions the stages need (for example to read a
   * parameter store path). Listed in the outputs so that every grant stays visible. Default none.
   *
   * @return the policy ARNs
   */
  public List<String> additionalPolicyArns() {
    return source.additionalPolicyArns;
  }

  /**
   * Policy ARNs from other resources of the program (e.g. an {@code aws.iam.Policy}'s {@code
   * arn()}), attached after {@link #additionalPolicyArns()}, and checked when they resolve.
   *
   * @return the ARNs, in order; empty by default
   */
  public List<Output<String>> additionalPolicyArnOutputs() {
    return source.additionalPolicyArnOutputs;
  }

  /**
   * The security settings of the stage pods. Default: fsGroup 65534 (so the projected IRSA token is
   * readable), no privilege escalation, the RuntimeDefault seccomp profile and every capability
   * dropped; see {@link PodSecurity}.
   *
   * @return the settings
   */
  public PodSecurity podSecurity() {
    return source.podSecurity;
  }

  /**
   * How workflow pods get the workflow role's credentials: IRSA (the ServiceAccount annotation and
   * the cluster's OIDC provider) or EKS Pod Identity (an association; the cluster needs the Pod
   * Identity agent add-on). Default {@link IdentityMode#IRSA}.
   *
   * @return the mode
   */
  public IdentityMode identityMode() {
    return source.identityMode;
  }

  /**
   * The webhook Service settings. Default: enabled, LoadBalancer (NLB), port 12000.
   *
   * @return the settings
   */
  public WebhookServiceSettings webhookService() {
    return source.webhookService;
  }

  /**
   * The settings of the trigger path (EventSource, webhook Service, Sensor and their Secrets), as
   * the builders of {@code io.aphex.pipeline.events} take them.
   *
   * @return the settings
   */
  TriggerSettings trigger() {
    return new TriggerSettings(
        argoNamespace(),
        argoEventsNamespace(),
        eventSourceName(),
        sensorName(),
        workflowTemplateName(),
        workflowNamePrefix(),
        githubOwner(),
        githubRepo(),
        githubBranch(),
        pullRequestEvents(),
        webhookUrl(),
        tokenSecretName(),
        webhookSecretName(),
        instanceName(),
        webhookService());
  }

  /**
   * The self-update settings of the {@code pipeline-deployment} stage.
   *
   * @return this project's directory and stack, the backend, the token and the config's source
   */
  SelfUpdate selfUpdate() {
    return new SelfUpdate(
        selfUpdateProjectDir(),
        selfUpdateStack(),
        pulumiBackendUrl(),
        pulumiAccessTokenSecretName(),
        pipelineConfigSource());
  }

  /**
   * The reporting settings of the WorkflowTemplate.
   *
   * @return statuses on {@code githubOwner/githubRepo}, metrics labelled with the instance name,
   *     notifications only with {@code notificationWebhookSecretName}
   */
  Reporting reporting() {
    return new Reporting(
        instanceName(),
        githubOwner() + "/" + githubRepo(),
        argoUiUrl(),
        notificationWebhookSecretName()
            .map(
                secret ->
                    new Reporting.Notifications(
                        PipelineReporting.notificationUrl(this),
                        notificationEvents(),
                        notificationPayload())));
  }

  /**
   * The Kubernetes Secret holding the GitHub token, per pipeline.
   *
   * @return {@code <eventSourceName>-access}
   */
  public String tokenSecretName() {
    return GithubSecrets.defaultTokenSecretName(eventSourceName());
  }

  /**
   * The Kubernetes Secret holding the webhook secret, per pipeline.
   *
   * @return {@code <eventSourceName>-webhook-secret}
   */
  public String webhookSecretName() {
    return GithubSecrets.defaultWebhookSecretName(eventSourceName());
  }

  /**
   * What the default artifact bucket name starts with.
   *
   * @return {@code <pipelineName or aphex-pipeline>-artifacts-}
   */
  public String artifactBucketPrefix() {
    return instanceName() + "-artifacts-";
  }

  /**
   * The name of the existing EKS cluster the pipeline runs on. Required.
   *
   * @return the cluster name
   */
  public Output<String> clusterName() {
    return source.clusterName == null ? Output.of("") : source.clusterName.output();
  }

  /** Whether a cluster name was given, as a plain value or an Output. */
  boolean hasClusterName() {
    return source.clusterName != null;
  }

  /** The cluster name when given as a plain value. */
  Optional<String> knownClusterName() {
    return ArgValue.knownOrEmpty(source.clusterName);
  }

  /**
   * The ARN of the cluster's IAM OIDC provider, e.g. pulumi-eks {@code
   * cluster.core().oidcProvider()}'s {@code arn()}. Default: none, and the provider is looked up by
   * the cluster's issuer URL ({@code iam:ListOpenIDConnectProviders}). Only IRSA uses it.
   *
   * @return the ARN, or empty
   */
  public Optional<Output<String>> oidcProviderArn() {
    return Optional.ofNullable(source.oidcProviderArn).map(ArgValue::output);
  }

  /** The OIDC provider ARN when given as a plain value. */
  Optional<String> knownOidcProviderArn() {
    return ArgValue.knownOrEmpty(source.oidcProviderArn);
  }

  /**
   * The cluster's OIDC issuer URL, with or without {@code https://} (pulumi-eks gives it without).
   * Default: derived from {@link #oidcProviderArn()} when that is set (the ARN ends with the
   * issuer's host and path), else read from the cluster ({@code eks:DescribeCluster}). Only IRSA
   * uses it.
   *
   * @return the issuer URL, or empty
   */
  public Optional<Output<String>> oidcIssuerUrl() {
    return Optional.ofNullable(source.oidcIssuerUrl).map(ArgValue::output);
  }

  /** The OIDC issuer URL when given as a plain value. */
  Optional<String> knownOidcIssuerUrl() {
    return ArgValue.knownOrEmpty(source.oidcIssuerUrl);
  }

  /**
   * The GitHub user or organization that owns the repository. Required.
   *
   * @return the owner
   */
  public String githubOwner() {
    return source.githubOwner;
  }

  /**
   * The GitHub repository whose pushes start the pipeline, without the owner. Required.
   *
   * @return the repository name
   */
  public String githubRepo() {
    return source.githubRepo;
  }

  /**
   * The AWS Secrets Manager secret holding the GitHub token as JSON key {@code token}. Required.
   *
   * @return the secret name
   */
  public String githubTokenSecretName() {
    return source.githubTokenSecretName;
  }

  /**
   * The pipeline definition (build commands and environments). Required.
   *
   * @return the parsed pipeline config
   */
  public PipelineConfig pipelineConfig() {
    return source.pipelineConfig;
  }

  /**
   * Where {@link #pipelineConfig()} comes from in the repository, and the digest of the file it was
   * parsed from: the {@code validate} stage warns when a push changes that file (the run deploys
   * the pipeline as rendered), and fails when {@code pipeline.selfUpdate} is false, since nothing
   * would apply the change. Default: none, and no such check. The stack-config program sets it when
   * the file lies inside {@link #selfUpdateProjectDir()}'s repository.
   *
   * @return the source, or empty
   */
  public Optional<PipelineConfigSource> pipelineConfigSource() {
    return Optional.ofNullable(source.pipelineConfigSource);
  }

  /**
   * The branch whose pushes start the pipeline. Default {@code main}.
   *
   * @return the branch name, without {@code refs/heads/}
   */
  public String githubBranch() {
    return source.githubBranch;
  }

  /**
   * The namespace where Argo Workflows runs the pipeline. Default {@code argo}.
   *
   * @return the namespace
   */
  public String argoNamespace() {
    return source.argoNamespace;
  }

  /**
   * The namespace of the Argo Events objects. Default {@code argo-events}.
   *
   * @return the namespace
   */
  public String argoEventsNamespace() {
    return source.argoEventsNamespace;
  }

  /**
   * The ServiceAccount workflow pods run as, bound to the IRSA role. Default {@code
   * workflow-executor}, or {@code <pipelineName>-workflow-executor}.
   *
   * @return the ServiceAccount name
   */
  public String serviceAccountName() {
    return orDefault(source.serviceAccountName, "workflow-executor", "workflow-executor");
  }

  /**
   * The name of the generated WorkflowTemplate. Default {@code aphex-pipeline-template}, or {@code
   * <pipelineName>-template}.
   *
   * @return the WorkflowTemplate name
   */
  public String workflowTemplateName() {
    return orDefault(source.workflowTemplateName, "template", "aphex-pipeline-template");
  }

  /**
   * The artifact bucket name. Default {@code <artifactBucketPrefix()><account>-<region>}, with the
   * account and region the stack deploys into.
   *
   * @return the bucket name, or empty for the default
   */
  public Optional<String> artifactBucketName() {
    return Optional.ofNullable(source.artifactBucketName);
  }

  /**
   * Whether the bucket named {@link #artifactBucketName()} already exists and is adopted (Pulumi's
   * {@code import} resource option) instead of created: after a {@code pulumi destroy}, which keeps
   * the bucket, or when replacing the CDK predecessor, whose bucket is kept too. Default false.
   * Once adopted, the setting has no further effect and may stay set.
   *
   * @return true to adopt the existing bucket
   */
  public boolean importArtifactBucket() {
    return source.importArtifactBucket;
  }

  /**
   * The {@code aws:} provider settings the component copies to the AWS providers it makes for
   * itself (ECR look-ups in another region than the stack's), by key without the namespace and with
   * values as Pulumi stores them (strings; JSON for lists and objects); see {@link
   * AwsProviderConfig} for the keys copied. The stack-config program passes the stack's own.
   * Default empty: those providers then use the AWS SDK's default credential chain.
   *
   * @return the settings
   */
  public Map<String, String> awsProviderConfig() {
    return source.awsProviderConfig;
  }

  /**
   * Days after which build artifacts expire. Default 90; at least 1.
   *
   * @return the retention in days
   */
  public int artifactRetentionDays() {
    return source.artifactRetentionDays;
  }

  /**
   * The image settings: account, region and version of the conventional ECR images, and the full
   * overrides, once every Output among them has resolved.
   *
   * @return the image settings
   */
  public Output<ImageSettings> images() {
    return Output.tuple(
            ArgValue.orElse(source.containerImageAccount, ""),
            ArgValue.orElse(source.containerImageVersion, ImageSettings.DEFAULT_VERSION),
            ArgValue.orElse(source.builderImage, ""),
            ArgValue.orElse(source.deployerImage, ""))
        .applyValue(
            t ->
                new ImageSettings(
                    nonEmpty(t.t1),
                    source.containerImageRegion,
                    t.t2,
                    nonEmpty(t.t3),
                    nonEmpty(t.t4)));
  }

  private static Optional<String> nonEmpty(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * The image settings when every one of them was given as a plain value, as the stack-config
   * program always gives them; they are then checked by {@link Builder#build()}.
   *
   * @return the settings, or empty when one of them is an Output
   */
  public Optional<ImageSettings> plainImages() {
    return Stream.of(
                source.containerImageAccount,
                source.containerImageVersion,
                source.builderImage,
                source.deployerImage)
            .allMatch(ArgValue::isPlainOrAbsent)
        ? Optional.of(imagesKnownBeforeDeploy())
        : Optional.empty();
  }

  /**
   * What is known of the images before deploy: the plain values, with Output-given ones left empty
   * (or at the default version). Decides which regions hold ECR images to verify.
   */
  ImageSettings imagesKnownBeforeDeploy() {
    return new ImageSettings(
        ArgValue.knownOrEmpty(source.containerImageAccount),
        source.containerImageRegion,
        ArgValue.knownOrEmpty(source.containerImageVersion).orElse(ImageSettings.DEFAULT_VERSION),
        ArgValue.knownOrEmpty(source.builderImage),
        ArgValue.knownOrEmpty(source.deployerImage));
  }

  /**
   * The directory of this Pulumi project in the repository, where the {@code pipeline-deployment}
   * stage runs {@code pulumi up}. Default {@code .} (the repository root).
   *
   * @return the relative directory
   */
  public String selfUpdateProjectDir() {
    return source.selfUpdateProjectDir;
  }

  /**
   * The stack the {@code pipeline-deployment} stage updates with {@code pulumi up}. Required: pass
   * {@code ctx.stackName()} for the stack being deployed (a component cannot learn its stack name
   * through the public SDK).
   *
   * @return the stack name
   */
  public String selfUpdateStack() {
    return source.selfUpdateStack;
  }

  /**
   * The Pulumi state backend the {@code pipeline-deployment} stage logs in to. Default: none set,
   * so the Pulumi CLI's own default (Pulumi Cloud) applies.
   *
   * @return the backend URL, or empty
   */
  public Optional<String> pulumiBackendUrl() {
    return Optional.ofNullable(source.pulumiBackendUrl);
  }

  /**
   * A Kubernetes Secret in {@link #argoNamespace()} whose key {@code token} is the Pulumi access
   * token of the {@code pipeline-deployment} stage. Default: none.
   *
   * @return the Secret name, or empty
   */
  public Optional<String> pulumiAccessTokenSecretName() {
    return Optional.ofNullable(source.pulumiAccessTokenSecretName);
  }

  /**
   * The base URL of the Argo Workflows UI, e.g. {@code https://argo.example.com}: commit statuses
   * and notifications link to {@code <argoUiUrl>/workflows/<namespace>/<workflow>}. Default: none,
   * and they carry no link.
   *
   * @return the URL, or empty
   */
  public Optional<String> argoUiUrl() {
    return Optional.ofNullable(source.argoUiUrl);
  }

  /**
   * The AWS Secrets Manager secret holding the notification webhook URL (a Slack incoming webhook
   * by default) as JSON key {@code url}. Default: none, and no notifications are sent.
   *
   * @return the secret name, or empty
   */
  public Optional<String> notificationWebhookSecretName() {
    return Optional.ofNullable(source.notificationWebhookSecretName);
  }

  /**
   * The events that send a notification: some of {@code approval}, {@code failure} and {@code
   * success}. Default: {@code approval} and {@code failure}.
   *
   * @return the events
   */
  public List<String> notificationEvents() {
    return source.notificationEvents;
  }

  /**
   * The jq program that turns a notification event into the webhook's request body. Default:
   * {@value Reporting.Notifications#SLACK_PAYLOAD}, a Slack incoming webhook's body; e.g. {@code
   * {text: .text}} also suits a Microsoft Teams incoming webhook, and a generic receiver can take
   * the whole event with {@code .}.
   *
   * @return the jq program
   */
  public String notificationPayload() {
    return source.notificationPayload;
  }

  /** The builder of {@link AphexPipelineArgs}; every setter returns the builder. */
  public static final class Builder implements Cloneable {
    private @Nullable ArgValue<String> clusterName;
    private @Nullable ArgValue<String> oidcProviderArn;
    private @Nullable ArgValue<String> oidcIssuerUrl;
    private @Nullable String githubOwner;
    private @Nullable String githubRepo;
    private @Nullable String githubTokenSecretName;
    private @Nullable PipelineConfig pipelineConfig;
    private @Nullable PipelineConfigSource pipelineConfigSource;
    private String githubBranch = "main";
    private String argoNamespace = "argo";
    private String argoEventsNamespace = "argo-events";
    private @Nullable String pipelineName;
    private @Nullable String serviceAccountName;
    private @Nullable String workflowTemplateName;
    private @Nullable String eventSourceName;
    private @Nullable String sensorName;
    private @Nullable String workflowNamePrefix;
    private @Nullable String githubWebhookSecretName;
    private @Nullable String webhookUrl;
    private boolean pullRequestEvents;
    private boolean requireImmutableImages;
    private boolean verifyImages = true;
    private List<String> additionalPolicyArns = List.of();
    private List<Output<String>> additionalPolicyArnOutputs = List.of();
    private PodSecurity podSecurity = PodSecurity.defaults();
    private IdentityMode identityMode = IdentityMode.IRSA;
    private WebhookServiceSettings webhookService = WebhookServiceSettings.defaults();
    private @Nullable String artifactBucketName;
    private boolean importArtifactBucket;
    private Map<String, String> awsProviderConfig = Map.of();
    private int artifactRetentionDays = 90;
    private @Nullable ArgValue<String> containerImageAccount;
    private String containerImageRegion = ImageSettings.DEFAULT_REGION;
    private @Nullable ArgValue<String> containerImageVersion =
        ArgValue.plain(ImageSettings.DEFAULT_VERSION);
    private @Nullable ArgValue<String> builderImage;
    private @Nullable ArgValue<String> deployerImage;
    private String selfUpdateProjectDir = ".";
    private @Nullable String selfUpdateStack;
    private @Nullable String pulumiBackendUrl;
    private @Nullable String pulumiAccessTokenSecretName;
    private @Nullable String argoUiUrl;
    private @Nullable String notificationWebhookSecretName;
    private List<String> notificationEvents = Reporting.Notifications.DEFAULT_EVENTS;
    private String notificationPayload = Reporting.Notifications.SLACK_PAYLOAD;

    private Builder() {}

    private Builder copy() {
      try {
        return (Builder) super.clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }

    /**
     * Sets {@link AphexPipelineArgs#argoUiUrl()}.
     *
     * @param value the Argo UI base URL, or null for none
     * @return this builder
     */
    public Builder argoUiUrl(@Nullable String value) {
      this.argoUiUrl = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#notificationWebhookSecretName()}.
     *
     * @param value the Secrets Manager secret name, or null for no notifications
     * @return this builder
     */
    public Builder notificationWebhookSecretName(@Nullable String value) {
      this.notificationWebhookSecretName = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#notificationEvents()}.
     *
     * @param value the events; default {@code approval} and {@code failure}
     * @return this builder
     */
    public Builder notificationEvents(List<String> value) {
      this.notificationEvents = List.copyOf(value);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#notificationPayload()}.
     *
     * @param value the jq program; default {@value Reporting.Notifications#SLACK_PAYLOAD}
     * @return this builder
     */
    public Builder notificationPayload(String value) {
      this.notificationPayload = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#clusterName()}.
     *
     * @param value the EKS cluster name
     * @return this builder
     */
    public Builder clusterName(String value) {
      this.clusterName = ArgValue.plain(value);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#clusterName()} from another resource, e.g. an {@code
     * aws.eks.Cluster}'s {@code name()}.
     *
     * @param value the EKS cluster name
     * @return this builder
     */
    public Builder clusterName(Output<String> value) {
      this.clusterName = ArgValue.of(value);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#oidcProviderArn()}.
     *
     * @param value the IAM OIDC provider ARN, or null to look it up by the issuer URL
     * @return this builder
     */
    public Builder oidcProviderArn(@Nullable String value) {
      this.oidcProviderArn = ArgValue.plain(value);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#oidcProviderArn()} from another resource, e.g. an {@code
     * aws.iam.OpenIdConnectProvider}'s {@code arn()}.
     *
     * @param value the IAM OIDC provider ARN
     * @return this builder
     */
    public Builder oidcProviderArn(Output<String> value) {
      this.oidcProviderArn = ArgValue.of(value);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#oidcIssuerUrl()}.
     *
     * @param value the issuer URL, or null to derive it from the ARN or the cluster
     * @return this builder
     */
    public Builder oidcIssuerUrl(@Nullable String value) {
      this.oidcIssuerUrl = ArgValue.plain(value);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#oidcIssuerUrl()} from another resource, e.g. an {@code
     * aws.eks.Cluster}'s {@code identities[0].oidcs[0].issuer}.
     *
     * @param value the issuer URL
     * @return this builder
     */
    public Builder oidcIssuerUrl(Output<String> value) {
      this.oidcIssuerUrl = ArgValue.of(value);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#pipelineName()}.
     *
     * @param value the pipeline name, or null for none
     * @return this builder
     */
    public Builder pipelineName(@Nullable String value) {
      this.pipelineName = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#eventSourceName()}.
     *
     * @param value the EventSource name, or null for the default
     * @return this builder
     */
    public Builder eventSourceName(@Nullable String value) {
      this.eventSourceName = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#sensorName()}.
     *
     * @param value the Sensor name, or null for the default
     * @return this builder
     */
    public Builder sensorName(@Nullable String value) {
      this.sensorName = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#workflowNamePrefix()}.
     *
     * @param value the prefix, or null for the default
     * @return this builder
     */
    public Builder workflowNamePrefix(@Nullable String value) {
      this.workflowNamePrefix = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#githubWebhookSecretName()}.
     *
     * @param value the Secrets Manager secret name, or null to generate the secret
     * @return this builder
     */
    public Builder githubWebhookSecretName(@Nullable String value) {
      this.githubWebhookSecretName = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#webhookUrl()}.
     *
     * @param value the public base URL, or null
     * @return this builder
     */
    public Builder webhookUrl(@Nullable String value) {
      this.webhookUrl = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#pullRequestEvents()}.
     *
     * @param value true to subscribe to pull_request events; default false
     * @return this builder
     */
    public Builder pullRequestEvents(boolean value) {
      this.pullRequestEvents = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#requireImmutableImages()}.
     *
     * @param value true to refuse images with a mutable tag; default false
     * @return this builder
     */
    public Builder requireImmutableImages(boolean value) {
      this.requireImmutableImages = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#verifyImages()}.
     *
     * @param value false to skip the ECR lookups; default true
     * @return this builder
     */
    public Builder verifyImages(boolean value) {
      this.verifyImages = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#additionalPolicyArns()}.
     *
     * @param value the IAM policy ARNs; default none
     * @return this builder
     */
    public Builder additionalPolicyArns(List<String> value) {
      this.additionalPolicyArns = List.copyOf(value);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#additionalPolicyArnOutputs()}: policies made by other resources
     * of the program, one attachment each.
     *
     * @param values the IAM policy ARNs; default none
     * @return this builder
     */
    @SafeVarargs
    public final Builder additionalPolicyArns(Output<String>... values) {
      this.additionalPolicyArnOutputs = List.of(values);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#podSecurity()}.
     *
     * @param value the settings
     * @return this builder
     */
    public Builder podSecurity(PodSecurity value) {
      this.podSecurity = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#identityMode()}.
     *
     * @param value the mode; default IRSA
     * @return this builder
     */
    public Builder identityMode(IdentityMode value) {
      this.identityMode = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#webhookService()}.
     *
     * @param value the settings
     * @return this builder
     */
    public Builder webhookService(WebhookServiceSettings value) {
      this.webhookService = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#githubOwner()}.
     *
     * @param value the GitHub owner
     * @return this builder
     */
    public Builder githubOwner(String value) {
      this.githubOwner = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#githubRepo()}.
     *
     * @param value the repository name
     * @return this builder
     */
    public Builder githubRepo(String value) {
      this.githubRepo = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#githubTokenSecretName()}.
     *
     * @param value the Secrets Manager secret name
     * @return this builder
     */
    public Builder githubTokenSecretName(String value) {
      this.githubTokenSecretName = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#pipelineConfig()}.
     *
     * @param value the parsed pipeline config
     * @return this builder
     */
    public Builder pipelineConfig(PipelineConfig value) {
      this.pipelineConfig = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#pipelineConfigSource()}.
     *
     * @param value the file's repository path and digest, e.g. {@code
     *     PipelineConfigSource.of("aphex-config.yaml", bytes)}; null for none
     * @return this builder
     */
    public Builder pipelineConfigSource(@Nullable PipelineConfigSource value) {
      this.pipelineConfigSource = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#githubBranch()}.
     *
     * @param value the branch; default {@code main}
     * @return this builder
     */
    public Builder githubBranch(String value) {
      this.githubBranch = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#argoNamespace()}.
     *
     * @param value the namespace; default {@code argo}
     * @return this builder
     */
    public Builder argoNamespace(String value) {
      this.argoNamespace = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#argoEventsNamespace()}.
     *
     * @param value the namespace; default {@code argo-events}
     * @return this builder
     */
    public Builder argoEventsNamespace(String value) {
      this.argoEventsNamespace = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#serviceAccountName()}.
     *
     * @param value the ServiceAccount name; null for {@code workflow-executor} (or {@code
     *     <pipelineName>-workflow-executor})
     * @return this builder
     */
    public Builder serviceAccountName(@Nullable String value) {
      this.serviceAccountName = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#workflowTemplateName()}.
     *
     * @param value the WorkflowTemplate name; null for {@code aphex-pipeline-template} (or {@code
     *     <pipelineName>-template})
     * @return this builder
     */
    public Builder workflowTemplateName(@Nullable String value) {
      this.workflowTemplateName = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#artifactBucketName()}.
     *
     * @param value the bucket name, or null for {@code aphex-pipeline-artifacts-<account>-<region>}
     * @return this builder
     */
    public Builder artifactBucketName(@Nullable String value) {
      this.artifactBucketName = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#importArtifactBucket()}.
     *
     * @param value true to adopt the existing bucket named {@code artifactBucketName}; default
     *     false
     * @return this builder
     */
    public Builder importArtifactBucket(boolean value) {
      this.importArtifactBucket = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#awsProviderConfig()}.
     *
     * @param value the {@code aws:} settings by key; default empty
     * @return this builder
     */
    public Builder awsProviderConfig(Map<String, String> value) {
      this.awsProviderConfig = Map.copyOf(value);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#artifactRetentionDays()}.
     *
     * @param value days; default 90
     * @return this builder
     */
    public Builder artifactRetentionDays(int value) {
      this.artifactRetentionDays = value;
      return this;
    }

    /**
     * Sets the account of the conventional ECR images.
     *
     * @param value a 12-digit account, or null for the account the stack deploys into
     * @return this builder
     */
    public Builder containerImageAccount(@Nullable String value) {
      this.containerImageAccount = ArgValue.plain(value);
      return this;
    }

    /**
     * Sets the account of the conventional ECR images from another resource or stack.
     *
     * @param value a 12-digit account
     * @return this builder
     */
    public Builder containerImageAccount(Output<String> value) {
      this.containerImageAccount = ArgValue.of(value);
      return this;
    }

    /**
     * Sets the region of the conventional ECR images.
     *
     * @param value the region; default {@code us-east-1}, whatever the stack's own region
     * @return this builder
     */
    public Builder containerImageRegion(String value) {
      this.containerImageRegion = value;
      return this;
    }

    /**
     * Sets the tag of the conventional ECR images.
     *
     * @param value the tag; default {@code v1.0.1}
     * @return this builder
     */
    public Builder containerImageVersion(String value) {
      this.containerImageVersion = ArgValue.plain(value);
      return this;
    }

    /**
     * Sets the tag of the conventional ECR images from another resource or stack.
     *
     * @param value the tag
     * @return this builder
     */
    public Builder containerImageVersion(Output<String> value) {
      this.containerImageVersion = ArgValue.of(value);
      return this;
    }

    /**
     * Sets a full builder image reference that bypasses the ECR convention.
     *
     * @param value the image reference, or null for the convention
     * @return this builder
     */
    public Builder builderImage(@Nullable String value) {
      this.builderImage = ArgValue.plain(value);
      return this;
    }

    /**
     * Sets a full builder image reference from another resource, e.g. an image built and pushed in
     * the same program. Such an image is not looked up in ECR before deploy (Pulumi orders its
     * creation first).
     *
     * @param value the image reference
     * @return this builder
     */
    public Builder builderImage(Output<String> value) {
      this.builderImage = ArgValue.of(value);
      return this;
    }

    /**
     * Sets a full deployer image reference that bypasses the ECR convention.
     *
     * @param value the image reference, or null for the convention
     * @return this builder
     */
    public Builder deployerImage(@Nullable String value) {
      this.deployerImage = ArgValue.plain(value);
      return this;
    }

    /**
     * Sets a full deployer image reference from another resource, e.g. an image built and pushed in
     * the same program. Such an image is not looked up in ECR before deploy (Pulumi orders its
     * creation first).
     *
     * @param value the image reference
     * @return this builder
     */
    public Builder deployerImage(Output<String> value) {
      this.deployerImage = ArgValue.of(value);
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#selfUpdateProjectDir()}.
     *
     * @param value the relative directory; default {@code .}
     * @return this builder
     */
    public Builder selfUpdateProjectDir(String value) {
      this.selfUpdateProjectDir = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#selfUpdateStack()}.
     *
     * @param value the stack name, usually {@code ctx.stackName()}
     * @return this builder
     */
    public Builder selfUpdateStack(String value) {
      this.selfUpdateStack = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#pulumiBackendUrl()}.
     *
     * @param value the backend URL, or null
     * @return this builder
     */
    public Builder pulumiBackendUrl(@Nullable String value) {
      this.pulumiBackendUrl = value;
      return this;
    }

    /**
     * Sets {@link AphexPipelineArgs#pulumiAccessTokenSecretName()}.
     *
     * @param value the Kubernetes Secret name, or null
     * @return this builder
     */
    public Builder pulumiAccessTokenSecretName(@Nullable String value) {
      this.pulumiAccessTokenSecretName = value;
      return this;
    }

    /**
     * Validates every property (each against the stack-config schema, then the rules across
     * properties) and builds the args.
     *
     * @return the args
     * @throws ConfigException naming every missing or invalid property
     */
    public AphexPipelineArgs build() {
      AphexPipelineArgs args = new AphexPipelineArgs(this);
      ConfigException.throwIfAny(AphexPipelineArgsRules.check(args));
      return args;
    }
  }
}
