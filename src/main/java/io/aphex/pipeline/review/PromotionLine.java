package io.aphex.pipeline.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
    int last = -1;
    for (PipelineView.Environment environment : view.environments()) {
      last = Math.max(last, wave(environment.name(), byName, wave, new HashSet<>()));
    }
    List<List<PipelineView.Environment>> waves = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      waves.add(new ArrayList<>());
    }
    view.environments().forEach(e -> waves.get(wave.get(e.name())).add(e));
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < waves.size(); i++) {
      Set<String> previous =
          i == 0
              ? Set.of()
              : waves.get(i - 1).stream()
                  .map(PipelineView.Environment::name)
                  .collect(Collectors.toSet());
      List<String> items = waves.get(i).stream().map(e -> item(e, previous)).toList();
      parts.add(items.size() == 1 ? items.get(0) : "{" + String.join(", ", items) + "}");
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
