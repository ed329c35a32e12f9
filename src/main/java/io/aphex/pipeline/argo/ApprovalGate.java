package io.aphex.pipeline.argo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manual approval before an environment's deployment ({@code requiresApproval: true}): a
 * suspend task {@code approve-<env>} that waits until someone resumes it, with {@code argo resume
 * <workflow> --node-field-selector displayName=approve-<env>} or the Argo UI. Its start and finish
 * times are the request and the approval; the approver's name is its output parameter {@code
 * approver}, supplied when resuming through the UI or with {@code argo node set <workflow>
 * --output-parameter approver=<name> --phase Succeeded --node-field-selector
 * displayName=approve-<env>}.
 */
final class ApprovalGate {

  /** The name of the reusable suspend template. */
  static final String TEMPLATE = "approve";

  /** What the output shows when the workflow was resumed without a name. */
  static final String UNNAMED = "(resumed without a name)";

  private ApprovalGate() {}

  /**
   * The approval task of one environment.
   *
   * @param environment the environment name
   * @param after the tasks the deployment would otherwise wait for
   * @return the task {@code approve-<environment>}
   */
  static DagTask task(String environment, List<String> after) {
    return new DagTask(
        "approve-" + environment,
        TEMPLATE,
        after,
        Map.of("environment", InertText.requireInert("environment name", environment)));
  }

  /**
   * The suspend template, included once when at least one environment needs approval.
   *
   * @return the template {@value #TEMPLATE}
   */
  static Map<String, Object> template() {
    Map<String, Object> valueFrom = new LinkedHashMap<>();
    valueFrom.put("supplied", Map.of());
    valueFrom.put("default", UNNAMED);
    Map<String, Object> approver = new LinkedHashMap<>();
    approver.put("name", "approver");
    approver.put("valueFrom", valueFrom);
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("name", TEMPLATE);
    template.put("inputs", Map.of("parameters", List.of(Map.of("name", "environment"))));
    template.put("suspend", Map.of());
    template.put("outputs", Map.of("parameters", List.of(approver)));
    return template;
  }
}
