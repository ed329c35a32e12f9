package io.aphex.pipeline.review;

import static io.aphex.pipeline.review.RenderReader.JSON;
import static io.aphex.pipeline.review.RenderReader.map;
import static io.aphex.pipeline.review.RenderReader.maps;
import static io.aphex.pipeline.review.RenderReader.string;
import static io.aphex.pipeline.review.RenderReader.strings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every permission a render grants, one line per grant so that a diff shows exactly what was added
 * or removed: each statement of each AWS policy document in {@code plan.json} ({@code policy} and
 * {@code assumeRolePolicy} inputs), once per resource it names; each policy attached by ARN; and
 * each rule of each Kubernetes {@code Role} and {@code ClusterRole}.
 */
final class Permissions {

  private Permissions() {}

  /**
   * Collects the grants.
   *
   * @param objects the Kubernetes objects
   * @param plan the plan, with its {@code resources}
   * @return the grants by holder, e.g. {@code RolePolicy aphex-pipeline-cdk-deploy}, in
   *     registration order
   */
  static Map<String, List<String>> of(List<Map<String, Object>> objects, Map<String, Object> plan) {
    Map<String, List<String>> grants = new LinkedHashMap<>();
    for (Map<String, Object> resource : maps(plan.get("resources"))) {
      String type = string(resource.get("type"));
      if (!type.startsWith("aws:")) {
        continue;
      }
      String holder = type.substring(type.lastIndexOf(':') + 1) + " " + resource.get("name");
      Map<String, Object> inputs = map(resource.get("inputs"));
      if (inputs.get("assumeRolePolicy") != null) {
        grants.put(holder + " (trust)", statements(string(inputs.get("assumeRolePolicy"))));
      }
      if (inputs.get("policy") != null) {
        grants.put(holder, statements(string(inputs.get("policy"))));
      }
      if (inputs.get("policyArn") != null) {
        grants.put(holder, List.of("attaches " + inputs.get("policyArn")));
      }
    }
    for (Map<String, Object> object : objects) {
      String kind = string(object.get("kind"));
      if (kind.equals("Role") || kind.equals("ClusterRole")) {
        Map<String, Object> metadata = map(object.get("metadata"));
        String namespace = string(metadata.get("namespace"));
        String in = namespace.isEmpty() ? "" : namespace + "/";
        grants.put(
            "Kubernetes " + kind + " " + in + metadata.get("name"),
            maps(object.get("rules")).stream().map(Permissions::rule).toList());
      }
    }
    return grants;
  }

  private static List<String> statements(String document) {
    Map<String, Object> policy;
    try {
      policy = JSON.readValue(document, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      return List.of("a policy known only at deploy time: " + document);
    }
    List<String> grants = new ArrayList<>();
    Object statements = policy.get("Statement");
    for (Map<String, Object> statement :
        statements instanceof Map<?, ?> ? List.of(map(statements)) : maps(statements)) {
      String principal =
          statement.containsKey("Principal")
              ? " by " + compact(statement.get("Principal"))
              : statement.containsKey("NotPrincipal")
                  ? " by all but " + compact(statement.get("NotPrincipal"))
                  : "";
      String condition =
          statement.containsKey("Condition") ? " when " + compact(statement.get("Condition")) : "";
      String grant = string(statement.get("Effect")) + " " + actions(statement);
      List<String> on = new ArrayList<>();
      listOf(statement.get("Resource")).forEach(r -> on.add(" on " + r));
      listOf(statement.get("NotResource")).forEach(r -> on.add(" on all but " + r));
      for (String resource : on.isEmpty() ? List.of("") : on) {
        grants.add(grant + resource + principal + condition);
      }
    }
    return grants;
  }

  private static String actions(Map<String, Object> statement) {
    return statement.containsKey("Action")
        ? String.join(", ", listOf(statement.get("Action")))
        : "all but " + String.join(", ", listOf(statement.get("NotAction")));
  }

  private static List<String> listOf(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> ? strings(value) : List.of(string(value));
  }

  private static String rule(Map<String, Object> rule) {
    List<String> groups =
        strings(rule.get("apiGroups")).stream().map(g -> g.isEmpty() ? "core" : g).toList();
    return String.join(", ", strings(rule.get("verbs")))
        + " "
        + String.join(", ", strings(rule.get("resources")))
        + part(" in API group ", groups)
        + part(" named ", strings(rule.get("resourceNames")))
        + part(" on URLs ", strings(rule.get("nonResourceURLs")));
  }

  /** The label and the values joined; nothing when there are no values. */
  private static String part(String label, List<String> values) {
    return values.isEmpty() ? "" : label + String.join(", ", values);
  }

  private static String compact(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("parsed JSON is always serializable", e);
    }
  }
}
