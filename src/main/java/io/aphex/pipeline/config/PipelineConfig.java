package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The user's pipeline definition, read from {@code aphex-config.yaml}: what to build and where to
 * deploy it, in promotion order.
 *
 * @param version the config format version; {@code "1.0"} is the only one defined
 * @param buildCommands shell commands of the {@code build} stage, run in order in the repository
 *     root; at least one
 * @param environments the environments in promotion order; at least one
 */
public record PipelineConfig(
    String version, List<String> buildCommands, List<EnvironmentConfig> environments) {

  /** Creates the config; the lists are copied. */
  public PipelineConfig {
    requireNonNull(version, "version");
    buildCommands = List.copyOf(buildCommands);
    environments = List.copyOf(environments);
  }
}
