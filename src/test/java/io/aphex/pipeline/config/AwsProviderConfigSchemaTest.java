package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.aws.Config;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AwsProviderConfigSchemaTest {

  private static final JsonNode PROPERTIES =
      PublishedSchemas.read(AwsProviderConfigSchema.RESOURCE).path("properties");

  /**
   * Every shape is the one the aws provider declares for its config: the pinned aws SDK's {@code
   * com.pulumi.aws.Config} and {@code com.pulumi.aws.config.inputs.AssumeRole} / {@code
   * AssumeRoleWithWebIdentity} (upstream pulumi/pulumi-aws
   * sdk/java/src/main/java/com/pulumi/aws/Config.java, generated from the config section of
   * provider/cmd/pulumi-resource-aws/schema.json).
   */
  @Test
  void everySettingHasTheShapeTheAwsProviderDeclares() throws ReflectiveOperationException {
    for (String key : AwsProviderConfigSchema.KEYS) {
      Type declared =
          ((ParameterizedType) Config.class.getMethod(key).getGenericReturnType())
              .getActualTypeArguments()[0];
      JsonNode field = PROPERTIES.path(key);
      String type = field.path("type").asText();
      if (declared instanceof ParameterizedType list) {
        assertThat(list.getRawType()).as(key).isEqualTo(List.class);
        assertThat(list.getActualTypeArguments()[0]).as(key).isEqualTo(String.class);
        assertThat(type).as(key).isEqualTo("array");
      } else if (declared == String.class
          || declared == Integer.class
          || declared == Boolean.class) {
        assertThat(type)
            .as(key)
            .isEqualTo(
                Map.of(String.class, "string", Integer.class, "integer", Boolean.class, "boolean")
                    .get(declared));
      } else {
        assertThat(type).as(key).isEqualTo("object");
        assertThat(names(field.path("properties"))).as(key).isEqualTo(fields((Class<?>) declared));
      }
    }
  }

  @Test
  void everyCopiedSettingIsAKeyOfTheAwsProvidersConfigButTheRegionalOnes() {
    Set<String> declared = new TreeSet<>();
    Arrays.stream(Config.class.getMethods())
        .filter(m -> m.getDeclaringClass() == Config.class && !Modifier.isStatic(m.getModifiers()))
        .forEach(m -> declared.add(m.getName()));
    declared.removeAll(AwsProviderConfigSchema.KEYS);
    assertThat(declared)
        .containsExactlyInAnyOrder(
            "region",
            "endpoints",
            "defaultTags",
            "ignoreTags",
            "s3UsePathStyle",
            "s3UsEast1RegionalEndpoint");
  }

  @Test
  void theCredentialsAreMarkedSecretsSoThatTheProvidersGetThemAsSecrets() {
    Set<String> secrets = new TreeSet<>();
    PROPERTIES
        .properties()
        .forEach(
            setting -> {
              if (setting.getValue().path("x-secret").asBoolean()) {
                secrets.add(setting.getKey());
              }
              setting
                  .getValue()
                  .path("properties")
                  .properties()
                  .forEach(
                      field -> {
                        if (field.getValue().path("x-secret").asBoolean()) {
                          secrets.add(setting.getKey() + "." + field.getKey());
                        }
                      });
            });
    assertThat(secrets)
        .containsExactlyInAnyOrder(
            "accessKey", "secretKey", "token", "assumeRoleWithWebIdentity.webIdentityToken");
  }

  @Test
  void valuesAreTypedFromHowPulumiStoresThem() {
    assertThat(
            AwsProviderConfigSchema.typed(
                    Map.of(
                        "maxRetries", " 5",
                        "insecure", "true",
                        "allowedAccountIds", "[\"123456789012\"]",
                        "profile", "5",
                        "unknown", "x"))
                .toString())
        .isEqualTo(
            "{\"allowedAccountIds\":[\"123456789012\"],\"insecure\":true,\"maxRetries\":5,"
                + "\"profile\":\"5\"}");
  }

  @Test
  void aNumberBeyondTheProvidersWholeNumbersOrTwoNumbersAreRefusedWithoutTheirValues() {
    assertThat(
            AwsProviderConfigSchema.problems(
                Map.of("maxRetries", "2147483648", "tokenBucketRateLimiterCapacity", "5 6")))
        .extracting(Problem::toString)
        .containsExactly(
            "aws:maxRetries: '(not shown: it may hold credentials)' must be from 0 to 2147483647:"
                + " the maximum number of times an AWS API request is retried, so the AWS providers"
                + " the pipeline makes for other regions cannot copy it. Fix: set it as the aws"
                + " provider documents it, e.g. pulumi config set --path aws:maxRetries 5",
            "aws:tokenBucketRateLimiterCapacity: '(not shown: it may hold credentials)' must be a"
                + " whole number, not a string, so the AWS providers the pipeline makes for other"
                + " regions cannot copy it. Fix: set it as the aws provider documents it, e.g."
                + " pulumi config set --path aws:tokenBucketRateLimiterCapacity 10000");
  }

  @Test
  void aSecretIsFixedWithACommandThatStoresItEncrypted() {
    assertThat(
            AwsProviderConfigSchema.problems(
                Map.of("assumeRoleWithWebIdentity", "{\"webIdentityToken\": {\"a\": 1}}")))
        .extracting(Problem::toString)
        .containsExactly(
            "aws:assumeRoleWithWebIdentity.webIdentityToken: '(not shown: it may hold"
                + " credentials)' must be a string or a number or true or false, not a JSON"
                + " object, so the AWS providers the pipeline makes for other regions cannot copy"
                + " it. Fix: set it as the aws provider documents it, e.g. pulumi config set"
                + " --secret --path aws:assumeRoleWithWebIdentity.webIdentityToken <token>");
  }

  @Test
  void aFlagThatIsNotTrueOrFalseIsRefusedWithoutItsValue() {
    assertThat(AwsProviderConfigSchema.problems(Map.of("insecure", "yes")))
        .extracting(Problem::toString)
        .containsExactly(
            "aws:insecure: '(not shown: it may hold credentials)' must be true or false, not a"
                + " string, so the AWS providers the pipeline makes for other regions cannot copy"
                + " it. Fix: set it as the aws provider documents it, e.g. pulumi config set"
                + " --path aws:insecure true");
  }

  @Test
  void aListThatIsNotJsonIsRefusedWithoutItsValue() {
    assertThat(
            AwsProviderConfigSchema.problems(
                Map.of("allowedAccountIds", "123456789012", "sharedConfigFiles", "[\"a\", [1]]")))
        .extracting(Problem::toString)
        .containsExactly(
            "aws:allowedAccountIds: '(not shown: it may hold credentials)' must be a list, not a"
                + " whole number, so the AWS providers the pipeline makes for other regions cannot copy"
                + " it. Fix: set it as the aws provider documents it, e.g. pulumi config set"
                + " --path aws:allowedAccountIds[0] 123456789012",
            "aws:sharedConfigFiles[1]: '(not shown: it may hold credentials)' must be a string or"
                + " a number or true or false, not a list, so the AWS providers the pipeline makes"
                + " for other regions cannot copy it. Fix: set it as the aws provider documents"
                + " it, e.g. pulumi config set --path aws:sharedConfigFiles[1] /etc/aws/config");
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> fields(Class<?> type) {
    Set<String> fields = new TreeSet<>();
    for (Method m : type.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
        fields.add(m.getName());
      }
    }
    return fields;
  }
}
