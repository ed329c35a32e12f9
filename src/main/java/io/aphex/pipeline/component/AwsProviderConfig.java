package io.aphex.pipeline.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleWithWebIdentityArgs;
import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /** How each copied key is set on the provider's args. */
  private static final Map<String, BiConsumer<ProviderArgs.Builder, String>> SETTERS = setters();

  /** The copied keys, without the {@code aws:} namespace. */
  public static final Set<String> KEYS = SETTERS.keySet();

  private AwsProviderConfig() {}

  /**
   * Builds the args of a provider for another region.
   *
   * @param region the provider's region
   * @param config the stack's {@code aws:} settings by key (keys outside {@link #KEYS} are ignored)
   * @return the args
   * @throws RunException naming the key when a list or object value is not valid JSON
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

  private static Map<String, BiConsumer<ProviderArgs.Builder, String>> setters() {
    Map<String, BiConsumer<ProviderArgs.Builder, String>> s = new LinkedHashMap<>();
    s.put("profile", ProviderArgs.Builder::profile);
    s.put("sharedConfigFiles", (b, v) -> b.sharedConfigFiles(list("sharedConfigFiles", v)));
    s.put(
        "sharedCredentialsFiles",
        (b, v) -> b.sharedCredentialsFiles(list("sharedCredentialsFiles", v)));
    s.put("accessKey", (b, v) -> b.accessKey(Output.ofSecret(v)));
    s.put("secretKey", (b, v) -> b.secretKey(Output.ofSecret(v)));
    s.put("token", (b, v) -> b.token(Output.ofSecret(v)));
    s.put("assumeRole", (b, v) -> b.assumeRole(assumeRole(object("assumeRole", v))));
    s.put(
        "assumeRoleWithWebIdentity",
        (b, v) ->
            b.assumeRoleWithWebIdentity(
                assumeRoleWithWebIdentity(object("assumeRoleWithWebIdentity", v))));
    s.put("allowedAccountIds", (b, v) -> b.allowedAccountIds(list("allowedAccountIds", v)));
    s.put("forbiddenAccountIds", (b, v) -> b.forbiddenAccountIds(list("forbiddenAccountIds", v)));
    s.put("stsRegion", ProviderArgs.Builder::stsRegion);
    s.put("customCaBundle", ProviderArgs.Builder::customCaBundle);
    s.put("ec2MetadataServiceEndpoint", ProviderArgs.Builder::ec2MetadataServiceEndpoint);
    s.put("ec2MetadataServiceEndpointMode", ProviderArgs.Builder::ec2MetadataServiceEndpointMode);
    s.put("httpProxy", ProviderArgs.Builder::httpProxy);
    s.put("httpsProxy", ProviderArgs.Builder::httpsProxy);
    s.put("noProxy", ProviderArgs.Builder::noProxy);
    s.put("retryMode", ProviderArgs.Builder::retryMode);
    s.put("maxRetries", (b, v) -> b.maxRetries(integer("maxRetries", v)));
    s.put(
        "tokenBucketRateLimiterCapacity",
        (b, v) -> b.tokenBucketRateLimiterCapacity(integer("tokenBucketRateLimiterCapacity", v)));
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
    Optional.ofNullable(object.get(field)).map(String::valueOf).ifPresent(set);
  }

  private static void strings(
      Map<String, Object> object, String field, Consumer<List<String>> set) {
    Optional.ofNullable(object.get(field))
        .map(v -> JSON.convertValue(v, new TypeReference<List<String>>() {}))
        .ifPresent(set);
  }

  private static Map<String, Object> object(String key, String value) {
    return parse(key, value, new TypeReference<>() {}, "a JSON object", ".roleArn VALUE");
  }

  private static List<String> list(String key, String value) {
    return parse(key, value, new TypeReference<>() {}, "a JSON list of strings", "[0] VALUE");
  }

  private static int integer(String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, "a whole number", " 5");
    }
  }

  private static <T> T parse(
      String key, String value, TypeReference<T> type, String expected, String example) {
    try {
      return JSON.readValue(value, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw invalid(key, expected, example);
    }
  }

  /** The value is not shown: these settings can hold credentials. */
  private static RunException invalid(String key, String expected, String example) {
    return new RunException(
        "aws:"
            + key
            + " is not "
            + expected
            + ", so the AWS providers the pipeline makes for other regions cannot copy it. Fix:"
            + " set it as the aws provider documents it, e.g. pulumi config set --path aws:"
            + key
            + example);
  }
}
