package io.aphex.pipeline.review;

import static io.aphex.pipeline.review.MarkdownText.cell;
import static io.aphex.pipeline.review.MarkdownText.code;
import static io.aphex.pipeline.review.MarkdownText.plain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    out.append("# Pipeline " + code(view.templateName()) + "\n\n");
    out.append("**Promotion order:** " + plain(PromotionLine.of(view)) + "\n\n");
    out.append("```mermaid\n").append(MermaidDiagram.of(view)).append("```\n");
    for (PipelineView.Environment environment : view.environments()) {
      out.append("\n## " + plain(environment.name()) + "\n\n| | |\n|---|---|\n");
      row(out, "Region", cell(environment.region()));
      row(out, "Account", cell(environment.account()));
      row(
          out,
          "Role",
          environment
              .deployRole()
              .map(role -> "stages run as " + cell(role))
              .orElse(
                  "`cdk deploy` uses the CDK bootstrap roles of "
                      + cell(environment.account())
                      + " in "
                      + cell(environment.region())
                      + "; `validate` checks "
                      + cell(environment.checkRole())));
      row(
          out,
          "Approval",
          environment.approval()
              ? "required: " + cell("approve-" + environment.name()) + " waits"
              : "none");
      row(out, "Runs after", cells(waitsFor(view, environment), ", ", "nothing"));
      row(out, "Tests", cells(environment.tests(), "<br>", "none"));
      out.append("\n| Level | Stack | Engine | Path |\n|---|---|---|---|\n");
      for (int l = 0; l < environment.levels().size(); l++) {
        for (PipelineView.Stack stack : environment.levels().get(l)) {
          String stackCells = cells(List.of(stack.name(), stack.engine(), stack.path()), " | ", "");
          out.append("| " + (l + 1) + " | " + stackCells + " |\n");
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
              out.append("| " + cell(image) + " | " + cells(stages, ", ", "") + " |\n"));
    }
    return out.toString();
  }

  /** The environments it waits for, or the first stages when it waits for none. */
  private static List<String> waitsFor(PipelineView view, PipelineView.Environment environment) {
    if (!environment.after().isEmpty()) {
      return environment.after();
    }
    return view.tasks().stream()
        .filter(
            t ->
                t.environment().equals(Optional.of(environment.name()))
                    && (t.template().equals("approve") || t.template().equals("deploy")))
        .findFirst()
        .map(PipelineView.Task::dependencies)
        .orElse(List.of());
  }

  /** The texts as table cells, joined; {@code none} when there are none. */
  private static String cells(List<String> texts, String separator, String none) {
    return texts.isEmpty()
        ? none
        : String.join(separator, texts.stream().map(MarkdownText::cell).toList());
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("| " + name + " | " + value + " |\n");
  }
}
