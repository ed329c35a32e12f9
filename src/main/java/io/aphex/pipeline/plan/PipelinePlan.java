package io.aphex.pipeline.plan;

import io.aphex.pipeline.cluster.ClusterIdentity;
import io.aphex.pipeline.events.SensorRbac;
import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.events.WebhookEndpoint;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.images.ImagePinning;
import io.aphex.pipeline.images.ImageReference;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import java.util.ArrayList;
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
import javax.annotation.Nullable;

/**
 * The plan of a stack of the {@code aphex-pipeline} program: the stack, one {@code AphexPipeline}
 * component and every child it registers, in the order it constructs them, with the inputs and
 * options it gives each, and the stack outputs. The children come from the walk the component runs
 * ({@link PipelineChildren#register}); here it is run against a recorder that shows each child,
 * with {@link DeployTime} stand-ins for what only AWS knows. {@code PlanOracleTest} runs the
 * component under the Pulumi SDK's engine and asserts that it registers exactly this plan.
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
    String stackRef = plan.add(STACK_TYPE, project + "-" + stack, "", Map.of(), Map.of()).ref();
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
    PipelineChildren.Given given = in.children();
    String name = given.name();
    String self = add(COMPONENT_TYPE, name, parent, Map.of(), Map.of()).ref();
    Recorder recorder = new Recorder(self, in.account(), in.awsProviderConfig());
    PipelineChildren.Registered children = PipelineChildren.register(recorder, given);
    ContainerImages images = (ContainerImages) given.images();
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
    outputs.put("serviceAccountName", given.serviceAccountName());
    outputs.put("artifactBucketName", given.bucketName());
    outputs.put("workflowTemplateName", given.workflowTemplateName());
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
    outputs.put("additionalPolicyArns", List.copyOf(given.policyArns()));
    return new LinkedHashMap<>(outputs);
  }

  /**
   * The cluster as the component's look-ups find it ({@code component.ClusterLookup}), what only
   * AWS knows as stand-ins.
   *
   * @param name the cluster's name
   * @param account the account
   * @param region the region
   * @param mode the identity mode: IRSA needs the OIDC issuer and provider, Pod Identity neither
   * @param oidcIssuerUrl the OIDC issuer, when given
   * @param oidcProviderArn the IAM OIDC provider's ARN, when given
   * @return the cluster
   */
  public static ClusterIdentity cluster(
      String name,
      String account,
      String region,
      IdentityMode mode,
      Optional<String> oidcIssuerUrl,
      Optional<String> oidcProviderArn) {
    boolean irsa = mode == IdentityMode.IRSA;
    String issuer =
        !irsa
            ? ""
            : oidcIssuerUrl
                .or(() -> oidcProviderArn.map(ClusterIdentity::issuerOfProviderArn))
                .orElseGet(() -> DeployTime.oidcIssuer(name, region));
    String providerArn =
        !irsa ? "" : oidcProviderArn.orElseGet(() -> DeployTime.oidcProviderArn(account, issuer));
    return new ClusterIdentity(
        name,
        region,
        DeployTime.clusterEndpoint(name, region),
        DeployTime.clusterCertificateAuthority(name),
        issuer,
        providerArn);
  }

  private PlannedResource add(
      String type,
      String name,
      String parent,
      Map<String, Object> inputs,
      Map<String, Object> options) {
    @SuppressWarnings("unchecked")
    Map<String, Object> sorted = (Map<String, Object>) Wire.of(inputs);
    PlannedResource resource = new PlannedResource(type, name, parent, sorted, options);
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
      return record(
          K8S_PROVIDER_TYPE,
          name,
          Map.of("enableServerSideApply", "true", "kubeconfig", kubeconfig),
          null,
          PluginVersions.KUBERNETES,
          Registry.Options.after(),
          null);
    }

    @Override
    public Object awsProvider(String name, String region) {
      return record(
          AWS_PROVIDER_TYPE,
          name,
          AwsProviderInputs.of(region, awsConfig),
          null,
          PluginVersions.AWS,
          Registry.Options.after(),
          AwsProviderInputs.SECRET_OUTPUTS);
    }

    @Override
    public Object generatedPassword(String name) {
      return record(
          RandomPasswordInputs.TYPE,
          name,
          RandomPasswordInputs.inputs(),
          null,
          PluginVersions.RANDOM,
          Registry.Options.after(),
          RandomPasswordInputs.SECRET_OUTPUTS);
    }

    @Override
    public Object aws(String type, String name, Map<String, Object> inputs, Registry.Options o) {
      return record(type, name, inputs, null, PluginVersions.AWS, o, null);
    }

    @Override
    public Object kubernetes(
        PlannedObject planned,
        Object value,
        Optional<Object> secretValue,
        Object provider,
        Registry.Options o) {
      KubernetesObject object = (KubernetesObject) value;
      kubernetesObjects.put(planned.name(), object);
      Set<String> secretKeys = new TreeSet<>();
      planned.secret().ifPresent(secret -> secretKeys.add(secret.key()));
      return record(
          KubernetesInputs.typeToken(object.apiVersion(), object.kind()),
          planned.name(),
          KubernetesInputs.of(object, secretKeys),
          (String) provider,
          PluginVersions.KUBERNETES,
          o,
          null);
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

    /**
     * Records a child of the component with the options a plan shows, in {@link
     * PlannedResource#options()}'s order.
     */
    private String record(
        String type,
        String name,
        Map<String, Object> inputs,
        @Nullable String provider,
        String version,
        Registry.Options o,
        @Nullable List<String> secretOutputs) {
      Map<String, Object> options = new LinkedHashMap<>();
      if (provider != null) {
        options.put("provider", provider);
      }
      options.put("version", version);
      if (!o.dependsOn().isEmpty()) {
        options.put(
            "dependsOn",
            o.dependsOn().stream().map(String.class::cast).sorted().distinct().toList());
      }
      if (o.retainOnDelete()) {
        options.put("retainOnDelete", true);
      }
      if (secretOutputs != null) {
        options.put("additionalSecretOutputs", secretOutputs);
      }
      o.importId().ifPresent(id -> options.put("import", id));
      PlannedResource resource = add(type, name, parent, inputs, options);
      recorded.put(resource.ref(), resource);
      return resource.ref();
    }
  }
}
