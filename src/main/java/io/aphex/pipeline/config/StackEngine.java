package io.aphex.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

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
  /**
   * The AWS CDK; the stack name is a CloudFormation stack name: letters, digits and '-', starting
   * with a letter, at most 128 characters.
   */
  CDK(
      "cdk",
      "else",
      "is not a valid CloudFormation stack name (letters, digits and '-', starting with a letter,"
          + " at most 128 characters)"),
  /**
   * Pulumi; the stack name is a Pulumi stack reference, {@code [<org>/[<project>/]]<stack>}, each
   * part letters, digits, '-', '_' and '.', the stack part at most 100 characters.
   */
  PULUMI(
      "pulumi",
      "then",
      "is not a Pulumi stack reference (<stack>, <org>/<stack> or <org>/<project>/<stack>;"
          + " letters, digits, '-', '_' and '.', the stack part at most 100 characters)");

  private final String key;
  private final String rule;
  private final Pattern pattern;
  private final int maxLength;

  /** Reads the schema of {@code stacks[].name} in the {@code if engine: pulumi} branch given. */
  StackEngine(String key, String branch, String rule) {
    JsonNode name =
        PublishedSchemas.read(ConfigSchema.RESOURCE)
            .at("/definitions/stack/" + branch + "/properties/name");
    this.key = key;
    this.rule = rule;
    this.pattern = Pattern.compile(name.get("pattern").asText());
    this.maxLength = name.path("maxLength").asInt(Integer.MAX_VALUE);
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
   * Reads an engine as written in {@code aphex-config.yaml}; exact and lower case.
   *
   * @param value e.g. {@code pulumi}
   * @return the engine, or empty when the value is none of the keys
   */
  public static Optional<StackEngine> of(String value) {
    return Arrays.stream(values()).filter(engine -> engine.key.equals(value)).findFirst();
  }

  /**
   * Checks a stack name against this engine's rule, the one the published schema gives {@code
   * stacks[].name} for it ({@code schema/aphex-config.schema.json}), so that a stack built in code
   * follows the same rule as one read from the file.
   *
   * @param name the stack name
   * @return the broken rule, or empty
   */
  public Optional<String> checkName(String name) {
    boolean fits = pattern.matcher(name).find() && name.length() <= maxLength;
    return fits ? Optional.empty() : Optional.of(rule);
  }
}
