package io.aphex.pipeline.plan;

import io.aphex.pipeline.cluster.ClusterIdentity;
import io.aphex.pipeline.events.SensorRbac;
import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.events.WebhookEndpoint;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.images.ImagePinning;
import io.aphex.pipeline.images.ImageReference;
import io.aphex.pipeline.images.ImageResolver;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.plan.PlannedObject.SecretSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The plan of a stack of the {@code aphex-pipeline} program: the stack, one {@code AphexPipeline}
 * component and every child it registers, in the order it constructs them, with the inputs and
 * options it gives each, and the stack outputs. Its Kubernetes objects are the description the
 * component registers ({@link PipelineObjects}); its other children follow the component ({@code
 * io.aphex.pipeline.component.AphexPipeline}) step by step, from the same pure builders. What only
 * AWS knows comes from {@link DeployTime}. {@code PlanOracleTest} runs the component under the
 * Pulumi SDK's engine and asserts that it registers exactly this plan.
 */
public final class PipelinePlan {

  /** The type token of the component. */
  public static final String COMPONENT_TYPE = "aphex:index:AphexPipeline";

  /** The type token of a stack. */
  public static final String STACK_TYPE = "pulumi:pulumi:Stack";

  private static final String K8S_PROVIDER_TYPE = "pulumi:providers:kubernetes";
  private static final String AWS_PROVIDER_TYPE = "pulumi:providers:aws";

  private final List<PlannedResource> resources = new ArrayList<>();

  private PipelinePlan() {}

  /**
   * The plan of a stack whose program creates one pipeline component, as the {@code aphex-pipeline}
   * stack-config program does.
   *
   * @param project the project name
   * @param stack the stack name
   * @param in the component's inputs
   * @return the plan; warnings are those of unpinned images
   */
  public static Plan of(String project, String stack, PlanInputs in) {
    PipelinePlan plan = new PipelinePlan();
    String stackRef =
        plan.add(STACK_TYPE, project + "-" + stack, "", Map.of(), new Options()).ref();
    Map<String, Object> outputs = plan.component(stackRef, in);
    return new Plan(plan.resources, outputs, ImagePinning.warnings(in.images()), in.verifyImages());
  }

  /**
   * The regions of the ECR images, known before the account is: the convention's and overrides'.
   *
   * @param settings the image settings
   * @return the regions, sorted
   */
  public static List<String> ecrRegions(ImageSettings settings) {
    Set<String> regions = new TreeSet<>();
    if (settings.builderImage().isEmpty() || settings.deployerImage().isEmpty()) {
      regions.add(settings.containerImageRegion());
    }
    for (Optional<String> override : List.of(settings.builderImage(), settings.deployerImage())) {
      override
          .map(ImageReference::parse)
          .filter(ImageReference::isEcr)
          .flatMap(ImageReference::ecrRegion)
          .ifPresent(regions::add);
    }
    return List.copyOf(regions);
  }

  /**
   * The {@code webhookServiceType} output.
   *
   * @param trigger the trigger settings
   * @return {@code LoadBalancer}, {@code NodePort}, {@code ClusterIP} or {@code disabled}
   */
  public static String webhookServiceType(TriggerSettings trigger) {
    return trigger.webhookService().enabled()
        ? trigger.webhookService().type().kubernetesName()
        : "disabled";
  }

  private Map<String, Object> component(String parent, PlanInputs in) {
    String name = in.name();
    String self = add(COMPONENT_TYPE, name, parent, Map.of(), new Options()).ref();
    String account = in.account();
    String region = in.region();
    ClusterIdentity cluster = cluster(in);
    ContainerImages images = ImageResolver.resolve(in.images(), account);

    Recorder recorder = new Recorder(self, account, in.awsProviderConfig());
    Map<SecretSource, Object> secrets = new EnumMap<>(SecretSource.class);
    secrets.put(SecretSource.GITHUB_TOKEN, DeployTime.SECRET);
    secrets.put(SecretSource.NOTIFICATION_URL, DeployTime.SECRET);
    if (!in.generatedWebhookSecret()) {
      secrets.put(SecretSource.WEBHOOK_SECRET, DeployTime.SECRET);
    }
    PipelineChildren.Registered children =
        PipelineChildren.register(
            recorder,
            new PipelineChildren.Given(
                name,
                in.identityMode(),
                in.argoNamespace(),
                in.serviceAccountName(),
                in.workflowTemplateName(),
                in.pipelineConfig(),
                in.additionalPolicyArns(),
                List.of(),
                in.clusterName(),
                cluster,
                images,
                region,
                in.artifactBucketName(),
                Optional.of(in.artifactBucketName()).filter(b -> in.importArtifactBucket()),
                in.artifactRetentionDays(),
                in.objects(),
                in.verifyImages() ? ecrRegions(in.images()) : List.of(),
                secrets,
                (roleArn, bucket, ecrProviders) ->
                    in.templateSettings().of(images, (String) roleArn, (String) bucket)));
    String serviceName = name + PipelineObjects.WEBHOOK_SERVICE;
    Optional<String> loadBalancer =
        Optional.ofNullable(recorder.kubernetesObjects.get(serviceName))
            .filter(
                service ->
                    service.body().get("spec") instanceof Map<?, ?> spec
                        && "LoadBalancer".equals(spec.get("type")))
            .map(service -> DeployTime.loadBalancerHostname(serviceName));

    TriggerSettings trigger = in.trigger();
    Map<String, Object> outputs = new TreeMap<>();
    outputs.put("workflowRoleArn", recorder.output(children.role(), "arn"));
    outputs.put("serviceAccountName", in.serviceAccountName());
    outputs.put("artifactBucketName", in.artifactBucketName());
    outputs.put("workflowTemplateName", in.workflowTemplateName());
    outputs.put("builderImage", images.builder().toString());
    outputs.put("deployerImage", images.deployer().toString());
    outputs.put("webhookUrl", WebhookEndpoint.webhookUrl(trigger, loadBalancer));
    outputs.put("webhookInstructions", WebhookEndpoint.instructions(trigger, loadBalancer));
    outputs.put("webhookSecret", DeployTime.SECRET);
    outputs.put(
        "githubWebhookSettingsUrl",
        WebhookEndpoint.githubSettingsUrl(trigger.githubOwner(), trigger.githubRepo()));
    outputs.put("sensorServiceAccountName", SensorRbac.serviceAccountName(trigger.sensorName()));
    outputs.put("webhookServiceType", webhookServiceType(trigger));
    outputs.put("additionalPolicyArns", List.copyOf(in.additionalPolicyArns()));
    return new LinkedHashMap<>(outputs);
  }

  /** The cluster as the component's look-ups find it (component.ClusterLookup). */
  private static ClusterIdentity cluster(PlanInputs in) {
    String name = in.clusterName();
    String region = in.region();
    boolean irsa = in.identityMode() == IdentityMode.IRSA;
    String issuer =
        !irsa
            ? ""
            : in.oidcIssuerUrl()
                .or(() -> in.oidcProviderArn().map(ClusterIdentity::issuerOfProviderArn))
                .orElseGet(() -> DeployTime.oidcIssuer(name, region));
    String providerArn =
        !irsa
            ? ""
            : in.oidcProviderArn()
                .orElseGet(() -> DeployTime.oidcProviderArn(in.account(), issuer));
    return new ClusterIdentity(
        name,
        region,
        DeployTime.clusterEndpoint(name, region),
        DeployTime.clusterCertificateAuthority(name),
        issuer,
        providerArn);
  }

  private PlannedResource add(
      String type, String name, String parent, Map<String, Object> inputs, Options options) {
    @SuppressWarnings("unchecked")
    Map<String, Object> sorted = (Map<String, Object>) Wire.of(inputs);
    PlannedResource resource = new PlannedResource(type, name, parent, sorted, options.toMap());
    resources.add(resource);
    return resource;
  }

  /** Records what {@link PipelineChildren} registers, each a child of the component. */
  private final class Recorder implements Registry {
    private final String parent;
    private final String account;
    private final Map<String, String> awsConfig;
    private final Map<String, PlannedResource> recorded = new HashMap<>();
    private final Map<String, KubernetesObject> kubernetesObjects = new HashMap<>();

    Recorder(String parent, String account, Map<String, String> awsConfig) {
      this.parent = parent;
      this.account = account;
      this.awsConfig = awsConfig;
    }

    @Override
    public Object kubernetesProvider(String name, Object kubeconfig) {
      return add(
              K8S_PROVIDER_TYPE,
              name,
              parent,
              Map.of("enableServerSideApply", "true", "kubeconfig", kubeconfig),
              new PipelinePlan.Options().set("version", PluginVersions.KUBERNETES))
          .ref();
    }

    @Override
    public Object awsProvider(String name, String region) {
      return add(
              AWS_PROVIDER_TYPE,
              name,
              parent,
              AwsProviderInputs.of(region, awsConfig),
              new PipelinePlan.Options()
                  .set("version", PluginVersions.AWS)
                  .set("additionalSecretOutputs", AwsProviderInputs.SECRET_OUTPUTS))
          .ref();
    }

    @Override
    public Object generatedPassword(String name) {
      PlannedResource password =
          add(
              RandomPasswordInputs.TYPE,
              name,
              parent,
              RandomPasswordInputs.inputs(),
              new PipelinePlan.Options()
                  .set("version", PluginVersions.RANDOM)
                  .set("additionalSecretOutputs", RandomPasswordInputs.SECRET_OUTPUTS));
      recorded.put(password.ref(), password);
      return password.ref();
    }

    @Override
    public Object aws(String type, String name, Map<String, Object> inputs, Registry.Options o) {
      PipelinePlan.Options options = new PipelinePlan.Options().set("version", PluginVersions.AWS);
      o.dependsOn().forEach(ref -> options.dependsOn((String) ref));
      if (o.retainOnDelete()) {
        options.set("retainOnDelete", true);
      }
      o.importId().ifPresent(id -> options.set("import", id));
      PlannedResource resource = add(type, name, parent, inputs, options);
      recorded.put(resource.ref(), resource);
      return resource.ref();
    }

    @Override
    public Object kubernetes(
        PlannedObject planned,
        Object value,
        Optional<Object> secretValue,
        Object provider,
        Registry.Options o) {
      KubernetesObject object = (KubernetesObject) value;
      PipelinePlan.Options options =
          new PipelinePlan.Options()
              .set("provider", provider)
              .set("version", PluginVersions.KUBERNETES);
      o.dependsOn().forEach(ref -> options.dependsOn((String) ref));
      if (o.retainOnDelete()) {
        options.set("retainOnDelete", true);
      }
      kubernetesObjects.put(planned.name(), object);
      Set<String> secretKeys = new TreeSet<>();
      planned.secret().ifPresent(secret -> secretKeys.add(secret.key()));
      return add(
              KubernetesInputs.typeToken(object.apiVersion(), object.kind()),
              planned.name(),
              parent,
              KubernetesInputs.of(object, secretKeys),
              options)
          .ref();
    }

    @Override
    public Object output(Object resource, String output) {
      return DeployTime.outputOf(recorded.get((String) resource), account, output);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Object map(Object value, Function<T, ?> derive) {
      return derive.apply((T) value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A, B> Object map(Object first, Object second, BiFunction<A, B, ?> derive) {
      return derive.apply((A) first, (B) second);
    }
  }

  /** The resource options a plan shows, in {@link PlannedResource#options()}'s order. */
  private static final class Options {
    private static final List<String> ORDER =
        List.of(
            "provider",
            "version",
            "dependsOn",
            "retainOnDelete",
            "additionalSecretOutputs",
            "import");

    private final Map<String, Object> set = new HashMap<>();
    private final Set<String> dependsOn = new TreeSet<>();

    Options set(String option, Object value) {
      set.put(option, value);
      return this;
    }

    Options dependsOn(String... refs) {
      dependsOn.addAll(List.of(refs));
      return this;
    }

    Map<String, Object> toMap() {
      if (!dependsOn.isEmpty()) {
        set.put("dependsOn", List.copyOf(dependsOn));
      }
      Map<String, Object> options = new LinkedHashMap<>();
      ORDER.stream().filter(set::containsKey).forEach(o -> options.put(o, set.get(o)));
      return options;
    }
  }
}
