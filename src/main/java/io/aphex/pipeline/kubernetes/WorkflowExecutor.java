package io.aphex.pipeline.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity that workflow pods run as: the IRSA ServiceAccount and the one Role and RoleBinding
 * that the Argo executor needs inside the workflow namespace.
 */
public final class WorkflowExecutor {

  /** The annotation that tells the EKS pod identity webhook which IAM role to project. */
  public static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

  private static final String COMPONENT = "workflow-executor";

  private WorkflowExecutor() {}

  /**
   * The ServiceAccount, annotated with the IAM role ARN for IRSA.
   *
   * @param namespace the workflow namespace
   * @param name the ServiceAccount name
   * @param instance the pipeline instance label value
   * @param irsaRoleArn the ARN of the IRSA role; empty with EKS Pod Identity, which binds the role
   *     through an association instead of an annotation
   * @return the ServiceAccount
   */
  public static KubernetesObject serviceAccount(
      String namespace, String name, String instance, Optional<String> irsaRoleArn) {
    return new KubernetesObject(
        "v1",
        "ServiceAccount",
        new ObjectMetadata(
            name,
            namespace,
            StandardLabels.of(name, COMPONENT, instance),
            irsaRoleArn.map(arn -> Map.of(ROLE_ARN_ANNOTATION, arn)).orElse(Map.of())),
        Map.of());
  }

  /**
   * The Role that lets the Argo executor (the {@code wait} and {@code init} containers) report step
   * results. Argo 3.4 and later need {@code create} and {@code patch} on {@code
   * workflowtaskresults}; nothing else is granted.
   *
   * @param namespace the workflow namespace
   * @param serviceAccountName the ServiceAccount name
   * @param instance the pipeline instance label value
   * @return the Role
   */
  public static KubernetesObject role(
      String namespace, String serviceAccountName, String instance) {
    return Rbac.role(
        metadata(serviceAccountName + "-role", namespace, instance),
        List.of(Rbac.rule("argoproj.io", "workflowtaskresults", "create", "patch")));
  }

  /**
   * The RoleBinding of {@link #role} to the ServiceAccount.
   *
   * @param namespace the workflow namespace
   * @param serviceAccountName the ServiceAccount name
   * @param instance the pipeline instance label value
   * @return the RoleBinding
   */
  public static KubernetesObject roleBinding(
      String namespace, String serviceAccountName, String instance) {
    return Rbac.roleBinding(
        metadata(serviceAccountName + "-rolebinding", namespace, instance),
        serviceAccountName + "-role",
        serviceAccountName);
  }

  private static ObjectMetadata metadata(String name, String namespace, String instance) {
    return ObjectMetadata.of(name, namespace, StandardLabels.of(name, COMPONENT, instance));
  }
}
