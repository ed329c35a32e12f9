package io.aphex.pipeline.plan;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Kubernetes object as the component registers it with the Pulumi Kubernetes provider: its type
 * token, and as inputs apiVersion, kind, metadata and the top-level fields of the kinds this
 * project creates ({@link #FIELDS}). A field outside {@link #FIELDS} is refused rather than
 * silently dropped.
 */
public final class KubernetesInputs {

  /** The top-level fields besides apiVersion, kind and metadata that reach the provider. */
  public static final Set<String> FIELDS =
      Set.of("spec", "rules", "roleRef", "subjects", "data", "stringData", "type", "immutable");

  private KubernetesInputs() {}

  /**
   * Returns the Pulumi type token of a Kubernetes kind, the one the provider's own typed classes
   * use.
   *
   * @param apiVersion e.g. {@code v1}, {@code rbac.authorization.k8s.io/v1}
   * @param kind e.g. {@code Role}
   * @return e.g. {@code kubernetes:rbac.authorization.k8s.io/v1:Role}; the core group is {@code
   *     core}
   */
  public static String typeToken(String apiVersion, String kind) {
    String groupVersion = apiVersion.contains("/") ? apiVersion : "core/" + apiVersion;
    return "kubernetes:" + groupVersion + ":" + kind;
  }

  /**
   * Refuses an object with a top-level field that would not be sent, which the provider would then
   * never see.
   *
   * @param object the object
   * @throws IllegalArgumentException naming the fields outside {@link #FIELDS}
   */
  public static void requireSendable(KubernetesObject object) {
    Set<String> unsent = new TreeSet<>(object.body().keySet());
    unsent.removeAll(FIELDS);
    if (!unsent.isEmpty()) {
      throw new IllegalArgumentException(
          "object "
              + object.id()
              + " has top-level fields "
              + unsent
              + " that ResourceInputs does not send; add an @Import for them");
    }
  }

  /**
   * The inputs of an object.
   *
   * @param object the object
   * @param secretKeys the keys of its {@code stringData} whose values are secrets supplied at
   *     deploy time; empty for objects without
   * @return the inputs, secret values shown as {@value DeployTime#SECRET}
   */
  static Map<String, Object> of(KubernetesObject object, Set<String> secretKeys) {
    requireSendable(object);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("apiVersion", object.apiVersion());
    inputs.put("kind", object.kind());
    inputs.put("metadata", object.metadata().toMap());
    object.body().forEach(inputs::put);
    if (!secretKeys.isEmpty()) {
      Map<String, Object> stringData = new TreeMap<>();
      secretKeys.forEach(key -> stringData.put(key, DeployTime.SECRET));
      inputs.put("stringData", stringData);
    }
    return inputs;
  }
}
