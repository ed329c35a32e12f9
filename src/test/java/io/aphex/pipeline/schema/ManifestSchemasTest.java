package io.aphex.pipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves that {@link ManifestSchemas} both passes and fails, using the reference sample in {@code
 * shared/reference/original-sample}.
 */
// Pure: no Pulumi engine, no global state; runs beside the other classes.
@Execution(ExecutionMode.CONCURRENT)
class ManifestSchemasTest {

  private static final ManifestSchemas SCHEMAS = ManifestSchemas.get();
  private static final Path SAMPLE = SampleConfigs.predecessorSample();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOT_DEFINED =
      " is not defined in the schema and the schema does not allow additional properties";

  @Test
  void sensorPasses() {
    assertThat(SCHEMAS.validate(sample("sensor.json"))).isEmpty();
  }

  @Test
  void sensorK8sTriggerResourceIsValidatedAsWorkflow() {
    Map<String, Object> sensor = sample("sensor.json");
    misspellWorkflowTemplateRef(trigger(sensor).get("k8s"));

    assertThat(SCHEMAS.validate(sensor))
        .containsExactly(
            "Workflow (argo bundle, strict):"
                + " /spec/triggers/0/template/k8s/source/resource/spec/workflowTemplateRf:"
                + " property 'workflowTemplateRf'"
                + NOT_DEFINED,
            "Workflow (argo v3.6.0 bundle, strict):"
                + " /spec/triggers/0/template/k8s/source/resource/spec/workflowTemplateRf:"
                + " property 'workflowTemplateRf'"
                + NOT_DEFINED);
  }

  @Test
  void sensorArgoWorkflowTriggerResourceIsValidatedAsWorkflow() {
    Map<String, Object> sensor = sample("sensor.json");
    Map<String, Object> trigger = trigger(sensor);
    Map<String, Object> argoWorkflow = map(trigger.remove("k8s"));
    argoWorkflow.put("operation", "submit");
    trigger.put("argoWorkflow", argoWorkflow);
    assertThat(SCHEMAS.validate(sensor)).isEmpty();

    misspellWorkflowTemplateRef(argoWorkflow);

    assertThat(SCHEMAS.validate(sensor))
        .containsExactly(
            "Workflow (argo bundle, strict):"
                + " /spec/triggers/0/template/argoWorkflow/source/resource/spec/workflowTemplateRf:"
                + " property 'workflowTemplateRf'"
                + NOT_DEFINED,
            "Workflow (argo v3.6.0 bundle, strict):"
                + " /spec/triggers/0/template/argoWorkflow/source/resource/spec/workflowTemplateRf:"
                + " property 'workflowTemplateRf'"
                + NOT_DEFINED);
  }

  @Test
  void sampleWorkflowTemplateFailsStrictOnTemplateArguments() {
    List<String> expected = new ArrayList<>();
    for (String source : List.of("argo bundle", "argo CRD", "argo v3.6.0 bundle")) {
      for (int i = 1; i <= 7; i++) {
        expected.add(
            "WorkflowTemplate ("
                + source
                + ", strict): /spec/templates/"
                + i
                + "/arguments: property 'arguments'"
                + NOT_DEFINED);
      }
    }

    assertThat(SCHEMAS.validate(sample("workflowtemplate.json")))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void workflowTemplateWithoutTemplateArgumentsPassesBundlesAndCrd() {
    assertThatCode(() -> SCHEMAS.assertValid(validWorkflowTemplate())).doesNotThrowAnyException();
  }

  @Test
  void workflowTemplateWithMisspelledFieldFailsBundlesAndCrd() {
    Map<String, Object> template = validWorkflowTemplate();
    Map<String, Object> spec = map(template.get("spec"));
    spec.put("serviceAcountName", spec.remove("serviceAccountName"));

    assertThat(SCHEMAS.validate(template))
        .containsExactly(
            "WorkflowTemplate (argo bundle, strict): /spec/serviceAcountName:"
                + " property 'serviceAcountName'"
                + NOT_DEFINED,
            "WorkflowTemplate (argo CRD, strict): /spec/serviceAcountName:"
                + " property 'serviceAcountName'"
                + NOT_DEFINED,
            "WorkflowTemplate (argo v3.6.0 bundle, strict): /spec/serviceAcountName:"
                + " property 'serviceAcountName'"
                + NOT_DEFINED);
  }

  /**
   * The v3.6.0 bundle has teeth: {@code pendingTimeout} came after 3.6.0, so a template using it
   * would be refused by the oldest supported controller, and only that bundle says so.
   */
  @Test
  void aFieldNewerThanTheOldestSupportedArgoFailsOnlyTheV360Bundle() {
    Map<String, Object> template = validWorkflowTemplate();
    map(list(map(template.get("spec")).get("templates")).get(1)).put("pendingTimeout", "5m");

    assertThat(SCHEMAS.validate(template))
        .containsExactly(
            "WorkflowTemplate (argo v3.6.0 bundle, strict): /spec/templates/1/pendingTimeout:"
                + " property 'pendingTimeout'"
                + NOT_DEFINED);
  }

  /**
   * Known false positive: the bundle types IntOrString as a string, while Argo and the CRD accept
   * {@code limit: 3}. Generated objects must write {@code "3"}.
   */
  @Test
  void integerRetryLimitFailsOnlyTheBundles() {
    Map<String, Object> template = validWorkflowTemplate();
    Map<String, Object> build = map(list(map(template.get("spec")).get("templates")).get(1));
    build.put("retryStrategy", Map.of("limit", 3));

    assertThat(SCHEMAS.validate(template))
        .containsExactly(
            "WorkflowTemplate (argo bundle, strict): /spec/templates/1/retryStrategy/limit:"
                + " integer found, string expected",
            "WorkflowTemplate (argo v3.6.0 bundle, strict): /spec/templates/1/retryStrategy/limit:"
                + " integer found, string expected");

    build.put("retryStrategy", Map.of("limit", "3"));
    assertThat(SCHEMAS.validate(template)).isEmpty();
  }

  /** The controller needs no url (argo-events pkg/eventsources/common/webhook/validate.go). */
  @Test
  void eventSourceWithoutWebhookUrlPasses() {
    assertThat(SCHEMAS.validate(sample("eventsource.json"))).isEmpty();
  }

  @Test
  void eventSourceWithoutWebhookEndpointFails() {
    Map<String, Object> eventSource = sample("eventsource.json");
    Map<String, Object> github = map(map(eventSource.get("spec")).get("github"));
    map(map(github.get("aphex-pipeline")).get("webhook")).remove("endpoint");

    assertThat(SCHEMAS.validate(eventSource))
        .containsExactly(
            "EventSource (argo-events bundle, strict): /spec/github/aphex-pipeline/webhook:"
                + " required property 'endpoint' not found");
  }

  @Test
  void eventSourceWithWebhookUrlPasses() {
    Map<String, Object> eventSource = sample("eventsource.json");
    Map<String, Object> github = map(map(eventSource.get("spec")).get("github"));
    map(map(github.get("aphex-pipeline")).get("webhook")).put("url", "https://hooks.example.com");

    assertThat(SCHEMAS.validate(eventSource)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "workflow-serviceaccount.json",
        "executor-rbac-role.json",
        "executor-rbac-rolebinding.json",
        "sensor-rbac-serviceaccount.json",
        "sensor-rbac-role.json",
        "sensor-rbac-rolebinding.json",
        "secret-github-token.json",
        "secret-webhook.json",
        "logging-configmap.json",
        "logging-rbac-role.json",
        "logging-rbac-rolebinding.json",
        "service.json"
      })
  void coreSampleObjectPasses(String file) throws IOException {
    assertThat(SCHEMAS.validateJson(Files.readString(SAMPLE.resolve(file)))).isEmpty();
  }

  @Test
  void roleWithMisspelledRulesFails() {
    Map<String, Object> role = sample("executor-rbac-role.json");
    role.put("rule", role.remove("rules"));

    assertThatThrownBy(() -> SCHEMAS.assertValid(role))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Role/workflow-executor-role does not match its schema:\n"
                + "  - Role (kubernetes 1.33, strict): /rule: property 'rule'"
                + NOT_DEFINED);
  }

  @Test
  void serviceWithStringPortFails() {
    Map<String, Object> service = sample("service.json");
    map(list(map(service.get("spec")).get("ports")).get(0)).put("port", "12000");

    assertThat(SCHEMAS.validate(service))
        .containsExactly(
            "Service (kubernetes 1.33, strict): /spec/ports/0/port: string found, integer expected");
  }

  @Test
  void unknownKindFails() {
    assertThat(SCHEMAS.validateJson("{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\"}"))
        .containsExactly("no schema for apps/v1 Deployment");
  }

  /** The sample WorkflowTemplate without the stray {@code arguments} on templates 1 to 7. */
  private static Map<String, Object> validWorkflowTemplate() {
    Map<String, Object> template = sample("workflowtemplate.json");
    list(map(template.get("spec")).get("templates")).forEach(t -> map(t).remove("arguments"));
    return template;
  }

  private static Map<String, Object> trigger(Map<String, Object> sensor) {
    return map(map(list(map(sensor.get("spec")).get("triggers")).get(0)).get("template"));
  }

  private static void misspellWorkflowTemplateRef(Object trigger) {
    Map<String, Object> source = map(map(trigger).get("source"));
    Map<String, Object> spec = map(map(source.get("resource")).get("spec"));
    spec.put("workflowTemplateRf", spec.remove("workflowTemplateRef"));
  }

  private static Map<String, Object> sample(String file) {
    try {
      return JSON.readValue(SAMPLE.resolve(file).toFile(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new IllegalStateException("cannot read sample " + SAMPLE.resolve(file), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}
