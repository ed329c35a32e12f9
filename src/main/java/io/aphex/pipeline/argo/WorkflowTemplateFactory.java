package io.aphex.pipeline.argo;

import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.ObjectMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the Argo {@code WorkflowTemplate} of a pipeline from its config. Pure and
 * deterministic: the same settings and config always give an equal object. Its maps have no field
 * order (neither has a Kubernetes object; the render sorts the keys); its lists keep theirs.
 *
 * <p>The template holds one DAG, {@code main}, and exactly one reusable template per stage kind
 * ({@code build}, {@code pipeline-deployment}, {@code validate}, {@code deploy}, {@code test}), so
 * it grows by two small DAG tasks per environment rather than by a copy of a script. The tasks pass
 * only the environment's name; what it deploys is in the pipeline's targets ConfigMap ({@link
 * PipelineTargets}), which the component creates beside the template. Stage scripts read all their
 * data from environment variables; user commands travel as JSON and are never pasted into a script.
 *
 * <p>Every stage pod gets the pod-level {@code spec.securityContext} and every stage container the
 * container {@code securityContext} of {@link PodSecurity}, hardened by default.
 *
 * <p>Every workflow ends with the exit handler of {@link TargetsCleanup}, which deletes the targets
 * ConfigMaps no workflow can read any more; with {@link Reporting}, the exit handler {@value
 * #EXIT_HANDLER} runs it beside the final report.
 *
 * <p>Per-pipeline workflow settings live on the template itself: pod garbage collection, a TTL for
 * finished workflows, and log archiving to the pipeline's own {@link ArtifactRepository}. Nothing
 * cluster-wide is read or changed.
 */
public final class WorkflowTemplateFactory {

  /**
   * The parameters every workflow run receives, in order. Only {@code commit-sha} and {@code
   * repo-url} are read by the stages.
   */
  public static final List<String> WORKFLOW_PARAMETERS =
      List.of("commit-sha", "branch", "repo-url", "repo-name", "pusher");

  private WorkflowTemplateFactory() {}

  /**
   * Builds the WorkflowTemplate.
   *
   * @param settings names, labels, images, role, bucket, self-update and pod security settings
   * @param config the validated pipeline config
   * @return the {@code argoproj.io/v1alpha1} {@code WorkflowTemplate}
   * @throws IllegalArgumentException when a value that becomes a literal in the template contains
   *     <code>{{</code> or {@code $}, or the pod security settings are invalid ({@link
   *     PodSecurity#validate(PodSecurity)})
   */
  public static KubernetesObject build(WorkflowTemplateSettings settings, PipelineConfig config) {
    boolean reporting = settings.reporting().isPresent();
    List<Map<String, Object>> templates = new ArrayList<>();
    templates.add(MainDag.template(config, reporting));
    templates.addAll(StageTemplates.all(settings, config));
    templates.add(TargetsCleanup.template(settings));
    Map<String, Object> spec = new HashMap<>();
    if (reporting) {
      templates.add(exitHandler());
      spec.put("hooks", reportingHooks());
      spec.put("metrics", PipelineMetrics.workflow(settings.reporting().get().pipeline()));
    }
    spec.putAll(
        Map.of(
            "serviceAccountName", settings.serviceAccountName(),
            "securityContext", settings.podSecurity().podSecurityContext(),
            "entrypoint", "main",
            "onExit", reporting ? EXIT_HANDLER : TargetsCleanup.TEMPLATE,
            "arguments",
                Map.of(
                    "parameters",
                    WORKFLOW_PARAMETERS.stream().map(name -> Map.of("name", name)).toList()),
            "archiveLogs", true,
            "artifactRepositoryRef", ArtifactRepository.reference(settings.name()),
            "podGC", Map.of("strategy", "OnPodSuccess"),
            // Finished workflows stay a week, failed ones two, to leave time for debugging.
            "ttlStrategy",
                Map.of("secondsAfterSuccess", 7 * 24 * 3600, "secondsAfterFailure", 14 * 24 * 3600),
            "templates", templates));
    return new KubernetesObject(
        "argoproj.io/v1alpha1",
        "WorkflowTemplate",
        ObjectMetadata.of(settings.name(), settings.namespace(), settings.labels()),
        Map.of("spec", spec));
  }

  /** The exit handler of a pipeline with reporting: the targets cleanup and the final report. */
  static final String EXIT_HANDLER = "on-exit";

  /**
   * The workflow's lifecycle hook that reports its start (argo-workflows {@code
   * docs/lifecyclehook.md}): {@code running} fires once, when <code>workflow.status == "Running"
   * </code>. Its end is reported by the exit handler, not by a {@code hooks.exit}: the workflow has
   * one exit handler ({@code GetExitHook} in the controller prefers {@code onExit}), which the
   * targets cleanup needs too.
   */
  private static Map<String, Object> reportingHooks() {
    return Map.of(
        "running",
        Map.of(
            "expression",
            "workflow.status == \"Running\"",
            "template",
            Reporting.TEMPLATE,
            "arguments",
            DagTask.arguments(Map.of("event", "start"))));
  }

  /**
   * The exit handler {@value #EXIT_HANDLER}: the targets cleanup and the final report side by side.
   * {@code workflow.status} and {@code workflow.failures} are set in an exit handler
   * (argo-workflows {@code docs/variables.md}, "Exit Handler"); the report step continues on
   * failure and error, so that reporting never fails the workflow.
   */
  private static Map<String, Object> exitHandler() {
    Map<String, String> exitArguments = new LinkedHashMap<>();
    exitArguments.put("event", "exit");
    exitArguments.put("status", "{{workflow.status}}");
    exitArguments.put("failures", "{{workflow.failures}}");
    Map<String, Object> cleanup =
        Map.of("name", TargetsCleanup.TEMPLATE, "template", TargetsCleanup.TEMPLATE);
    Map<String, Object> report =
        Map.of(
            "name", Reporting.TEMPLATE,
            "template", Reporting.TEMPLATE,
            "arguments", DagTask.arguments(exitArguments),
            "continueOn", DagTask.CONTINUE_ON_FAILURE);
    return Map.of("name", EXIT_HANDLER, "steps", List.of(List.of(cleanup, report)));
  }
}
