package io.aphex.pipeline.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code pipeline.md}: the promotion order in one line, the {@link MermaidDiagram} in a
 * {@code mermaid} block (GitHub draws it), then a table per environment (region, account, the role
 * its stages use, approval, what it waits for, tests) with its stacks in deployment order, and the
 * image of each stage.
 */
public final class PipelineMarkdown {

  private PipelineMarkdown() {}

  /**
   * Writes the document.
   *
   * @param view the pipeline
   * @return the Markdown text, ending with a newline
   */
  public static String of(PipelineView view) {
    StringBuilder out = new StringBuilder();
    out.append("# Pipeline ").append(MarkdownText.code(view.templateName())).append("\n\n");
    out.append("**Promotion order:** ")
        .append(MarkdownText.plain(PromotionLine.of(view)))
        .append("\n\n");
    out.append("```mermaid\n").append(MermaidDiagram.of(view)).append("```\n");
    for (PipelineView.Environment environment : view.environments()) {
      out.append("\n## ").append(MarkdownText.plain(environment.name())).append("\n\n");
      out.append("| | |\n|---|---|\n");
      row(out, "Region", MarkdownText.cell(environment.region()));
      row(out, "Account", MarkdownText.cell(environment.account()));
      row(
          out,
          "Role",
          environment
              .deployRole()
              .map(role -> "stages run as " + MarkdownText.cell(role))
              .orElse(
                  "`cdk deploy` uses the CDK bootstrap roles of "
                      + MarkdownText.cell(environment.account())
                      + " in "
                      + MarkdownText.cell(environment.region())
                      + "; `validate` checks "
                      + MarkdownText.cell(environment.checkRole())));
      row(
          out,
          "Approval",
          environment.approval()
              ? "required: " + MarkdownText.cell("approve-" + environment.name()) + " waits"
              : "none");
      row(out, "Runs after", waitsFor(view, environment));
      row(
          out,
          "Tests",
          environment.tests().isEmpty()
              ? "none"
              : String.join("<br>", environment.tests().stream().map(MarkdownText::cell).toList()));
      out.append("\n| Level | Stack | Engine | Path |\n|---|---|---|---|\n");
      for (int l = 0; l < environment.levels().size(); l++) {
        for (PipelineView.Stack stack : environment.levels().get(l)) {
          out.append("| ")
              .append(l + 1)
              .append(" | ")
              .append(MarkdownText.cell(stack.name()))
              .append(" | ")
              .append(MarkdownText.cell(stack.engine()))
              .append(" | ")
              .append(MarkdownText.cell(stack.path()))
              .append(" |\n");
        }
      }
    }
    Map<String, List<String>> stagesByImage = new LinkedHashMap<>();
    view.images()
        .forEach(
            (stage, image) ->
                stagesByImage.computeIfAbsent(image, i -> new ArrayList<>()).add(stage));
    if (!stagesByImage.isEmpty()) {
      out.append("\n## Images\n\n| Image | Stages |\n|---|---|\n");
      stagesByImage.forEach(
          (image, stages) ->
              out.append("| ")
                  .append(MarkdownText.cell(image))
                  .append(" | ")
                  .append(String.join(", ", stages.stream().map(MarkdownText::cell).toList()))
                  .append(" |\n"));
    }
    return out.toString();
  }

  /** The environments it waits for, or the first stages when it waits for none. */
  private static String waitsFor(PipelineView view, PipelineView.Environment environment) {
    List<String> names =
        environment.after().isEmpty()
            ? view.tasks().stream()
                .filter(
                    t ->
                        t.environment().equals(java.util.Optional.of(environment.name()))
                            && (t.template().equals("approve") || t.template().equals("deploy")))
                .findFirst()
                .map(PipelineView.Task::dependencies)
                .orElse(List.of())
            : environment.after();
    return names.isEmpty()
        ? "nothing"
        : String.join(", ", names.stream().map(MarkdownText::cell).toList());
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }
}
