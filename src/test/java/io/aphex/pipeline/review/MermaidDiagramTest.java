package io.aphex.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.testing.SampleConfigs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The diagram against the WorkflowTemplate the generator builds. */
class MermaidDiagramTest {

  private static final Pattern NODE =
      Pattern.compile("^\\s*(?:subgraph )?([A-Za-z0-9_]+)[\\[({]+\"([^\"]*)\"");
  private static final Pattern EDGE = Pattern.compile("^\\s*([A-Za-z0-9_]+) --> ([A-Za-z0-9_]+)$");

  static Stream<Arguments> configs() {
    PipelineConfig sample = SampleConfigs.referenceSample();
    return Stream.of(
        Arguments.of("the sample", sample),
        Arguments.of("fan-out with approval and stack levels", ReviewFixtures.fanOut()),
        Arguments.of(
            "no self-update, no validate",
            new PipelineConfig(
                "1.0",
                List.of("make"),
                ReviewFixtures.fanOut().environments(),
                false,
                Map.of(),
                false)),
        Arguments.of(
            "two roots with dependsOn: []",
            new PipelineConfig(
                "1.0",
                List.of("make"),
                List.of(
                    ReviewFixtures.environment(
                        "a", Optional.empty(), true, ReviewFixtures.stack("S")),
                    ReviewFixtures.environment(
                        "b", Optional.of(List.of()), false, ReviewFixtures.stack("S")),
                    ReviewFixtures.environment(
                        "end", Optional.of(List.of("a", "b")), true, ReviewFixtures.stack("S"))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void theDiagramsArrowsAreExactlyTheDependenciesOfTheTemplatesDag(
      String name, PipelineConfig config) {
    List<Map<String, Object>> objects = ReviewFixtures.objects(config);

    String diagram = MermaidDiagram.of(RenderReader.read(objects, Map.of()));

    assertThat(edgesOf(diagram)).containsExactlyElementsOf(dagEdgesOf(objects));
  }

  @Test
  void stacksOfOneLevelShareABoxAndTheLevelsAreOrderedByDottedArrows() {
    String diagram = MermaidDiagram.of(ReviewFixtures.view(ReviewFixtures.fanOut()));

    assertThat(diagram)
        .contains(
            "  subgraph T_deploy_staging[\"deploy-staging · eu-west-1 · 210987654321\"]\n"
                + "    subgraph L_staging_1[\"level 1\"]\n"
                + "      S_staging_Network[\"Network<br/>cdk · lib/Network.ts\"]\n"
                + "    end\n"
                + "    subgraph L_staging_2[\"level 2\"]\n"
                + "      S_staging_Data[\"Data<br/>cdk · lib/Data.ts\"]\n"
                + "      S_staging_App[\"App<br/>cdk · lib/App.ts\"]\n"
                + "    end\n"
                + "    L_staging_1 -.-> L_staging_2\n"
                + "  end\n")
        .contains(
            "  T_approve_prod_us{{\"approve-prod-us<br/>manual approval\"}}\n"
                + "  class T_approve_prod_us approval\n")
        .contains("  S_dr_my_org_app_dr[\"my-org/app/dr<br/>pulumi · infra/app\"]\n")
        .contains("  T_test_dev([\"test-dev\"])\n")
        .endsWith("  classDef approval fill:#fff3cd,stroke:#b58105\n");
  }

  @Test
  void hostileNamesGiveSafeUniqueIdsAndEscapedLabels() {
    PipelineView view =
        new PipelineView(
            "t",
            List.of(new PipelineView.Task("x", "build", Optional.empty(), List.of())),
            List.of(),
            Map.of(),
            Map.of());
    MermaidText text = new MermaidText();

    assertThat(
            List.of(
                text.id("S", "end"),
                text.id("S", "o-ops"),
                text.id("S", "a/b"),
                text.id("S", "a.b"),
                text.id("S", "a b"),
                text.id("S", "\"]; click x")))
        .containsExactly("S_end", "S_o_ops", "S_a_b", "S_a_b_2", "S_a_b_3", "S_____click_x");
    assertThat(MermaidText.escape("a\"b#c&d<script>`e`\nf|g"))
        .isEqualTo("a#quot;b#35;c#amp;d#lt;script#gt;#96;e#96; f|g");
    assertThat(MermaidDiagram.of(view)).isEqualTo("flowchart LR\n  T_x[\"x\"]\n");
  }

  /** Each {@code -->} of the diagram as {@code from -> to}, read back through the node labels. */
  private static List<String> edgesOf(String diagram) {
    Map<String, String> taskOfId = new HashMap<>();
    List<String> edges = new ArrayList<>();
    for (String line : diagram.split("\n")) {
      Matcher node = NODE.matcher(line);
      if (node.find()) {
        taskOfId.put(node.group(1), node.group(2).split(" |<br/>")[0]);
      }
    }
    for (String line : diagram.split("\n")) {
      Matcher edge = EDGE.matcher(line);
      if (edge.matches()) {
        edges.add(taskOfId.get(edge.group(1)) + " -> " + taskOfId.get(edge.group(2)));
      }
    }
    return edges;
  }

  /** The dependencies of the WorkflowTemplate's {@code main} DAG, read from the object itself. */
  @SuppressWarnings("unchecked")
  private static List<String> dagEdgesOf(List<Map<String, Object>> objects) {
    Map<String, Object> template =
        objects.stream().filter(o -> o.get("kind").equals("WorkflowTemplate")).findFirst().get();
    Map<String, Object> spec = (Map<String, Object>) template.get("spec");
    Map<String, Object> main =
        ((List<Map<String, Object>>) spec.get("templates"))
            .stream().filter(t -> t.get("name").equals("main")).findFirst().get();
    List<String> edges = new ArrayList<>();
    for (Map<String, Object> task :
        (List<Map<String, Object>>) ((Map<String, Object>) main.get("dag")).get("tasks")) {
      for (String dependency : (List<String>) task.getOrDefault("dependencies", List.of())) {
        edges.add(dependency + " -> " + task.get("name"));
      }
    }
    assertThat(edges).isNotEmpty();
    return edges;
  }
}
