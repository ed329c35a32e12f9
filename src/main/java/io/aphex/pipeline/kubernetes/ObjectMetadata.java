package io.aphex.pipeline.kubernetes;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata of a namespaced Kubernetes object that this project creates.
 *
 * @param name the object name
 * @param namespace the namespace
 * @param labels the labels, in the order they should be written
 * @param annotations the annotations, in the order they should be written
 */
public record ObjectMetadata(
    String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {

  /** Creates the metadata; the maps are copied, keeping their order. */
  public ObjectMetadata {
    requireNonNull(name, "name");
    requireNonNull(namespace, "namespace");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /**
   * Creates metadata without annotations.
   *
   * @param name the object name
   * @param namespace the namespace
   * @param labels the labels
   * @return the metadata
   */
  public static ObjectMetadata of(String name, String namespace, Map<String, String> labels) {
    return new ObjectMetadata(name, namespace, labels, Map.of());
  }

  /**
   * Returns the metadata as it appears in a manifest; empty label and annotation maps are left out.
   *
   * @return an ordered map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("namespace", namespace);
    if (!labels.isEmpty()) {
      out.put("labels", labels);
    }
    if (!annotations.isEmpty()) {
      out.put("annotations", annotations);
    }
    return out;
  }
}
