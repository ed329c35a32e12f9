package io.aphex.pipeline.review;

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
      String name = MermaidText.escape(task.name());
      PipelineView.Environment environment = task.environment().map(environments::get).orElse(null);
      switch (environment == null ? "" : task.template()) {
        case "approve" ->
            out.append("  ")
                .append(id)
                .append("{{\"")
                .append(name)
                .append("<br/>manual approval\"}}\n")
                .append("  class ")
                .append(id)
                .append(" approval\n");
        case "test" -> out.append("  ").append(id).append("([\"").append(name).append("\"])\n");
        case "deploy" -> deploy(out, text, id, task, environment);
        default -> out.append("  ").append(id).append("[\"").append(name).append("\"]\n");
      }
    }
    for (PipelineView.Task task : view.tasks()) {
      for (String dependency : task.dependencies()) {
        String from = ids.get(dependency);
        if (from != null) {
          out.append("  ").append(from).append(" --> ").append(ids.get(task.name())).append('\n');
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
    out.append("  subgraph ")
        .append(id)
        .append('[')
        .append(
            MermaidText.quote(
                task.name() + " · " + environment.region() + " · " + environment.account()))
        .append("]\n");
    List<List<PipelineView.Stack>> levels = environment.levels();
    String previous = null;
    for (int l = 0; l < levels.size(); l++) {
      String indent = "    ";
      String level = null;
      if (levels.size() > 1) {
        level = text.id("L", environment.name() + "_" + (l + 1));
        out.append(indent)
            .append("subgraph ")
            .append(level)
            .append("[\"level ")
            .append(l + 1)
            .append("\"]\n");
        indent = "      ";
      }
      for (PipelineView.Stack stack : levels.get(l)) {
        out.append(indent)
            .append(text.id("S", environment.name() + "_" + stack.name()))
            .append("[\"")
            .append(MermaidText.escape(stack.name()))
            .append("<br/>")
            .append(MermaidText.escape(stack.engine() + " · " + stack.path()))
            .append("\"]\n");
      }
      if (level != null) {
        out.append("    end\n");
        if (previous != null) {
          out.append("    ").append(previous).append(" -.-> ").append(level).append('\n');
        }
        previous = level;
      }
    }
    out.append("  end\n");
  }
}
