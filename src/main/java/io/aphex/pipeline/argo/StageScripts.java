package io.aphex.pipeline.argo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bash scripts of the stages, read from the classpath ({@code io/aphex/pipeline/argo/*.sh}):
 * {@code prologue.sh} followed by the stage's own script. They are loaded once and cached. The
 * scripts take every input from environment variables and contain no Argo expression.
 */
final class StageScripts {

  private static final String PROLOGUE = "prologue.sh";

  private StageScripts() {}

  /** The line of a stage script that switches to the environment's {@code deployRoleArn}. */
  static final String USE_DEPLOY_ROLE = "use_deploy_role";

  /** The lines of the deploy and test scripts that report the environment's commit status. */
  static final String REPORT_ENVIRONMENT = "report_environment";

  /**
   * Returns the complete script of a stage with every optional step, as passed to {@code /bin/bash
   * -c}.
   *
   * @param stage the stage
   * @param deployRoles whether some environment has a {@code deployRoleArn}; without one, the
   *     scripts leave out the {@value #USE_DEPLOY_ROLE} step and its function, which every byte of
   *     the template would otherwise carry for nothing
   * @return the prologue, then the stage's script
   */
  static String script(Stage stage, boolean deployRoles) {
    return script(stage, deployRoles, true);
  }

  /**
   * Returns the complete script of a stage, as passed to {@code /bin/bash -c}.
   *
   * @param stage the stage
   * @param deployRoles whether some environment has a {@code deployRoleArn} (see {@link
   *     #script(Stage, boolean)})
   * @param reporting whether the pipeline reports commit statuses; without it, the {@value
   *     #REPORT_ENVIRONMENT} steps and the functions only they call are left out
   * @return the prologue, then the stage's script
   */
  static String script(Stage stage, boolean deployRoles, boolean reporting) {
    return Loaded.scripts((deployRoles ? 2 : 0) + (reporting ? 1 : 0)).get(stage);
  }

  /**
   * The prologue split into its header (strict mode, defaults) and its function definitions, so
   * that a stage carries only the functions it calls: each byte is repeated in the template.
   */
  private record Prologue(
      String header, Map<String, String> functions, Map<String, Pattern> calls) {

    private static final Pattern DEFINITION = Pattern.compile("^([a-z_]+)\\(\\) \\{$");

    static Prologue of(String header, Map<String, String> functions) {
      Map<String, Pattern> calls = new LinkedHashMap<>();
      functions
          .keySet()
          .forEach(
              name ->
                  calls.put(
                      name, Pattern.compile("(^|\\s|\\()" + name + "(\\s|$)", Pattern.MULTILINE)));
      return new Prologue(header, functions, calls);
    }

    static Prologue parse(String text) {
      StringBuilder header = new StringBuilder();
      Map<String, String> functions = new LinkedHashMap<>();
      String current = null;
      StringBuilder body = new StringBuilder();
      for (String line : text.lines().toList()) {
        Matcher start = DEFINITION.matcher(line);
        if (current == null && start.matches()) {
          current = start.group(1);
          body.setLength(0);
        }
        if (current == null) {
          header.append(line).append('\n');
          continue;
        }
        body.append(line).append('\n');
        if (line.equals("}")) {
          functions.put(current, body.toString());
          current = null;
        }
      }
      return Prologue.of(header.toString(), functions);
    }

    /**
     * The definitions of the functions a script calls, directly or through another of them, in
     * prologue order.
     */
    String functionsCalledBy(String script) {
      java.util.Set<String> called = new java.util.HashSet<>();
      java.util.Deque<String> toScan = new java.util.ArrayDeque<>(List.of(script));
      while (!toScan.isEmpty()) {
        String text = toScan.pop();
        functions.forEach(
            (name, definition) -> {
              if (!called.contains(name) && calls.get(name).matcher(text).find()) {
                called.add(name);
                toScan.push(definition);
              }
            });
      }
      StringBuilder used = new StringBuilder();
      functions.forEach(
          (name, definition) -> {
            if (called.contains(name)) {
              used.append(definition);
            }
          });
      return used.toString();
    }
  }

  private static final class Loaded {
    private static final Prologue PARSED = Prologue.parse(withoutComments(read(PROLOGUE)));

    /**
     * Indexed by 2 for deploy roles plus 1 for reporting; each variant made when first asked for,
     * since a render needs one or two of the four and every one costs a scan of every script.
     */
    private static final List<Map<Stage, String>> SCRIPTS =
        new ArrayList<>(Collections.nCopies(4, null));

    static synchronized Map<Stage, String> scripts(int variant) {
      if (SCRIPTS.get(variant) == null) {
        SCRIPTS.set(variant, loadAll((variant & 2) != 0, (variant & 1) != 0));
      }
      return SCRIPTS.get(variant);
    }

    private static Map<Stage, String> loadAll(boolean deployRoles, boolean reporting) {
      Prologue prologue = PARSED;
      Map<Stage, String> scripts = new EnumMap<>(Stage.class);
      for (Stage stage : Stage.values()) {
        String body = withoutComments(read(stage.templateName() + ".sh"));
        if (!deployRoles) {
          body = body.replace(USE_DEPLOY_ROLE + "\n", "");
        }
        if (!reporting) {
          body = body.replaceAll("(?m)^" + REPORT_ENVIRONMENT + " [a-z]+\n", "");
        }
        scripts.put(stage, prologue.header() + prologue.functionsCalledBy(body) + body);
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
