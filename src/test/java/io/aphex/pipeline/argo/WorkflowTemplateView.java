package io.aphex.pipeline.argo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Read access to the parts of a generated WorkflowTemplate that the tests look at. */
final class WorkflowTemplateView {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> root;

  WorkflowTemplateView(KubernetesObject workflowTemplate) {
    this.root = workflowTemplate.toMap();
  }

  Map<String, Object> root() {
    return root;
  }

  Map<String, Object> spec() {
    return cast(root.get("spec"));
  }

  List<Map<String, Object>> templates() {
    return cast(spec().get("templates"));
  }

  Map<String, Object> template(String name) {
    return named(templates(), name);
  }

  List<Map<String, Object>> tasks() {
    Map<String, Object> dag = cast(template("main").get("dag"));
    return cast(dag.get("tasks"));
  }

  Map<String, Object> task(String name) {
    return named(tasks(), name);
  }

  /** The compact JSON of the whole object, in field order. */
  String json() {
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> container(Map<String, Object> template) {
    return cast(template.get("container"));
  }

  static List<Map<String, Object>> env(Map<String, Object> template) {
    return cast(container(template).get("env"));
  }

  static String script(Map<String, Object> template) {
    List<String> args = cast(container(template).get("args"));
    return args.get(0);
  }

  /** A task's argument parameters as name → value, in order. */
  static Map<String, String> arguments(Map<String, Object> task) {
    Map<String, String> out = new LinkedHashMap<>();
    if (task.containsKey("arguments")) {
      Map<String, Object> arguments = cast(task.get("arguments"));
      List<Map<String, Object>> parameters = cast(arguments.get("parameters"));
      for (Map<String, Object> parameter : parameters) {
        out.put((String) parameter.get("name"), (String) parameter.get("value"));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static <T> T cast(Object value) {
    return (T) value;
  }

  private static Map<String, Object> named(List<Map<String, Object>> items, String name) {
    return items.stream()
        .filter(item -> name.equals(item.get("name")))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no item named " + name));
  }
}
