package io.aphex.pipeline.plan;

import io.aphex.pipeline.argo.WorkflowTemplateSettings;
import io.aphex.pipeline.plan.PlannedObject.SecretSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers the planned Kubernetes objects of a pipeline ({@link PlannedObject}) with a {@link
 * Registry}, once for both the plan and the component, through the Kubernetes provider: an object
 * made from what only AWS knows is derived from that value (and waits for the resource it comes
 * from), a secret value is handed over as a value of its own, and {@code dependsOn} names children
 * registered before, Kubernetes objects or not ({@link #add}).
 */
public final class PlannedChildren {

  private final Registry registry;
  private final Object provider;
  private final Object role;
  private final Object bucket;
  private final Object region;
  private final Map<String, Object> registered = new HashMap<>();
  private final Map<SecretSource, Secret> secrets = new EnumMap<>(SecretSource.class);
  private Object settings;

  /**
   * Starts with no object registered.
   *
   * @param registry the registry
   * @param provider the Kubernetes provider, as the registry knows it
   * @param role the workflow role, whose ARN objects of {@link PlannedObject.OfRoleArn} read
   * @param bucket the artifact bucket, which the WorkflowTemplate settings name
   * @param region the region, a registry value
   */
  public PlannedChildren(
      Registry registry, Object provider, Object role, Object bucket, Object region) {
    this.registry = registry;
    this.provider = provider;
    this.role = role;
    this.bucket = bucket;
    this.region = region;
  }

  /**
   * Names a child that is not a planned object, so that objects can wait for it.
   *
   * @param name its logical name
   * @param child the child, as the registry returned it
   */
  public void add(String name, Object child) {
    registered.put(name, child);
  }

  /**
   * Gives the WorkflowTemplate settings, which the objects registered from now on may read.
   *
   * @param value the settings ({@link WorkflowTemplateSettings}), a registry value
   */
  public void templateSettings(Object value) {
    this.settings = value;
  }

  /**
   * Gives a secret value, which the objects registered from now on may read.
   *
   * @param source which secret
   * @param value the value, a registry value
   * @param from the resources it comes from, which an object reading it waits for
   */
  public void secret(SecretSource source, Object value, Object... from) {
    secrets.put(source, new Secret(value, List.of(from)));
  }

  /**
   * Registers a run of objects, in order.
   *
   * @param objects the objects
   */
  public void register(List<PlannedObject> objects) {
    for (PlannedObject o : objects) {
      List<Object> needs = new ArrayList<>();
      o.dependsOn().forEach(name -> needs.add(child(name)));
      Object object;
      if (o.content() instanceof PlannedObject.Known known) {
        object = known.object();
      } else if (o.content() instanceof PlannedObject.OfRoleArn ofRole) {
        object = registry.map(registry.output(role, "arn"), ofRole.object());
        needs.add(role);
      } else {
        PlannedObject.OfTemplateSettings of = (PlannedObject.OfTemplateSettings) o.content();
        object =
            registry.map(Objects.requireNonNull(settings, "no settings yet"), region, of.object());
        needs.add(role);
        needs.add(bucket);
      }
      Optional<Secret> secret = o.secret().map(s -> secret(s.source()));
      secret.ifPresent(s -> needs.addAll(s.from()));
      registered.put(
          o.name(),
          registry.kubernetes(
              o,
              object,
              secret.map(Secret::value),
              provider,
              new Registry.Options(needs, o.retainOnDelete(), Optional.empty())));
    }
  }

  /**
   * A registered object.
   *
   * @param name its logical name
   * @return the object, as the registry returned it, if registered
   */
  public Optional<Object> object(String name) {
    return Optional.ofNullable(registered.get(name));
  }

  private Secret secret(SecretSource source) {
    return Objects.requireNonNull(secrets.get(source), () -> "no " + source + " value yet");
  }

  private Object child(String name) {
    return Objects.requireNonNull(registered.get(name), () -> name + " is not registered yet");
  }

  private record Secret(Object value, List<Object> from) {}
}
