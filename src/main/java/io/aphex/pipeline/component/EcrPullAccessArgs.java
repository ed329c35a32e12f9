package io.aphex.pipeline.component;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.iam.EcrRepositoryPolicy;
import io.aphex.pipeline.images.ImageSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Everything an {@link EcrPullAccess} needs, as plain validated values. Build it with {@link
 * #builder()}; {@link Builder#build()} checks every value and reports every problem at once in a
 * {@link ConfigException}, before any resource exists. Problem locations are the property names.
 */
public final class EcrPullAccessArgs {

  /** Default of {@link #repositories()}: the two repositories of the image convention. */
  public static final List<String> DEFAULT_REPOSITORIES =
      List.of(ImageSettings.BUILDER_REPOSITORY, ImageSettings.DEPLOYER_REPOSITORY);

  private static final Pattern REPOSITORY_NAME =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

  private final List<String> repositories;
  private final List<String> consumerAccountIds;
  private final List<String> consumerRoleArns;

  private EcrPullAccessArgs(Builder b) {
    this.repositories = List.copyOf(b.repositories);
    this.consumerAccountIds = List.copyOf(b.consumerAccountIds);
    this.consumerRoleArns = List.copyOf(b.consumerRoleArns);
  }

  /**
   * Starts a builder with every default set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The names of the existing ECR repositories, in the image account, that get the pull policy.
   * Default {@code arbiter-pipeline-builder} and {@code arbiter-pipeline-deployer}.
   *
   * @return the repository names, in the order given, without duplicates
   */
  public List<String> repositories() {
    return repositories;
  }

  /**
   * The accounts whose clusters pull the images: each gets an {@code arn:<partition>:iam::<account>
   * :root} principal. Required, at least one, 12 digits each, not the image account itself.
   *
   * @return the account IDs, as given
   */
  public List<String> consumerAccountIds() {
    return consumerAccountIds;
  }

  /**
   * IAM role ARNs that may pull in addition to the accounts, e.g. a node role of an account that is
   * not otherwise trusted. Default: none.
   *
   * @return the role ARNs, as given
   */
  public List<String> consumerRoleArns() {
    return consumerRoleArns;
  }

  /** The builder of {@link EcrPullAccessArgs}; every setter returns the builder. */
  public static final class Builder {
    private List<String> repositories = DEFAULT_REPOSITORIES;
    private @Nullable List<String> consumerAccountIds;
    private List<String> consumerRoleArns = List.of();

    private Builder() {}

    /**
     * Sets {@link EcrPullAccessArgs#repositories()}.
     *
     * @param value the repository names, or null for the default {@code arbiter-pipeline-builder}
     *     and {@code arbiter-pipeline-deployer}
     * @return this builder
     */
    public Builder repositories(@Nullable List<String> value) {
      this.repositories = value == null ? DEFAULT_REPOSITORIES : new ArrayList<>(value);
      return this;
    }

    /**
     * Sets {@link EcrPullAccessArgs#consumerAccountIds()}.
     *
     * @param value the 12-digit account IDs; required, so null leaves it missing
     * @return this builder
     */
    public Builder consumerAccountIds(@Nullable List<String> value) {
      this.consumerAccountIds = value == null ? null : new ArrayList<>(value);
      return this;
    }

    /**
     * Sets {@link EcrPullAccessArgs#consumerRoleArns()}.
     *
     * @param value the role ARNs, or null for the default, none
     * @return this builder
     */
    public Builder consumerRoleArns(@Nullable List<String> value) {
      this.consumerRoleArns = value == null ? List.of() : new ArrayList<>(value);
      return this;
    }

    /**
     * Validates every property and builds the args.
     *
     * @return the args
     * @throws ConfigException naming every missing or invalid property
     */
    public EcrPullAccessArgs build() {
      List<Problem> problems = new ArrayList<>();
      checkRepositories(problems, repositories);
      if (consumerAccountIds == null) {
        problems.add(
            new Problem(
                "consumerAccountIds",
                null,
                "it is required",
                "set it to the 12-digit IDs of the accounts whose clusters pull the images, e.g."
                    + " [\"210987654321\"]"));
      } else {
        problems.addAll(EcrRepositoryPolicy.checkAccounts(consumerAccountIds));
      }
      problems.addAll(EcrRepositoryPolicy.checkRoles(consumerRoleArns));
      ConfigException.throwIfAny(problems);
      return new EcrPullAccessArgs(this);
    }

    static void checkRepositories(List<Problem> problems, List<String> names) {
      if (names.isEmpty()) {
        problems.add(
            new Problem(
                "repositories",
                "[]",
                "lists no repository",
                "list the ECR repositories to share, or unset it for arbiter-pipeline-builder and"
                    + " arbiter-pipeline-deployer"));
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        String location = "repositories[" + i + "]";
        if (name == null) {
          problems.add(
              new Problem(location, null, "an entry cannot be empty", "remove the empty entry"));
        } else if (name.length() < 2
            || name.length() > 256
            || !REPOSITORY_NAME.matcher(name).matches()) {
          problems.add(
              new Problem(
                  location,
                  name,
                  "is not an ECR repository name (2 to 256 lower-case letters, digits, '.', '_',"
                      + " '-' and '/', each part starting and ending with a letter or digit)",
                  "use the name shown by 'aws ecr describe-repositories', e.g."
                      + " arbiter-pipeline-builder"));
        } else if (!seen.add(name)) {
          problems.add(new Problem(location, name, "is listed twice", "list each repository once"));
        }
      }
    }
  }
}
