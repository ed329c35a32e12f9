package io.aphex.pipeline.kubernetes;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kubernetes object as plain data: what the pure core produces and what the component turns into
 * a Pulumi resource. The body holds every top-level field other than {@code apiVersion}, {@code
 * kind} and {@code metadata} (for example {@code spec}, {@code rules} or {@code data}), built from
 * maps, lists, strings, numbers and booleans only.
 *
 * @param apiVersion e.g. {@code v1} or {@code argoproj.io/v1alpha1}
 * @param kind e.g. {@code ServiceAccount} or {@code WorkflowTemplate}
 * @param metadata the name, namespace, labels and annotations
 * @param body the remaining top-level fields, in the order they should be written
 */
public record KubernetesObject(
    String apiVersion, String kind, ObjectMetadata metadata, Map<String, Object> body) {

  /** Creates the object; the body is copied, keeping its order. */
  public KubernetesObject {
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(kind, "kind");
    requireNonNull(metadata, "metadata");
    body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
  }

  /**
   * Returns the whole object as it would be written to YAML or sent to the API server.
   *
   * @return an ordered map: apiVersion, kind, metadata, then the body fields
   */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", apiVersion);
    out.put("kind", kind);
    out.put("metadata", metadata.toMap());
    out.putAll(body);
    return out;
  }

  /**
   * Names the object the way kubectl does, e.g. {@code argo/ServiceAccount/workflow-executor}.
   *
   * @return namespace, kind and name joined by '/'
   */
  public String id() {
    return metadata.namespace() + "/" + kind + "/" + metadata.name();
  }
}
