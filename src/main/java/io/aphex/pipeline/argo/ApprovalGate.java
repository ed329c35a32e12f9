package io.aphex.pipeline.argo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manual approval before an environment's deployment ({@code requiresApproval: true}): a
 * suspend task {@code approve-<env>} that waits until someone resumes it. Its start and finish
 * times are the request and the approval; its output parameter {@code approver} records who
 * approved. There are three ways to resume it:
 *
 * <ul>
 *   <li>the Argo UI's Resume button, whose form asks for the {@code approver};
 *   <li>{@code argo node set <workflow> --output-parameter approver=<name> --phase Succeeded
 *       --node-field-selector displayName=approve-<env>};
 *   <li>{@code argo resume <workflow> --node-field-selector displayName=approve-<env>}, which
 *       records {@value #UNNAMED}.
 * </ul>
 *
 * <p>The template follows argo-workflows {@code docs/intermediate-inputs.md}: the UI's resume form
 * ({@code ui/src/workflows/components/workflow-details/workflow-details.tsx}) lists the suspend
 * node's <em>input</em> parameters, prefilled with their value or default, and submits every one of
 * them as an <em>output</em> parameter; the server ({@code workflow/util/util.go} {@code
 * updateSuspendedNode}) refuses an output the node does not declare with {@code valueFrom.supplied}
 * ("node is not expecting output parameter"). So the template's only input is {@code approver},
 * with a default so that the form always submits a value, and {@code approver} is also a supplied
 * output. The environment is in the task's name, not an input.
 */
final class ApprovalGate {

  /** The name of the reusable suspend template. */
  static final String TEMPLATE = "approve";

  /** The input and supplied output parameter that records who approved. */
  static final String APPROVER = "approver";

  /** What the output shows when the workflow was resumed without a name. */
  static final String UNNAMED = "(resumed without a name)";

  private ApprovalGate() {}

  /**
   * The approval task of one environment.
   *
   * @param environment the environment name
   * @param after the tasks the deployment would otherwise wait for
   * @return the task {@code approve-<environment>}, without arguments
   */
  static DagTask task(String environment, List<String> after) {
    return new DagTask(
        "approve-" + InertText.requireInert("environment name", environment),
        TEMPLATE,
        after,
        Map.of(),
        false);
  }

  /**
   * The task before an approval gate that reports it ({@link Reporting}): the environment's commit
   * status becomes pending "Waiting for approval" and the approval notification goes out. It runs
   * the {@value Reporting#TEMPLATE} template and never stops the DAG.
   *
   * @param environment the environment name
   * @param after the tasks the approval would otherwise wait for
   * @return the task {@code request-approval-<environment>}
   */
  static DagTask requestTask(String environment, List<String> after) {
    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put("event", "approval");
    arguments.put("environment", InertText.requireInert("environment name", environment));
    return new DagTask(
        "request-approval-" + environment, Reporting.TEMPLATE, after, arguments, true);
  }

  /**
   * The suspend template, included once when at least one environment needs approval.
   *
   * @return the template {@value #TEMPLATE}: input {@value #APPROVER} with default {@value
   *     #UNNAMED}, output {@value #APPROVER} supplied when resuming, with the same default
   */
  static Map<String, Object> template() {
    Map<String, Object> input =
        Map.of(
            "name", APPROVER,
            "default", UNNAMED,
            "description", "Your name, recorded as the approver of this deployment");
    Map<String, Object> output =
        Map.of("name", APPROVER, "valueFrom", Map.of("supplied", Map.of(), "default", UNNAMED));
    return Map.of(
        "name", TEMPLATE,
        "inputs", Map.of("parameters", List.of(input)),
        "suspend", Map.of(),
        "outputs", Map.of("parameters", List.of(output)));
  }
}
