package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

/**
 * A CDK stack deployed by an environment stage.
 *
 * @param name the stack name as the CDK app knows it, passed to {@code cdk deploy}
 * @param path the source file or directory of the stack, relative to the repository root
 */
public record StackDefinition(String name, String path) {

  /** Creates the stack definition. */
  public StackDefinition {
    requireNonNull(name, "name");
    requireNonNull(path, "path");
  }
}
