package io.aphex.pipeline.program;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.exceptions.RunException;
import io.aphex.pipeline.component.AphexPipeline;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.images.ImagePinning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code aphex-pipeline} Pulumi program: reads the stack config, creates one {@link
 * AphexPipeline} and exports its outputs. {@code pulumi up} runs {@link #main}; {@code ./aphex
 * render} runs {@link #run} under the SDK's engine with offline stand-ins.
 */
public final class PulumiProgram {

  private PulumiProgram() {}

  /**
   * Runs the stack-config program under the Pulumi engine, as {@code pulumi up} does (through
   * {@link io.aphex.pipeline.provider.ProjectMain}, the pom's main class).
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Pulumi.run(PulumiProgram::stack);
  }

  /**
   * The stack as {@code pulumi up} runs it: config keys listed by the Pulumi CLI, files relative to
   * the working directory (the project directory).
   *
   * @param ctx the Pulumi context
   */
  public static void stack(Context ctx) {
    run(ctx, keysFromEnvironment(), Path.of("").toAbsolutePath());
  }

  /**
   * Defines the stack.
   *
   * @param ctx the Pulumi context
   * @param presentKeys the keys set in the {@code aphex-pipeline} namespace, when known, so that a
   *     typo is an error instead of a silently ignored setting
   * @param projectDir the directory of {@code Pulumi.yaml}
   * @throws RunException with every config problem, which the SDK prints without a stack trace
   */
  public static void run(Context ctx, Optional<Set<String>> presentKeys, Path projectDir) {
    AphexPipelineArgs args;
    try {
      args =
          new StackConfigReader(
                  ctx.config(StackConfigKeys.NAMESPACE)::get,
                  presentKeys,
                  projectDir,
                  ctx.stackName(),
                  ctx.config("aws")::get)
              .read();
    } catch (ConfigException e) {
      throw new RunException(e.getMessage());
    }
    args.plainImages().map(ImagePinning::warnings).orElse(List.of()).forEach(ctx.log()::warn);
    AphexPipeline pipeline = new AphexPipeline(args.instanceName(), args);
    pipeline.outputs().forEach(ctx::export);
  }

  /**
   * Lists the keys of this project's namespace from {@code PULUMI_CONFIG}, the variable through
   * which the Pulumi CLI hands the stack config to a Java program.
   *
   * @return the keys without namespace, or empty when the variable is not set
   */
  static Optional<Set<String>> keysFromEnvironment() {
    String json = System.getenv("PULUMI_CONFIG");
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      Map<String, Object> all = new ObjectMapper().readValue(json, new TypeReference<>() {});
      return Optional.of(StackConfigKeys.projectKeys(all.keySet()));
    } catch (IOException e) {
      throw new UncheckedIOException("PULUMI_CONFIG is not valid JSON", e);
    }
  }
}
