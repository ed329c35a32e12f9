package io.aphex.pipeline.review;

import static io.aphex.pipeline.review.MarkdownText.code;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two renders, in words a reviewer reads on a pull request: environments, the
 * promotion order, the DAG's edges, stacks, roles, images and permissions added, removed or
 * changed. Markdown, so that a CI job can post it as a comment as it is.
 */
public final class RenderDiff {

  private static final String FIRST = "the first stages";

  private RenderDiff() {}

  /**
   * Compares two renders.
   *
   * @param before the earlier render
   * @param after the new render
   * @param beforeName how to name the earlier render in the heading, e.g. its directory
   * @return the Markdown text, ending with a newline; it says so when nothing changed
   */
  public static String between(PipelineView before, PipelineView after, String beforeName) {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    if (!before.templateName().equals(after.templateName())) {
      sections.put(
          "WorkflowTemplate",
          List.of("renamed " + code(before.templateName()) + " → " + code(after.templateName())));
    }
    sections.put("Environments", environments(before, after));
    String wasLine = PromotionLine.of(before);
    String nowLine = PromotionLine.of(after);
    sections.put(
        "Promotion order",
        wasLine.equals(nowLine)
            ? List.of()
            : List.of(
                "was: " + MarkdownText.plain(wasLine), "now: " + MarkdownText.plain(nowLine)));
    sections.put("Edges", edges(before, after));
    sections.put("Stacks", stacks(before, after));
    sections.put(
        "Roles", compare(roles(before), roles(after), "added %s: %s", "changed %s: %s → %s", null));
    sections.put(
        "Images",
        compare(
            coded(before.images()),
            coded(after.images()),
            "added stage %s: %s",
            "%s: %s → %s",
            "removed stage %s"));
    sections.put("Permissions", permissions(before, after));
    sections.values().removeIf(List::isEmpty);
    StringBuilder out =
        new StringBuilder("## Pipeline changes against ").append(code(beforeName)).append("\n");
    if (sections.isEmpty()) {
      return out.append(
              "\nNo changes: the environments, promotion order, edges, stacks, roles, images and"
                  + " permissions are the same.\n")
          .toString();
    }
    sections.forEach(
        (title, lines) -> {
          out.append("\n### ").append(title).append("\n\n");
          lines.forEach(line -> out.append("- ").append(line).append('\n'));
        });
    return out.toString();
  }

  private static List<String> environments(PipelineView before, PipelineView after) {
    List<String> lines = new ArrayList<>();
    for (PipelineView.Environment now : after.environments()) {
      PipelineView.Environment was = before.environment(now.name()).orElse(null);
      if (was == null) {
        lines.add("added " + code(now.name()) + ": " + describe(now));
        continue;
      }
      List<String> changes = new ArrayList<>();
      change(changes, "region", was.region(), now.region());
      change(changes, "account", was.account(), now.account());
      if (was.approval() != now.approval()) {
        changes.add(now.approval() ? "now needs approval" : "no longer needs approval");
      }
      if (!was.after().equals(now.after())) {
        changes.add("runs after " + codes(was.after(), FIRST) + " → " + codes(now.after(), FIRST));
      }
      if (!was.tests().equals(now.tests())) {
        changes.add("tests " + codes(was.tests(), "none") + " → " + codes(now.tests(), "none"));
      }
      if (!changes.isEmpty()) {
        lines.add("changed " + code(now.name()) + ": " + String.join("; ", changes));
      }
    }
    for (PipelineView.Environment was : before.environments()) {
      if (after.environment(was.name()).isEmpty()) {
        lines.add("removed " + code(was.name()) + " (" + was.region() + ", " + was.account() + ")");
      }
    }
    return lines;
  }

  private static String describe(PipelineView.Environment environment) {
    return "%s, account %s, %s, runs after %s, %d stack(s), tests %s"
        .formatted(
            environment.region(),
            environment.account(),
            environment.approval() ? "approval required" : "no approval",
            codes(environment.after(), FIRST),
            environment.levels().stream().mapToInt(List::size).sum(),
            codes(environment.tests(), "none"));
  }

  private static List<String> edges(PipelineView before, PipelineView after) {
    Set<String> was = edgeSet(before);
    Set<String> now = edgeSet(after);
    List<String> lines = new ArrayList<>();
    now.stream().filter(e -> !was.contains(e)).forEach(e -> lines.add("added " + e));
    was.stream().filter(e -> !now.contains(e)).forEach(e -> lines.add("removed " + e));
    return lines;
  }

  private static Set<String> edgeSet(PipelineView view) {
    Set<String> edges = new LinkedHashSet<>();
    for (PipelineView.Task task : view.tasks()) {
      for (String dependency : task.dependencies()) {
        edges.add(code(dependency) + " → " + code(task.name()));
      }
    }
    return edges;
  }

  private static List<String> stacks(PipelineView before, PipelineView after) {
    List<String> lines = new ArrayList<>();
    for (PipelineView.Environment now : after.environments()) {
      String in = code(now.name()).replace("%", "%%"); // a format of its own, not an argument
      lines.addAll(
          compare(
              before.environment(now.name()).map(RenderDiff::stackMap).orElse(Map.of()),
              stackMap(now),
              "added to " + in + ": %s %s",
              "changed in " + in + ": %s %s → %s",
              "removed from " + in + ": %s"));
    }
    for (PipelineView.Environment was : before.environments()) {
      if (after.environment(was.name()).isEmpty()) {
        stackMap(was)
            .keySet()
            .forEach(stack -> lines.add("removed with " + code(was.name()) + ": " + code(stack)));
      }
    }
    return lines;
  }

  /** Each stack's engine, path and level, by name. */
  private static Map<String, String> stackMap(PipelineView.Environment environment) {
    Map<String, String> stacks = new LinkedHashMap<>();
    for (int l = 0; l < environment.levels().size(); l++) {
      for (PipelineView.Stack stack : environment.levels().get(l)) {
        stacks.put(
            stack.name(),
            "(" + stack.engine() + ", " + code(stack.path()) + ", level " + (l + 1) + ")");
      }
    }
    return stacks;
  }

  /** Each environment's role line, by name; an environment that is gone needs no line. */
  private static Map<String, String> roles(PipelineView view) {
    Map<String, String> roles = new LinkedHashMap<>();
    for (PipelineView.Environment environment : view.environments()) {
      roles.putIfAbsent(
          environment.name(),
          environment
              .deployRole()
              .map(role -> "stages run as " + code(role))
              .orElse(
                  "deploys with the CDK bootstrap roles of "
                      + environment.account()
                      + " in "
                      + environment.region()
                      + ", checked as "
                      + code(environment.checkRole())));
    }
    return roles;
  }

  private static Map<String, String> coded(Map<String, String> images) {
    Map<String, String> coded = new LinkedHashMap<>();
    images.forEach((stage, image) -> coded.put(stage, code(image)));
    return coded;
  }

  /**
   * A line per key of {@code now} that {@code was} lacks ({@code added}, with the key as code and
   * its value) or holds with another value ({@code changed}, with the key, the old and the new
   * value), then one per key of {@code was} that {@code now} lacks ({@code removed}, with the key;
   * null for no such lines).
   */
  private static List<String> compare(
      Map<String, String> was,
      Map<String, String> now,
      String added,
      String changed,
      String removed) {
    List<String> lines = new ArrayList<>();
    now.forEach(
        (key, value) -> {
          String old = was.get(key);
          if (old == null) {
            lines.add(added.formatted(code(key), value));
          } else if (!old.equals(value)) {
            lines.add(changed.formatted(code(key), old, value));
          }
        });
    if (removed != null) {
      was.keySet().stream()
          .filter(key -> !now.containsKey(key))
          .forEach(key -> lines.add(removed.formatted(code(key))));
    }
    return lines;
  }

  private static List<String> permissions(PipelineView before, PipelineView after) {
    List<String> lines = new ArrayList<>();
    Set<String> holders = new LinkedHashSet<>(after.permissions().keySet());
    holders.addAll(before.permissions().keySet());
    for (String holder : holders) {
      List<String> was = before.permissions().getOrDefault(holder, List.of());
      List<String> now = after.permissions().getOrDefault(holder, List.of());
      now.stream()
          .filter(grant -> !was.contains(grant))
          .forEach(grant -> lines.add("added to " + code(holder) + ": " + code(grant)));
      was.stream()
          .filter(grant -> !now.contains(grant))
          .forEach(grant -> lines.add("removed from " + code(holder) + ": " + code(grant)));
    }
    return lines;
  }

  private static void change(List<String> changes, String what, String was, String now) {
    if (!Objects.equals(was, now)) {
      changes.add(what + " " + code(was) + " → " + code(now));
    }
  }

  /** The texts as code, joined; {@code none} when there are none. */
  private static String codes(List<String> texts, String none) {
    return texts.isEmpty()
        ? none
        : String.join(", ", texts.stream().map(MarkdownText::code).toList());
  }
}
