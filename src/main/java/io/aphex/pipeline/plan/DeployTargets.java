package io.aphex.pipeline.plan;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roles the workflow role may assume, read from the pipeline config: the environments' own
 * {@code deployRoleArn}s, and the (account, region) of the environments that deploy through the CDK
 * bootstrap roles instead.
 */
public final class DeployTargets {

  private DeployTargets() {}

  /** Returns the distinct {@code deployRoleArn}s, in file order. */
  public static List<String> roleArns(PipelineConfig config) {
    return config.environments().stream()
        .map(EnvironmentConfig::deployRoleArn)
        .flatMap(Optional::stream)
        .distinct()
        .toList();
  }

  /** Returns the (account, region) of each environment without a {@code deployRoleArn}. */
  public static List<Map.Entry<String, String>> cdkTargets(PipelineConfig config) {
    return config.environments().stream()
        .filter(environment -> environment.deployRoleArn().isEmpty())
        .map(environment -> Map.entry(environment.account(), environment.region()))
        .toList();
  }
}
