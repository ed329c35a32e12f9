package io.aphex.pipeline.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.provider.internal.properties.PropertyValueSerializer;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The schema the plugin package serves, as the SDK 1.36.1 infers it from {@link AphexPipeline} and
 * {@link AphexPipelinePluginArgs} (pulumi-java
 * sdk/java/pulumi/src/main/java/com/pulumi/provider/internal/infer/ComponentAnalyzer.java) with
 * {@link PluginSchema}'s descriptions, and the inputs a program sends, turned into a pipeline.
 */
class PluginSchemaTest {

  private static final String RESOURCE = "aphex:index:AphexPipeline";

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  private static JsonNode schema() throws Exception {
    return new ObjectMapper().readTree(SdkComponentProvider.schema());
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void listsEveryInputWithItsDescriptionAndWhetherItTakesOutputs() throws Exception {
    JsonNode resource = schema().path("resources").path(RESOURCE);

    assertThat(schema().path("name").asText()).isEqualTo("aphex");
    assertThat(names(schema().path("resources"))).containsExactly(RESOURCE);
    assertThat(resource.path("isComponent").asBoolean()).isTrue();
    JsonNode inputs = resource.path("inputProperties");
    assertThat(new TreeSet<>(names(inputs)))
        .containsExactly(
            "additionalPolicyArns",
            "argoEventsNamespace",
            "argoNamespace",
            "artifactBucketName",
            "artifactRetentionDays",
            "builderImage",
            "clusterName",
            "containerImageAccount",
            "containerImageRegion",
            "containerImageVersion",
            "deployerImage",
            "eventSourceName",
            "githubBranch",
            "githubOwner",
            "githubRepo",
            "githubTokenSecretName",
            "githubWebhookSecretName",
            "identityMode",
            "oidcIssuerUrl",
            "oidcProviderArn",
            "pipelineConfigPath",
            "pipelineConfigYaml",
            "pipelineName",
            "pullRequestEvents",
            "pulumiAccessTokenSecretName",
            "pulumiBackendUrl",
            "requireImmutableImages",
            "selfUpdateProjectDir",
            "selfUpdateStack",
            "sensorName",
            "serviceAccountName",
            "verifyImages",
            "webhookUrl",
            "workflowNamePrefix",
            "workflowTemplateName");
    List<String> required = new ArrayList<>();
    resource.path("requiredInputs").forEach(n -> required.add(n.asText()));
    assertThat(required)
        .containsExactlyInAnyOrder(
            "clusterName",
            "githubOwner",
            "githubRepo",
            "githubTokenSecretName",
            "pipelineConfigYaml",
            "selfUpdateStack");
    for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> input = it.next();
      assertThat(input.getValue().path("description").asText())
          .as(input.getKey())
          .hasSizeGreaterThan(20);
    }
    assertThat(inputs.path("pipelineConfigYaml").path("type").asText()).isEqualTo("string");
    assertThat(inputs.path("pipelineConfigYaml").path("description").asText())
        .contains("text of aphex-config.yaml");
    assertThat(inputs.path("clusterName").path("description").asText())
        .isEqualTo("Name of the existing EKS cluster the pipeline runs on.");
    assertThat(inputs.path("artifactRetentionDays").path("type").asText()).isEqualTo("integer");
    assertThat(inputs.path("additionalPolicyArns").path("items").path("type").asText())
        .isEqualTo("string");
    // Inputs that flow into resources take other resources' outputs; the ones that shape what
    // is created must be known when the component is constructed.
    for (String fromOutputs :
        List.of("clusterName", "oidcProviderArn", "oidcIssuerUrl", "builderImage")) {
      assertThat(inputs.path(fromOutputs).path("plain").asBoolean(false)).as(fromOutputs).isFalse();
    }
    for (String plain : List.of("pipelineConfigYaml", "githubRepo", "argoNamespace")) {
      assertThat(inputs.path(plain).path("plain").asBoolean(false)).as(plain).isTrue();
    }
  }

  @Test
  void listsEveryOutputWithItsDescription() throws Exception {
    JsonNode outputs = schema().path("resources").path(RESOURCE).path("properties");

    assertThat(new TreeSet<>(names(outputs)))
        .containsExactly(
            "additionalPolicyArns",
            "artifactBucketName",
            "builderImage",
            "deployerImage",
            "githubWebhookSettingsUrl",
            "sensorServiceAccountName",
            "serviceAccountName",
            "webhookInstructions",
            "webhookSecret",
            "webhookServiceType",
            "webhookUrl",
            "workflowRoleArn",
            "workflowTemplateName");
    outputs
        .fields()
        .forEachRemaining(
            o -> assertThat(o.getValue().path("description").asText()).as(o.getKey()).isNotBlank());
  }

  @Test
  void theYamlExampleUsesOnlyInputsAndOutputsTheSchemaHas() throws Exception {
    JsonNode resource = schema().path("resources").path(RESOURCE);
    Map<String, Object> program =
        new Yaml().load(Files.readString(Path.of("examples/yaml/Pulumi.yaml")));
    @SuppressWarnings("unchecked")
    Map<String, Object> pipeline =
        (Map<String, Object>) ((Map<String, Object>) program.get("resources")).get("pipeline");
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) pipeline.get("properties");

    assertThat(pipeline.get("type")).isEqualTo(RESOURCE);
    assertThat(names(resource.path("inputProperties"))).containsAll(properties.keySet());
    List<String> required = new ArrayList<>();
    resource.path("requiredInputs").forEach(n -> required.add(n.asText()));
    assertThat(properties.keySet()).containsAll(required);
    Matcher outputs = Pattern.compile("\\$\\{pipeline\\.(\\w+)}").matcher(program.toString());
    while (outputs.find()) {
      assertThat(names(resource.path("properties"))).contains(outputs.group(1));
    }
  }

  private static AphexPipelinePluginArgs inputs(Map<String, PropertyValue> extra) throws Exception {
    Map<String, PropertyValue> inputs = new LinkedHashMap<>();
    inputs.put("clusterName", PropertyValue.of("company-pipelines"));
    inputs.put("githubOwner", PropertyValue.of("my-org"));
    inputs.put("githubRepo", PropertyValue.of("my-repo"));
    inputs.put("githubTokenSecretName", PropertyValue.of("github-token"));
    inputs.put("selfUpdateStack", PropertyValue.of("dev"));
    inputs.put(
        "pipelineConfigYaml",
        PropertyValue.of(Files.readString(Path.of("examples/yaml/aphex-config.yaml"))));
    inputs.putAll(extra);
    return PropertyValueSerializer.deserialize(
        PropertyValue.of(inputs), AphexPipelinePluginArgs.class);
  }

  @Test
  void theInputsAProgramSendsBecomeTheLibrarysArgs() throws Exception {
    AphexPipelineArgs args =
        AphexPipeline.libraryArgs(
            inputs(
                Map.of(
                    "argoNamespace", PropertyValue.of("ci"),
                    "artifactRetentionDays", PropertyValue.of(14.0),
                    "additionalPolicyArns",
                        PropertyValue.of(
                            List.of(
                                PropertyValue.of(
                                    "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"))),
                    "pipelineConfigPath", PropertyValue.of("ci/aphex-config.yaml"),
                    "oidcIssuerUrl", PropertyValue.of("https://oidc.example.com/id/1"),
                    "containerImageVersion", PropertyValue.of("v2.0.0"),
                    "deployerImage", PropertyValue.of("registry.example.com/deployer:v2"))));

    assertThat(args.githubRepo()).isEqualTo("my-repo");
    assertThat(args.argoNamespace()).isEqualTo("ci");
    assertThat(args.artifactRetentionDays()).isEqualTo(14);
    assertThat(args.additionalPolicyArns())
        .containsExactly("arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess");
    assertThat(args.pipelineConfig().environments()).hasSize(3);
    assertThat(args.pipelineConfigSource())
        .hasValueSatisfying(s -> assertThat(s.path()).isEqualTo("ci/aphex-config.yaml"));
    assertThat(PulumiTest.extractValue(args.clusterName())).isEqualTo("company-pipelines");
    assertThat(PulumiTest.extractValue(args.oidcIssuerUrl().orElseThrow()))
        .isEqualTo("https://oidc.example.com/id/1");
    ImageSettings images = PulumiTest.extractValue(args.images());
    assertThat(images.containerImageVersion()).isEqualTo("v2.0.0");
    assertThat(images.deployerImage()).contains("registry.example.com/deployer:v2");
  }

  @Test
  void badInputsAreReportedWithTheStackConfigRulesAndNothingIsCreated() throws Exception {
    AphexPipelinePluginArgs bad =
        inputs(
            Map.of(
                "argoNamespace", PropertyValue.of("Argo_NS"),
                "pipelineConfigYaml", PropertyValue.of("version: '1.0'\nenvironments: []\n")));

    assertThatThrownBy(() -> AphexPipeline.libraryArgs(bad))
        .hasMessageContaining("argoNamespace")
        .hasMessageContaining("Argo_NS")
        .hasMessageContaining("aphex-config.yaml");
    assertThatThrownBy(
            () ->
                AphexPipeline.libraryArgs(
                    inputs(Map.of("pipelineConfigPath", PropertyValue.of("../x.yaml")))))
        .hasMessageStartingWith("pipelineConfigPath: '../x.yaml' leaves the repository.");
  }

  @Test
  void theProvidersComponentCreatesThePipelineUnderTheMockEngine() throws Exception {
    AphexPipelinePluginArgs args = inputs(Map.of());
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    TestResult result =
        PulumiTest.withMocks(mocks).runTest(ctx -> new AphexPipeline("team-a", args, null));

    assertThat(result.exceptions()).isEmpty();
    assertThat(mocks.ofType(RESOURCE)).hasSize(2);
    assertThat(
            mocks.ofType("kubernetes:argoproj.io/v1alpha1:WorkflowTemplate").stream()
                .map(r -> String.valueOf(((Map<?, ?>) r.inputs().get("metadata")).get("name"))))
        .containsExactly("team-a-template");
  }
}
