package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.plan.PlannedObject;
import io.aphex.pipeline.plan.Registry;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Registers what a walk of the plan describes ({@link io.aphex.pipeline.plan.AwsResources}) as
 * children of the component: each resource a {@link ChildResource} with {@code parent} the
 * component, its outputs the resource's {@code Output}s, and a value derived from an {@code Output}
 * an {@code Output} itself.
 */
final class Children implements Registry {

  private final Resource parent;

  Children(Resource parent) {
    this.parent = parent;
  }

  @Override
  public Object aws(String type, String name, Map<String, Object> inputs, Options o) {
    return ChildResource.aws(type, name, inputs, options(o).build());
  }

  @Override
  @SuppressWarnings("unchecked")
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
        object instanceof Output<?> known
            ? (Output<KubernetesObject>) known
            : Output.of((KubernetesObject) object),
        secretValue
            .map(v -> Map.of(planned.secret().orElseThrow().key(), (Output<String>) v))
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
  @SuppressWarnings("unchecked")
  public <A, B> Object map(Object first, Object second, BiFunction<A, B, ?> derive) {
    return Output.tuple(output(first), output(second))
        .applyValue(t -> derive.apply((A) t.t1, (B) t.t2));
  }

  /** A value as an {@code Output}. */
  private static Output<?> output(Object value) {
    return value instanceof Output<?> known ? known : Output.of(value);
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
