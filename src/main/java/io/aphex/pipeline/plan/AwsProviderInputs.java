package io.aphex.pipeline.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The inputs of an AWS provider the component makes for another region (the ECR look-ups), with the
 * stack's own {@code aws:} settings copied to it: which settings are copied and how each reaches
 * the engine. Provider inputs travel as strings: the Java SDK sends every value of a provider
 * resource that is not a string as its JSON text, so {@code true} becomes {@code "true"}, a whole
 * number {@code 5} (a double on the wire) {@code "5.0"} and a list its JSON text. That is what the
 * engine was seen to receive, and {@code PlanOracleTest} keeps it so (its corpus copies strings,
 * lists, a number, a boolean, an object and a secret). Keys as the aws provider declares them (aws
 * 6.83.0 {@code com.pulumi.aws.ProviderArgs}), values as Pulumi stores them.
 */
public final class AwsProviderInputs {

  /** How a copied setting reaches the provider. */
  public enum Kind {
    /** A string, sent as it is. */
    STRING,
    /** A JSON list of strings. */
    LIST,
    /** A credential, sent as a secret. */
    SECRET,
    /** A JSON object of the provider's nested settings. */
    OBJECT,
    /** A whole number. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN
  }

  /** Every copied setting, without the {@code aws:} namespace, and its kind. */
  public static final Map<String, Kind> KINDS = kinds();

  /** The outputs the aws provider resource marks secret (aws 6.83.0 {@code Provider}). */
  public static final List<String> SECRET_OUTPUTS = List.of("accessKey", "secretKey", "token");

  /** The nested settings of {@code assumeRoleWithWebIdentity} that hold a credential. */
  private static final Set<String> SECRET_FIELDS = Set.of("webIdentityToken");

  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsProviderInputs() {}

  private static Map<String, Kind> kinds() {
    Map<String, Kind> k = new LinkedHashMap<>();
    k.put("profile", Kind.STRING);
    k.put("sharedConfigFiles", Kind.LIST);
    k.put("sharedCredentialsFiles", Kind.LIST);
    k.put("accessKey", Kind.SECRET);
    k.put("secretKey", Kind.SECRET);
    k.put("token", Kind.SECRET);
    k.put("assumeRole", Kind.OBJECT);
    k.put("assumeRoleWithWebIdentity", Kind.OBJECT);
    k.put("allowedAccountIds", Kind.LIST);
    k.put("forbiddenAccountIds", Kind.LIST);
    k.put("stsRegion", Kind.STRING);
    k.put("customCaBundle", Kind.STRING);
    k.put("ec2MetadataServiceEndpoint", Kind.STRING);
    k.put("ec2MetadataServiceEndpointMode", Kind.STRING);
    k.put("httpProxy", Kind.STRING);
    k.put("httpsProxy", Kind.STRING);
    k.put("noProxy", Kind.STRING);
    k.put("retryMode", Kind.STRING);
    k.put("maxRetries", Kind.INTEGER);
    k.put("tokenBucketRateLimiterCapacity", Kind.INTEGER);
    k.put("insecure", Kind.BOOLEAN);
    k.put("skipCredentialsValidation", Kind.BOOLEAN);
    k.put("skipMetadataApiCheck", Kind.BOOLEAN);
    k.put("skipRegionValidation", Kind.BOOLEAN);
    k.put("skipRequestingAccountId", Kind.BOOLEAN);
    k.put("useDualstackEndpoint", Kind.BOOLEAN);
    k.put("useFipsEndpoint", Kind.BOOLEAN);
    return Collections.unmodifiableMap(k);
  }

  /**
   * The inputs of a provider for a region.
   *
   * @param region the provider's region
   * @param config the stack's {@code aws:} settings by key; keys outside {@link #KINDS} are not
   *     copied
   * @return the inputs as the engine receives them, with the aws SDK's defaults ({@code
   *     skipCredentialsValidation} false, {@code skipRegionValidation} true)
   */
  static Map<String, Object> of(String region, Map<String, String> config) {
    Map<String, Object> inputs = new TreeMap<>();
    inputs.put("region", region);
    inputs.put("skipCredentialsValidation", "false");
    inputs.put("skipRegionValidation", "true");
    config.forEach(
        (key, value) -> {
          Kind kind = KINDS.get(key);
          if (kind != null) {
            inputs.put(key, wire(kind, value));
          }
        });
    return inputs;
  }

  private static Object wire(Kind kind, String value) {
    return switch (kind) {
      case STRING -> value;
      case SECRET -> DeployTime.SECRET;
      case LIST -> json(read(value, new TypeReference<List<String>>() {}));
        // Numbers travel as doubles, and the SDK encodes a provider's as Java prints a double.
      case INTEGER -> String.valueOf((double) Integer.parseInt(value.trim()));
      case BOOLEAN -> String.valueOf(Boolean.parseBoolean(value));
      case OBJECT -> {
        Map<String, Object> object =
            new TreeMap<String, Object>(read(value, new TypeReference<Map<String, Object>>() {}));
        yield object.keySet().stream().anyMatch(SECRET_FIELDS::contains)
            ? DeployTime.SECRET
            : json(object);
      }
    };
  }

  private static <T> T read(String value, TypeReference<T> type) {
    try {
      return JSON.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("is not valid JSON", e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
