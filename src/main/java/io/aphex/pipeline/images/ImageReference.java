package io.aphex.pipeline.images;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

import io.aphex.pipeline.config.AwsPartition;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.NameRules;
import io.aphex.pipeline.config.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * A container image reference such as {@code
 * 123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1}, checked against
 * the grammar of the Docker distribution project (github.com/distribution/reference):
 *
 * <pre>
 * reference := [registry "/"] repository [":" tag] ["@" digest]
 * registry  := host [":" port]; host is a DNS name, an IPv4 address or a bracketed IPv6 address
 * repository:= component ("/" component)*; component = [a-z0-9]+ ((. | _ | __ | -+) [a-z0-9]+)*
 * tag       := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 * digest    := sha256:[a-f0-9]{64} | sha384:[a-f0-9]{96} | sha512:[a-f0-9]{128}
 * </pre>
 *
 * <p>The first path component is the registry when it contains a {@code '.'} or a {@code ':'} or is
 * {@code localhost}; otherwise the image is on Docker Hub. Registry and repository together are at
 * most 255 characters long.
 *
 * <p>Nothing is normalized: {@link #toString()} returns the reference exactly as written, a Docker
 * Hub image has no {@link #registry()} (not {@code docker.io}) and its repository keeps its short
 * form ({@code ubuntu}, not {@code library/ubuntu}). Every instance is valid: the constructor
 * refuses an invalid reference as {@link #parse(String)} does. Two references are equal when they
 * are written the same way.
 *
 * @param reference the reference as the user wrote it
 */
public record ImageReference(String reference) {

  /** The longest registry and repository together, the limit of the distribution grammar. */
  public static final int NAME_MAX_LENGTH = 255;

  /** The longest tag. */
  public static final int TAG_MAX_LENGTH = 128;

  static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  static final Pattern REGISTRY =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
              + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
              + "|\\[[a-fA-F0-9:]+\\])"
              + "(?::[0-9]+)?");
  static final Pattern TAG = Pattern.compile("[\\w][\\w.-]*");
  private static final Pattern NOT_IN_TAG = Pattern.compile("[^\\w.-]");
  private static final Pattern NOT_IN_REPOSITORY = Pattern.compile("[^a-z0-9._/-]");
  private static final Map<String, Integer> DIGEST_HEX_LENGTHS =
      Map.of("sha256", 64, "sha384", 96, "sha512", 128);
  private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");
  private static final Pattern ECR_REGISTRY =
      Pattern.compile("([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

  /**
   * Checks the reference.
   *
   * @throws ConfigException with one problem located at {@code image reference} when the reference
   *     is invalid; use {@link #check(String)} first to report it under the setting it came from
   */
  public ImageReference {
    Optional<String> rule = check(reference);
    if (rule.isPresent()) {
      throw new ConfigException(
          List.of(
              new Problem(
                  "image reference",
                  reference,
                  rule.get(),
                  "write it as [registry/]repository[:tag][@sha256:digest], e.g."
                      + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/"
                      + "arbiter-pipeline-builder:v1.0.1")));
    }
  }

  /**
   * Parses an image reference.
   *
   * @param reference the reference as the user wrote it
   * @return the parsed reference
   * @throws ConfigException with one problem located at {@code image reference} when the reference
   *     is invalid; use {@link #check(String)} first to report it under the setting it came from
   */
  public static ImageReference parse(String reference) {
    return new ImageReference(reference);
  }

  /**
   * Checks an image reference without throwing, in the style of {@link NameRules}.
   *
   * @param reference the reference to check
   * @return the broken rule, e.g. {@code is not a valid image reference: the tag after ':' is
   *     empty}, or empty when the reference is valid
   */
  public static Optional<String> check(String reference) {
    requireNonNull(reference, "reference");
    if (reference.isEmpty()) {
      return Optional.of("is empty");
    }
    Parts parts = Parts.of(reference);
    Optional<String> fault = Optional.ofNullable(parts.digest).flatMap(ImageReference::digestFault);
    if (fault.isEmpty() && parts.tag != null) {
      fault =
          parts.tag.isEmpty()
              ? Optional.of("the tag after ':' is empty")
              : tagFault(parts.tag).map(f -> "the tag " + f);
    }
    if (fault.isEmpty()) {
      fault = nameFault(parts);
    }
    return fault.map(f -> "is not a valid image reference: " + f);
  }

  /**
   * Checks an image tag on its own, as used for {@code containerImageVersion}: 1 to 128 letters,
   * digits, {@code '_'}, {@code '.'} and {@code '-'}, not starting with {@code '.'} or {@code '-'}.
   *
   * @param tag the tag to check
   * @return the broken rule, e.g. {@code is not a valid image tag: it starts with '-' (a tag starts
   *     with a letter, digit or '_')}, or empty when the tag is valid
   */
  public static Optional<String> checkTag(String tag) {
    requireNonNull(tag, "tag");
    if (tag.isEmpty()) {
      return Optional.of("is empty");
    }
    return tagFault(tag).map(fault -> "is not a valid image tag: it " + fault);
  }

  /**
   * Returns the registry host, with its port when one was written, e.g. {@code ghcr.io} or {@code
   * localhost:5000}.
   *
   * @return the registry, or empty for a Docker Hub image (no {@code docker.io} is filled in)
   */
  public Optional<String> registry() {
    return Optional.ofNullable(Parts.of(reference).registry);
  }

  /**
   * Returns the repository path as written, e.g. {@code arbiter-pipeline-builder} or {@code
   * myorg/builder}.
   *
   * @return the repository, never empty
   */
  public String repository() {
    return Parts.of(reference).repository;
  }

  /**
   * Returns the tag, e.g. {@code v1.0.1}.
   *
   * @return the tag, or empty when none was written (Docker then pulls {@code latest})
   */
  public Optional<String> tag() {
    return Optional.ofNullable(Parts.of(reference).tag);
  }

  /**
   * Returns the digest, e.g. {@code sha256:} followed by 64 hex digits.
   *
   * @return the digest, or empty when none was written
   */
  public Optional<String> digest() {
    return Optional.ofNullable(Parts.of(reference).digest);
  }

  /**
   * Tells whether the image can change under the same reference: true when there is no digest and
   * the tag is missing or {@code latest}.
   *
   * @return true for a mutable reference
   */
  public boolean isMutableTag() {
    return digest().isEmpty() && tag().orElse("latest").equals("latest");
  }

  /**
   * Tells whether the image is in a private Amazon ECR registry: the registry is {@code <12-digit
   * account>.dkr.ecr[-fips].<region>.amazonaws.com}, or {@code .amazonaws.com.cn} for a {@code
   * cn-*} region.
   *
   * @return true for an ECR image
   */
  public boolean isEcr() {
    return ecrMatch().isPresent();
  }

  /**
   * Returns the AWS account that owns the ECR registry.
   *
   * @return the 12-digit account ID, or empty when the image is not in ECR
   */
  public Optional<String> ecrAccount() {
    return ecrMatch().map(m -> m.group(1));
  }

  /**
   * Returns the AWS region of the ECR registry.
   *
   * @return the region, e.g. {@code us-east-1}, or empty when the image is not in ECR
   */
  public Optional<String> ecrRegion() {
    return ecrMatch().map(m -> m.group(2));
  }

  /**
   * Returns the ARN of the ECR repository, to scope IAM policies: {@code
   * arn:<partition>:ecr:<region>:<account>:repository/<repository>}, where the partition is {@code
   * aws-cn} for {@code cn-*} regions, {@code aws-us-gov} for {@code us-gov-*} regions and {@code
   * aws} otherwise.
   *
   * @return the repository ARN, or empty when the image is not in ECR
   */
  public Optional<String> ecrRepositoryArn() {
    return ecrMatch()
        .map(
            m ->
                "arn:%s:ecr:%s:%s:repository/%s"
                    .formatted(AwsPartition.of(m.group(2)), m.group(2), m.group(1), repository()));
  }

  /**
   * Returns the reference exactly as it was written.
   *
   * @return the reference
   */
  @Override
  public String toString() {
    return reference;
  }

  private Optional<Matcher> ecrMatch() {
    Matcher m = ECR_REGISTRY.matcher(registry().orElse(""));
    if (!m.matches()) {
      return Optional.empty();
    }
    String region = m.group(2);
    boolean china = region.startsWith("cn-");
    boolean known = NameRules.awsRegion(region).isEmpty() && !region.startsWith("us-iso");
    return known && china == (m.group(3) != null) ? Optional.of(m) : Optional.empty();
  }

  /**
   * A reference split at its first {@code '@'} (the digest), the last {@code ':'} after the last
   * {@code '/'} (the tag) and the first {@code '/'} (the registry, when the first path component
   * looks like a host), without any check.
   */
  private record Parts(
      String name,
      @Nullable String registry,
      String repository,
      @Nullable String tag,
      @Nullable String digest) {

    static Parts of(String reference) {
      int at = reference.indexOf('@');
      String name = at < 0 ? reference : reference.substring(0, at);
      String digest = at < 0 ? null : reference.substring(at + 1);
      String tag = null;
      int colon = name.lastIndexOf(':');
      if (colon > name.lastIndexOf('/')) {
        tag = name.substring(colon + 1);
        name = name.substring(0, colon);
      }
      int slash = name.indexOf('/');
      String first = slash < 0 ? "" : name.substring(0, slash);
      boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
      return host
          ? new Parts(name, first, name.substring(slash + 1), tag, digest)
          : new Parts(name, null, name, tag, digest);
    }
  }

  private static Optional<String> nameFault(Parts parts) {
    String name = parts.name;
    if (name.isEmpty()) {
      return Optional.of("it has no repository name");
    }
    if (name.contains("://")) {
      return Optional.of("it starts with a URL scheme, which image references do not have");
    }
    if (name.length() > NAME_MAX_LENGTH) {
      return Optional.of(
          "the name is %s characters long (at most %s for registry and repository)"
              .formatted(name.length(), NAME_MAX_LENGTH));
    }
    if (parts.registry != null && !REGISTRY.matcher(parts.registry).matches()) {
      return Optional.of(
          "the registry '%s' is not a host name with an optional port (like"
                  .formatted(escaped(parts.registry))
              + " registry.example.com:5000)");
    }
    return repositoryFault(parts.repository);
  }

  private static Optional<String> repositoryFault(String repository) {
    if (repository.isEmpty()
        || repository.startsWith("/")
        || repository.endsWith("/")
        || repository.contains("//")) {
      return Optional.of(
          "the repository has an empty path component (a '/' at an end or two in a row)");
    }
    Optional<Integer> bad = firstMatch(NOT_IN_REPOSITORY, repository);
    if (bad.isPresent()) {
      return Optional.of(
          repository.codePoints().anyMatch(Character::isUpperCase)
              ? "the repository has upper-case letters (repositories are lower-case)"
              : "the repository contains "
                  + describe(bad.get())
                  + " (a repository has lower-case letters, digits, '.', '_', '-' and '/')");
    }
    for (String component : repository.split("/")) {
      if (!PATH_COMPONENT.matcher(component).matches()) {
        return Optional.of(
            "the repository path component '"
                + component
                + "' is invalid (lower-case letters and digits, joined by one '.', one or two"
                + " '_' or any number of '-')");
      }
    }
    return Optional.empty();
  }

  /** Returns the first code point where the pattern matches. */
  private static Optional<Integer> firstMatch(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(text.codePointAt(m.start())) : Optional.empty();
  }

  /** Returns what is wrong with a non-empty tag, as a fragment after "it" or "the tag". */
  private static Optional<String> tagFault(String tag) {
    if (tag.length() > TAG_MAX_LENGTH) {
      return Optional.of(
          "is %s characters long (at most %s)".formatted(tag.length(), TAG_MAX_LENGTH));
    }
    if (TAG.matcher(tag).matches()) {
      return Optional.empty();
    }
    int first = tag.codePointAt(0);
    if (first == '.' || first == '-') {
      return Optional.of(
          "starts with " + describe(first) + " (a tag starts with a letter, digit or '_')");
    }
    return Optional.of(
        "contains "
            + describe(firstMatch(NOT_IN_TAG, tag).orElseThrow())
            + " (a tag has letters, digits, '_', '.' and '-')");
  }

  private static Optional<String> digestFault(String digest) {
    int colon = digest.indexOf(':');
    String algorithm = colon < 0 ? digest : digest.substring(0, colon);
    Integer hexLength = DIGEST_HEX_LENGTHS.get(algorithm);
    if (hexLength == null) {
      return Optional.of(
          "the digest after '@' does not start with sha256:, sha384: or sha512: (write it as"
              + " sha256: followed by 64 lower-case hex digits)");
    }
    String hex = digest.substring(colon + 1);
    if (hex.length() != hexLength || !LOWER_HEX.matcher(hex).matches()) {
      return Optional.of(
          "the %s digest is not %s lower-case hex digits after '%s:'"
              .formatted(algorithm, hexLength, algorithm));
    }
    return Optional.empty();
  }

  /** Names one character: {@code a space}, {@code U+000A} when invisible, else {@code '+'}. */
  private static String describe(int codePoint) {
    if (codePoint == ' ') {
      return "a space";
    }
    return isInvisible(codePoint)
        ? String.format("U+%04X", codePoint)
        : "'" + Character.toString(codePoint) + "'";
  }

  /**
   * Writes a text with its invisible characters escaped as in Java source: newline, tab, U+XXXX.
   */
  private static String escaped(String text) {
    return text.codePoints()
        .mapToObj(
            cp ->
                switch (cp) {
                  case '\n' -> "\\n";
                  case '\t' -> "\\t";
                  default ->
                      isInvisible(cp) ? String.format("\\u%04x", cp) : Character.toString(cp);
                })
        .collect(joining());
  }

  private static boolean isInvisible(int codePoint) {
    return Character.isISOControl(codePoint)
        || (Character.isWhitespace(codePoint) && codePoint != ' ')
        || Character.getType(codePoint) == Character.FORMAT;
  }
}
