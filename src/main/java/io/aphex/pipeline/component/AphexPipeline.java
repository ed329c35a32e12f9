package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.argo.WorkflowTemplateSettings;
import io.aphex.pipeline.cluster.ClusterIdentity;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.events.GithubSecrets;
import io.aphex.pipeline.events.SensorRbac;
import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.events.WebhookEndpoint;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.images.ImageResolver;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.kubernetes.StandardLabels;
import io.aphex.pipeline.plan.KubernetesInputs;
import io.aphex.pipeline.plan.PipelineChildren;
import io.aphex.pipeline.plan.PipelineObjects;
import io.aphex.pipeline.plan.PipelinePlan;
import io.aphex.pipeline.plan.PlannedObject.SecretSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * A GitHub-triggered deployment pipeline on Argo Workflows, attached to an existing EKS cluster.
 *
 * <p>It creates, all as its children: an explicit Kubernetes provider for the cluster (unless one
 * is handed over in the component's {@code provider}/{@code providers} options, which every
 * Kubernetes child then uses), the IRSA role of the workflow pods with its ECR-pull and
 * artifact-bucket policies, the artifact bucket (encrypted, versioned, private, TLS-only, expiring,
 * kept when the stack is destroyed), the workflow ServiceAccount with one executor Role and
 * RoleBinding, the targets ConfigMap, the GitHub token Secret the stages clone with, the
 * ServiceAccount, Role and RoleBinding of the {@code cleanup-targets} exit handler, the
 * WorkflowTemplate generated from the pipeline config, and the trigger path. Child names derive
 * from the component name.
 *
 * <p>Physical names (Kubernetes objects, the bucket, IAM roles) derive from the pipeline name,
 * which is {@link AphexPipelineArgs#pipelineName()} or else the component name, so two components
 * with different names never share an object. The component name {@value
 * AphexPipelineArgs#DEFAULT_NAME_PREFIX} without a pipeline name keeps the predecessor's names
 * ({@code workflow-executor}, {@code aphex-pipeline-template}, {@code github}, ...). A pipeline
 * that would still take a name another pipeline of the same program took is refused with a message
 * naming both.
 *
 * <p>Everything the component decides is computed by pure functions of the args and of the facts
 * only AWS knows (account, region, cluster OIDC issuer, ARNs); this class only turns them into
 * resources. Its children are registered by one walk ({@link PipelineChildren#register}) that
 * {@code ./aphex render} runs too: the render records each child with stand-ins for what only AWS
 * knows, this class registers each ({@code Children}) with the {@code Output}s that carry it. What
 * stays here is what only a deployment has: the look-ups (account, region, cluster, images, secrets
 * from Secrets Manager), the checks of args given as {@code Output}s, and the outputs.
 */
public final class AphexPipeline extends ComponentResource {

  /** The Pulumi type token of the component. */
  public static final String TYPE = "aphex:index:AphexPipeline";

  private final Output<String> workflowRoleArn;
  private final Output<String> serviceAccountName;
  private final Output<String> artifactBucketName;
  private final Output<String> workflowTemplateName;
  private final Output<String> builderImage;
  private final Output<String> deployerImage;
  private final Output<String> webhookUrl;
  private final Output<String> webhookInstructions;
  private final Output<String> webhookSecret;
  private final Output<String> githubWebhookSettingsUrl;
  private final Output<String> sensorServiceAccountName;
  private final Output<String> webhookServiceType;
  private final Output<List<String>> additionalPolicyArns;

  /**
   * Creates the pipeline with default resource options.
   *
   * @param name the component name; children are named {@code <name>-<part>}
   * @param args the validated args
   */
  public AphexPipeline(String name, AphexPipelineArgs args) {
    this(name, args, null);
  }

  /**
   * Creates the pipeline.
   *
   * @param name the component name; children are named {@code <name>-<part>}
   * @param requested the validated args; without a pipeline name, the component name is used as one
   *     (see the class comment)
   * @param options component options (parent, providers, aliases); null for none
   * @throws IllegalArgumentException when the component name cannot name the pipeline, or when
   *     another pipeline of the same program already takes one of its Kubernetes or S3 names
   */
  public AphexPipeline(
      String name, AphexPipelineArgs requested, @Nullable ComponentResourceOptions options) {
    super(TYPE, name, options);
    AphexPipelineArgs args = PipelineNames.effectiveArgs(name, requested);
    PipelineObjects objects = PipelinePlanInputs.objects(name, args);
    PipelineNames.claim(name, PipelineNames.of(args, objects));
    InvokeOptions invoke = InvokeOptions.builder().parent(this).build();

    AwsLocation location = AwsLocation.lookUp(invoke);
    Output<String> account = location.account();
    Output<String> region = location.region();
    Optional<ProviderResource> handedOver = kubernetesProviderFromOptions();
    Output<ClusterIdentity> cluster =
        ClusterLookup.lookup(args, region, handedOver.isEmpty(), invoke);
    Output<ImageSettings> imageSettings =
        args.plainImages().map(Output::of).orElseGet(() -> checkedAtDeploy(args));
    Output<ContainerImages> images =
        Output.tuple(account, imageSettings).applyValue(t -> ImageResolver.resolve(t.t2, t.t1));
    List<Object> policyArnOutputs = new ArrayList<>();
    for (int i = 0; i < args.additionalPolicyArnOutputs().size(); i++) {
      String where = "additionalPolicyArns (Output " + i + ")";
      policyArnOutputs.add(
          Lookups.checked(
              args.additionalPolicyArnOutputs().get(i),
              arn -> AphexPipelineArgsRules.policyArn(arn).map(b -> b.at(where).message())));
    }
    // Read on every pulumi up, so a token rotated in Secrets Manager reaches both Secrets.
    Map<SecretSource, Object> secrets = new EnumMap<>(SecretSource.class);
    secrets.put(
        SecretSource.GITHUB_TOKEN,
        SecretsManagerJson.read(
            args.githubTokenSecretName(),
            GithubSecrets.TOKEN_KEY,
            "githubTokenSecretName",
            invoke));
    args.notificationWebhookSecretName()
        .ifPresent(
            secretName ->
                secrets.put(
                    SecretSource.NOTIFICATION_URL,
                    SecretsManagerJson.read(
                        secretName,
                        PipelineReporting.NOTIFICATION_URL_KEY,
                        "notificationWebhookSecretName",
                        invoke)));
    args.githubWebhookSecretName()
        .ifPresent(
            secretName ->
                secrets.put(
                    SecretSource.WEBHOOK_SECRET,
                    SecretsManagerJson.read(
                        secretName,
                        GithubSecrets.WEBHOOK_SECRET_KEY,
                        "githubWebhookSecretName",
                        invoke)));

    Children children = new Children(this, handedOver, args.awsProviderConfig());
    PipelineChildren.Registered registered =
        PipelineChildren.register(
            children,
            PipelinePlanInputs.children(
                name,
                args,
                objects,
                args.clusterName(),
                cluster,
                images,
                region,
                args.artifactBucketName()
                    .map(Output::of)
                    .orElseGet(
                        () ->
                            Output.tuple(account, region)
                                .applyValue(t -> args.artifactBucketPrefix() + t.t1 + "-" + t.t2)),
                policyArnOutputs,
                secrets,
                (roleArn, bucket, ecrProviders) ->
                    Output.tuple(
                            images,
                            Children.<String>outputOf(roleArn),
                            Children.<String>outputOf(bucket),
                            EcrImageVerification.verify(ecrProviders, images, this))
                        .applyValue(t -> workflowTemplateSettings(args, t.t1, t.t2, t.t3))));
    Output<String> roleArn = children.output(registered.role(), "arn");
    Output<String> bucketName = children.output(registered.bucket(), "bucket");
    TriggerSettings trigger = args.trigger();
    Output<Optional<String>> loadBalancer =
        registered
            .webhookService()
            .map(s -> ((ChildResource) s).status().applyValue(GithubTrigger::loadBalancerAddress))
            .orElse(Output.of(Optional.empty()));

    this.workflowRoleArn = roleArn;
    this.serviceAccountName = Output.of(args.serviceAccountName());
    this.artifactBucketName = bucketName;
    this.workflowTemplateName = Output.of(args.workflowTemplateName());
    this.builderImage = images.applyValue(i -> i.builder().toString());
    this.deployerImage = images.applyValue(i -> i.deployer().toString());
    this.webhookUrl = loadBalancer.applyValue(a -> WebhookEndpoint.webhookUrl(trigger, a));
    this.webhookInstructions =
        loadBalancer.applyValue(a -> WebhookEndpoint.instructions(trigger, a));
    this.webhookSecret = Children.outputOf(registered.webhookSecret());
    this.githubWebhookSettingsUrl =
        Output.of(WebhookEndpoint.githubSettingsUrl(trigger.githubOwner(), trigger.githubRepo()));
    this.sensorServiceAccountName = Output.of(SensorRbac.serviceAccountName(trigger.sensorName()));
    this.webhookServiceType = Output.of(PipelinePlan.webhookServiceType(trigger));
    List<Output<String>> policies = new ArrayList<>();
    args.additionalPolicyArns().forEach(arn -> policies.add(Output.of(arn)));
    policies.addAll(args.additionalPolicyArnOutputs());
    this.additionalPolicyArns = Output.all(policies);
    registerOutputs(outputs());
  }

  /**
   * Every output of this component by its name, as it registers them: what a program exports with
   * {@code ctx.export}, and what the plugin package's component registers too.
   *
   * @return the outputs, in declaration order
   */
  public Map<String, Output<?>> outputs() {
    Map<String, Output<?>> outputs = new LinkedHashMap<>();
    outputs.put("workflowRoleArn", workflowRoleArn);
    outputs.put("serviceAccountName", serviceAccountName);
    outputs.put("artifactBucketName", artifactBucketName);
    outputs.put("workflowTemplateName", workflowTemplateName);
    outputs.put("builderImage", builderImage);
    outputs.put("deployerImage", deployerImage);
    outputs.put("webhookUrl", webhookUrl);
    outputs.put("webhookInstructions", webhookInstructions);
    outputs.put("webhookSecret", webhookSecret);
    outputs.put("githubWebhookSettingsUrl", githubWebhookSettingsUrl);
    outputs.put("sensorServiceAccountName", sensorServiceAccountName);
    outputs.put("webhookServiceType", webhookServiceType);
    outputs.put("additionalPolicyArns", additionalPolicyArns);
    return outputs;
  }

  /**
   * The Kubernetes provider handed over through this component's options ({@code provider}, {@code
   * providers}, or a parent's {@code providers}). The SDK keys a component's providers by package
   * and gives a child custom resource without its own {@code provider} the parent's provider for
   * the child type's package (pulumi-java sdk/java/pulumi/src/main/java/com/pulumi/resources/
   * Resource.java: the constructor's {@code thisProviders}, {@code convertToProvidersMap} and
   * {@code ResourceInternal.getProvider(Resource, String)}); asking the same question for a
   * Kubernetes type token gives exactly the provider the children would inherit.
   */
  private Optional<ProviderResource> kubernetesProviderFromOptions() {
    return Resource.ResourceInternal.from(this)
        .getProvider(KubernetesInputs.typeToken("v1", "ServiceAccount"));
  }

  /** Image settings with an Output among them, checked by the build-time rules once resolved. */
  private static Output<ImageSettings> checkedAtDeploy(AphexPipelineArgs args) {
    return Lookups.checked(
        args.images(),
        settings ->
            Optional.of(AphexPipelineArgsRules.images(settings, args.requireImmutableImages()))
                .filter(problems -> !problems.isEmpty())
                .map(problems -> new ConfigException(problems).getMessage()));
  }

  static WorkflowTemplateSettings workflowTemplateSettings(
      AphexPipelineArgs args, ContainerImages images, String roleArn, String bucket) {
    return new WorkflowTemplateSettings(
        args.workflowTemplateName(),
        args.argoNamespace(),
        templateLabels(args),
        args.serviceAccountName(),
        images.builder().toString(),
        images.deployer().toString(),
        roleArn,
        bucket,
        args.selfUpdate(),
        args.podSecurity(),
        args.identityMode(),
        Optional.of(args.reporting()));
  }

  static Map<String, String> templateLabels(AphexPipelineArgs args) {
    return StandardLabels.of(args.workflowTemplateName(), "workflow-template", args.instanceName());
  }

  /**
   * The ARN of the IRSA role the workflow pods run with.
   *
   * @return the role ARN
   */
  public Output<String> workflowRoleArn() {
    return workflowRoleArn;
  }

  /**
   * The name of the workflow ServiceAccount, in the Argo namespace.
   *
   * @return the ServiceAccount name
   */
  public Output<String> serviceAccountName() {
    return serviceAccountName;
  }

  /**
   * The name of the artifact bucket.
   *
   * @return the bucket name
   */
  public Output<String> artifactBucketName() {
    return artifactBucketName;
  }

  /**
   * The name of the WorkflowTemplate that the trigger submits.
   *
   * @return the WorkflowTemplate name
   */
  public Output<String> workflowTemplateName() {
    return workflowTemplateName;
  }

  /**
   * The resolved builder image reference.
   *
   * @return the image, e.g. {@code
   *     123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1}
   */
  public Output<String> builderImage() {
    return builderImage;
  }

  /**
   * The resolved deployer image reference.
   *
   * @return the image, e.g. {@code
   *     123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1}
   */
  public Output<String> deployerImage() {
    return deployerImage;
  }

  /**
   * The webhook URL GitHub delivers pushes to: from the Service's load balancer when there is one,
   * the configured {@code webhookUrl}, or an honest instruction when neither exists yet.
   *
   * @return the URL or instruction
   */
  public Output<String> webhookUrl() {
    return webhookUrl;
  }

  /**
   * What to do so that pushes reach the pipeline: where Argo Events registers the hook, or how to
   * add it by hand.
   *
   * @return the instructions
   */
  public Output<String> webhookInstructions() {
    return webhookInstructions;
  }

  /**
   * The secret GitHub signs deliveries with, a Pulumi secret (shown only with {@code pulumi stack
   * output --show-secrets}).
   *
   * @return the webhook secret
   */
  public Output<String> webhookSecret() {
    return webhookSecret;
  }

  /**
   * The repository's webhook settings page.
   *
   * @return {@code https://github.com/<owner>/<repo>/settings/hooks}
   */
  public Output<String> githubWebhookSettingsUrl() {
    return githubWebhookSettingsUrl;
  }

  /**
   * The ServiceAccount the Sensor runs as, in the Argo Events namespace.
   *
   * @return the ServiceAccount name
   */
  public Output<String> sensorServiceAccountName() {
    return sensorServiceAccountName;
  }

  /**
   * The webhook Service type.
   *
   * @return {@code LoadBalancer}, {@code NodePort}, {@code ClusterIP} or {@code disabled}
   */
  public Output<String> webhookServiceType() {
    return webhookServiceType;
  }

  /**
   * The extra IAM policies attached to the workflow role ({@code additionalPolicyArns}).
   *
   * @return the policy ARNs; empty by default
   */
  public Output<List<String>> additionalPolicyArns() {
    return additionalPolicyArns;
  }
}
