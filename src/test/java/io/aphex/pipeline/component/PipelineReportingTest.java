package io.aphex.pipeline.component;

import static io.aphex.pipeline.component.AphexPipelineTest.sampleArgs;
import static io.aphex.pipeline.component.PipelineDeployment.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.PulumiTest;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The notifications Secret and the reporting the component gives its WorkflowTemplate. */
class PipelineReportingTest {

  private static final String SLACK_URL =
      "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void theWebhookUrlIsCopiedFromSecretsManagerIntoTheSecretOnlyTheReportReads() throws Exception {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs()
                .notificationWebhookSecretName("team-a/slack")
                .argoUiUrl("https://argo.example.com")
                .build(),
            new AphexPipelineMocks().withSecret("team-a/slack", "{\"url\":\"" + SLACK_URL + "\"}"));

    Map<String, Object> secret = d.kubernetesObject("Secret", "aphex-pipeline-notifications");
    assertThat((Object) at(secret, "metadata", "name"))
        .isEqualTo("aphex-pipeline-template-notifications");
    assertThat((Object) at(secret, "metadata", "namespace")).isEqualTo("argo");
    assertThat((Object) at(secret, "stringData")).isEqualTo(Map.of("url", SLACK_URL));

    Map<String, Object> template =
        d.kubernetesObject("WorkflowTemplate", "aphex-pipeline-workflow-template");
    assertThat(new ObjectMapper().writeValueAsString(template))
        .doesNotContain(SLACK_URL, AphexPipelineMocks.GITHUB_TOKEN);
    assertThat(reportEnv(template))
        .contains(
            Map.of(
                "name",
                "NOTIFY_URL",
                "valueFrom",
                Map.of(
                    "secretKeyRef",
                    Map.of(
                        "name",
                        "aphex-pipeline-template-notifications",
                        "key",
                        "url",
                        "optional",
                        true))),
            Map.of("name", "ARGO_UI_URL", "value", "https://argo.example.com"),
            Map.of("name", "GITHUB_REPOSITORY", "value", "my-org/my-repo"));
  }

  /** The env of the WorkflowTemplate's report template. */
  private static List<Map<String, Object>> reportEnv(Map<String, Object> template) {
    List<Map<String, Object>> templates = at(template, "spec", "templates");
    return templates.stream()
        .filter(t -> "report".equals(t.get("name")))
        .findFirst()
        .<List<Map<String, Object>>>map(t -> at(t, "container", "env"))
        .orElseThrow();
  }

  @Test
  void withoutAWebhookSecretNoSecretIsCreatedButTheStatusesAreStillReported() {
    PipelineDeployment d = PipelineDeployment.sample();

    assertThatThrownBy(() -> d.kubernetesObject("Secret", "aphex-pipeline-notifications"))
        .isInstanceOf(AssertionError.class);
    Map<String, Object> template =
        d.kubernetesObject("WorkflowTemplate", "aphex-pipeline-workflow-template");
    assertThat((Object) at(template, "spec", "onExit")).isEqualTo("on-exit");
    assertThat(reportEnv(template)).extracting(v -> v.get("name")).doesNotContain("NOTIFY_URL");
  }
}
