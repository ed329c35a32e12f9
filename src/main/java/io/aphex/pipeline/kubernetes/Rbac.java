package io.aphex.pipeline.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The namespaced RBAC objects of a pipeline: a Role and the RoleBinding that grants it to one
 * ServiceAccount of the same namespace, written in the field order {@code kubectl} shows.
 */
public final class Rbac {

  private static final String API_VERSION = "rbac.authorization.k8s.io/v1";

  private Rbac() {}

  /**
   * A rule on one resource of one API group.
   *
   * @param apiGroup the API group; {@code ""} for the core group
   * @param resource the resource, e.g. {@code configmaps}
   * @param verbs the verbs, e.g. {@code get}
   * @return the rule: apiGroups, resources, verbs
   */
  public static Map<String, Object> rule(String apiGroup, String resource, String... verbs) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("apiGroups", List.of(apiGroup));
    rule.put("resources", List.of(resource));
    rule.put("verbs", List.of(verbs));
    return rule;
  }

  /**
   * A Role.
   *
   * @param metadata its name, namespace and labels
   * @param rules its rules, from {@link #rule}
   * @return the Role
   */
  public static KubernetesObject role(ObjectMetadata metadata, List<Map<String, Object>> rules) {
    return new KubernetesObject(API_VERSION, "Role", metadata, Map.of("rules", rules));
  }

  /**
   * A RoleBinding of a Role to a ServiceAccount, both in the binding's namespace.
   *
   * @param metadata the binding's name, namespace and labels
   * @param roleName the Role
   * @param serviceAccountName the ServiceAccount
   * @return the RoleBinding: roleRef, then subjects
   */
  public static KubernetesObject roleBinding(
      ObjectMetadata metadata, String roleName, String serviceAccountName) {
    Map<String, Object> roleRef = new LinkedHashMap<>();
    roleRef.put("apiGroup", "rbac.authorization.k8s.io");
    roleRef.put("kind", "Role");
    roleRef.put("name", roleName);
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("kind", "ServiceAccount");
    subject.put("name", serviceAccountName);
    subject.put("namespace", metadata.namespace());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("roleRef", roleRef);
    body.put("subjects", List.of(subject));
    return new KubernetesObject(API_VERSION, "RoleBinding", metadata, body);
  }
}
