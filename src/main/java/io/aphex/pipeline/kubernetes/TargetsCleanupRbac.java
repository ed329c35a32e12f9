package io.aphex.pipeline.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * The identity of the workflow's exit handler that deletes targets ConfigMaps nothing can read any
 * more ({@code cleanup-targets}): its own ServiceAccount, Role and RoleBinding in the workflow
 * namespace, so that the stage pods, which run the user's commands, never get to delete anything.
 * The Role lets it read ConfigMaps, Workflows and WorkflowTemplates and delete ConfigMaps
 * (Kubernetes RBAC cannot narrow that to a label; the script deletes only the pipeline's own), plus
 * what the Argo executor needs to report the step.
 */
public final class TargetsCleanupRbac {

  private static final String COMPONENT = "targets-cleanup";

  private TargetsCleanupRbac() {}

  /**
   * The name of the ServiceAccount, Role and RoleBinding.
   *
   * @param workflowTemplateName the WorkflowTemplate name
   * @return {@code <workflowTemplateName>-targets-cleanup}
   */
  public static String name(String workflowTemplateName) {
    return workflowTemplateName + "-targets-cleanup";
  }

  /**
   * The three objects, in the order they are created.
   *
   * @param namespace the workflow namespace
   * @param workflowTemplateName the WorkflowTemplate name
   * @param instance the pipeline instance label value
   * @return the ServiceAccount, the Role and the RoleBinding
   */
  public static List<KubernetesObject> all(
      String namespace, String workflowTemplateName, String instance) {
    String name = name(workflowTemplateName);
    ObjectMetadata metadata =
        ObjectMetadata.of(name, namespace, StandardLabels.of(name, COMPONENT, instance));
    KubernetesObject serviceAccount =
        new KubernetesObject("v1", "ServiceAccount", metadata, Map.of());
    return List.of(
        serviceAccount,
        Rbac.role(
            metadata,
            List.of(
                Rbac.rule("", "configmaps", "get", "list", "delete"),
                Rbac.rule("argoproj.io", "workflows", "list"),
                Rbac.rule("argoproj.io", "workflowtemplates", "get"),
                Rbac.rule("argoproj.io", "workflowtaskresults", "create", "patch"))),
        Rbac.roleBinding(metadata, name, name));
  }
}
