package io.aphex.pipeline.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recommended {@code app.kubernetes.io/*} labels that every object of a pipeline carries, so
 * that {@code kubectl get -l app.kubernetes.io/instance=<pipeline>} finds all of them.
 */
public final class StandardLabels {

  private StandardLabels() {}

  /**
   * Builds the label set of one object.
   *
   * @param name the object's own name ({@code app.kubernetes.io/name})
   * @param component its role in the pipeline, e.g. {@code workflow-executor}
   * @param instance the pipeline instance the object belongs to
   * @return name, component, part-of, managed-by and instance, in that order
   */
  public static Map<String, String> of(String name, String component, String instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", name);
    labels.put("app.kubernetes.io/component", component);
    labels.put("app.kubernetes.io/part-of", "aphex-pipeline");
    labels.put("app.kubernetes.io/managed-by", "aphex-pipeline");
    labels.put("app.kubernetes.io/instance", instance);
    return labels;
  }
}
