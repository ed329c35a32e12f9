package io.aphex.pipeline.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The tool that deploys a stack ({@code stacks[].engine}); {@link #CDK} by default.
 *
 * <ul>
 *   <li>{@link #CDK}: the stack's {@code path} is its source file (or directory); {@code cdk
 *       deploy} runs in the nearest directory at or above it that holds a {@code cdk.json}.
 *   <li>{@link #PULUMI}: the stack's {@code path} is the Pulumi project directory (the one holding
 *       {@code Pulumi.yaml}); {@code pulumi up --yes} runs there for the named stack.
 * </ul>
 */
public enum StackEngine {
  /** The AWS CDK; the stack name is a CloudFormation stack name. */
  CDK("cdk"),
  /** Pulumi; the stack name is a Pulumi stack reference, {@code [<org>/[<project>/]]<stack>}. */
  PULUMI("pulumi");

  private final String key;

  StackEngine(String key) {
    this.key = key;
  }

  /**
   * The value written in {@code aphex-config.yaml}.
   *
   * @return {@code cdk} or {@code pulumi}
   */
  public String key() {
    return key;
  }

  /**
   * The values accepted in {@code stacks[].engine}, in order.
   *
   * @return {@code [cdk, pulumi]}
   */
  public static List<String> keys() {
    return Arrays.stream(values()).map(StackEngine::key).toList();
  }

  /**
   * Reads an engine as written in {@code aphex-config.yaml}; exact and lower case.
   *
   * @param value e.g. {@code pulumi}
   * @return the engine, or empty when the value is none of {@link #keys()}
   */
  public static Optional<StackEngine> of(String value) {
    return Arrays.stream(values()).filter(engine -> engine.key.equals(value)).findFirst();
  }

  /**
   * Checks a stack name against this engine's rule: {@link NameRules#cdkStackName} or {@link
   * NameRules#pulumiStackName}.
   *
   * @param name the stack name
   * @return the broken rule, or empty
   */
  public Optional<String> checkName(String name) {
    return this == CDK ? NameRules.cdkStackName(name) : NameRules.pulumiStackName(name);
  }
}
