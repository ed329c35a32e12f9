package io.aphex.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.aphex.pipeline.program.PulumiProgram;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import io.aphex.pipeline.testing.AphexPipelineMocks.Registration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs every Java program of {@code examples/} (compiled with the tests, see the pom) under the
 * mock engine, with the stack config of its own {@code Pulumi.dev.yaml} and its own {@code
 * aphex-config.yaml}.
 */
class ExamplesTest {

  private static final Path EXAMPLES = Path.of("examples");

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void stackConfigProgramDeploysOnePipelineWithThePredecessorsNames() {
    Path dir = EXAMPLES.resolve("stack-config");
    Map<String, String> config = stackConfig(dir);
    Optional<java.util.Set<String>> keys =
        Optional.of(
            config.keySet().stream()
                .filter(k -> k.startsWith("aphex-pipeline:"))
                .map(k -> k.substring("aphex-pipeline:".length()))
                .collect(Collectors.toSet()));
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    TestResult result = run(dir, mocks, ctx -> PulumiProgram.run(ctx, keys, dir));

    assertThat(result.exceptions()).isEmpty();
    assertThat(names(mocks, "kubernetes:argoproj.io/v1alpha1:WorkflowTemplate"))
        .containsExactly("aphex-pipeline-template");
    assertThat(result.outputs()).containsKeys("workflowRoleArn", "webhookUrl", "builderImage");
  }

  @Test
  void twoPipelinesShareNoObject() {
    Path dir = EXAMPLES.resolve("two-pipelines");
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    TestResult result = run(dir, mocks, ctx -> example.twopipelines.App.stack(ctx, dir));

    assertThat(result.exceptions()).isEmpty();
    assertThat(names(mocks, "kubernetes:argoproj.io/v1alpha1:WorkflowTemplate"))
        .containsExactly("service-a-template", "service-b-template");
    assertThat(names(mocks, "kubernetes:argoproj.io/v1alpha1:Sensor"))
        .containsExactly("service-a-sensor", "service-b-sensor");
  }

  @Test
  void explicitClusterIsHandedOverWithoutLookUpsOrAProviderOfItsOwn() {
    Path dir = EXAMPLES.resolve("explicit-cluster");
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    TestResult result = run(dir, mocks, ctx -> example.explicitcluster.App.stack(ctx, dir));

    assertThat(result.exceptions()).isEmpty();
    assertThat(mocks.calls())
        .doesNotContain(
            "aws:eks/getCluster:getCluster",
            "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider");
    assertThat(mocks.ofType("pulumi:providers:kubernetes"))
        .extracting(Registration::name)
        .containsExactly("platform-k8s");
    assertThat(names(mocks, "kubernetes:argoproj.io/v1alpha1:WorkflowTemplate"))
        .containsExactly("team-a-template");
  }

  private static TestResult run(Path dir, AphexPipelineMocks mocks, Consumer<Context> program) {
    return PulumiTestInternal.builder()
        .options(
            TestOptions.builder()
                .projectName(projectName(dir))
                .stackName("dev")
                .preview(false)
                .build())
        .mocks(mocks)
        .config(stackConfig(dir))
        .build()
        .runTest(program);
  }

  private static java.util.List<String> names(AphexPipelineMocks mocks, String type) {
    return mocks.ofType(type).stream()
        .map(r -> String.valueOf(((Map<?, ?>) r.inputs().get("metadata")).get("name")))
        .toList();
  }

  private static String projectName(Path dir) {
    Map<String, Object> project = yaml(dir.resolve("Pulumi.yaml"));
    return (String) project.get("name");
  }

  /** The {@code config:} of the example's {@code Pulumi.dev.yaml}, as the CLI passes it. */
  private static Map<String, String> stackConfig(Path dir) {
    Path file = dir.resolve("Pulumi.dev.yaml");
    if (!Files.exists(file)) {
      return Map.of();
    }
    Map<String, String> config = new LinkedHashMap<>();
    ((Map<?, ?>) yaml(file).get("config"))
        .forEach(
            (key, value) -> {
              try {
                config.put(
                    (String) key,
                    value instanceof String s ? s : new ObjectMapper().writeValueAsString(value));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return config;
  }

  private static Map<String, Object> yaml(Path file) {
    try {
      return new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
