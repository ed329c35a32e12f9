package io.aphex.pipeline.events;

import static io.aphex.pipeline.events.TriggerFixtures.json;
import static io.aphex.pipeline.events.TriggerFixtures.ordered;
import static io.aphex.pipeline.events.TriggerFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.schema.ManifestSchemas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensorRbacTest {

  @Test
  void theServiceAccountLivesBesideTheSensorAndTheRoleWhereWorkflowsAreCreated() {
    TriggerSettings settings = TriggerFixtures.sample();

    assertThat(SensorRbac.all(settings).stream().map(KubernetesObject::id))
        .containsExactly(
            "argo-events/ServiceAccount/aphex-pipeline-sensor-sa",
            "argo/Role/aphex-pipeline-sensor-role",
            "argo/RoleBinding/aphex-pipeline-sensor-rolebinding");
    assertThat(PipelineSensor.build(settings).metadata().namespace())
        .isEqualTo(SensorRbac.serviceAccount(settings).metadata().namespace());
    SensorRbac.all(settings).forEach(o -> ManifestSchemas.get().assertValid(o.toMap()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theNamesAreThePredecessorsButTheServiceAccountNamespaceIsFixed() {
    Map<String, Object> sa = TriggerFixtures.predecessor("sensor-rbac-serviceaccount.json");
    Map<String, Object> role = TriggerFixtures.predecessor("sensor-rbac-role.json");
    Map<String, Object> binding = TriggerFixtures.predecessor("sensor-rbac-rolebinding.json");
    TriggerSettings settings = TriggerFixtures.sample();

    assertThat(SensorRbac.serviceAccount(settings).metadata().name())
        .isEqualTo(((Map<String, Object>) sa.get("metadata")).get("name"));
    assertThat(SensorRbac.role(settings).metadata().name())
        .isEqualTo(((Map<String, Object>) role.get("metadata")).get("name"));
    assertThat(SensorRbac.roleBinding(settings).metadata().name())
        .isEqualTo(((Map<String, Object>) binding.get("metadata")).get("name"));
    assertThat(json(SensorRbac.roleBinding(settings).body().get("roleRef")))
        .isEqualTo(json(binding.get("roleRef")));
    // B-2: the predecessor's ServiceAccount and subject were in "argo".
    assertThat(((Map<String, Object>) sa.get("metadata")).get("namespace")).isEqualTo("argo");
    assertThat(SensorRbac.serviceAccount(settings).metadata().namespace()).isEqualTo("argo-events");
  }

  @Test
  void theServiceAccountIsExact() {
    assertThat(json(SensorRbac.serviceAccount(TriggerFixtures.sample()).toMap()))
        .isEqualTo(
            json(
                parse(
                    """
            {
              "apiVersion" : "v1",
              "kind" : "ServiceAccount",
              "metadata" : {
                "name" : "aphex-pipeline-sensor-sa",
                "namespace" : "argo-events",
                "labels" : {
                  "app.kubernetes.io/name" : "aphex-pipeline-sensor-sa",
                  "app.kubernetes.io/component" : "sensor",
                  "app.kubernetes.io/part-of" : "aphex-pipeline",
                  "app.kubernetes.io/managed-by" : "aphex-pipeline",
                  "app.kubernetes.io/instance" : "aphex-pipeline-template"
                }
              }
            }""")));
  }

  @Test
  void theRoleAllowsCreatingWorkflowsAndNothingElse() {
    KubernetesObject role = SensorRbac.role(TriggerFixtures.sample());

    assertThat(json(role.body()))
        .isEqualTo(
            json(
                Map.of(
                    "rules",
                    List.of(
                        ordered(
                            "apiGroups", List.of("argoproj.io"),
                            "resources", List.of("workflows"),
                            "verbs", List.of("create"))))));
  }

  @Test
  void theBindingNamesTheServiceAccountInTheEventsNamespace() {
    KubernetesObject binding = SensorRbac.roleBinding(TriggerFixtures.custom());

    assertThat(binding.id()).isEqualTo("wf/RoleBinding/app1-sensor-rolebinding");
    assertThat(json(binding.body()))
        .isEqualTo(
            json(
                ordered(
                    "roleRef",
                        ordered(
                            "apiGroup", "rbac.authorization.k8s.io",
                            "kind", "Role",
                            "name", "app1-sensor-role"),
                    "subjects",
                        List.of(
                            ordered(
                                "kind", "ServiceAccount",
                                "name", "app1-sensor-sa",
                                "namespace", "events")))));
    assertThat(SensorRbac.role(TriggerFixtures.custom()).id())
        .isEqualTo("wf/Role/app1-sensor-role");
    assertThat(SensorRbac.serviceAccount(TriggerFixtures.custom()).id())
        .isEqualTo("events/ServiceAccount/app1-sensor-sa");
    SensorRbac.all(TriggerFixtures.custom())
        .forEach(o -> ManifestSchemas.get().assertValid(o.toMap()));
  }

  @Test
  void namesDeriveFromTheSensorName() {
    assertThat(SensorRbac.serviceAccountName("app2-sensor")).isEqualTo("app2-sensor-sa");
    assertThat(SensorRbac.roleName("app2-sensor")).isEqualTo("app2-sensor-role");
    assertThat(SensorRbac.roleBindingName("app2-sensor")).isEqualTo("app2-sensor-rolebinding");
    assertThat(SensorRbac.roleBindingName("x".repeat(TriggerSettings.MAX_SENSOR_NAME_LENGTH)))
        .hasSize(63);
  }
}
