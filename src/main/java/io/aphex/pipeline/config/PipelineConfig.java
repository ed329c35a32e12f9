package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The user's pipeline definition, read from {@code aphex-config.yaml}: what to build and where to
 * deploy it, in promotion order.
 *
 * @param version the config format version; {@code "1.0"} is the only one defined
 * @param buildCommands shell commands of the {@code build} stage, run in order in the repository
 *     root; at least one
 * @param environments the environments in file order; at least one. Each one is deployed after the
 *     environments it depends on (see {@link #dependenciesAt}); by default that is the one before
 *     it, so that without {@code dependsOn} the file order is the promotion order
 * @param selfUpdate whether the workflow runs the {@code pipeline-deployment} stage, which updates
 *     the pipeline itself with {@code pulumi up} ({@code pipeline.selfUpdate}); default true
 * @param stages the settings of {@code pipeline.stages} by stage kind (one of {@link
 *     StageSettings#STAGES}); a kind left out keeps every default
 * @param validate whether the workflow runs the {@code validate} stage before any environment is
 *     deployed: required tools, each environment's credentials and the stacks' paths at the pushed
 *     commit ({@code pipeline.validate}); default true
 */
public record PipelineConfig(
    String version,
    List<String> buildCommands,
    List<EnvironmentConfig> environments,
    boolean selfUpdate,
    Map<String, StageSettings> stages,
    boolean validate) {

  /** Creates the config; the lists and the map are copied. */
  public PipelineConfig {
    requireNonNull(version, "version");
    buildCommands = List.copyOf(buildCommands);
    environments = List.copyOf(environments);
    stages = Map.copyOf(stages);
    for (String stage : stages.keySet()) {
      if (!StageSettings.STAGES.contains(stage)) {
        throw new IllegalArgumentException(
            "unknown stage '" + stage + "'; the stages are " + StageSettings.STAGES);
      }
    }
  }

  /**
   * Returns the settings of one stage kind.
   *
   * @param stage one of {@link StageSettings#STAGES}
   * @return its settings, or {@link StageSettings#DEFAULTS} when {@code pipeline.stages} has none
   */
  public StageSettings stage(String stage) {
    return stages.getOrDefault(stage, StageSettings.DEFAULTS);
  }

  /**
   * Creates a config with every default: the workflow updates the pipeline itself and runs the
   * {@code validate} stage, and every stage keeps its settings.
   *
   * @param version the config format version
   * @param buildCommands the build commands
   * @param environments the environments, in file order
   */
  public PipelineConfig(
      String version, List<String> buildCommands, List<EnvironmentConfig> environments) {
    this(version, buildCommands, environments, true, Map.of(), true);
  }

  /**
   * Returns the names of the environments that must be deployed before the environment at an index:
   * its {@code dependsOn} list when it has one (possibly empty), otherwise the environment before
   * it in {@link #environments()}, or none for the first.
   *
   * @param index the index of the environment in {@link #environments()}
   * @return the names of its dependencies, in the order written
   * @throws IndexOutOfBoundsException when there is no environment at that index
   */
  public List<String> dependenciesAt(int index) {
    EnvironmentConfig environment = environments.get(index);
    if (environment.dependsOn().isPresent()) {
      return environment.dependsOn().get();
    }
    return index == 0 ? List.of() : List.of(environments.get(index - 1).name());
  }
}
