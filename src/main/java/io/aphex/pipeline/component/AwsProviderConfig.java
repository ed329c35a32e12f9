package io.aphex.pipeline.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleWithWebIdentityArgs;
import com.pulumi.core.Output;
import io.aphex.pipeline.config.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The stack's own {@code aws:} provider settings, copied to every AWS provider the component makes
 * for itself (the ECR look-ups in another region), so that those use the same credentials, role and
 * account guard as the stack's default provider. An explicit provider never reads the stack config
 * by itself: without this copy a look-up in another region would run as whatever the AWS SDK's
 * default credential chain finds, ignoring {@code aws:profile}, {@code aws:assumeRole} and {@code
 * aws:allowedAccountIds}.
 *
 * <p>Copied: every setting of who calls AWS and how ({@link #KEYS}). Not copied: {@code region}
 * (the look-up's own), {@code endpoints} (URLs of one region's endpoints, wrong for another; set
 * {@code verifyImages} to false when your ECR is reached through a custom endpoint), and settings
 * that do not apply to a read ({@code defaultTags}, {@code ignoreTags}, {@code s3UsePathStyle},
 * {@code s3UsEast1RegionalEndpoint}). Keys as the {@code aws} provider declares them (aws 6.83.0
 * {@code com.pulumi.aws.Config}); values as Pulumi stores them: strings, JSON for lists and
 * objects.
 */
public final class AwsProviderConfig {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Shown in place of a setting's value in a problem. */
  static final String NOT_SHOWN = "(not shown: it may hold credentials)";

  /** How each copied key is set on the provider's args. */
  private static final Map<String, BiConsumer<ProviderArgs.Builder, String>> SETTERS = setters();

  /** The copied keys, without the {@code aws:} namespace. */
  public static final Set<String> KEYS = Collections.unmodifiableSet(SETTERS.keySet());

  private AwsProviderConfig() {}

  /**
   * Builds the args of a provider for another region.
   *
   * @param region the provider's region
   * @param config the stack's {@code aws:} settings by key (keys outside {@link #KEYS} are ignored)
   * @return the args
   * @throws IllegalArgumentException when a value cannot be copied; {@link #problems} reports these
   *     before anything is created
   */
  static ProviderArgs providerArgs(String region, Map<String, String> config) {
    ProviderArgs.Builder args = ProviderArgs.builder().region(region);
    config.forEach(
        (key, value) -> {
          BiConsumer<ProviderArgs.Builder, String> setter = SETTERS.get(key);
          if (setter != null) {
            setter.accept(args, value);
          }
        });
    return args.build();
  }

  /**
   * The settings that cannot be copied, each as a problem at {@code aws:<key>}; the value is not
   * shown, since these settings can hold credentials.
   *
   * @param config the {@code aws:} settings by key
   * @return the problems, empty when every setting can be copied
   */
  static List<Problem> problems(Map<String, String> config) {
    List<Problem> problems = new ArrayList<>();
    new TreeMap<>(config)
        .forEach(
            (key, value) -> {
              BiConsumer<ProviderArgs.Builder, String> setter = SETTERS.get(key);
              try {
                if (setter != null) {
                  setter.accept(ProviderArgs.builder(), value);
                }
              } catch (IllegalArgumentException e) {
                InvalidSetting invalid =
                    e instanceof InvalidSetting known
                        ? known
                        : new InvalidSetting(
                            "of the shape the aws provider documents", ".FIELD VALUE");
                problems.add(
                    new Problem(
                        "aws:" + key,
                        NOT_SHOWN,
                        "is not "
                            + invalid.expected
                            + ", so the AWS providers the pipeline makes for other regions cannot"
                            + " copy it",
                        "set it as the aws provider documents it, e.g. pulumi config set --path aws:"
                            + key
                            + invalid.example));
              }
            });
    return problems;
  }

  private static Map<String, BiConsumer<ProviderArgs.Builder, String>> setters() {
    Map<String, BiConsumer<ProviderArgs.Builder, String>> s = new LinkedHashMap<>();
    s.put("profile", ProviderArgs.Builder::profile);
    s.put("sharedConfigFiles", (b, v) -> b.sharedConfigFiles(list(v)));
    s.put("sharedCredentialsFiles", (b, v) -> b.sharedCredentialsFiles(list(v)));
    s.put("accessKey", (b, v) -> b.accessKey(Output.ofSecret(v)));
    s.put("secretKey", (b, v) -> b.secretKey(Output.ofSecret(v)));
    s.put("token", (b, v) -> b.token(Output.ofSecret(v)));
    s.put("assumeRole", (b, v) -> b.assumeRole(assumeRole(object(v))));
    s.put(
        "assumeRoleWithWebIdentity",
        (b, v) -> b.assumeRoleWithWebIdentity(assumeRoleWithWebIdentity(object(v))));
    s.put("allowedAccountIds", (b, v) -> b.allowedAccountIds(list(v)));
    s.put("forbiddenAccountIds", (b, v) -> b.forbiddenAccountIds(list(v)));
    s.put("stsRegion", ProviderArgs.Builder::stsRegion);
    s.put("customCaBundle", ProviderArgs.Builder::customCaBundle);
    s.put("ec2MetadataServiceEndpoint", ProviderArgs.Builder::ec2MetadataServiceEndpoint);
    s.put("ec2MetadataServiceEndpointMode", ProviderArgs.Builder::ec2MetadataServiceEndpointMode);
    s.put("httpProxy", ProviderArgs.Builder::httpProxy);
    s.put("httpsProxy", ProviderArgs.Builder::httpsProxy);
    s.put("noProxy", ProviderArgs.Builder::noProxy);
    s.put("retryMode", ProviderArgs.Builder::retryMode);
    s.put("maxRetries", (b, v) -> b.maxRetries(integer(v)));
    s.put("tokenBucketRateLimiterCapacity", (b, v) -> b.tokenBucketRateLimiterCapacity(integer(v)));
    s.put("insecure", (b, v) -> b.insecure(Boolean.parseBoolean(v)));
    s.put(
        "skipCredentialsValidation",
        (b, v) -> b.skipCredentialsValidation(Boolean.parseBoolean(v)));
    s.put("skipMetadataApiCheck", (b, v) -> b.skipMetadataApiCheck(Boolean.parseBoolean(v)));
    s.put("skipRegionValidation", (b, v) -> b.skipRegionValidation(Boolean.parseBoolean(v)));
    s.put("skipRequestingAccountId", (b, v) -> b.skipRequestingAccountId(Boolean.parseBoolean(v)));
    s.put("useDualstackEndpoint", (b, v) -> b.useDualstackEndpoint(Boolean.parseBoolean(v)));
    s.put("useFipsEndpoint", (b, v) -> b.useFipsEndpoint(Boolean.parseBoolean(v)));
    return s;
  }

  private static ProviderAssumeRoleArgs assumeRole(Map<String, Object> role) {
    ProviderAssumeRoleArgs.Builder b = ProviderAssumeRoleArgs.builder();
    text(role, "roleArn", b::roleArn);
    text(role, "sessionName", b::sessionName);
    text(role, "externalId", b::externalId);
    text(role, "duration", b::duration);
    text(role, "policy", b::policy);
    text(role, "sourceIdentity", b::sourceIdentity);
    strings(role, "policyArns", b::policyArns);
    strings(role, "transitiveTagKeys", b::transitiveTagKeys);
    Optional.ofNullable(role.get("tags"))
        .map(t -> JSON.convertValue(t, new TypeReference<Map<String, String>>() {}))
        .ifPresent(b::tags);
    return b.build();
  }

  private static ProviderAssumeRoleWithWebIdentityArgs assumeRoleWithWebIdentity(
      Map<String, Object> role) {
    ProviderAssumeRoleWithWebIdentityArgs.Builder b =
        ProviderAssumeRoleWithWebIdentityArgs.builder();
    text(role, "roleArn", b::roleArn);
    text(role, "sessionName", b::sessionName);
    text(role, "duration", b::duration);
    text(role, "policy", b::policy);
    text(role, "webIdentityTokenFile", b::webIdentityTokenFile);
    text(role, "webIdentityToken", v -> b.webIdentityToken(Output.ofSecret(v)));
    strings(role, "policyArns", b::policyArns);
    return b.build();
  }

  private static void text(Map<String, Object> object, String field, Consumer<String> set) {
    Object value = object.get(field);
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new IllegalArgumentException(field + " is not a single value");
    }
    Optional.ofNullable(value).map(String::valueOf).ifPresent(set);
  }

  private static void strings(
      Map<String, Object> object, String field, Consumer<List<String>> set) {
    Optional.ofNullable(object.get(field))
        .map(v -> JSON.convertValue(v, new TypeReference<List<String>>() {}))
        .ifPresent(set);
  }

  private static Map<String, Object> object(String value) {
    return parse(value, new TypeReference<>() {}, "a JSON object", ".roleArn VALUE");
  }

  private static List<String> list(String value) {
    return parse(value, new TypeReference<>() {}, "a JSON list of strings", "[0] VALUE");
  }

  private static int integer(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidSetting("a whole number", " 5");
    }
  }

  private static <T> T parse(String value, TypeReference<T> type, String expected, String example) {
    try {
      return JSON.readValue(value, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidSetting(expected, example);
    }
  }

  /** A setting's value is not of the shape the aws provider expects. */
  private static final class InvalidSetting extends IllegalArgumentException {
    private final String expected;
    private final String example;

    InvalidSetting(String expected, String example) {
      super("is not " + expected);
      this.expected = expected;
      this.example = example;
    }
  }
}
