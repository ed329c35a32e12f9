package io.aphex.pipeline.argo;

import io.aphex.pipeline.kubernetes.TargetsCleanupRbac;
import java.util.List;
import java.util.Map;

/**
 * The workflow's exit handler {@value #TEMPLATE}, which keeps the pipeline's targets ConfigMaps
 * ({@link PipelineTargets}) from piling up: each config change creates a new, content-named
 * ConfigMap and the component keeps the old one for the workflows that still read it. At the end of
 * every workflow, this step deletes the ones no workflow can read any more: it keeps the one the
 * WorkflowTemplate names, those named by a workflow that has not succeeded (running, waiting for an
 * approval, or failed and so retryable; the ending workflow counts only when it failed), and one
 * created after the current one within {@value #GRACE_SECONDS} seconds (a {@code pulumi up} creates
 * the new ConfigMap a moment before it points the template at it). It finds them by their labels
 * ({@link PipelineTargets#selector}) and name prefix, and runs as its own ServiceAccount ({@link
 * TargetsCleanupRbac}), never as the stage pods' one.
 */
final class TargetsCleanup {

  /** The name of the exit-handler template. */
  static final String TEMPLATE = Stage.CLEANUP_TARGETS.templateName();

  /** How long a ConfigMap newer than the current one is kept for a pulumi up in progress. */
  static final int GRACE_SECONDS = 3600;

  private TargetsCleanup() {}

  /**
   * The exit-handler template: the deployer image (which needs {@code kubectl}), small resources,
   * no retries (the next workflow's cleanup catches up) and the pod security of every stage.
   *
   * @param settings the WorkflowTemplate settings
   * @return the template {@value #TEMPLATE}
   */
  static Map<String, Object> template(WorkflowTemplateSettings settings) {
    EnvVars env =
        new EnvVars()
            .literal("APHEX_TEMPLATE_NAME", settings.name())
            .literal("APHEX_TARGETS_SELECTOR", PipelineTargets.selector(settings))
            .literal("APHEX_TARGETS_PREFIX", PipelineTargets.namePrefix(settings.name()))
            .literal("APHEX_GRACE_SECONDS", Integer.toString(GRACE_SECONDS))
            .workflow("APHEX_WORKFLOW_NAME", "name")
            .workflow("APHEX_WORKFLOW_STATUS", "status");
    Map<String, Object> container =
        Map.of(
            "image", InertText.requireInert("image of " + TEMPLATE, settings.deployerImage()),
            "command", List.of("/bin/bash", "-c"),
            "args", List.of(StageScripts.script(Stage.CLEANUP_TARGETS, false, true)),
            "env", env.toList(),
            "resources", StageTemplates.resources(StageTemplates.SMALL_POD),
            "securityContext", settings.podSecurity().containerSecurityContext());
    String timeout = Integer.toString(Stage.CLEANUP_TARGETS.timeoutSeconds());
    return Map.of(
        "name", TEMPLATE,
        "activeDeadlineSeconds", timeout,
        "serviceAccountName", TargetsCleanupRbac.name(settings.name()),
        "container", container);
  }
}
