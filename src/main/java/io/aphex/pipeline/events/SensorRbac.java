package io.aphex.pipeline.events;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import java.util.List;
import java.util.Map;

/**
 * The identity the Sensor pods run as, and the one permission they need: creating Workflows in the
 * workflow namespace. The ServiceAccount lives beside the Sensor in the Argo Events namespace (the
 * predecessor created it in the workflow namespace, so its Sensor never started); the Role and
 * RoleBinding live in the workflow namespace, where the Workflows are created.
 */
public final class SensorRbac {

  private static final String COMPONENT = "sensor";

  private SensorRbac() {}

  /**
   * The name of the Sensor's ServiceAccount.
   *
   * @param sensorName the Sensor name
   * @return {@code <sensorName>-sa}
   */
  public static String serviceAccountName(String sensorName) {
    return sensorName + "-sa";
  }

  /**
   * The name of the Sensor's Role.
   *
   * @param sensorName the Sensor name
   * @return {@code <sensorName>-role}
   */
  public static String roleName(String sensorName) {
    return sensorName + "-role";
  }

  /**
   * The name of the Sensor's RoleBinding.
   *
   * @param sensorName the Sensor name
   * @return {@code <sensorName>-rolebinding}
   */
  public static String roleBindingName(String sensorName) {
    return sensorName + "-rolebinding";
  }

  /**
   * The ServiceAccount the Sensor pods run as, in {@link TriggerSettings#argoEventsNamespace()}.
   *
   * @param settings the trigger settings
   * @return the ServiceAccount
   */
  public static KubernetesObject serviceAccount(TriggerSettings settings) {
    String name = serviceAccountName(settings.sensorName());
    return new KubernetesObject(
        "v1",
        "ServiceAccount",
        settings.metadata(name, settings.argoEventsNamespace(), COMPONENT),
        Map.of());
  }

  /**
   * The Role in {@link TriggerSettings#argoNamespace()} that allows {@code create} on {@code
   * argoproj.io} {@code workflows} and nothing else: the Sensor's k8s trigger only creates.
   *
   * @param settings the trigger settings
   * @return the Role
   */
  public static KubernetesObject role(TriggerSettings settings) {
    String name = roleName(settings.sensorName());
    Map<String, Object> rule =
        Map.of(
            "apiGroups", List.of("argoproj.io"),
            "resources", List.of("workflows"),
            "verbs", List.of("create"));
    return new KubernetesObject(
        "rbac.authorization.k8s.io/v1",
        "Role",
        settings.metadata(name, settings.argoNamespace(), COMPONENT),
        Map.of("rules", List.of(rule)));
  }

  /**
   * The RoleBinding in {@link TriggerSettings#argoNamespace()} of {@link #role} to the
   * ServiceAccount in {@link TriggerSettings#argoEventsNamespace()}.
   *
   * @param settings the trigger settings
   * @return the RoleBinding
   */
  public static KubernetesObject roleBinding(TriggerSettings settings) {
    String name = roleBindingName(settings.sensorName());
    Map<String, Object> roleRef =
        Map.of(
            "apiGroup", "rbac.authorization.k8s.io",
            "kind", "Role",
            "name", roleName(settings.sensorName()));
    Map<String, Object> subject =
        Map.of(
            "kind", "ServiceAccount",
            "name", serviceAccountName(settings.sensorName()),
            "namespace", settings.argoEventsNamespace());
    return new KubernetesObject(
        "rbac.authorization.k8s.io/v1",
        "RoleBinding",
        settings.metadata(name, settings.argoNamespace(), COMPONENT),
        Map.of("roleRef", roleRef, "subjects", List.of(subject)));
  }

  /**
   * All three objects, in apply order.
   *
   * @param settings the trigger settings
   * @return the ServiceAccount, the Role and the RoleBinding
   */
  public static List<KubernetesObject> all(TriggerSettings settings) {
    return List.of(serviceAccount(settings), role(settings), roleBinding(settings));
  }
}
