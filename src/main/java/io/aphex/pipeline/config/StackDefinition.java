package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A stack deployed by an environment stage, with the CDK or with Pulumi.
 *
 * @param name the stack name: for the CDK the name the CDK app knows it by, passed to {@code cdk
 *     deploy}; for Pulumi the stack reference passed to {@code pulumi up --stack}
 * @param path relative to the repository root: for the CDK the stack's source file or directory
 *     ({@code cdk deploy} runs in the nearest directory at or above it that holds a {@code
 *     cdk.json}); for Pulumi the project directory, the one holding {@code Pulumi.yaml}
 * @param dependsOn the names of the stacks of the same environment that must be deployed before
 *     this one, as written in {@code dependsOn}; empty when the key is not written, which means the
 *     default: the stack before this one in the list (none for the first). {@code dependsOn: []}
 *     means none. Use {@link EnvironmentConfig#stackLevels} for the resulting order
 * @param engine the tool that deploys the stack ({@code engine}); {@link StackEngine#CDK} by
 *     default
 */
public record StackDefinition(
    String name, String path, Optional<List<String>> dependsOn, StackEngine engine) {

  /**
   * Creates the stack definition; the list is copied.
   *
   * @throws IllegalArgumentException when the name breaks the engine's rule ({@link
   *     StackEngine#checkName})
   */
  public StackDefinition {
    requireNonNull(name, "name");
    requireNonNull(path, "path");
    dependsOn = requireNonNull(dependsOn, "dependsOn").map(List::copyOf);
    requireNonNull(engine, "engine");
    engine
        .checkName(name)
        .ifPresent(
            rule -> {
              throw new IllegalArgumentException(
                  engine.key() + " stack name '" + name + "' " + rule);
            });
  }

  /**
   * Creates a CDK stack.
   *
   * @param name the stack name
   * @param path the stack's source path
   * @param dependsOn the stacks it waits for; empty for the default, the stack before it
   */
  public StackDefinition(String name, String path, Optional<List<String>> dependsOn) {
    this(name, path, dependsOn, StackEngine.CDK);
  }

  /**
   * Creates a CDK stack deployed after the one before it in the list.
   *
   * @param name the stack name
   * @param path the stack's source path
   */
  public StackDefinition(String name, String path) {
    this(name, path, Optional.empty());
  }
}
