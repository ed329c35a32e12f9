package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.plan.KubernetesInputs;
import io.aphex.pipeline.plan.PluginVersions;
import java.util.Map;
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
        new KubernetesResourceArgs(apiVersion, kind, object, stringData),
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
}
