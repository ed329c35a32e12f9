package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

// Pure: no Pulumi engine, no global state; runs beside the other classes.
@Execution(ExecutionMode.CONCURRENT)
class StackOrderTest {

  private static final String BASE =
      "version: \"1.0\"\nbuild:\n  commands: [make]\nenvironments:\n"
          + "  - name: dev\n    region: us-east-1\n    account: \"123456789012\"\n"
          + "    stacks:\n";

  private static PipelineConfig parse(String stacks) {
    return PipelineConfigParser.parse(
        "aphex-config.yaml", (BASE + stacks).getBytes(StandardCharsets.UTF_8));
  }

  private static String stack(String name, String dependsOn) {
    return "      - name: "
        + name
        + "\n        path: lib/"
        + name
        + ".ts\n"
        + (dependsOn == null ? "" : "        dependsOn: " + dependsOn + "\n");
  }

  private static List<List<String>> levels(String stacks) {
    return parse(stacks).environments().get(0).stackLevels();
  }

  @Test
  void aChainOf15001StacksIsOrderedAndItsCycleFoundWithoutRecursingOnItsDepth() {
    StringBuilder chain = new StringBuilder();
    for (int i = 0; i < 15_001; i++) {
      chain
          .append("      - {name: S")
          .append(i)
          .append(", path: l.ts, dependsOn: [S")
          .append(i == 0 ? 15_000 : i - 1)
          .append("]}\n");
    }
    assertThatThrownBy(() -> parse(chain.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cycle");

    String unbroken = chain.toString().replaceFirst("\\[S15000]", "[]");
    List<List<String>> levels = levels(unbroken);
    assertThat(levels).hasSize(15_001);
    assertThat(levels.get(15_000)).containsExactly("S15000");

    List<StackDefinition> forward = new ArrayList<>();
    for (int i = 0; i < 15_001; i++) {
      forward.add(
          new StackDefinition(
              "S" + i, "l.ts", Optional.of(i == 15_000 ? List.of() : List.of("S" + (i + 1)))));
    }
    List<List<String>> backwards =
        new EnvironmentConfig("dev", "us-east-1", "123456789012", forward, List.of()).stackLevels();
    assertThat(backwards).hasSize(15_001);
    assertThat(backwards.get(0)).containsExactly("S15000");
    assertThat(backwards.get(15_000)).containsExactly("S0");
  }

  @Test
  void withoutDependsOnStacksDeployOneAfterTheOtherInListOrder() {
    assertThat(levels(stack("Network", null) + stack("Data", null) + stack("App", null)))
        .containsExactly(List.of("Network"), List.of("Data"), List.of("App"));
  }

  @Test
  void stacksThatDependOnTheSameOneDeployTogether() {
    assertThat(
            levels(
                stack("Network", null)
                    + stack("Data", "[Network]")
                    + stack("Queue", "[Network]")
                    + stack("App", "[Data, Queue]")))
        .containsExactly(List.of("Network"), List.of("Data", "Queue"), List.of("App"));
  }

  @Test
  void aStackMayDependOnOneLaterInTheList() {
    assertThat(levels(stack("App", "[Network]") + stack("Network", "[]")))
        .containsExactly(List.of("Network"), List.of("App"));
  }

  @Test
  void anEmptyDependsOnStartsAStackAtOnce() {
    assertThat(levels(stack("A", null) + stack("B", "[]"))).containsExactly(List.of("A", "B"));
  }

  @Test
  void anUnknownStackIsRefusedWithTheClosestName() {
    assertThatThrownBy(() -> parse(stack("Network", null) + stack("App", "[Netwrok]")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 13, environments[0].stacks[1].dependsOn[0]: 'Netwrok' is not"
                + " the name of a stack of this environment. Fix: Did you mean 'Network'? Use the"
                + " name of another stack: Network.");
  }

  @Test
  void aStackThatDependsOnItselfIsRefused() {
    assertThatThrownBy(() -> parse(stack("App", "[App]")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "environments[0].stacks[0].dependsOn[0]: 'App' is the name of this stack; a stack"
                + " cannot depend on itself. Fix: Remove the item; list only the stacks that must"
                + " be deployed before this one.");
  }

  @Test
  void aCycleIsRefusedAndNamed() {
    assertThatThrownBy(() -> parse(stack("Data", "[App]") + stack("App", null)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "environments[0].stacks[0].dependsOn[0]: 'App' forms a cycle: Data -> App -> Data, so"
                + " none of these stacks can be deployed; App -> Data is a default dependency (a"
                + " stack without dependsOn depends on the one before it). Fix: Remove one of these"
                + " dependencies; to break a default one, give that stack its own dependsOn.");
  }

  @Test
  void dependsOnMustBeAList() {
    assertThatThrownBy(() -> parse(stack("Network", null) + stack("App", "Network")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 13, environments[0].stacks[1].dependsOn: 'Network' must be a "
                + "list, not a string. Fix: Write e.g. dependsOn: [NetworkStack].");
  }

  @Test
  void levelsBuiltInCodeRefuseCyclesAndUnknownNames() {
    EnvironmentConfig cyclic =
        new EnvironmentConfig(
            "dev",
            "us-east-1",
            "123456789012",
            List.of(
                new StackDefinition("A", "a.ts", Optional.of(List.of("B"))),
                new StackDefinition("B", "b.ts", Optional.of(List.of("A")))),
            List.of());
    assertThatThrownBy(cyclic::stackLevels)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the stacks of environment dev depend on each other in a cycle at A");
    EnvironmentConfig unknown =
        new EnvironmentConfig(
            "dev",
            "us-east-1",
            "123456789012",
            List.of(new StackDefinition("A", "a.ts", Optional.of(List.of("Z")))),
            List.of());
    assertThatThrownBy(unknown::stackLevels)
        .hasMessage("stack A of environment dev depends on unknown stack Z");
  }
}
