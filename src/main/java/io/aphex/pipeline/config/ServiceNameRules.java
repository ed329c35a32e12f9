package io.aphex.pipeline.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rules of the outside services a pipeline refers to (GitHub, Git, S3, AWS Secrets
 * Manager, Pulumi backends), as pure predicates that return the broken rule or empty.
 */
public final class ServiceNameRules {

  private static final Pattern GITHUB_OWNER =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
  private static final Pattern GITHUB_REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
  private static final Pattern BACKEND_URL = Pattern.compile("(https|s3|gs|azblob|file)://\\S+");

  private ServiceNameRules() {}

  /**
   * Checks a GitHub user or organization name: up to 39 letters, digits and single hyphens, not
   * starting or ending with a hyphen.
   *
   * @param value the owner
   * @return the broken rule, or empty
   */
  public static Optional<String> githubOwner(String value) {
    return GITHUB_OWNER.matcher(value).matches()
        ? Optional.empty()
        : Optional.of(
            "is not a GitHub owner name (up to 39 letters, digits and single hyphens, not"
                + " starting or ending with a hyphen)");
  }

  /**
   * Checks a GitHub repository name: up to 100 letters, digits, '.', '_' and '-', and not {@code .}
   * or {@code ..}; the owner is given separately.
   *
   * @param value the repository name
   * @return the broken rule, or empty
   */
  public static Optional<String> githubRepo(String value) {
    if (value.contains("/")) {
      return Optional.of("contains '/'; it must be the repository name only, without the owner");
    }
    return GITHUB_REPO.matcher(value).matches() && !value.equals(".") && !value.equals("..")
        ? Optional.empty()
        : Optional.of(
            "is not a GitHub repository name (up to 100 letters, digits, '.', '_' and '-')");
  }

  /**
   * Checks a Git branch name against the rules of {@code git check-ref-format --branch}.
   *
   * @param value the branch name, without {@code refs/heads/}
   * @return the broken rule, or empty
   */
  public static Optional<String> gitBranch(String value) {
    boolean bad =
        value.isEmpty()
            || value.startsWith("refs/")
            || value.startsWith("-")
            || value.startsWith("/")
            || value.endsWith("/")
            || value.endsWith(".")
            || value.endsWith(".lock")
            || value.contains("..")
            || value.contains("//")
            || value.contains("@{")
            || value.chars().anyMatch(c -> c <= ' ' || c == 127 || "~^:?*[\\".indexOf(c) >= 0);
    return bad
        ? Optional.of(
            "is not a valid Git branch name (no spaces, '..', '~', '^', ':', '?', '*', '[' or"
                + " '\\', no leading '-' or '/', and without the refs/heads/ prefix)")
        : Optional.empty();
  }

  /**
   * Checks an S3 bucket name: 3 to 63 lower-case letters, digits, '.' and '-', starting and ending
   * with a letter or digit, no '..', not an IP address.
   *
   * @param value the bucket name
   * @return the broken rule, or empty
   */
  public static Optional<String> s3Bucket(String value) {
    boolean ok =
        BUCKET.matcher(value).matches()
            && !value.contains("..")
            && !value.contains(".-")
            && !value.contains("-.")
            && !IP_ADDRESS.matcher(value).matches();
    return ok
        ? Optional.empty()
        : Optional.of(
            "is not a valid S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-',"
                + " starting and ending with a letter or digit)");
  }

  /**
   * Checks an AWS Secrets Manager secret name: 1 to 512 letters, digits and {@code /_+=.@-}.
   *
   * @param value the secret name
   * @return the broken rule, or empty
   */
  public static Optional<String> secretsManagerName(String value) {
    return SECRET_NAME.matcher(value).matches()
        ? Optional.empty()
        : Optional.of(
            "is not an AWS Secrets Manager secret name (1 to 512 letters, digits and /_+=.@-)");
  }

  /**
   * Checks a Pulumi state backend URL.
   *
   * @param value the URL
   * @return the broken rule, or empty
   */
  public static Optional<String> pulumiBackendUrl(String value) {
    if (value.contains("{{") || value.contains("$")) {
      return Optional.of(
          "contains '{{' or '$', which Argo or Kubernetes would substitute in the workflow's"
              + " environment");
    }
    return BACKEND_URL.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("is not a Pulumi backend URL (https://, s3://, gs://, azblob:// or file://)");
  }

  /**
   * Checks a path relative to the repository root: not absolute, no {@code ..} segment, no
   * backslash, no control characters.
   *
   * @param value the path
   * @return the broken rule, or empty
   */
  public static Optional<String> relativePath(String value) {
    boolean bad =
        value.isEmpty()
            || value.startsWith("/")
            || value.contains("\\")
            || value.chars().anyMatch(c -> c < ' ' || c == 127)
            || Pattern.compile("(^|/)\\.\\.(/|$)").matcher(value).find();
    return bad
        ? Optional.of(
            "is not a path relative to the repository root (no leading '/', no '..' segment, no"
                + " '\\')")
        : Optional.empty();
  }
}
