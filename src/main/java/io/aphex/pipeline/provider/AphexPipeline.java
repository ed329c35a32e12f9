package io.aphex.pipeline.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.program.StackConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.annotation.Nullable;

/**
 * {@code aphex:index:AphexPipeline} as the plugin package serves it to TypeScript, Python, Go, .NET
 * and YAML programs. The SDK's component provider finds the component by its simple name in this
 * package and requires exactly one constructor (pulumi-java
 * sdk/java/pulumi/src/main/java/com/pulumi/provider/internal/ComponentProvider.java); it creates
 * the library's {@link io.aphex.pipeline.component.AphexPipeline} of the same name as its only
 * child and exposes its outputs. The plain inputs are read by the stack-config program's own
 * reader, so every rule and message is the same.
 */
public final class AphexPipeline extends ComponentResource {

  @Export(name = "workflowRoleArn", refs = String.class)
  private final Output<String> workflowRoleArn;

  @Export(name = "serviceAccountName", refs = String.class)
  private final Output<String> serviceAccountName;

  @Export(name = "artifactBucketName", refs = String.class)
  private final Output<String> artifactBucketName;

  @Export(name = "workflowTemplateName", refs = String.class)
  private final Output<String> workflowTemplateName;

  @Export(name = "builderImage", refs = String.class)
  private final Output<String> builderImage;

  @Export(name = "deployerImage", refs = String.class)
  private final Output<String> deployerImage;

  @Export(name = "webhookUrl", refs = String.class)
  private final Output<String> webhookUrl;

  @Export(name = "webhookInstructions", refs = String.class)
  private final Output<String> webhookInstructions;

  @Export(name = "webhookSecret", refs = String.class)
  private final Output<String> webhookSecret;

  @Export(name = "githubWebhookSettingsUrl", refs = String.class)
  private final Output<String> githubWebhookSettingsUrl;

  @Export(name = "sensorServiceAccountName", refs = String.class)
  private final Output<String> sensorServiceAccountName;

  @Export(name = "webhookServiceType", refs = String.class)
  private final Output<String> webhookServiceType;

  @Export(
      name = "additionalPolicyArns",
      refs = {List.class, String.class},
      tree = "[0,1]")
  private final Output<List<String>> additionalPolicyArns;

  /**
   * Creates the pipeline from the plugin's inputs.
   *
   * @param name the resource name
   * @param args the inputs, as the engine passed them
   * @param options the resource options (providers, parent, ...)
   */
  public AphexPipeline(
      String name, AphexPipelinePluginArgs args, @Nullable ComponentResourceOptions options) {
    super(io.aphex.pipeline.component.AphexPipeline.TYPE, name, options);
    io.aphex.pipeline.component.AphexPipeline pipeline =
        new io.aphex.pipeline.component.AphexPipeline(
            name, libraryArgs(args), ComponentResourceOptions.builder().parent(this).build());
    this.workflowRoleArn = pipeline.workflowRoleArn();
    this.serviceAccountName = pipeline.serviceAccountName();
    this.artifactBucketName = pipeline.artifactBucketName();
    this.workflowTemplateName = pipeline.workflowTemplateName();
    this.builderImage = pipeline.builderImage();
    this.deployerImage = pipeline.deployerImage();
    this.webhookUrl = pipeline.webhookUrl();
    this.webhookInstructions = pipeline.webhookInstructions();
    this.webhookSecret = pipeline.webhookSecret();
    this.githubWebhookSettingsUrl = pipeline.githubWebhookSettingsUrl();
    this.sensorServiceAccountName = pipeline.sensorServiceAccountName();
    this.webhookServiceType = pipeline.webhookServiceType();
    this.additionalPolicyArns = pipeline.additionalPolicyArns();
    registerOutputs(pipeline.outputs());
  }

  /**
   * Turns the plugin's inputs into the library's args: the plain ones through the stack-config
   * reader (the pipeline definition written to a private temporary directory, under its repository
   * path, so that messages name it and the validate stage can check its digest), then the Output
   * ones.
   *
   * @param args the plugin's inputs
   * @return the validated args
   * @throws RunException listing every problem of the inputs
   */
  static AphexPipelineArgs libraryArgs(AphexPipelinePluginArgs args) {
    String file = args.pipelineConfigPath().orElse("aphex-config.yaml");
    Map<String, Object> inputs = args.inputs();
    Map<String, String> values = new LinkedHashMap<>();
    inputs.forEach(
        (name, value) -> {
          if (value instanceof String text) {
            values.put(name, text);
          }
        });
    values.put("pipelineConfig", file);
    // The reader needs a cluster name; the real one, possibly an Output, replaces it below.
    values.put("clusterName", "cluster-name-from-input");
    Path dir = null;
    try {
      dir = Files.createTempDirectory("aphex-plugin-");
      Path definition = dir.resolve(file).normalize();
      if (!definition.startsWith(dir) || Path.of(file).isAbsolute()) {
        throw new RunException(
            "pipelineConfigPath: '"
                + file
                + "' leaves the repository. Fix: give the path of the pipeline definition"
                + " relative to the project directory, e.g. aphex-config.yaml.");
      }
      Files.createDirectories(definition.getParent());
      Files.writeString(definition, args.pipelineConfigYaml(), StandardCharsets.UTF_8);
      AphexPipelineArgs read =
          new StackConfigReader(
                  key -> Optional.ofNullable(values.get(key)),
                  Optional.empty(),
                  dir,
                  values.getOrDefault("selfUpdateStack", "stack"),
                  key -> Optional.empty())
              .read();
      AphexPipelineArgs.Builder builder = AphexPipelineArgs.builder(read);
      for (Map.Entry<String, Object> input : inputs.entrySet()) {
        if (input.getValue() instanceof Output<?> output) {
          // Each Output input has the builder's Output setter of the same name.
          AphexPipelineArgs.Builder.class
              .getMethod(input.getKey(), Output.class)
              .invoke(builder, output);
        }
      }
      return builder.build();
    } catch (ConfigException e) {
      throw new RunException(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage the pipeline definition", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("an Output input has no setter in AphexPipelineArgs", e);
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary file holds nothing secret: the definition is the repository's own.
    }
  }

  /**
   * The IAM role ARN of the workflow pods.
   *
   * @return the role ARN
   */
  public Output<String> workflowRoleArn() {
    return workflowRoleArn;
  }
}
