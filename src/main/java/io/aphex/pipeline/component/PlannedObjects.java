package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.argo.WorkflowTemplateSettings;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.plan.PlannedObject;
import io.aphex.pipeline.plan.PlannedObject.SecretSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Registers the planned Kubernetes objects of a pipeline ({@link PlannedObject}) as children of the
 * component, through its Kubernetes provider: an object made from what only AWS knows gets it as an
 * {@code Output} (and so waits for the resource it comes from), a secret value is a Pulumi secret,
 * and {@code dependsOn} names children registered before, Kubernetes objects or not ({@link
 * #add(String, Resource)}).
 */
final class PlannedObjects {

  private final Resource parent;
  private final ProviderResource provider;
  private final Output<String> roleArn;
  private final Output<String> region;
  private final Map<String, Resource> registered = new HashMap<>();
  private final Map<SecretSource, Output<String>> secrets = new EnumMap<>(SecretSource.class);
  private @Nullable Output<WorkflowTemplateSettings> settings;

  PlannedObjects(
      Resource parent, ProviderResource provider, Output<String> roleArn, Output<String> region) {
    this.parent = parent;
    this.provider = provider;
    this.roleArn = roleArn;
    this.region = region;
  }

  /** Names a child that is not a planned object, so that objects can wait for it. */
  void add(String name, Resource child) {
    registered.put(name, child);
  }

  /** Gives the WorkflowTemplate settings, which the objects registered from now on may read. */
  void templateSettings(Output<WorkflowTemplateSettings> value) {
    this.settings = value;
  }

  /** Gives a secret value, which the objects registered from now on may read. */
  void secret(SecretSource source, Output<String> value) {
    secrets.put(source, value);
  }

  /**
   * Registers a run of objects, in order.
   *
   * @param objects the objects
   */
  void register(List<PlannedObject> objects) {
    for (PlannedObject o : objects) {
      CustomResourceOptions.Builder options =
          CustomResourceOptions.builder().parent(parent).provider(provider);
      if (!o.dependsOn().isEmpty()) {
        options.dependsOn(o.dependsOn().stream().map(this::child).toList());
      }
      if (o.retainOnDelete()) {
        options.retainOnDelete(true);
      }
      registered.put(
          o.name(),
          ChildResource.kubernetes(
              o.name(),
              o.apiVersion(),
              o.kind(),
              object(o.content()),
              o.secret().map(s -> Map.of(s.key(), secret(s.source()))).orElse(null),
              options.build()));
    }
  }

  /**
   * A registered object.
   *
   * @param name its logical name
   * @return the object, if registered
   */
  Optional<ChildResource> object(String name) {
    return Optional.ofNullable(registered.get(name))
        .filter(ChildResource.class::isInstance)
        .map(ChildResource.class::cast);
  }

  private Output<KubernetesObject> object(PlannedObject.Content content) {
    if (content instanceof PlannedObject.Known known) {
      return Output.of(known.object());
    }
    if (content instanceof PlannedObject.OfRoleArn ofRole) {
      return roleArn.applyValue(ofRole.object()::apply);
    }
    PlannedObject.OfTemplateSettings ofSettings = (PlannedObject.OfTemplateSettings) content;
    return Output.tuple(
            Objects.requireNonNull(settings, "no WorkflowTemplate settings yet"), region)
        .applyValue(t -> ofSettings.object().apply(t.t1, t.t2));
  }

  private Output<String> secret(SecretSource source) {
    return Objects.requireNonNull(secrets.get(source), () -> "no " + source + " value yet");
  }

  private Resource child(String name) {
    return Objects.requireNonNull(registered.get(name), () -> name + " is not registered yet");
  }
}
