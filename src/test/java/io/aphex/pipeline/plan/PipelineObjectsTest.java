package io.aphex.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.component.PipelinePlanInputs;
import io.aphex.pipeline.events.WebhookServiceSettings;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.testing.SampleConfigs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one description of the component's Kubernetes objects. That the component registers it and
 * the plan shows it alike is {@code PlanOracleTest}'s part; here, that the description can be
 * registered at all: the component ({@code plan.PipelineChildren}) resolves each {@code dependsOn}
 * to a child registered before, and fails on any other.
 */
class PipelineObjectsTest {

  static Stream<Arguments> pipelines() {
    return Stream.of(
        Arguments.of("IRSA, defaults", SampleConfigs.sampleArgs()),
        Arguments.of(
            "Pod Identity, notifications, webhookUrl",
            SampleConfigs.sampleArgs()
                .identityMode(IdentityMode.POD_IDENTITY)
                .notificationWebhookSecretName("team-notifications")
                .webhookUrl("https://hooks.example.com")),
        Arguments.of(
            "no webhook Service",
            SampleConfigs.sampleArgs()
                .webhookService(WebhookServiceSettings.defaults().withEnabled(false))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void everyObjectIsNamedAfterTheComponentOnceAndWaitsOnlyForChildrenBeforeIt(
      String example, AphexPipelineArgs.Builder args) {
    AphexPipelineArgs built = args.build();
    PipelineObjects objects = objects("team-a", built);

    Set<String> before = new HashSet<>();
    List<List<PlannedObject>> runs =
        List.of(objects.identity(), objects.executor(), objects.workload(), objects.trigger());
    for (List<PlannedObject> run : runs) {
      for (PlannedObject object : run) {
        assertThat(object.name()).startsWith("team-a-");
        assertThat(before)
            .as(object.name())
            .containsAll(object.dependsOn())
            .doesNotContain(object.name());
        before.add(object.name());
      }
      if (run == objects.identity() && built.identityMode() == IdentityMode.POD_IDENTITY) {
        before.add("team-a" + PipelineObjects.POD_IDENTITY);
      }
    }
  }

  @Test
  void theWorkflowTemplateWaitsForTheIdentityAndEveryObjectItReadsAndTheSensorForTheTemplate() {
    PipelineObjects objects =
        objects(
            "team-a", SampleConfigs.sampleArgs().identityMode(IdentityMode.POD_IDENTITY).build());

    assertThat(named(objects.workload(), "team-a-workflow-template").dependsOn())
        .containsExactlyInAnyOrder(
            "team-a-service-account",
            "team-a-pod-identity",
            "team-a-executor-role",
            "team-a-executor-rolebinding",
            "team-a-artifact-repository",
            "team-a-pipeline-targets",
            "team-a-targets-cleanup-service-account",
            "team-a-targets-cleanup-role",
            "team-a-targets-cleanup-rolebinding",
            "team-a-git-credentials");
    assertThat(named(objects.trigger(), "team-a-sensor").dependsOn())
        .containsExactlyInAnyOrder(
            "team-a-workflow-template",
            "team-a-event-source",
            "team-a-sensor-service-account",
            "team-a-sensor-role",
            "team-a-sensor-rolebinding");
    assertThat(named(objects.trigger(), "team-a-event-source").dependsOn())
        .containsExactly("team-a-webhook-secret");
    assertThat(named(objects.workload(), "team-a-pipeline-targets").retainOnDelete()).isTrue();
    assertThat(
            Stream.of(objects.workload(), objects.trigger())
                .flatMap(List::stream)
                .filter(o -> o.secret().isPresent())
                .map(o -> o.name() + " " + o.secret().orElseThrow())
                .toList())
        .containsExactly(
            "team-a-git-credentials Secret[key=token, source=GITHUB_TOKEN]",
            "team-a-webhook-secret Secret[key=secret, source=WEBHOOK_SECRET]");
  }

  private static PipelineObjects objects(String name, AphexPipelineArgs args) {
    return PipelinePlanInputs.of(name, args, "123456789012", "us-east-1").children().objects();
  }

  private static PlannedObject named(List<PlannedObject> run, String name) {
    List<PlannedObject> found = new ArrayList<>(run);
    found.removeIf(o -> !o.name().equals(name));
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }
}
