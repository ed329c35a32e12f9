package io.aphex.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.aphex.pipeline.plan.Plan;
import io.aphex.pipeline.plan.PlannedResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes what a render recorded: {@code plan.json} (every resource with its inputs, and the
 * outputs) and {@code manifests.yaml} (every Kubernetes object, in apply order).
 */
final class RenderFiles {

  /** Kinds in the order {@code kubectl apply} needs them: identities before what uses them. */
  static final List<String> APPLY_ORDER =
      List.of(
          "Namespace",
          "ServiceAccount",
          "Secret",
          "ConfigMap",
          "Role",
          "RoleBinding",
          "Service",
          "WorkflowTemplate",
          "EventSource",
          "Sensor");

  /** The JSON mapper of the command; a writer with a pretty printer indents. */
  static final ObjectMapper JSON = new ObjectMapper();

  private RenderFiles() {}

  /**
   * Builds the content of {@code plan.json}: per resource its type, name, parent, the options that
   * change what {@code pulumi up} does with it (only those set, see {@link
   * PlannedResource#options}) and its inputs; then the outputs.
   *
   * @param project the project name
   * @param stack the stack name
   * @param result the plan
   * @return the content, as {@link #planJson(Map)} writes it
   */
  static Map<String, Object> planMap(String project, String stack, Plan result) {
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("project", project);
    plan.put("stack", stack);
    List<Map<String, Object>> resources = new ArrayList<>();
    for (PlannedResource r : result.resources()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", r.type());
      entry.put("name", r.name());
      entry.put("parent", r.parent());
      entry.putAll(r.options());
      entry.put("inputs", r.inputs());
      resources.add(entry);
    }
    plan.put("resources", resources);
    plan.put("outputs", result.outputs());
    return plan;
  }

  /**
   * Writes {@code plan.json}.
   *
   * @param plan the content ({@link #planMap})
   * @return the JSON text, ending with a newline
   */
  static String planJson(Map<String, Object> plan) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    return json(JSON.writer(printer), plan) + "\n";
  }

  /**
   * Writes plain data (maps, lists, strings, numbers) as JSON, which cannot fail.
   *
   * @param writer the writer, e.g. {@code JSON.writer()} for compact JSON
   * @param value the data
   * @return the JSON text
   */
  static String json(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Returns the Kubernetes objects of a render, in apply order.
   *
   * @param result the plan
   * @return each object as sent to the Kubernetes provider
   */
  static List<Map<String, Object>> kubernetesObjects(Plan result) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (PlannedResource r : result.resources()) {
      if (r.type().startsWith("kubernetes:") && r.inputs().containsKey("kind")) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (String field : List.of("apiVersion", "kind", "metadata")) {
          object.put(field, r.inputs().get(field));
        }
        r.inputs().forEach(object::putIfAbsent);
        object.values().removeIf(v -> v == null);
        objects.add(object);
      }
    }
    objects.sort(Comparator.comparingInt(o -> rank(String.valueOf(o.get("kind")))));
    return objects;
  }

  /**
   * Builds {@code manifests.yaml}: multi-document YAML that {@code kubectl apply -f} accepts.
   *
   * @param objects the objects in apply order
   * @return the YAML text
   */
  static String manifestsYaml(List<Map<String, Object>> objects) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndicatorIndent(0);
    options.setWidth(120);
    options.setSplitLines(false);
    // A character YAML may not print (e.g. U+FFFF) is escaped in a double-quoted string; the
    // default would write the whole value as !!binary, which kubectl reads as bytes, not text.
    options.setNonPrintableStyle(DumperOptions.NonPrintableStyle.ESCAPE);
    // One dumper per object (a Yaml is not thread-safe), so that the WorkflowTemplate and the
    // targets ConfigMap, about half of a large render each, are written on both cores.
    StringBuilder out = new StringBuilder();
    objects.parallelStream()
        .map(object -> new Yaml(options).dump(object))
        .forEachOrdered(document -> out.append("---\n").append(document));
    return out.toString();
  }

  private static int rank(String kind) {
    int index = APPLY_ORDER.indexOf(kind);
    return index < 0 ? APPLY_ORDER.size() : index;
  }
}
