package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.plan.PlannedObject;
import io.aphex.pipeline.plan.PluginVersions;
import io.aphex.pipeline.plan.RandomPasswordInputs;
import io.aphex.pipeline.plan.Registry;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Registers what a walk of the plan describes ({@link io.aphex.pipeline.plan.PipelineChildren}) as
 * children of the component: each resource a {@link ChildResource} with {@code parent} the
 * component, its outputs the resource's {@code Output}s, and a value derived from an {@code Output}
 * an {@code Output} itself.
 */
final class Children implements Registry {

  private final Resource parent;
  private final Optional<ProviderResource> handedOver;
  private final Map<String, String> awsConfig;

  /**
   * Registers children of a component.
   *
   * @param parent the component
   * @param handedOver the Kubernetes provider handed over in the component's options, if any
   * @param awsConfig the stack's {@code aws:} settings, copied to the regional AWS providers
   */
  Children(Resource parent, Optional<ProviderResource> handedOver, Map<String, String> awsConfig) {
    this.parent = parent;
    this.handedOver = handedOver;
    this.awsConfig = awsConfig;
  }

  /**
   * The handed-over provider, or a typed one: a provider is a {@code ProviderResource}, which a
   * {@link ChildResource} is not, and the SDK's class sends exactly the plan's two inputs.
   */
  @Override
  public Object kubernetesProvider(String name, Object kubeconfig) {
    return handedOver.orElseGet(
        () ->
            new Provider(
                name,
                ProviderArgs.builder()
                    .kubeconfig(Children.<String>outputOf(kubeconfig))
                    .enableServerSideApply(true)
                    .build(),
                CustomResourceOptions.builder()
                    .parent(parent)
                    .version(PluginVersions.KUBERNETES)
                    .build()));
  }

  /**
   * A typed provider: its settings are many ({@link AwsProviderConfig}), and the aws SDK's class
   * carries them all, secrets as Pulumi secrets.
   */
  @Override
  public Object awsProvider(String name, String region) {
    return new com.pulumi.aws.Provider(
        name,
        AwsProviderConfig.providerArgs(region, awsConfig),
        CustomResourceOptions.builder().parent(parent).build());
  }

  /**
   * A password generated once by the {@code random} provider ({@link PluginVersions#RANDOM}) and
   * kept in the stack's state from then on: its inputs are fixed ({@link RandomPasswordInputs}), so
   * every later {@code pulumi up} (including the pipeline's own {@code pipeline-deployment} stage)
   * sends the same ones and the provider never generates it again. Both secret outputs of the
   * provider, {@code result} and {@code bcryptHash}, are marked secret in the options, so that
   * neither reaches the state or a display in plain text even when the provider's own schema is not
   * consulted. The {@code com.pulumi:random} Java SDK is only a typed wrapper around it and is not
   * available in every Maven repository.
   */
  @Override
  public Object generatedPassword(String name) {
    return new ChildResource(
        RandomPasswordInputs.TYPE,
        name,
        RandomPasswordInputs.inputs(),
        CustomResourceOptions.builder()
            .parent(parent)
            .version(PluginVersions.RANDOM)
            .additionalSecretOutputs(RandomPasswordInputs.SECRET_OUTPUTS)
            .build());
  }

  @Override
  public Object aws(String type, String name, Map<String, Object> inputs, Options o) {
    return new ChildResource(type, name, inputs, options(o).version(PluginVersions.AWS).build());
  }

  @Override
  public Object kubernetes(
      PlannedObject planned,
      Object object,
      Optional<Object> secretValue,
      Object provider,
      Options o) {
    return ChildResource.kubernetes(
        planned.name(),
        planned.apiVersion(),
        planned.kind(),
        Children.<KubernetesObject>outputOf(object),
        secretValue
            .map(v -> Map.of(planned.secret().orElseThrow().key(), Children.<String>outputOf(v)))
            .orElse(null),
        options(o).provider((ProviderResource) provider).build());
  }

  @Override
  public Output<String> output(Object resource, String output) {
    ChildResource child = (ChildResource) resource;
    return switch (output) {
      case "arn" -> child.arn();
      case "id" -> child.id();
      case "bucket" -> child.bucket();
      case "result" -> child.result();
      default -> throw new IllegalArgumentException("no output " + output);
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Object map(Object value, Function<T, ?> derive) {
    return value instanceof Output<?> known
        ? ((Output<T>) known).applyValue(derive::apply)
        : derive.apply((T) value);
  }

  @Override
  public <A, B> Object map(Object first, Object second, BiFunction<A, B, ?> derive) {
    return Output.tuple(Children.<A>outputOf(first), Children.<B>outputOf(second))
        .applyValue(t -> derive.apply(t.t1, t.t2));
  }

  /**
   * A registry value as an {@code Output}.
   *
   * @param value the value, an {@code Output} or plain
   * @param <T> its type
   * @return the {@code Output}
   */
  @SuppressWarnings("unchecked")
  static <T> Output<T> outputOf(Object value) {
    return value instanceof Output<?> known ? (Output<T>) known : Output.of((T) value);
  }

  /** The options of a child of the component. */
  private CustomResourceOptions.Builder options(Options o) {
    CustomResourceOptions.Builder options = CustomResourceOptions.builder().parent(parent);
    if (!o.dependsOn().isEmpty()) {
      options.dependsOn(o.dependsOn().stream().map(Resource.class::cast).toList());
    }
    if (o.retainOnDelete()) {
      options.retainOnDelete(true);
    }
    o.importId().ifPresent(options::importId);
    return options;
  }
}
