package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.test.internal.PulumiTestInternal;
import io.aphex.pipeline.config.AwsProviderConfigSchema;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsProviderConfigTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Every setting and every field of a role that the schema describes is set on the aws SDK's args
   * by its name, a secret as a secret: a setting the SDK renames or drops fails here, not at deploy
   * time.
   */
  @Test
  void everySettingTheSchemaDescribesIsSetOnTheProvidersArgs() throws Exception {
    JsonNode properties = AwsProviderConfigSchema.schema().path("properties");
    for (String key : AwsProviderConfig.KEYS) {
      JsonNode field = properties.path(key);
      JsonNode value = good(field);
      Map<String, String> config =
          Map.of(key, value.isTextual() ? value.asText() : JSON.writeValueAsString(value));
      assertThat(AwsProviderConfigSchema.problems(config)).as(key).isEmpty();

      Optional<?> set =
          (Optional<?>)
              ProviderArgs.class
                  .getMethod(key)
                  .invoke(AwsProviderConfig.providerArgs("eu-west-1", config));

      assertSet(set, field, key);
      if (field.has("properties")) {
        Object role =
            PulumiTestInternal.extractOutputData((Output<?>) set.get()).getValueNullable();
        for (String name : (Iterable<String>) () -> field.path("properties").fieldNames()) {
          assertSet(
              (Optional<?>) role.getClass().getMethod(name).invoke(role),
              field.path("properties").path(name),
              key + "." + name);
        }
      }
    }
  }

  /** A setting is set, as a secret when the schema marks it so. */
  private static void assertSet(Optional<?> set, JsonNode field, String key) {
    assertThat(set).as(key).isPresent();
    assertThat(PulumiTestInternal.extractOutputData((Output<?>) set.get()).isSecret())
        .as(key)
        .isEqualTo(field.path("x-secret").asBoolean());
  }

  /** A good value of a field, with every field of an object set. */
  private static JsonNode good(JsonNode field) {
    return switch (field.path("type").isArray() ? "string" : field.path("type").asText()) {
      case "integer" -> JSON.getNodeFactory().textNode("5");
      case "boolean" -> JSON.getNodeFactory().textNode("true");
      case "array" -> JSON.createArrayNode().add("x");
      case "object" -> {
        ObjectNode object = JSON.createObjectNode();
        field
            .path("properties")
            .properties()
            .forEach(e -> object.set(e.getKey(), good(e.getValue())));
        if (!field.has("properties")) {
          object.put("team", "platform");
        }
        yield object;
      }
      default -> JSON.getNodeFactory().textNode("x");
    };
  }
}
