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
 * Registers any Kubernetes object of the plan with the Pulumi Kubernetes provider. The type token
 * is the one the provider's own typed classes use ({@code kubernetes:core/v1:ServiceAccount},
 * {@code kubernetes:argoproj.io/v1alpha1:WorkflowTemplate}, ...), so the provider handles the
 * object exactly as it would a typed one; kubernetes 4.0.0 has no generic {@code CustomResource}
 * for Java, which is why this class exists. Its plugin version is {@link
 * PluginVersions#KUBERNETES}, the explicit provider's, unless the options say otherwise.
 */
public final class KubernetesResource extends CustomResource {

  @Export(
      name = "status",
      refs = {Map.class, String.class, Object.class},
      tree = "[0,1,2]")
  private Output<Map<String, Object>> status;

  /**
   * Registers the object. A Secret's {@code stringData} values known only at deploy time are kept
   * apart from the object, so that its name and labels stay readable. Each value is a Pulumi secret
   * on its own, so the keys stay visible (the engine, {@code plan.json} and {@code manifests.yaml}
   * show <code>{token: [secret]}</code>) while no value ever is.
   *
   * @param name the Pulumi logical name
   * @param apiVersion the object's apiVersion
   * @param kind the object's kind
   * @param object the object, without {@code stringData}
   * @param stringData key to value, each value made a Pulumi secret here; null for objects without
   *     secret data
   * @param options the resource options (parent, provider, dependsOn)
   */
  public KubernetesResource(
      String name,
      String apiVersion,
      String kind,
      Output<KubernetesObject> object,
      @Nullable Map<String, Output<String>> stringData,
      CustomResourceOptions options) {
    super(
        KubernetesInputs.typeToken(apiVersion, kind),
        name,
        inputs(apiVersion, kind, object, stringData),
        CustomResourceOptions.merge(
            CustomResourceOptions.builder().version(PluginVersions.KUBERNETES).build(), options));
  }

  /**
   * The object's status as the API server reports it after the update, e.g. a Service's load
   * balancer.
   *
   * @return the status map; empty until the object exists
   */
  public Output<Map<String, Object>> status() {
    return status.applyValue(s -> s == null ? Map.of() : s);
  }

  /**
   * apiVersion, kind, metadata and the top-level fields the plan sends ({@link
   * KubernetesInputs#FIELDS}); an object of another apiVersion or kind, or with a field that would
   * not be sent, fails the deployment.
   */
  private static ResourceInputs inputs(
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
    return new ResourceInputs(inputs);
  }
}
