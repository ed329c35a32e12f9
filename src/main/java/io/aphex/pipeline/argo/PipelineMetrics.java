package io.aphex.pipeline.argo;

import java.util.List;
import java.util.Map;

/**
 * The Argo custom metrics of a pipeline with {@link Reporting}: one histogram per stage run and one
 * per workflow, each labelled with its result, so that one metric gives duration, frequency ({@code
 * _count}) and failure rate. Argo emits a template's metrics when its node completes, and the
 * workflow's when the workflow completes (argo-workflows {@code docs/metrics.md}, "Custom
 * metrics"); the variables used are those the docs list for metrics: {@code duration} and {@code
 * status} of the node, {@code workflow.duration} and {@code workflow.status}.
 *
 * <p>Labels stay few and bounded (pipeline, environment, stage, status): a label per workflow or
 * commit would make a new time series per run.
 */
final class PipelineMetrics {

  /** The per-stage histogram, exported by the controller as {@code argo_workflows_<name>}. */
  static final String STAGE_DURATION = "aphex_stage_duration_seconds";

  /** The per-workflow histogram, exported by the controller as {@code argo_workflows_<name>}. */
  static final String PIPELINE_DURATION = "aphex_pipeline_duration_seconds";

  /** The {@code environment} label of the stages that work for the whole pipeline. */
  static final String NO_ENVIRONMENT = "none";

  /** Stage buckets: 30 seconds to 2 hours, the longest stage timeout. */
  private static final List<Integer> STAGE_BUCKETS =
      List.of(30, 60, 120, 300, 600, 1200, 1800, 3600, 7200);

  /** Workflow buckets: 1 minute to a day, as a workflow includes its waits for approval. */
  private static final List<Integer> PIPELINE_BUCKETS =
      List.of(60, 300, 600, 1200, 1800, 3600, 7200, 14400, 43200, 86400);

  private PipelineMetrics() {}

  /**
   * The {@code metrics} of a stage template.
   *
   * @param pipeline the {@code pipeline} label
   * @param stage the stage; its template name is the {@code stage} label
   * @param environment the {@code environment} label: <code>{{inputs.parameters.environment}}
   *     </code> for a stage that works on one environment, {@value #NO_ENVIRONMENT} otherwise
   * @return {@code {prometheus: [histogram of {{duration}} labelled with {{status}}]}}
   */
  static Map<String, Object> stage(String pipeline, Stage stage, String environment) {
    return histogram(
        STAGE_DURATION,
        "Duration in seconds of an aphex-pipeline stage, by pipeline, environment, stage and result"
            + " (Succeeded, Failed, Error)",
        List.of(
            label("pipeline", pipeline),
            label("environment", environment),
            label("stage", stage.templateName()),
            label("status", "{{status}}")),
        "{{duration}}",
        STAGE_BUCKETS);
  }

  /**
   * The {@code metrics} of the workflow ({@code spec.metrics}).
   *
   * @param pipeline the {@code pipeline} label
   * @return {@code {prometheus: [histogram of {{workflow.duration}} labelled with
   *     {{workflow.status}}]}}
   */
  static Map<String, Object> workflow(String pipeline) {
    return histogram(
        PIPELINE_DURATION,
        "Duration in seconds of an aphex-pipeline workflow (one push), by pipeline and result"
            + " (Succeeded, Failed, Error)",
        List.of(label("pipeline", pipeline), label("status", "{{workflow.status}}")),
        "{{workflow.duration}}",
        PIPELINE_BUCKETS);
  }

  private static Map<String, Object> label(String key, String value) {
    return Map.of("key", key, "value", value);
  }

  /** One histogram as the {@code metrics} of a template or workflow. */
  private static Map<String, Object> histogram(
      String name,
      String help,
      List<Map<String, Object>> labels,
      String value,
      List<Integer> buckets) {
    Map<String, Object> metric =
        Map.of(
            "name", name,
            "help", help,
            "labels", labels,
            "histogram", Map.of("value", value, "buckets", buckets));
    return Map.of("prometheus", List.of(metric));
  }
}
