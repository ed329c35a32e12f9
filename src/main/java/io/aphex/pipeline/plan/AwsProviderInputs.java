package io.aphex.pipeline.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.config.AwsProviderConfigSchema;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs of an AWS provider the component makes for another region (the ECR look-ups), with the
 * stack's own {@code aws:} settings copied to it: which settings are copied and how each reaches
 * the engine. Provider inputs travel as strings: the Java SDK sends every value of a provider
 * resource that is not a string as its JSON text, so {@code true} becomes {@code "true"}, a whole
 * number {@code 5} (a double on the wire) {@code "5.0"} and a list its JSON text. That is what the
 * engine was seen to receive, and {@code PlanOracleTest} keeps it so (its corpus copies strings,
 * lists, a number, a boolean, an object and a secret). The copied settings and their types are
 * those of the published schema ({@link AwsProviderConfigSchema}), the same the component's {@code
 * AwsProviderConfig} sets on the provider's args: a setting marked {@code x-secret}, or an object
 * holding one, is sent as a secret. Keys as the aws provider declares them (aws 6.83.0 {@code
 * com.pulumi.aws.ProviderArgs}), values as Pulumi stores them.
 */
public final class AwsProviderInputs {

  /** The outputs the aws provider resource marks secret (aws 6.83.0 {@code Provider}). */
  public static final List<String> SECRET_OUTPUTS = List.of("accessKey", "secretKey", "token");

  private static final JsonNode SCHEMA = AwsProviderConfigSchema.schema();

  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsProviderInputs() {}

  /**
   * The inputs of a provider for a region.
   *
   * @param region the provider's region
   * @param config the stack's {@code aws:} settings by key; keys the schema does not describe are
   *     not copied
   * @return the inputs as the engine receives them, with the aws SDK's defaults ({@code
   *     skipCredentialsValidation} false, {@code skipRegionValidation} true)
   */
  static Map<String, Object> of(String region, Map<String, String> config) {
    Map<String, Object> inputs = new TreeMap<>();
    inputs.put("region", region);
    inputs.put("skipCredentialsValidation", "false");
    inputs.put("skipRegionValidation", "true");
    AwsProviderConfigSchema.typed(config)
        .properties()
        .forEach(
            setting ->
                inputs.put(
                    setting.getKey(),
                    wire(setting.getValue(), SCHEMA.path("properties").path(setting.getKey()))));
    return inputs;
  }

  private static Object wire(JsonNode value, JsonNode field) {
    if (field.path("x-secret").asBoolean() || holdsSecret(value, field)) {
      return DeployTime.SECRET;
    }
    return switch (field.path("type").asText()) {
      case "string" -> value.asText();
        // Numbers travel as doubles, and the SDK encodes a provider's as Java prints a double.
      case "integer" -> String.valueOf(value.asDouble());
      case "boolean" -> String.valueOf(value.asBoolean());
      default -> json(value.isObject() ? JSON.convertValue(value, TreeMap.class) : value);
    };
  }

  private static boolean holdsSecret(JsonNode value, JsonNode field) {
    return value.isObject()
        && value.properties().stream()
            .anyMatch(
                nested ->
                    field.path("properties").path(nested.getKey()).path("x-secret").asBoolean());
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
