package io.aphex.pipeline.component;

import static io.aphex.pipeline.component.AphexPipelineTest.sampleArgs;
import static io.aphex.pipeline.component.PipelineDeployment.at;
import static io.aphex.pipeline.component.PipelineDeployment.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import io.aphex.pipeline.testing.AphexPipelineMocks.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several pipelines, one per repository, on the same cluster and in the same account. (Four: the
 * names, labels and ARNs derive from the pipeline name, so four show what ten did.)
 */
class ManyPipelinesTest {

  private static final int PIPELINES = 4;
  private static final int KUBERNETES_OBJECTS_PER_PIPELINE = 17;
  private static final Set<String> NAMESPACED_KINDS =
      Set.of(
          "ServiceAccount",
          "Role",
          "RoleBinding",
          "ConfigMap",
          "WorkflowTemplate",
          "Secret",
          "EventSource",
          "Service",
          "Sensor");

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  private static String name(int i) {
    return "repo-" + i;
  }

  private static AphexPipelineArgs args(int i) {
    return sampleArgs().githubRepo(name(i)).pipelineName(name(i)).build();
  }

  /** What one pipeline registers alone: the others must add exactly as much each. */
  private static int registrationsOfOne;

  @BeforeAll
  static void runOnePipelineAlone() {
    registrationsOfOne =
        PipelineDeployment.of(name(0), args(0), new AphexPipelineMocks())
            .mocks
            .registrations()
            .size();
    PulumiTest.cleanup();
  }

  @Test
  void pipelinesInOneProgramShareNoKubernetesObjectSecretRoleOrBucket() {
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    TestResult result =
        PulumiTest.withOptions(
                TestOptions.builder()
                    .projectName("aphex-pipeline")
                    .stackName("dev")
                    .preview(false)
                    .build())
            .withMocks(mocks)
            .runTest(
                ctx -> {
                  for (int i = 0; i < PIPELINES; i++) {
                    new AphexPipeline(name(i), args(i));
                  }
                });

    assertThat(result.exceptions()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertPipelinesShareNothing(mocks.registrations(), registrationsOfOne);
  }

  @Test
  void stacksForTheSameClusterShareNoKubernetesObjectSecretRoleOrBucket() {
    List<Registration> all = new ArrayList<>();
    for (int i = 0; i < PIPELINES; i++) {
      all.addAll(
          PipelineDeployment.of(name(i), args(i), new AphexPipelineMocks()).mocks.registrations());
      PulumiTest.cleanup();
    }

    assertPipelinesShareNothing(all, registrationsOfOne);
  }

  private static void assertPipelinesShareNothing(
      List<Registration> registrations, int resourcesPerPipeline) {
    assertThat(registrations).hasSize(PIPELINES * resourcesPerPipeline);
    assertThat(countBy(registrations, r -> r.name().replaceFirst("^(repo-[0-9])(-.*)?$", "$1")))
        .isEqualTo(perPipeline(resourcesPerPipeline));

    List<Map<String, Object>> objects = kubernetesObjects(registrations);
    assertThat(objects).hasSize(PIPELINES * KUBERNETES_OBJECTS_PER_PIPELINE);
    assertThat(
            countBy(
                objects, o -> (String) at(o, "metadata", "labels", "app.kubernetes.io/instance")))
        .isEqualTo(perPipeline(KUBERNETES_OBJECTS_PER_PIPELINE));
    assertThat(objects.stream().map(GithubTriggerTest::identity).toList()).doesNotHaveDuplicates();
    assertThat(objects.stream().map(o -> o.get("kind")))
        .doesNotContain(
            "ClusterRole", "ClusterRoleBinding", "Namespace", "CustomResourceDefinition");
    assertThat(objects)
        .allSatisfy(
            o -> {
              assertThat(NAMESPACED_KINDS).contains((String) o.get("kind"));
              assertThat((Object) at(o, "metadata", "namespace")).isIn("argo", "argo-events");
              assertThat((Object) at(o, "metadata", "name"))
                  .isNotEqualTo("workflow-controller-configmap");
            });

    assertThat(names(objects, "Secret"))
        .containsExactlyInAnyOrderElementsOf(
            each(
                i ->
                    List.of(
                        name(i) + "-template-github-token", name(i) + "-github-webhook-secret")));
    assertThat(names(objects, "Service"))
        .containsExactlyInAnyOrderElementsOf(
            each(i -> List.of(name(i) + "-github-eventsource-svc")));
    assertThat(
            objects.stream()
                .filter(o -> o.get("kind").equals("Service"))
                .map(o -> at(o, "spec", "selector", "eventsource-name"))
                .toList())
        .containsExactlyInAnyOrderElementsOf(each(i -> List.of(name(i) + "-github")));
    assertThat(
            objects.stream()
                .filter(o -> o.get("kind").equals("Sensor"))
                .map(
                    o ->
                        at(o, "spec", "dependencies", 0, "eventSourceName")
                            + " -> "
                            + at(
                                o,
                                "spec",
                                "triggers",
                                0,
                                "template",
                                "k8s",
                                "source",
                                "resource",
                                "spec",
                                "workflowTemplateRef",
                                "name")
                            + " as "
                            + at(o, "spec", "template", "serviceAccountName"))
                .toList())
        .containsExactlyInAnyOrderElementsOf(
            each(
                i ->
                    List.of(
                        name(i)
                            + "-github -> "
                            + name(i)
                            + "-template as "
                            + name(i)
                            + "-sensor-sa")));

    assertThat(ofType(registrations, "aws:iam/role:Role").stream().map(Registration::name))
        .containsExactlyInAnyOrderElementsOf(each(i -> List.of(name(i) + "-workflow-role")));
    assertThat(
            ofType(registrations, "aws:iam/role:Role").stream()
                .map(
                    r ->
                        at(
                            json(r.inputs().get("assumeRolePolicy")),
                            "Statement",
                            0,
                            "Condition",
                            "StringEquals",
                            AphexPipelineTest.ISSUER_HOST + ":sub")))
        .containsExactlyInAnyOrderElementsOf(
            each(i -> List.of("system:serviceaccount:argo:" + name(i) + "-workflow-executor")));
    assertThat(
            ofType(registrations, "aws:s3/bucketV2:BucketV2").stream()
                .map(r -> r.inputs().get("bucket")))
        .containsExactlyInAnyOrderElementsOf(
            each(i -> List.of(name(i) + "-artifacts-123456789012-us-east-1")));
    assertThat(
            ofType(registrations, "random:index/randomPassword:RandomPassword").stream()
                .map(Registration::name))
        .containsExactlyInAnyOrderElementsOf(each(i -> List.of(name(i) + "-webhook-secret-value")));
  }

  private static List<String> each(IntFunction<List<String>> perPipeline) {
    return IntStream.range(0, PIPELINES).mapToObj(perPipeline).flatMap(List::stream).toList();
  }

  private static Map<String, Long> perPipeline(long count) {
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < PIPELINES; i++) {
      expected.put(name(i), count);
    }
    return expected;
  }

  private static <T> Map<String, Long> countBy(
      List<T> items, java.util.function.Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  private static List<Object> names(List<Map<String, Object>> objects, String kind) {
    return objects.stream()
        .filter(o -> o.get("kind").equals(kind))
        .map(o -> at(o, "metadata", "name"))
        .toList();
  }

  private static List<Registration> ofType(List<Registration> registrations, String type) {
    return registrations.stream().filter(r -> r.type().equals(type)).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> kubernetesObjects(List<Registration> registrations) {
    return registrations.stream()
        .filter(r -> r.type().startsWith("kubernetes:"))
        .map(r -> (Map<String, Object>) PipelineDeployment.wholeNumbersAsIntegers(r.inputs()))
        .toList();
  }
}
