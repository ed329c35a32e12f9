package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A CDK stack deployed by an environment stage.
 *
 * @param name the stack name as the CDK app knows it, passed to {@code cdk deploy}
 * @param path the source file or directory of the stack, relative to the repository root
 * @param dependsOn the names of the stacks of the same environment that must be deployed before
 *     this one, as written in {@code dependsOn}; empty when the key is not written, which means the
 *     default: the stack before this one in the list (none for the first). {@code dependsOn: []}
 *     means none. Use {@link EnvironmentConfig#stackLevels} for the resulting order
 */
public record StackDefinition(String name, String path, Optional<List<String>> dependsOn) {

  /** Creates the stack definition; the list is copied. */
  public StackDefinition {
    requireNonNull(name, "name");
    requireNonNull(path, "path");
    dependsOn = requireNonNull(dependsOn, "dependsOn").map(List::copyOf);
  }

  /**
   * Creates a stack deployed after the one before it in the list.
   *
   * @param name the stack name
   * @param path the stack's source path
   */
  public StackDefinition(String name, String path) {
    this(name, path, Optional.empty());
  }
}
