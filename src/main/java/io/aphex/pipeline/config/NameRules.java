package io.aphex.pipeline.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming rules of Kubernetes and AWS that user input must follow, as pure predicates. Each
 * check returns the broken rule as text, or empty when the value is fine, so callers can build a
 * {@link Problem} with their own location and fix.
 */
public final class NameRules {

  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern REGION =
      Pattern.compile("(us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso|us-isob)-[a-z]+-[0-9]{1,2}");
  private static final Pattern ROLE_ARN =
      Pattern.compile(
          "arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):iam::([0-9]{12}):role/"
              + "(?=.{1,575}$)((?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64})");

  private NameRules() {}

  /**
   * Checks an AWS account ID: exactly 12 digits.
   *
   * @param value the account ID to check
   * @return the broken rule, or empty
   */
  public static Optional<String> awsAccount(String value) {
    return ACCOUNT.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("is not a 12-digit AWS account ID");
  }

  /**
   * Checks an environment's {@code deployRoleArn}: an IAM role ARN ({@code
   * arn:<partition>:iam::<account>:role/[<path>/]<name>}) in the environment's own account and in
   * the partition of its region, since the stages assume it there.
   *
   * @param value the ARN to check
   * @param account the environment's account, when it is valid
   * @param region the environment's region, when it is valid
   * @return the broken rule, or empty
   */
  public static Optional<String> deployRoleArn(
      String value, Optional<String> account, Optional<String> region) {
    Matcher arn = ROLE_ARN.matcher(value);
    if (!arn.matches()) {
      return Optional.of(
          "is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>, the role name at"
              + " most 64 of letters, digits and +=,.@_-)");
    }
    if (account.isPresent() && !arn.group(2).equals(account.get())) {
      return Optional.of(
          "is a role in account "
              + arn.group(2)
              + ", but the environment deploys to account "
              + account.get()
              + "; the stages assume this role in the target account");
    }
    if (region.isPresent() && !arn.group(1).equals(AwsPartition.of(region.get()))) {
      return Optional.of(
          "is in partition "
              + arn.group(1)
              + ", but region "
              + region.get()
              + " is in partition "
              + AwsPartition.of(region.get()));
    }
    return Optional.empty();
  }

  /**
   * Checks an AWS region name such as {@code us-east-1} or {@code us-gov-west-1}: its shape, and
   * that it is one of {@link AwsRegions#KNOWN} or of those named in {@code APHEX_EXTRA_REGIONS}.
   *
   * @param value the region to check
   * @return the broken rule, or empty
   */
  public static Optional<String> awsRegion(String value) {
    return REGION.matcher(value).matches()
        ? AwsRegions.unknown(value, System.getenv(AwsRegions.EXTRA_REGIONS_VARIABLE))
        : Optional.of("is not an AWS region name (like us-east-1 or eu-west-2)");
  }

  /**
   * Checks a path inside the repository: not empty, relative, '/' as the separator, no {@code ..}
   * segment that could leave the repository and no control characters.
   *
   * @param value the path to check
   * @return the broken rule, or empty
   */
  public static Optional<String> repositoryPath(String value) {
    if (value.isEmpty()) {
      return Optional.of("is empty");
    }
    if (value.startsWith("/")) {
      return Optional.of("is an absolute path; it must be relative to the repository root");
    }
    if (value.indexOf('\\') >= 0) {
      return Optional.of("contains a backslash; directories must be separated with '/'");
    }
    if (Arrays.asList(value.split("/", -1)).contains("..")) {
      return Optional.of("contains a '..' segment, which could point outside the repository");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("contains a control character");
    }
    return Optional.empty();
  }
}
