package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One deployment target of the pipeline: an AWS account and region with the stacks deployed there.
 *
 * @param name the environment name, a DNS-1123 label (it becomes part of Argo task names such as
 *     {@code deploy-<name>})
 * @param region the AWS region, e.g. {@code us-east-1}
 * @param account the 12-digit AWS account ID, as a string so leading zeros survive
 * @param stacks the stacks deployed in this environment, in order; at least one
 * @param testCommands the commands of the {@code test-<name>} stage; empty when the environment has
 *     no tests
 */
public record EnvironmentConfig(
    String name,
    String region,
    String account,
    List<StackDefinition> stacks,
    List<String> testCommands) {

  /** Creates the environment; the lists are copied. */
  public EnvironmentConfig {
    requireNonNull(name, "name");
    requireNonNull(region, "region");
    requireNonNull(account, "account");
    stacks = List.copyOf(stacks);
    testCommands = List.copyOf(testCommands);
  }

  /**
   * Tells whether this environment has a {@code test-<name>} stage.
   *
   * @return true when there is at least one test command
   */
  public boolean hasTests() {
    return !testCommands.isEmpty();
  }
}
