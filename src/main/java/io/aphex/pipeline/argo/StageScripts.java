package io.aphex.pipeline.argo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bash scripts of the stages, read from the classpath ({@code io/aphex/pipeline/argo/*.sh}):
 * {@code prologue.sh} followed by the stage's own script. They are loaded once and cached. The
 * scripts take every input from environment variables and contain no Argo expression.
 */
final class StageScripts {

  private static final String PROLOGUE = "prologue.sh";

  private StageScripts() {}

  /**
   * Returns the complete script of a stage, as passed to {@code /bin/bash -c}.
   *
   * @param stage the stage
   * @return the prologue, then the stage's script
   */
  static String script(Stage stage) {
    return Loaded.SCRIPTS.get(stage);
  }

  private static final class Loaded {
    static final Map<Stage, String> SCRIPTS = loadAll();

    private static Map<Stage, String> loadAll() {
      String prologue = read(PROLOGUE);
      Map<Stage, String> scripts = new EnumMap<>(Stage.class);
      for (Stage stage : Stage.values()) {
        scripts.put(stage, withoutComments(prologue + "\n" + read(stage.templateName() + ".sh")));
      }
      return Collections.unmodifiableMap(scripts);
    }

    /**
     * Drops comment and blank lines: the comments explain the source files, and every byte of the
     * script is repeated in the WorkflowTemplate (and in every workflow's stored copy of it).
     */
    private static String withoutComments(String script) {
      return script
              .lines()
              .filter(line -> !line.isBlank() && !line.stripLeading().startsWith("#"))
              .collect(Collectors.joining("\n"))
          + "\n";
    }

    private static String read(String resource) {
      try (InputStream in = StageScripts.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "stage script io/aphex/pipeline/argo/" + resource + " is missing from the classpath");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read stage script " + resource, e);
      }
    }
  }
}
