package io.aphex.pipeline.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.schema.ManifestSchemas;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowExecutorTest {

  @Test
  void serviceAccountIsAnnotatedWithTheRoleArnAndLabelled() {
    KubernetesObject sa =
        WorkflowExecutor.serviceAccount(
            "argo",
            "workflow-executor",
            "aphex-pipeline-template",
            Optional.of("arn:aws:iam::1:role/r"));

    assertThat(sa.toMap())
        .isEqualTo(
            Map.of(
                "apiVersion", "v1",
                "kind", "ServiceAccount",
                "metadata",
                    Map.of(
                        "name",
                        "workflow-executor",
                        "namespace",
                        "argo",
                        "labels",
                        Map.of(
                            "app.kubernetes.io/name", "workflow-executor",
                            "app.kubernetes.io/component", "workflow-executor",
                            "app.kubernetes.io/part-of", "aphex-pipeline",
                            "app.kubernetes.io/managed-by", "aphex-pipeline",
                            "app.kubernetes.io/instance", "aphex-pipeline-template"),
                        "annotations",
                        Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/r"))));
    ManifestSchemas.get().assertValid(sa.toMap());
  }

  @Test
  void roleAndBindingHaveDistinctPredecessorCompatibleNamesAndAreSchemaValid() {
    KubernetesObject role = WorkflowExecutor.role("argo", "workflow-executor", "t");
    KubernetesObject binding = WorkflowExecutor.roleBinding("argo", "workflow-executor", "t");

    assertThat(role.id()).isEqualTo("argo/Role/workflow-executor-role");
    assertThat(binding.id()).isEqualTo("argo/RoleBinding/workflow-executor-rolebinding");
    assertThat(role.body().get("rules"))
        .isEqualTo(
            List.of(
                Map.of(
                    "apiGroups", List.of("argoproj.io"),
                    "resources", List.of("workflowtaskresults"),
                    "verbs", List.of("create", "patch"))));
    assertThat(binding.body())
        .isEqualTo(
            Map.of(
                "roleRef",
                    Map.of(
                        "apiGroup", "rbac.authorization.k8s.io",
                        "kind", "Role",
                        "name", "workflow-executor-role"),
                "subjects",
                    List.of(
                        Map.of(
                            "kind", "ServiceAccount",
                            "name", "workflow-executor",
                            "namespace", "argo"))));
    ManifestSchemas.get().assertValid(role.toMap());
    ManifestSchemas.get().assertValid(binding.toMap());
  }
}
