package io.aphex.pipeline.argo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.PipelineConfigParser;
import io.aphex.pipeline.config.StackDefinition;
import io.aphex.pipeline.config.StackEngine;
import io.aphex.pipeline.schema.ManifestSchemas;
import io.aphex.pipeline.testing.SampleConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The predecessor's own files, unchanged, against what it rendered for them ({@code
 * shared/reference/original-sample}): they parse with every new key at its default and keep their
 * stage order. Every step of the predecessor's sequence after the two pipeline stages still waits,
 * directly or through others, for every step before it; the two pipeline stages now run side by
 * side, and {@code validate} runs beside them.
 */
class PredecessorCompatibilityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "aphex-config.yaml, workflowtemplate.json",
    "scale/aphex-config-50x3.yaml, scale/workflowtemplate-50x3.json"
  })
  void aPredecessorFileRendersItsStageOrderWithEveryNewKeyAtItsDefault(
      String configFile, String predecessorTemplate) throws Exception {
    Path reference = SampleConfigs.predecessorSample();
    PipelineConfig config = PipelineConfigParser.parse(reference.resolve(configFile));
    List<String> predecessorOrder =
        stepOrder(JSON.readTree(reference.resolve(predecessorTemplate).toFile()));

    assertThat(config.selfUpdate()).isTrue();
    assertThat(config.validate()).isTrue();
    assertThat(config.stages()).isEmpty();
    for (EnvironmentConfig environment : config.environments()) {
      assertThat(environment.requiresApproval()).isFalse();
      assertThat(environment.deployRoleArn()).isEmpty();
      assertThat(environment.dependsOn()).isEmpty();
      assertThat(environment.stacks())
          .allSatisfy(stack -> assertThat(stack.engine()).isEqualTo(StackEngine.CDK))
          .allSatisfy(stack -> assertThat(stack.dependsOn()).isEmpty());
      assertThat(environment.stackLevels())
          .isEqualTo(environment.stacks().stream().map(s -> List.of(s.name())).toList());
    }

    WorkflowTemplateView ours =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config));
    List<String> ourOrder =
        MainDag.tasks(config, false).stream()
            .map(DagTask::name)
            .filter(name -> !name.equals("validate"))
            .toList();
    assertThat(ourOrder).isEqualTo(predecessorOrder);
    Map<String, Set<String>> before = upstream(ours);
    assertThat(before.get("build")).isEmpty();
    assertThat(before.get("pipeline-deployment")).isEmpty();
    assertThat(before.get("validate")).isEmpty();
    for (int i = 2; i < predecessorOrder.size(); i++) {
      assertThat(before.get(predecessorOrder.get(i)))
          .as(predecessorOrder.get(i))
          .containsAll(predecessorOrder.subList(0, i))
          .contains("validate");
    }
    for (EnvironmentConfig environment : config.environments()) {
      assertThat(PipelineTargets.data(config).get(environment.name() + ".stacks"))
          .isEqualTo(
              JSON.writeValueAsString(
                  environment.stacks().stream().map(PredecessorCompatibilityTest::level).toList()));
    }
    ManifestSchemas.get()
        .assertValid(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config).toMap());
  }

  /** The step names of the predecessor's {@code main}, one step group after another. */
  private static List<String> stepOrder(JsonNode template) {
    List<String> order = new ArrayList<>();
    for (JsonNode candidate : template.path("spec").path("templates")) {
      if (candidate.path("name").asText().equals("main")) {
        for (JsonNode group : candidate.path("steps")) {
          for (JsonNode step : group) {
            order.add(step.path("name").asText());
          }
        }
      }
    }
    assertThat(order).isNotEmpty();
    return order;
  }

  /** Every task's transitive dependencies. */
  private static Map<String, Set<String>> upstream(WorkflowTemplateView view) {
    Map<String, List<String>> direct = new java.util.LinkedHashMap<>();
    for (Map<String, Object> task : view.tasks()) {
      @SuppressWarnings("unchecked")
      List<String> dependencies = (List<String>) task.getOrDefault("dependencies", List.of());
      direct.put((String) task.get("name"), dependencies);
    }
    Map<String, Set<String>> all = new java.util.LinkedHashMap<>();
    for (String task : direct.keySet()) {
      Set<String> seen = new HashSet<>();
      List<String> toVisit = new ArrayList<>(direct.get(task));
      while (!toVisit.isEmpty()) {
        String next = toVisit.remove(toVisit.size() - 1);
        if (seen.add(next)) {
          toVisit.addAll(direct.get(next));
        }
      }
      all.put(task, seen);
    }
    return all;
  }

  private static List<Map<String, String>> level(StackDefinition stack) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    out.put("name", stack.name());
    out.put("engine", "cdk");
    out.put("path", stack.path());
    return List.of(out);
  }
}
