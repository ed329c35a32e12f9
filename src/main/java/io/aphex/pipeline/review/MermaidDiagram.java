package io.aphex.pipeline.review;

import static io.aphex.pipeline.review.MermaidText.escape;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workflow as a Mermaid flowchart, which GitHub draws in Markdown. Every task of the DAG is a
 * node and every dependency a solid arrow ({@code -->}), exactly as the WorkflowTemplate has them.
 * An environment's {@code deploy-<env>} task is a box holding its stacks; with more than one level,
 * each level is a box of its own, the stacks in it deploy in parallel, and dotted arrows ({@code
 * -.->}) show the order of the levels. Approvals are hexagons, tests rounded.
 */
public final class MermaidDiagram {

  private MermaidDiagram() {}

  /**
   * Writes the flowchart.
   *
   * @param view the pipeline
   * @return the Mermaid text, without the Markdown fence, ending with a newline
   */
  public static String of(PipelineView view) {
    MermaidText text = new MermaidText();
    Map<String, String> ids = new HashMap<>();
    view.tasks().forEach(task -> ids.put(task.name(), text.id("T", task.name())));
    Map<String, PipelineView.Environment> environments = new HashMap<>();
    view.environments().forEach(e -> environments.putIfAbsent(e.name(), e));
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (PipelineView.Task task : view.tasks()) {
      String id = ids.get(task.name());
      String name = escape(task.name());
      PipelineView.Environment environment = task.environment().map(environments::get).orElse(null);
      switch (environment == null ? "" : task.template()) {
        case "approve" ->
            out.append("  " + id + "{{\"" + name + "<br/>manual approval\"}}\n")
                .append("  class " + id + " approval\n");
        case "test" -> out.append("  " + id + "([\"" + name + "\"])\n");
        case "deploy" -> deploy(out, text, id, task, environment);
        default -> out.append("  " + id + "[\"" + name + "\"]\n");
      }
    }
    for (PipelineView.Task task : view.tasks()) {
      for (String dependency : task.dependencies()) {
        String from = ids.get(dependency);
        if (from != null) {
          out.append("  " + from + " --> " + ids.get(task.name()) + "\n");
        }
      }
    }
    if (view.environments().stream().anyMatch(PipelineView.Environment::approval)) {
      out.append("  classDef approval fill:#fff3cd,stroke:#b58105\n");
    }
    return out.toString();
  }

  private static void deploy(
      StringBuilder out,
      MermaidText text,
      String id,
      PipelineView.Task task,
      PipelineView.Environment environment) {
    String label = task.name() + " · " + environment.region() + " · " + environment.account();
    out.append("  subgraph " + id + "[\"" + escape(label) + "\"]\n");
    List<List<PipelineView.Stack>> levels = environment.levels();
    String previous = null;
    for (int l = 0; l < levels.size(); l++) {
      String indent = "    ";
      String level = null;
      if (levels.size() > 1) {
        level = text.id("L", environment.name() + "_" + (l + 1));
        out.append(indent + "subgraph " + level + "[\"level " + (l + 1) + "\"]\n");
        indent = "      ";
      }
      for (PipelineView.Stack stack : levels.get(l)) {
        String node = text.id("S", environment.name() + "_" + stack.name());
        String about =
            escape(stack.name()) + "<br/>" + escape(stack.engine() + " · " + stack.path());
        out.append(indent + node + "[\"" + about + "\"]\n");
      }
      if (level != null) {
        out.append("    end\n");
        if (previous != null) {
          out.append("    " + previous + " -.-> " + level + "\n");
        }
        previous = level;
      }
    }
    out.append("  end\n");
  }
}
