package io.aphex.pipeline.argo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bash scripts of the stages, read from the classpath ({@code io/aphex/pipeline/argo/*.sh}):
 * the header of {@code prologue.sh} (strict mode, defaults), the prologue functions the stage
 * calls, directly or through another of them, then the stage's own script, each without comment or
 * blank lines: every byte is repeated in the WorkflowTemplate (and in every workflow's stored copy
 * of it). They are assembled once per variant and cached. The scripts take every input from
 * environment variables and contain no Argo expression.
 */
final class StageScripts {

  /** The line of a stage script that switches to the environment's {@code deployRoleArn}. */
  static final String USE_DEPLOY_ROLE = "use_deploy_role";

  /** The lines of the deploy and test scripts that report the environment's commit status. */
  static final String REPORT_ENVIRONMENT = "report_environment";

  /** A function definition: from {@code name() {} to the first line that is just '}'. */
  private static final Pattern DEFINITION = Pattern.compile("(?ms)^([a-z_]+)\\(\\) \\{$.*?^}\n");

  private static final String PROLOGUE = withoutComments(read("prologue.sh"));

  /** Everything of the prologue outside its function definitions. */
  private static final String HEADER = DEFINITION.matcher(PROLOGUE).replaceAll("");

  /** The prologue's function definitions by name, in prologue order. */
  private static final Map<String, String> FUNCTIONS =
      DEFINITION
          .matcher(PROLOGUE)
          .results()
          .collect(
              Collectors.toMap(
                  m -> m.group(1),
                  MatchResult::group,
                  (first, second) -> second,
                  LinkedHashMap::new));

  private static final Map<List<Object>, String> SCRIPTS = new ConcurrentHashMap<>();

  private StageScripts() {}

  /**
   * Returns the complete script of a stage, as passed to {@code /bin/bash -c}.
   *
   * @param stage the stage
   * @param deployRoles whether some environment has a {@code deployRoleArn}; without one, the
   *     scripts leave out the {@value #USE_DEPLOY_ROLE} step and its function, which every byte of
   *     the template would otherwise carry for nothing
   * @param reporting whether the pipeline reports commit statuses; without it, the {@value
   *     #REPORT_ENVIRONMENT} steps and the functions only they call are left out
   * @return the prologue's header and the functions the stage calls, then the stage's script
   */
  static String script(Stage stage, boolean deployRoles, boolean reporting) {
    return SCRIPTS.computeIfAbsent(
        List.of(stage, deployRoles, reporting),
        key -> {
          String body = withoutComments(read(stage.templateName() + ".sh"));
          if (!deployRoles) {
            body = body.replace(USE_DEPLOY_ROLE + "\n", "");
          }
          if (!reporting) {
            body = body.replaceAll("(?m)^" + REPORT_ENVIRONMENT + " [a-z]+\n", "");
          }
          return HEADER + functionsCalledBy(body) + body;
        });
  }

  /**
   * The definitions of the functions a script calls, directly or through another of them, in
   * prologue order.
   */
  private static String functionsCalledBy(String script) {
    Set<String> called = new HashSet<>();
    Deque<String> toScan = new ArrayDeque<>(List.of(script));
    while (!toScan.isEmpty()) {
      String text = toScan.pop();
      FUNCTIONS.forEach(
          (name, definition) -> {
            if (!called.contains(name) && calls(name, text)) {
              called.add(name);
              toScan.push(definition);
            }
          });
    }
    return FUNCTIONS.entrySet().stream()
        .filter(function -> called.contains(function.getKey()))
        .map(Map.Entry::getValue)
        .collect(Collectors.joining());
  }

  /** Whether a text calls a function: has its name as a word of its own. */
  private static boolean calls(String function, String text) {
    return Pattern.compile("(^|\\s|\\()" + function + "(\\s|$)", Pattern.MULTILINE)
        .matcher(text)
        .find();
  }

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
