package io.aphex.pipeline.argo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StageScriptsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Stage.class)
  void scriptIsValidBash(Stage stage) throws Exception {
    Path file = dir.resolve(stage.templateName() + ".sh");
    Files.writeString(file, StageScripts.script(stage, true, true), StandardCharsets.UTF_8);

    Process bash =
        new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(output).isEmpty();
    assertThat(bash.exitValue()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void scriptHasNothingThatArgoOrKubernetesWouldSubstitute(Stage stage) {
    String script = StageScripts.script(stage, true, true);

    assertThat(script)
        .doesNotContain("{{", "$$")
        .doesNotContainPattern("\\$\\([A-Za-z_][A-Za-z0-9_]*\\)");
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void scriptIsTheStrictHeaderTheFunctionsItCallsAndTheStageWithoutComments(Stage stage)
      throws IOException {
    String script = StageScripts.script(stage, true, true);
    String stageCode = code(resource(stage.templateName() + ".sh"));

    assertThat(script)
        .startsWith(
            "set -euo pipefail\n"
                + "APHEX_WORKSPACE=\"${APHEX_WORKSPACE:-/workspace}\"\n"
                + "APHEX_OUTPUT_DIR=\"${APHEX_OUTPUT_DIR:-/tmp/aphex}\"\n")
        .endsWith(stageCode);
    assertThat(script.lines()).noneMatch(String::isBlank).noneMatch(l -> l.strip().startsWith("#"));
    for (String function :
        List.of("checkout", "run_commands", "fetch_artifacts", "install_dependencies")) {
      boolean called = stageCode.matches("(?s)(.*\\s)?" + function + "(\\s.*)?");
      assertThat(script.contains(function + "() {"))
          .as(stage + " defines " + function + " exactly when it calls it")
          .isEqualTo(called);
    }
  }

  private static String code(String source) {
    StringBuilder out = new StringBuilder();
    source
        .lines()
        .filter(l -> !l.isBlank() && !l.strip().startsWith("#"))
        .forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void scriptIsLoadedOnce(Stage stage) {
    assertThat(StageScripts.script(stage, true, true))
        .isSameAs(StageScripts.script(stage, true, true));
  }

  @Test
  void prologueDefaultsMatchTheTemplatesOutputPath() throws IOException {
    assertThat(StageTemplates.STACK_OUTPUTS_PATH).isEqualTo("/tmp/aphex/stack-outputs.json");
    assertThat(resource("prologue.sh"))
        .contains("APHEX_OUTPUT_DIR=\"${APHEX_OUTPUT_DIR:-/tmp/aphex}\"")
        .contains("APHEX_WORKSPACE=\"${APHEX_WORKSPACE:-/workspace}\"");
  }

  private static String resource(String name) throws IOException {
    try (var in = StageScriptsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
