package io.aphex.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets of the trigger path as the engine receives them. The SDK's public mocks hand resource
 * inputs over already unwrapped, so whether an input is a Pulumi secret is only visible on the
 * wire, which the offline render records.
 */
class RenderedSecretsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";

  @TempDir Path temp;

  private Path project;
  private Path out;

  @BeforeEach
  void copySampleProject() throws IOException {
    project = Files.createDirectory(temp.resolve("project"));
    out = temp.resolve("out");
    for (String file : List.of("Pulumi.dev.yaml", "Pulumi.yaml", "aphex-config.yaml")) {
      Files.copy(SampleConfigs.projectDir().resolve(file), project.resolve(file));
    }
  }

  @Test
  void tokenAndGeneratedWebhookSecretReachTheEngineOnlyAsSecrets() throws IOException {
    String stdout = render();

    Map<String, Object> plan = plan();
    assertThat(inputs(plan, "aphex-pipeline-git-credentials"))
        .containsEntry("stringData", Map.of("token", "[secret]"));
    assertThat(inputs(plan, "aphex-pipeline-webhook-secret"))
        .containsEntry("stringData", Map.of("secret", "[secret]"));
    assertThat(inputs(plan, "aphex-pipeline-webhook-secret-value"))
        .isEqualTo(Map.of("length", 48, "special", false));
    assertThat(outputs(plan)).containsEntry("webhookSecret", "[secret]");
    assertNowhere(
        stdout, "value of github-token", "{\"token\"", "generated once, kept in the stack state");
  }

  @Test
  void webhookSecretFromSecretsManagerReachesTheEngineOnlyAsASecret() throws IOException {
    Path stack = project.resolve("Pulumi.dev.yaml");
    Files.writeString(
        stack,
        Files.readString(stack) + "  aphex-pipeline:githubWebhookSecretName: team-a/webhook\n");

    String stdout = render();

    Map<String, Object> plan = plan();
    assertThat(resources(plan)).noneMatch(r -> r.get("type").equals(RANDOM_PASSWORD));
    assertThat(inputs(plan, "aphex-pipeline-webhook-secret"))
        .containsEntry("stringData", Map.of("secret", "[secret]"));
    assertThat(inputs(plan, "aphex-pipeline-git-credentials"))
        .containsEntry("stringData", Map.of("token", "[secret]"));
    assertThat(outputs(plan)).containsEntry("webhookSecret", "[secret]");
    assertNowhere(
        stdout, "value of team-a/webhook", "value of github-token", "{\"secret\"", "{\"token\"");
  }

  @Test
  void notificationWebhookUrlReachesTheEngineOnlyAsASecret() throws IOException {
    Path stack = project.resolve("Pulumi.dev.yaml");
    Files.writeString(
        stack,
        Files.readString(stack)
            + "  aphex-pipeline:notificationWebhookSecretName: team-a/slack\n"
            + "  aphex-pipeline:argoUiUrl: https://argo.example.com\n");

    String stdout = render();

    assertThat(inputs(plan(), "aphex-pipeline-notifications"))
        .containsEntry("stringData", Map.of("url", "[secret]"));
    assertThat(Files.readString(out.resolve("manifests.yaml")))
        .contains("name: aphex-pipeline-template-notifications", "name: NOTIFY_URL");
    assertNowhere(stdout, "value of team-a/slack", "value of github-token", "{\"url\"");
  }

  private String render() {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
      exit =
          new AphexCli(o, e)
              .run(new String[] {"render", "--cwd", project.toString(), "--out", out.toString()});
    }
    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(exit).isZero();
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private void assertNowhere(String stdout, String... texts) throws IOException {
    String plan = Files.readString(out.resolve("plan.json"));
    String manifests = Files.readString(out.resolve("manifests.yaml"));
    for (String text : texts) {
      assertThat(plan).as("plan.json").doesNotContain(text);
      assertThat(manifests).as("manifests.yaml").doesNotContain(text);
      assertThat(stdout).as("stdout").doesNotContain(text);
    }
  }

  private Map<String, Object> plan() throws IOException {
    return JSON.readValue(out.resolve("plan.json").toFile(), new TypeReference<>() {});
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> resources(Map<String, Object> plan) {
    return (List<Map<String, Object>>) plan.get("resources");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> outputs(Map<String, Object> plan) {
    return (Map<String, Object>) plan.get("outputs");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> inputs(Map<String, Object> plan, String name) {
    List<Map<String, Object>> found =
        resources(plan).stream().filter(r -> r.get("name").equals(name)).toList();
    assertThat(found).as(name).hasSize(1);
    return (Map<String, Object>) found.get(0).get("inputs");
  }
}
