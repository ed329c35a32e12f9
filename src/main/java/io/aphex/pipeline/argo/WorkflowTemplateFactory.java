package io.aphex.pipeline.argo;

import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.ObjectMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the Argo {@code WorkflowTemplate} of a pipeline from its config. Pure and
 * deterministic: the same settings and config always give an equal object with the same field
 * order.
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

  /** How long a succeeded workflow is kept: 7 days. */
  public static final int SUCCEEDED_WORKFLOW_TTL_SECONDS = 7 * 24 * 3600;

  /** How long a failed workflow is kept: 14 days. */
  public static final int FAILED_WORKFLOW_TTL_SECONDS = 14 * 24 * 3600;

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
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (String parameter : WORKFLOW_PARAMETERS) {
      parameters.add(Map.of("name", parameter));
    }
    List<Map<String, Object>> templates = new ArrayList<>();
    templates.add(MainDag.template(config, settings.reporting().isPresent()));
    templates.addAll(StageTemplates.all(settings, config));
    templates.add(TargetsCleanup.template(settings));
    if (settings.reporting().isPresent()) {
      templates.add(exitHandler());
    }

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("serviceAccountName", settings.serviceAccountName());
    spec.put("securityContext", settings.podSecurity().podSecurityContext());
    spec.put("entrypoint", "main");
    spec.put("onExit", settings.reporting().isPresent() ? EXIT_HANDLER : TargetsCleanup.TEMPLATE);
    spec.put("arguments", Map.of("parameters", parameters));
    spec.put("archiveLogs", true);
    spec.put("artifactRepositoryRef", ArtifactRepository.reference(settings.name()));
    spec.put("podGC", Map.of("strategy", "OnPodSuccess"));
    spec.put("ttlStrategy", ttlStrategy());
    settings
        .reporting()
        .ifPresent(
            reporting -> {
              spec.put("hooks", reportingHooks());
              spec.put("metrics", PipelineMetrics.workflow(reporting.pipeline()));
            });
    spec.put("templates", templates);
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
    Map<String, Object> running = new LinkedHashMap<>();
    running.put("expression", "workflow.status == \"Running\"");
    running.put("template", Reporting.TEMPLATE);
    running.put("arguments", DagTask.arguments(Map.of("event", "start")));
    return Map.of("running", running);
  }

  /**
   * The exit handler {@value #EXIT_HANDLER}: the targets cleanup and the final report side by side.
   * {@code workflow.status} and {@code workflow.failures} are set in an exit handler
   * (argo-workflows {@code docs/variables.md}, "Exit Handler"); the report step continues on
   * failure and error, so that reporting never fails the workflow.
   */
  private static Map<String, Object> exitHandler() {
    Map<String, Object> cleanup = new LinkedHashMap<>();
    cleanup.put("name", TargetsCleanup.TEMPLATE);
    cleanup.put("template", TargetsCleanup.TEMPLATE);
    Map<String, String> exitArguments = new LinkedHashMap<>();
    exitArguments.put("event", "exit");
    exitArguments.put("status", "{{workflow.status}}");
    exitArguments.put("failures", "{{workflow.failures}}");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("name", Reporting.TEMPLATE);
    report.put("template", Reporting.TEMPLATE);
    report.put("arguments", DagTask.arguments(exitArguments));
    report.put("continueOn", DagTask.continueOnFailure());
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("name", EXIT_HANDLER);
    template.put("steps", List.of(List.of(cleanup, report)));
    return template;
  }

  /** Finished workflows stay a week (failures two, to leave time for debugging). */
  private static Map<String, Object> ttlStrategy() {
    Map<String, Object> ttl = new LinkedHashMap<>();
    ttl.put("secondsAfterSuccess", SUCCEEDED_WORKFLOW_TTL_SECONDS);
    ttl.put("secondsAfterFailure", FAILED_WORKFLOW_TTL_SECONDS);
    return ttl;
  }

  /**
   * Returns the names of the DAG tasks, in the order they appear in the template: {@code build},
   * {@code pipeline-deployment}, {@code validate} (each unless turned off), then per environment
   * {@code approve-<env>} (with approval), {@code deploy-<env>} and, with tests, {@code
   * test-<env>}.
   *
   * @param config the pipeline config
   * @return the task names
   */
  public static List<String> stageNames(PipelineConfig config) {
    return MainDag.tasks(config).stream().map(DagTask::name).toList();
  }

  /**
   * Returns the names of the DAG tasks of a template built with the given settings: those of {@link
   * #stageNames(PipelineConfig)}, with a {@code request-approval-<env>} task before each approval
   * gate when the settings have {@link WorkflowTemplateSettings#reporting()}.
   *
   * @param settings the template settings
   * @param config the pipeline config
   * @return the task names
   */
  public static List<String> stageNames(WorkflowTemplateSettings settings, PipelineConfig config) {
    return MainDag.tasks(config, settings.reporting().isPresent()).stream()
        .map(DagTask::name)
        .toList();
  }
}
