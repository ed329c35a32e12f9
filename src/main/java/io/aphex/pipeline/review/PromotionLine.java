package io.aphex.pipeline.review;

import static java.util.stream.Collectors.toSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The promotion order in one line, e.g. {@code dev → staging → {prod-us (approval), prod-eu}}: the
 * environments in waves, each wave the environments whose longest chain of dependencies has the
 * same length, environments of one wave in braces (they deploy in parallel) in file order. An
 * environment that does not wait for exactly the whole wave before it says what it waits for
 * ({@code (after dev)}), so the line is exact even when the graph is not a simple chain of waves.
 */
public final class PromotionLine {

  private PromotionLine() {}

  /**
   * Writes the line.
   *
   * @param view the pipeline
   * @return the line, without a newline
   */
  public static String of(PipelineView view) {
    Map<String, PipelineView.Environment> byName = new HashMap<>();
    view.environments().forEach(e -> byName.put(e.name(), e));
    Map<String, Integer> wave = new HashMap<>();
    // Longest-chain waves are contiguous: an environment of wave n waits for one of wave n - 1.
    Map<Integer, List<PipelineView.Environment>> waves = new TreeMap<>();
    for (PipelineView.Environment environment : view.environments()) {
      waves
          .computeIfAbsent(
              wave(environment.name(), byName, wave, new HashSet<>()), w -> new ArrayList<>())
          .add(environment);
    }
    List<String> parts = new ArrayList<>();
    Set<String> previous = Set.of();
    for (List<PipelineView.Environment> environments : waves.values()) {
      Set<String> before = previous;
      List<String> items = environments.stream().map(e -> item(e, before)).toList();
      parts.add(items.size() == 1 ? items.get(0) : "{" + String.join(", ", items) + "}");
      previous = environments.stream().map(PipelineView.Environment::name).collect(toSet());
    }
    return String.join(" → ", parts);
  }

  private static String item(PipelineView.Environment environment, Set<String> previousWave) {
    List<String> notes = new ArrayList<>();
    if (environment.approval()) {
      notes.add("approval");
    }
    if (!previousWave.equals(Set.copyOf(environment.after()))) {
      notes.add("after " + String.join(", ", environment.after()));
    }
    return notes.isEmpty()
        ? environment.name()
        : environment.name() + " (" + String.join(", ", notes) + ")";
  }

  private static int wave(
      String name,
      Map<String, PipelineView.Environment> byName,
      Map<String, Integer> wave,
      Set<String> visiting) {
    Integer known = wave.get(name);
    if (known != null) {
      return known;
    }
    if (!visiting.add(name)) {
      throw new UnreadableRenderException(
          "the environments depend on each other in a cycle at " + name);
    }
    int result = 0;
    for (String dependency : byName.get(name).after()) {
      if (byName.containsKey(dependency)) {
        result = Math.max(result, wave(dependency, byName, wave, visiting) + 1);
      }
    }
    visiting.remove(name);
    wave.put(name, result);
    return result;
  }
}
