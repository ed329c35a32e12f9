package io.aphex.pipeline.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Checks the {@code dependsOn} lists of all environments of a config file together, once every
 * environment has been read: each item must name another environment of the file, and the
 * dependencies, including the default ones (an environment without {@code dependsOn} depends on the
 * one before it), must not form a cycle. The shape of each list (a list of distinct strings) is
 * checked by {@link ConfigRules} after the schema.
 */
final class PromotionOrder {

  /** The most environment names listed in the fix of an unknown name. */
  private static final int MAX_NAMES_LISTED = 10;

  /** The most environments of a cycle named at its start and at its end. */
  private static final int MAX_CYCLE_ENDS = 5;

  /** The most default dependencies of a cycle named one by one. */
  private static final int MAX_DEFAULTS_LISTED = 3;

  /**
   * What is being ordered, as the messages name it.
   *
   * @param one the singular, e.g. {@code environment}
   * @param article the singular with its article, e.g. {@code an environment}
   * @param scope where the names live, e.g. {@code in this file}
   * @param unique the rule that two of them cannot share a name
   * @param rename the fix of a repeated name
   */
  record Noun(String one, String article, String scope, String unique, String rename) {
    /** The environments of a file. */
    static final Noun ENVIRONMENT =
        new Noun(
            "environment",
            "an environment",
            "in this file",
            "environment names must be unique",
            "Rename one of the two environments; each one becomes its own deploy-<name> stage.");

    /** The stacks of one environment. */
    static final Noun STACK =
        new Noun(
            "stack",
            "a stack",
            "of this environment",
            "stack names must be unique within an environment",
            "Remove the repeated stack or rename it.");
  }

  /** One item of a {@code dependsOn} list: the name as written and where it is. */
  record Item(String name, int line, String path) {}

  /**
   * One environment (or stack) as written, in file order.
   *
   * @param name the name when it is a string, even an invalid one; {@code null} when it is missing
   *     or not a string, so that no dependency can point to it
   * @param explicit the string items of {@code dependsOn} without repeats; empty when the key is
   *     absent (the default: the environment before); an empty list when {@code dependsOn} is not a
   *     list, so that it adds no dependency
   */
  record Member(@Nullable String name, Optional<List<Item>> explicit) {}

  private final Source source;
  private final ProblemList problems;
  private final List<Member> environments;
  private final Noun noun;

  /** The index of the first environment of each name; its keys are the names in file order. */
  private final Map<String, Integer> indexOf = new LinkedHashMap<>();

  private int unknownNames;

  private PromotionOrder(
      Source source, ProblemList problems, List<Member> environments, Noun noun) {
    this.source = source;
    this.problems = problems;
    this.environments = environments;
    this.noun = noun;
    for (int i = 0; i < environments.size(); i++) {
      String name = environments.get(i).name();
      if (name != null) {
        indexOf.putIfAbsent(name, i);
      }
    }
  }

  /**
   * Reports unknown names, items that depend on themselves and every cycle of dependencies, in the
   * words of {@code noun}: the same rules order the environments of a file and the stacks of an
   * environment.
   */
  static void check(Source source, ProblemList problems, List<Member> environments, Noun noun) {
    PromotionOrder order = new PromotionOrder(source, problems, environments, noun);
    order.cycles(order.edges());
  }

  /** A dependency of one environment on another; {@code item} is null for a default one. */
  private record Edge(int to, @Nullable Item item) {}

  /**
   * Builds the dependencies of every environment, reporting the items that cannot be one; an
   * environment without a name takes part in none.
   */
  private List<List<Edge>> edges() {
    List<List<Edge>> edges = new ArrayList<>();
    for (int i = 0; i < environments.size(); i++) {
      Member environment = environments.get(i);
      List<Edge> out = new ArrayList<>();
      if (environment.explicit().isEmpty()) {
        if (environment.name() != null && i > 0 && environments.get(i - 1).name() != null) {
          out.add(new Edge(i - 1, null));
        }
      } else {
        for (Item item : environment.explicit().get()) {
          Optional<Integer> target = target(environment, item);
          if (target.isPresent() && environment.name() != null) {
            out.add(new Edge(target.get(), item));
          }
        }
      }
      edges.add(out);
    }
    return edges;
  }

  private Optional<Integer> target(Member environment, Item item) {
    if (item.name().equals(environment.name())) {
      report(
          item,
          "is the name of this " + noun.one() + "; " + noun.article() + " cannot depend on itself",
          "Remove the item; list only the "
              + noun.one()
              + "s that must be deployed before this one.");
      return Optional.empty();
    }
    Integer index = indexOf.get(item.name());
    if (index == null) {
      report(
          item,
          "is not the name of " + noun.article() + " " + noun.scope(),
          unknownFix(environment, item));
      return Optional.empty();
    }
    return Optional.of(index);
  }

  /**
   * Suggests the closest name and lists the first names of the other environments. Only the first
   * {@value ProblemList#LIMIT} unknown names get a suggestion: no more problems are shown, and a
   * hostile file could otherwise hold many thousands of names to compare with each other.
   */
  private String unknownFix(Member environment, Item item) {
    Set<String> names = indexOf.keySet();
    int others = names.size() - (indexOf.containsKey(environment.name()) ? 1 : 0);
    if (others == 0) {
      return "Remove the item; there is no other " + noun.one() + " to depend on.";
    }
    List<String> shown =
        names.stream()
            .filter(name -> !name.equals(environment.name()))
            .limit(MAX_NAMES_LISTED)
            .toList();
    String listed = String.join(", ", shown);
    if (others > shown.size()) {
      listed += " and " + (others - shown.size()) + " more";
    }
    String use = "Use the name of another " + noun.one() + ": " + listed + ".";
    if (++unknownNames > ProblemList.LIMIT) {
      return use;
    }
    List<String> candidates =
        names.stream().filter(name -> !name.equals(environment.name())).toList();
    return Suggestions.closest(item.name(), candidates)
        .map(match -> "Did you mean '" + match + "'? " + use)
        .orElse(use);
  }

  /**
   * Reports one cycle for each group of environments that depend on each other (a strongly
   * connected component): the shortest cycle through the group's first environment in file order,
   * reported at that environment's item that starts it. A group of one environment has no cycle,
   * since no environment depends on itself, and its search ends at once.
   */
  private void cycles(List<List<Edge>> edges) {
    int[] component = components(edges);
    Set<Integer> reported = new HashSet<>();
    for (int start = 0; start < edges.size(); start++) {
      Optional<List<Edge>> cycle =
          reported.contains(component[start])
              ? Optional.empty()
              : shortestCycle(start, edges, component);
      if (cycle.isPresent()) {
        reported.add(component[start]);
        reportCycle(start, cycle.get());
      }
    }
  }

  /**
   * Finds the shortest cycle from {@code start} back to it within its component, by a breadth-first
   * search that follows the dependencies in the order they are written.
   */
  private static Optional<List<Edge>> shortestCycle(
      int start, List<List<Edge>> edges, int[] component) {
    Map<Integer, Edge> via = new HashMap<>();
    Map<Integer, Integer> from = new HashMap<>();
    Deque<Integer> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      int node = queue.poll();
      for (Edge edge : edges.get(node)) {
        if (component[edge.to()] != component[start]) {
          continue;
        }
        if (edge.to() == start) {
          List<Edge> path = new ArrayList<>(List.of(edge));
          for (int at = node; at != start; at = from.get(at)) {
            path.add(0, via.get(at));
          }
          return Optional.of(path);
        }
        if (!via.containsKey(edge.to())) {
          via.put(edge.to(), edge);
          from.put(edge.to(), node);
          queue.add(edge.to());
        }
      }
    }
    return Optional.empty();
  }

  private void reportCycle(int start, List<Edge> cycle) {
    List<String> names = new ArrayList<>(List.of(environments.get(start).name()));
    List<String> defaults = new ArrayList<>();
    int at = start;
    for (Edge edge : cycle) {
      String to = environments.get(edge.to()).name();
      names.add(to);
      if (edge.item() == null) {
        defaults.add(environments.get(at).name() + " -> " + to);
      }
      at = edge.to();
    }
    String rule =
        "forms a cycle: "
            + shortened(names)
            + ", so none of these "
            + noun.one()
            + "s can be deployed";
    String fix = "Remove one of these dependencies.";
    if (!defaults.isEmpty()) {
      String which;
      if (defaults.size() == 1) {
        which = defaults.get(0) + " is a default dependency";
      } else if (defaults.size() <= MAX_DEFAULTS_LISTED) {
        which =
            String.join(", ", defaults.subList(0, defaults.size() - 1))
                + " and "
                + defaults.get(defaults.size() - 1)
                + " are default dependencies";
      } else {
        which = defaults.size() + " of these are default dependencies";
      }
      rule +=
          "; " + which + " (" + noun.article() + " without dependsOn depends on the one before it)";
      fix =
          "Remove one of these dependencies; to break a default one, give that "
              + noun.one()
              + " its own dependsOn.";
    }
    // The first environment of a component in file order cannot have a default dependency in it,
    // because the environment before it is not in the component; so the first edge is an item.
    Item first = cycle.get(0).item();
    if (first == null) {
      throw new IllegalStateException("a cycle starts with a default dependency");
    }
    report(first, rule, fix);
  }

  /**
   * Joins the names of a cycle with {@code " -> "}; a long cycle shows its first and last {@value
   * #MAX_CYCLE_ENDS} steps and how many are left out between them.
   */
  private static String shortened(List<String> names) {
    if (names.size() <= 2 * MAX_CYCLE_ENDS + 1) {
      return String.join(" -> ", names);
    }
    int left = names.size() - 2 * MAX_CYCLE_ENDS;
    return String.join(" -> ", names.subList(0, MAX_CYCLE_ENDS))
        + " -> ... ("
        + left
        + " more) -> "
        + String.join(" -> ", names.subList(names.size() - MAX_CYCLE_ENDS, names.size()));
  }

  /**
   * Labels every environment with its strongly connected component, by Tarjan's algorithm without
   * recursion (a chain of default dependencies is as deep as the file is long).
   */
  private static int[] components(List<List<Edge>> edges) {
    int count = edges.size();
    int[] index = new int[count];
    int[] low = new int[count];
    int[] component = new int[count];
    int[] nextEdge = new int[count];
    boolean[] onStack = new boolean[count];
    Arrays.fill(index, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    Deque<Integer> calls = new ArrayDeque<>();
    int counter = 0;
    int components = 0;
    for (int root = 0; root < count; root++) {
      if (index[root] != -1) {
        continue;
      }
      calls.push(root);
      while (!calls.isEmpty()) {
        int node = calls.peek();
        if (index[node] == -1) {
          index[node] = counter;
          low[node] = counter;
          counter++;
          stack.push(node);
          onStack[node] = true;
        }
        List<Edge> out = edges.get(node);
        if (nextEdge[node] < out.size()) {
          int next = out.get(nextEdge[node]++).to();
          if (index[next] == -1) {
            calls.push(next);
          } else if (onStack[next]) {
            low[node] = Math.min(low[node], index[next]);
          }
          continue;
        }
        calls.pop();
        if (!calls.isEmpty()) {
          int parent = calls.peek();
          low[parent] = Math.min(low[parent], low[node]);
        }
        if (low[node] == index[node]) {
          int member;
          do {
            member = stack.pop();
            onStack[member] = false;
            component[member] = components;
          } while (member != node);
          components++;
        }
      }
    }
    return component;
  }

  private void report(Item item, String rule, String fix) {
    problems.add(item.line(), source.location(item.line(), item.path()), item.name(), rule, fix);
  }
}
