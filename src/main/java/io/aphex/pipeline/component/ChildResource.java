package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.plan.KubernetesInputs;
import io.aphex.pipeline.plan.PluginVersions;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * A child of the component registered by its type token with the inputs the plan describes ({@code
 * io.aphex.pipeline.plan}), so that the component and {@code ./aphex render} build every input from
 * one description: the engine and the provider see exactly what the provider SDK's typed class
 * would send (the type token, the inputs by name, the plugin version). That covers
 *
 * <ul>
 *   <li>any Kubernetes object ({@link #kubernetes}), by the token the provider's own typed classes
 *       use ({@code kubernetes:core/v1:ServiceAccount}, {@code
 *       kubernetes:argoproj.io/v1alpha1:WorkflowTemplate}, ...); kubernetes 4.0.0 has no generic
 *       {@code CustomResource} for Java;
 *   <li>the AWS resources of the workflow role and the artifact bucket ({@link Children#aws});
 *   <li>the generated webhook secret ({@link Children#generatedPassword}), a {@code RandomPassword}
 *       of the {@code random} provider; the {@code com.pulumi:random} Java SDK is only a typed
 *       wrapper around it and is not available in every Maven repository.
 * </ul>
 */
final class ChildResource extends CustomResource {

  @Export(name = "arn", refs = String.class)
  private Output<String> arn;

  @Export(name = "bucket", refs = String.class)
  private Output<String> bucket;

  @Export(name = "result", refs = String.class)
  private Output<String> result;

  @Export(
      name = "status",
      refs = {Map.class, String.class, Object.class},
      tree = "[0,1,2]")
  private Output<Map<String, Object>> status;

  /**
   * Registers a resource by its type token: an AWS resource of the workflow role or the artifact
   * bucket through the aws provider plugin of the SDK jar ({@link PluginVersions#AWS}), or the
   * generated webhook secret through the {@code random} provider ({@link PluginVersions#RANDOM}),
   * as {@link Children} sets the version.
   *
   * @param type the type token, e.g. {@code aws:iam/role:Role}
   * @param name the logical name
   * @param inputs the inputs by name; a value may be an {@code Output}
   * @param options the resource options (parent, version, dependsOn, retainOnDelete, import)
   * @throws IllegalArgumentException for an input {@link ResourceInputs} has no field for
   */
  ChildResource(String type, String name, Map<String, ?> inputs, CustomResourceOptions options) {
    super(type, name, new ResourceInputs(inputs), options);
  }

  /**
   * Registers a Kubernetes object through the Kubernetes provider plugin {@link
   * PluginVersions#KUBERNETES}, unless the options say otherwise. A Secret's {@code stringData}
   * values known only at deploy time are kept apart from the object, so that its name and labels
   * stay readable. Each value is a Pulumi secret on its own, so the keys stay visible (the engine,
   * {@code plan.json} and {@code manifests.yaml} show <code>{token: [secret]}</code>) while no
   * value ever is.
   *
   * @param name the Pulumi logical name
   * @param apiVersion the object's apiVersion
   * @param kind the object's kind
   * @param object the object, without {@code stringData}
   * @param stringData key to value, each value made a Pulumi secret here; null for objects without
   *     secret data
   * @param options the resource options (parent, provider, dependsOn)
   * @return the registered object
   */
  static ChildResource kubernetes(
      String name,
      String apiVersion,
      String kind,
      Output<KubernetesObject> object,
      @Nullable Map<String, Output<String>> stringData,
      CustomResourceOptions options) {
    return new ChildResource(
        KubernetesInputs.typeToken(apiVersion, kind),
        name,
        inputs(apiVersion, kind, object, stringData),
        CustomResourceOptions.merge(
            CustomResourceOptions.builder().version(PluginVersions.KUBERNETES).build(), options));
  }

  /**
   * The ARN of a role, a policy or a bucket.
   *
   * @return the ARN
   */
  Output<String> arn() {
    return arn;
  }

  /**
   * The name of a bucket.
   *
   * @return the name
   */
  Output<String> bucket() {
    return bucket;
  }

  /**
   * The value of a generated password, a Pulumi secret.
   *
   * @return the password
   */
  Output<String> result() {
    return result.asSecret();
  }

  /**
   * A Kubernetes object's status as the API server reports it after the update, e.g. a Service's
   * load balancer.
   *
   * @return the status map; empty until the object exists
   */
  Output<Map<String, Object>> status() {
    return status.applyValue(s -> s == null ? Map.of() : s);
  }

  /**
   * apiVersion, kind, metadata and the top-level fields the plan sends ({@link
   * KubernetesInputs#FIELDS}); an object of another apiVersion or kind, or with a field that would
   * not be sent, fails the deployment.
   */
  private static Map<String, Output<?>> inputs(
      String apiVersion,
      String kind,
      Output<KubernetesObject> object,
      @Nullable Map<String, Output<String>> secretStringData) {
    Output<KubernetesObject> checked =
        object.applyValue(
            o -> {
              if (!o.apiVersion().equals(apiVersion) || !o.kind().equals(kind)) {
                throw new IllegalArgumentException(
                    "object " + o.id() + " is not a " + apiVersion + " " + kind);
              }
              KubernetesInputs.requireSendable(o);
              return o;
            });
    Map<String, Output<?>> inputs = new HashMap<>();
    inputs.put("apiVersion", Output.of(apiVersion));
    inputs.put("kind", Output.of(kind));
    inputs.put("metadata", checked.applyValue(o -> o.metadata().toMap()));
    KubernetesInputs.FIELDS.forEach(
        name -> inputs.put(name, checked.applyValue(o -> o.body().get(name))));
    if (secretStringData != null) {
      // Each value a secret of its own, in key order, so that the map's keys stay readable.
      Map<String, Output<String>> secrets = new TreeMap<>();
      secretStringData.forEach((key, value) -> secrets.put(key, value.asSecret()));
      inputs.put("stringData", Output.of(secrets));
    }
    return inputs;
  }
}
