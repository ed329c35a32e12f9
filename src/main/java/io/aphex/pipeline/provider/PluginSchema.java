package io.aphex.pipeline.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aphex.pipeline.program.StackConfigKey;
import io.aphex.pipeline.program.StackConfigKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The descriptions of the schema the SDK's component provider infers for this package ({@link
 * SdkComponentProvider} serves it). pulumi-java 1.36.1 infers names, types and required inputs from
 * {@link AphexPipelinePluginArgs} and the {@code @Export} fields of {@link AphexPipeline}, but its
 * schema model has no description field
 * (sdk/java/pulumi/src/main/java/com/pulumi/provider/internal/schema/PropertySpec.java), so
 * generated SDKs would document nothing. The descriptions come from the stack-config keys (one
 * definition for both) and from this class for the plugin's own inputs and the outputs.
 */
public final class PluginSchema {

  private PluginSchema() {}

  /** The package name: the first part of every type token. */
  public static final String PACKAGE = "aphex";

  /** The package version the schema declares. */
  public static final String VERSION = "0.1.0";

  private static final String RESOURCE = PACKAGE + ":index:AphexPipeline";

  private static final Map<String, String> PLUGIN_INPUTS =
      Map.of(
          "pipelineConfigYaml",
          "The pipeline definition: the text of aphex-config.yaml (e.g. Pulumi YAML"
              + " `fn::readFile: ./aphex-config.yaml`, TypeScript `fs.readFileSync(...)`).",
          "pipelineConfigPath",
          "Path of that file relative to the project directory (default aphex-config.yaml);"
              + " messages name it, and the validate stage warns when a push changes it.",
          "oidcProviderArn",
          "ARN of the cluster's IAM OIDC provider (e.g. pulumi-eks"
              + " cluster.core.oidcProvider.arn). Default: looked up by the issuer URL.",
          "oidcIssuerUrl",
          "The cluster's OIDC issuer URL, with or without https://. Default: derived from"
              + " oidcProviderArn, else read from the cluster.");

  private static final Map<String, String> OUTPUTS =
      Map.ofEntries(
          Map.entry("workflowRoleArn", "ARN of the IAM role the workflow pods run with."),
          Map.entry("serviceAccountName", "ServiceAccount of the workflow pods."),
          Map.entry("artifactBucketName", "S3 bucket of build artifacts and workflow logs."),
          Map.entry("workflowTemplateName", "WorkflowTemplate the Sensor submits on every push."),
          Map.entry("builderImage", "Resolved builder image."),
          Map.entry("deployerImage", "Resolved deployer image."),
          Map.entry("webhookUrl", "URL GitHub delivers pushes to, or how to get one."),
          Map.entry("webhookInstructions", "How to make pushes reach the pipeline."),
          Map.entry("webhookSecret", "Secret GitHub signs deliveries with (a Pulumi secret)."),
          Map.entry("githubWebhookSettingsUrl", "The repository's webhook settings page."),
          Map.entry("sensorServiceAccountName", "ServiceAccount the Sensor runs as."),
          Map.entry("webhookServiceType", "Type of the webhook Service, or disabled."),
          Map.entry("additionalPolicyArns", "Extra IAM policies attached to the workflow role."));

  /**
   * Adds the descriptions to the inferred schema's JSON.
   *
   * @param schema the schema as the SDK infers it
   * @return the same schema with a description on the package, the resource and every property
   * @throws IllegalStateException when a property has no description
   */
  static String described(String schema) {
    ObjectMapper json = new ObjectMapper();
    try {
      ObjectNode root = (ObjectNode) json.readTree(schema);
      root.put("description", "A GitHub-triggered deployment pipeline on Argo Workflows, on EKS.");
      ObjectNode resource = (ObjectNode) root.path("resources").path(RESOURCE);
      resource.put(
          "description",
          "A GitHub-triggered deployment pipeline on Argo Workflows, on an existing EKS cluster:"
              + " the workflow IAM role and ServiceAccount, the artifact bucket, the"
              + " WorkflowTemplate generated from the pipeline definition and the Argo Events"
              + " path from GitHub.");
      describe(resource.path("inputProperties"), PluginSchema::inputDescription);
      describe(resource.path("properties"), OUTPUTS::get);
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException("the inferred schema is not JSON", e);
    }
  }

  private static String inputDescription(String name) {
    return PLUGIN_INPUTS.containsKey(name)
        ? PLUGIN_INPUTS.get(name)
        : StackConfigKeys.find(name).map(StackConfigKey::description).orElse(null);
  }

  private static void describe(
      JsonNode properties, java.util.function.Function<String, String> description) {
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      String text = description.apply(property.getKey());
      if (text == null) {
        throw new IllegalStateException(
            "no description for " + RESOURCE + " property '" + property.getKey() + "'");
      }
      ((ObjectNode) property.getValue()).put("description", text);
    }
  }
}
