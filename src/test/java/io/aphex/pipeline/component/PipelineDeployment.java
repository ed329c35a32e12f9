package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** One run of an {@link AphexPipeline} under the SDK's mock engine, and ways to look at it. */
final class PipelineDeployment {

  private static final ObjectMapper JSON = new ObjectMapper();

  final AphexPipelineMocks mocks;
  final TestResult result;
  final AphexPipeline pipeline;

  private PipelineDeployment(AphexPipelineMocks mocks, TestResult result, AphexPipeline pipeline) {
    this.mocks = mocks;
    this.result = result;
    this.pipeline = pipeline;
  }

  static PipelineDeployment of(AphexPipelineArgs args) {
    return of(args, new AphexPipelineMocks());
  }

  private static PipelineDeployment sample;

  /**
   * The sample pipeline ({@link io.aphex.pipeline.testing.SampleConfigs#sampleArgs()}, default
   * mocks), run once per test JVM and shared by the tests that only read what it registered: the
   * same run as {@code of(sampleArgs().build())}, without an engine run per test.
   */
  static synchronized PipelineDeployment sample() {
    if (sample == null) {
      sample = of(io.aphex.pipeline.testing.SampleConfigs.sampleArgs().build());
      PulumiTest.cleanup();
    }
    return sample;
  }

  static PipelineDeployment of(AphexPipelineArgs args, AphexPipelineMocks mocks) {
    return of("aphex-pipeline", args, mocks);
  }

  static PipelineDeployment of(String name, AphexPipelineArgs args, AphexPipelineMocks mocks) {
    AtomicReference<AphexPipeline> pipeline = new AtomicReference<>();
    TestResult result =
        PulumiTest.withOptions(
                TestOptions.builder()
                    .projectName("aphex-pipeline")
                    .stackName("dev")
                    .preview(false)
                    .build())
            .withMocks(mocks)
            .runTest(ctx -> pipeline.set(new AphexPipeline(name, args)));
    assertThat(result.exceptions()).isEmpty();
    assertThat(result.exitCode()).isZero();
    return new PipelineDeployment(mocks, result, pipeline.get());
  }

  Map<String, Object> inputs(String type, String name) {
    return mocks.find(type, name).inputs();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> kubernetesObject(String kind, String name) {
    return mocks.registrations().stream()
        .filter(r -> r.type().startsWith("kubernetes:") && r.type().endsWith(":" + kind))
        .filter(r -> r.name().equals(name))
        .findFirst()
        .map(r -> (Map<String, Object>) wholeNumbersAsIntegers(r.inputs()))
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  /**
   * The engine carries every number as a double; the Kubernetes provider writes whole ones as
   * integers, which is what the schemas expect, so the tests look at them that way too.
   */
  @SuppressWarnings("unchecked")
  static Object wholeNumbersAsIntegers(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, wholeNumbersAsIntegers(v)));
      return out;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(PipelineDeployment::wholeNumbersAsIntegers).toList();
    }
    if (node instanceof Double d && d == Math.rint(d)) {
      return d.longValue();
    }
    return node;
  }

  static Map<String, Object> json(Object text) {
    try {
      return JSON.readValue(String.valueOf(text), new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Object root, Object... path) {
    Object node = root;
    for (Object step : path) {
      node =
          step instanceof Integer i
              ? ((List<Object>) node).get(i)
              : ((Map<String, Object>) node).get(step);
    }
    return (T) node;
  }
}
