package io.aphex.pipeline.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Where a walk of the plan ({@link PipelineChildren}) puts the resources it describes: the plan
 * records each one, with stand-ins ({@link DeployTime#outputOf}) for the outputs only AWS knows;
 * the component ({@code component.AphexPipeline}) registers each as its child, and its outputs are
 * the resource's {@code Output}s. A value the walk gets from a registry or hands to it is a plain
 * value for the plan and may be an {@code Output} for the component; the walk never looks inside
 * one, it passes it on or derives another from it with {@link #map}.
 */
public interface Registry {

  /**
   * Registers an AWS resource through the aws provider plugin {@link PluginVersions#AWS}, a child
   * of the component.
   *
   * @param type the type token, e.g. {@code aws:iam/role:Role}
   * @param name the logical name
   * @param inputs the inputs by name; a value may be a value of this registry
   * @param options the options
   * @return the resource, to name in another's {@code dependsOn} or read with {@link #output}
   */
  Object aws(String type, String name, Map<String, Object> inputs, Options options);

  /**
   * Registers a planned Kubernetes object through the Kubernetes provider plugin {@link
   * PluginVersions#KUBERNETES}, a child of the component.
   *
   * @param planned the object's description (name, apiVersion, kind, secret key)
   * @param object the object ({@code KubernetesObject}), a registry value
   * @param secretValue the value of its secret {@code stringData} key, a registry value; empty for
   *     an object without one
   * @param provider the Kubernetes provider, as this registry knows it
   * @param options the options
   * @return the object, to name in another's {@code dependsOn} or read with {@link #output}
   */
  Object kubernetes(
      PlannedObject planned,
      Object object,
      Optional<Object> secretValue,
      Object provider,
      Options options);

  /**
   * The component's Kubernetes provider, {@link PluginVersions#KUBERNETES} with server-side apply.
   *
   * @param name the logical name
   * @param kubeconfig the cluster's kubeconfig, a registry value
   * @return the provider; in the component, the one handed over in its options if any (then nothing
   *     is registered)
   */
  Object kubernetesProvider(String name, Object kubeconfig);

  /**
   * An AWS provider for a region, configured like the stack's own ({@link AwsProviderInputs}): the
   * aws 6.x ECR data source has no region argument.
   *
   * @param name the logical name
   * @param region the region
   * @return the provider
   */
  Object awsProvider(String name, String region);

  /**
   * A password generated once by the {@code random} provider ({@link RandomPasswordInputs}); read
   * it with {@link #output} {@code result}, a secret.
   *
   * @param name the logical name
   * @return the password
   */
  Object generatedPassword(String name);

  /**
   * An output of a resource this registry registered.
   *
   * @param resource the resource
   * @param output {@code arn}, {@code id}, {@code bucket} or {@code result}
   * @return the value
   */
  Object output(Object resource, String output);

  /**
   * A value derived from another once that one is known.
   *
   * @param value the value
   * @param derive what to derive from it
   * @param <T> the type of the value
   * @return the derived value
   */
  <T> Object map(Object value, Function<T, ?> derive);

  /**
   * A value derived from two others once both are known.
   *
   * @param first the first value
   * @param second the second value
   * @param derive what to derive from them
   * @param <A> the type of the first value
   * @param <B> the type of the second value
   * @return the derived value
   */
  <A, B> Object map(Object first, Object second, BiFunction<A, B, ?> derive);

  /**
   * The resource options a walk sets. Every resource a child waits for is named, also the ones its
   * inputs already imply, because the plan shows them all.
   *
   * @param dependsOn the resources it waits for, as this registry returned them
   * @param retainOnDelete whether {@code pulumi destroy} leaves it in the cloud
   * @param importId the ID of an existing resource to adopt; empty to create one
   */
  record Options(List<Object> dependsOn, boolean retainOnDelete, Optional<String> importId) {

    /**
     * Options that only wait for resources.
     *
     * @param dependsOn the resources, as the registry returned them
     * @return the options
     */
    public static Options after(Object... dependsOn) {
      return new Options(List.of(dependsOn), false, Optional.empty());
    }
  }
}
