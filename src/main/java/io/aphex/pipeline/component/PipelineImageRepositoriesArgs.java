package io.aphex.pipeline.component;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.iam.EcrRepositoryPolicy;
import io.aphex.pipeline.images.EcrLifecyclePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Everything a {@link PipelineImageRepositories} needs, as plain validated values. Build it with
 * {@link #builder()}; {@link Builder#build()} checks every value and reports every problem at once
 * in a {@link ConfigException}, before any resource exists. Problem locations are the property
 * names.
 */
public final class PipelineImageRepositoriesArgs {

  private final List<String> repositories;
  private final int keepVersions;
  private final List<String> consumerAccountIds;
  private final List<String> consumerRoleArns;

  private PipelineImageRepositoriesArgs(Builder b) {
    this.repositories = List.copyOf(b.repositories);
    this.keepVersions = b.keepVersions;
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
   * The ECR repositories to create. Default {@code arbiter-pipeline-builder} and {@code
   * arbiter-pipeline-deployer}, the repositories of the image convention.
   *
   * @return the repository names, in the order given
   */
  public List<String> repositories() {
    return repositories;
  }

  /**
   * How many versions (tagged images) each repository keeps; older ones expire. Default {@value
   * EcrLifecyclePolicy#DEFAULT_KEEP_VERSIONS}, 1 to {@value EcrLifecyclePolicy#MAX_KEEP_VERSIONS}.
   *
   * @return the number of versions kept
   */
  public int keepVersions() {
    return keepVersions;
  }

  /**
   * The other accounts whose clusters pull the images; each repository then gets the pull policy of
   * {@link EcrPullAccess}. Default: none, and no repository policy (the image account's own
   * clusters need none).
   *
   * @return the account IDs, as given
   */
  public List<String> consumerAccountIds() {
    return consumerAccountIds;
  }

  /**
   * Role ARNs that may pull in addition to the accounts (see {@link
   * EcrPullAccessArgs#consumerRoleArns()}). Default: none; needs at least one consumer account.
   *
   * @return the role ARNs, as given
   */
  public List<String> consumerRoleArns() {
    return consumerRoleArns;
  }

  /**
   * The pull access of the consumers, for the same repositories.
   *
   * @return the args of the pull policy, or empty when there are no consumers
   */
  public Optional<EcrPullAccessArgs> pullAccess() {
    if (consumerAccountIds.isEmpty() && consumerRoleArns.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        EcrPullAccessArgs.builder()
            .repositories(repositories)
            .consumerAccountIds(consumerAccountIds)
            .consumerRoleArns(consumerRoleArns)
            .build());
  }

  /** The builder of {@link PipelineImageRepositoriesArgs}; every setter returns the builder. */
  public static final class Builder {
    private List<String> repositories = EcrPullAccessArgs.DEFAULT_REPOSITORIES;
    private int keepVersions = EcrLifecyclePolicy.DEFAULT_KEEP_VERSIONS;
    private List<String> consumerAccountIds = List.of();
    private List<String> consumerRoleArns = List.of();

    private Builder() {}

    /**
     * Sets {@link PipelineImageRepositoriesArgs#repositories()}.
     *
     * @param value the repository names, or null for the default {@code arbiter-pipeline-builder}
     *     and {@code arbiter-pipeline-deployer}
     * @return this builder
     */
    public Builder repositories(@Nullable List<String> value) {
      this.repositories =
          value == null ? EcrPullAccessArgs.DEFAULT_REPOSITORIES : new ArrayList<>(value);
      return this;
    }

    /**
     * Sets {@link PipelineImageRepositoriesArgs#keepVersions()}.
     *
     * @param value the number of versions kept; default {@value
     *     EcrLifecyclePolicy#DEFAULT_KEEP_VERSIONS}
     * @return this builder
     */
    public Builder keepVersions(int value) {
      this.keepVersions = value;
      return this;
    }

    /**
     * Sets {@link PipelineImageRepositoriesArgs#consumerAccountIds()}.
     *
     * @param value the 12-digit account IDs, or null for the default, none
     * @return this builder
     */
    public Builder consumerAccountIds(@Nullable List<String> value) {
      this.consumerAccountIds = value == null ? List.of() : new ArrayList<>(value);
      return this;
    }

    /**
     * Sets {@link PipelineImageRepositoriesArgs#consumerRoleArns()}.
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
     * @throws ConfigException naming every invalid property
     */
    public PipelineImageRepositoriesArgs build() {
      List<Problem> problems = new ArrayList<>();
      EcrPullAccessArgs.Builder.checkRepositories(problems, repositories);
      EcrLifecyclePolicy.check(keepVersions).ifPresent(problems::add);
      if (!consumerAccountIds.isEmpty() || !consumerRoleArns.isEmpty()) {
        problems.addAll(EcrRepositoryPolicy.checkConsumers(consumerAccountIds, consumerRoleArns));
      }
      ConfigException.throwIfAny(problems);
      return new PipelineImageRepositoriesArgs(this);
    }
  }
}
