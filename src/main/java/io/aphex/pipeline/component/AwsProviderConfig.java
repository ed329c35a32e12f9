package io.aphex.pipeline.component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import io.aphex.pipeline.config.AwsProviderConfigSchema;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stack's own {@code aws:} provider settings, copied to every AWS provider the component makes
 * for itself (the ECR look-ups in another region), so that those use the same credentials, role and
 * account guard as the stack's default provider. An explicit provider never reads the stack config
 * by itself: without this copy a look-up in another region would run as whatever the AWS SDK's
 * default credential chain finds, ignoring {@code aws:profile}, {@code aws:assumeRole} and {@code
 * aws:allowedAccountIds}.
 *
 * <p>Copied: every setting of who calls AWS and how ({@link #KEYS}), of the shapes the schema
 * {@link AwsProviderConfigSchema} describes; this class only says how each is set on the provider's
 * args. Not copied: {@code region} (the look-up's own), {@code endpoints} (URLs of one region's
 * endpoints, wrong for another; set {@code verifyImages} to false when your ECR is reached through
 * a custom endpoint), and settings that do not apply to a read ({@code defaultTags}, {@code
 * ignoreTags}, {@code s3UsePathStyle}, {@code s3UsEast1RegionalEndpoint}). Keys as the {@code aws}
 * provider declares them (aws 6.83.0 {@code com.pulumi.aws.Config}); values as Pulumi stores them:
 * strings, JSON for lists and objects.
 */
public final class AwsProviderConfig {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final JsonNode SCHEMA = AwsProviderConfigSchema.schema();

  /** The copied keys, without the {@code aws:} namespace: those the schema describes. */
  public static final Set<String> KEYS = AwsProviderConfigSchema.KEYS;

  private AwsProviderConfig() {}

  /**
   * Builds the args of a provider for another region.
   *
   * @param region the provider's region
   * @param config the stack's {@code aws:} settings by key (keys outside {@link #KEYS} are ignored)
   * @return the args
   * @throws IllegalArgumentException when a value cannot be copied; {@link
   *     AwsProviderConfigSchema#problems} reports these before anything is created
   */
  static ProviderArgs providerArgs(String region, Map<String, String> config) {
    return (ProviderArgs)
        build(ProviderArgs.builder().region(region), AwsProviderConfigSchema.typed(config), SCHEMA);
  }

  /** Sets each described field of an object on an args builder, and builds the args. */
  private static Object build(Object builder, JsonNode object, JsonNode schema) {
    object
        .properties()
        .forEach(
            field -> {
              JsonNode described = schema.path("properties").path(field.getKey());
              if (!described.isMissingNode() && !field.getValue().isNull()) {
                set(builder, field.getKey(), field.getValue(), described);
              }
            });
    return call(builder, "build");
  }

  /** Calls the builder's setter of the name that takes the value as the schema types it. */
  private static void set(Object builder, String name, JsonNode value, JsonNode field) {
    Object arg =
        switch (field.path("type").asText()) {
          case "integer" -> value.asInt();
          case "boolean" -> value.asBoolean();
          case "array" -> JSON.convertValue(value, new TypeReference<List<String>>() {});
          case "object" ->
              field.has("properties")
                  ? null
                  : JSON.convertValue(value, new TypeReference<Map<String, String>>() {});
          default ->
              field.path("x-secret").asBoolean() ? Output.ofSecret(value.asText()) : value.asText();
        };
    Method setter =
        Arrays.stream(builder.getClass().getMethods())
            .filter(m -> m.getName().equals(name) && m.getParameterCount() == 1)
            .filter(
                m ->
                    arg == null
                        ? m.getParameterTypes()[0] != Output.class
                        : m.getParameterTypes()[0].isInstance(arg))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the aws SDK has no setting " + name));
    Object set =
        arg != null ? arg : build(call(setter.getParameterTypes()[0], "builder"), value, field);
    invoke(setter, builder, set);
  }

  private static Object call(Object target, String method) {
    try {
      return target instanceof Class<?> type
          ? type.getMethod(method).invoke(null)
          : invoke(target.getClass().getMethod(method), target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the aws SDK's args changed: " + method, e);
    }
  }

  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
