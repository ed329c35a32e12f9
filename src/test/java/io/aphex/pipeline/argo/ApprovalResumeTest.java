package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.WorkflowTemplateView.cast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Replays the three ways to approve against the generated {@code approve} template, with the rules
 * of the Argo UI and server turned into code:
 *
 * <ul>
 *   <li>the UI's Resume button (argo-workflows {@code
 *       ui/src/workflows/components/workflow-details/workflow-details.tsx}: {@code
 *       getInputParametersForNode}, {@code getParametersAsJsonString}, {@code
 *       updateOutputParametersForNodeIfRequired}): the form lists the suspend node's input
 *       parameters, prefilled with their value (an enum's default), and submits every one of them
 *       by name as output parameters to {@code set}, then calls {@code resume};
 *   <li>{@code argo node set --output-parameter name=value}: the same {@code set} call;
 *   <li>{@code argo resume}: {@code workflow/util/util.go} {@code ResumeWorkflow}, which gives each
 *       supplied output that is still unset its {@code valueFrom.default}, or fails.
 * </ul>
 *
 * {@code set} is {@code workflow/util/util.go} {@code updateSuspendedNode}: it refuses an output
 * the node does not declare with {@code valueFrom.supplied}, and a call that changes nothing.
 */
class ApprovalResumeTest {

  private final WorkflowTemplateView view =
      new WorkflowTemplateView(
          WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), withApproval()));
  private final Map<String, Object> approve = view.template(ApprovalGate.TEMPLATE);

  @Test
  void theUiFormAsksForTheApproverAndRecordsTheNameTyped() {
    SuspendNode node = SuspendNode.start(approve, taskArguments());

    Map<String, String> form = Ui.form(node);
    assertThat(form).containsExactly(Map.entry("approver", ApprovalGate.UNNAMED));
    form.put("approver", "alice@example.com");
    Ui.resume(node, form);

    assertThat(node.outputs).containsExactly(Map.entry("approver", "alice@example.com"));
  }

  @Test
  void theUiFormSubmittedUntouchedStillApproves() {
    SuspendNode node = SuspendNode.start(approve, taskArguments());

    Ui.resume(node, Ui.form(node));

    assertThat(node.outputs).containsExactly(Map.entry("approver", ApprovalGate.UNNAMED));
  }

  @Test
  void argoNodeSetRecordsTheNameAndArgoResumeTheDefault() {
    SuspendNode set = SuspendNode.start(approve, taskArguments());
    Server.set(set, Map.of("approver", "bob"));
    Server.resume(set);
    SuspendNode resumed = SuspendNode.start(approve, taskArguments());
    Server.resume(resumed);

    assertThat(set.outputs).containsExactly(Map.entry("approver", "bob"));
    assertThat(resumed.outputs).containsExactly(Map.entry("approver", ApprovalGate.UNNAMED));
    assertThatThrownBy(
            () ->
                Server.set(SuspendNode.start(approve, taskArguments()), Map.of("approved", "bob")))
        .hasMessage("node is not expecting output parameter 'approved'");
  }

  @Test
  void everyInputOfTheTemplateIsASuppliedOutputWithADefault() {
    List<Map<String, Object>> inputs = parameters(approve, "inputs");
    List<Map<String, Object>> outputs = parameters(approve, "outputs");

    assertThat(inputs).allSatisfy(input -> assertThat(input).containsKey("default"));
    assertThat(inputs)
        .extracting(input -> input.get("name"))
        .allSatisfy(
            name ->
                assertThat(outputs)
                    .anySatisfy(
                        output -> {
                          assertThat(output.get("name")).isEqualTo(name);
                          Map<String, Object> valueFrom = cast(output.get("valueFrom"));
                          assertThat(valueFrom).containsKeys("supplied", "default");
                        }));
  }

  /** The predecessor's shape, an input the node does not also declare as output: the UI fails. */
  @Test
  void anInputThatIsNotASuppliedOutputMakesEveryUiApprovalFail() {
    Map<String, Object> old = new LinkedHashMap<>(approve);
    old.put("inputs", Map.of("parameters", List.of(Map.of("name", "environment"))));
    SuspendNode node = SuspendNode.start(old, Map.of("environment", "prod"));

    assertThatThrownBy(() -> Ui.resume(node, Ui.form(node)))
        .hasMessage("node is not expecting output parameter 'environment'");
    assertThat(node.phase).isEqualTo("Running");
  }

  /** The arguments the DAG task {@code approve-prod} passes to the template: none. */
  private Map<String, String> taskArguments() {
    return WorkflowTemplateView.arguments(view.task("approve-prod"));
  }

  private static List<Map<String, Object>> parameters(Map<String, Object> template, String kind) {
    Map<String, Object> section = cast(template.get(kind));
    return cast(section.get("parameters"));
  }

  private static PipelineConfig withApproval() {
    StackDefinition stack = new StackDefinition("AppStack", "lib/app.ts");
    return new PipelineConfig(
        "1.0",
        List.of("make"),
        List.of(
            new EnvironmentConfig(
                "prod",
                "us-east-1",
                "222222222222",
                List.of(stack),
                List.of(),
                Optional.empty(),
                true,
                Optional.empty())));
  }

  /** A suspend node as the controller creates it: inputs resolved, outputs declared, unset. */
  private static final class SuspendNode {
    final Map<String, String> inputs = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> declaredOutputs = new LinkedHashMap<>();
    final Map<String, String> outputs = new LinkedHashMap<>();
    String phase = "Running";

    /** An input takes the task's argument, else its default; without either the node fails. */
    static SuspendNode start(Map<String, Object> template, Map<String, String> arguments) {
      SuspendNode node = new SuspendNode();
      if (template.get("inputs") != null) {
        for (Map<String, Object> input : parameters(template, "inputs")) {
          String name = (String) input.get("name");
          String value = arguments.getOrDefault(name, (String) input.get("default"));
          if (value == null) {
            throw new IllegalStateException("inputs.parameters." + name + " was not supplied");
          }
          node.inputs.put(name, value);
        }
      }
      if (template.get("outputs") != null) {
        for (Map<String, Object> output : parameters(template, "outputs")) {
          node.declaredOutputs.put((String) output.get("name"), output);
        }
      }
      return node;
    }
  }

  /** The UI's resume form. */
  private static final class Ui {
    /** One field per input parameter, prefilled with its value (JSON.stringify drops none). */
    static Map<String, String> form(SuspendNode node) {
      return new LinkedHashMap<>(node.inputs);
    }

    /** {@code set} with every field as an output parameter when there are fields, then resume. */
    static void resume(SuspendNode node, Map<String, String> form) {
      if (!form.isEmpty()) {
        Server.set(node, form);
      }
      Server.resume(node);
    }
  }

  /** The server's rules. */
  private static final class Server {
    /** {@code updateSuspendedNode} with output parameters only. */
    static void set(SuspendNode node, Map<String, String> outputParameters) {
      if (outputParameters.isEmpty()) {
        throw new IllegalStateException(
            "currently, set only targets suspend nodes: no suspend nodes matching");
      }
      if (node.declaredOutputs.isEmpty()) {
        throw new IllegalStateException(
            "cannot set output parameters because node is not expecting any raw parameters");
      }
      for (Map.Entry<String, String> parameter : outputParameters.entrySet()) {
        Map<String, Object> declared = node.declaredOutputs.get(parameter.getKey());
        if (declared == null) {
          throw new IllegalStateException(
              "node is not expecting output parameter '" + parameter.getKey() + "'");
        }
        Map<String, Object> valueFrom = cast(declared.get("valueFrom"));
        if (valueFrom == null
            || !valueFrom.containsKey("supplied")
            || node.outputs.containsKey(parameter.getKey())) {
          throw new IllegalStateException(
              "cannot set output parameter '"
                  + parameter.getKey()
                  + "' because it does not use valueFrom.raw or it was already set");
        }
        node.outputs.put(parameter.getKey(), parameter.getValue());
      }
    }

    /** {@code ResumeWorkflow}: unset supplied outputs take their default, or resuming fails. */
    static void resume(SuspendNode node) {
      node.declaredOutputs.forEach(
          (name, declared) -> {
            Map<String, Object> valueFrom = cast(declared.get("valueFrom"));
            if (!node.outputs.containsKey(name) && valueFrom.containsKey("supplied")) {
              Object fallback = valueFrom.get("default");
              if (fallback == null) {
                throw new IllegalStateException(
                    "raw output parameter '"
                        + name
                        + "' has not been set and does not have a default value");
              }
              node.outputs.put(name, (String) fallback);
            }
          });
      node.phase = "Succeeded";
    }
  }
}
