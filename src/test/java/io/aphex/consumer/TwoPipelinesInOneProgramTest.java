package io.aphex.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import io.aphex.pipeline.component.AphexPipeline;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import io.aphex.pipeline.testing.AphexPipelineMocks.Registration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer's program with two pipelines, written against the public API only (this package is not
 * the library's): the README's library example, twice.
 */
class TwoPipelinesInOneProgramTest {

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void twoComponentsWithDifferentNamesShareNoKubernetesObjectRoleOrBucket() {
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    TestResult result =
        PulumiTest.withMocks(mocks)
            .runTest(
                ctx -> {
                  new AphexPipeline("team-a", SamplePipeline.args("service-a").build(), null);
                  new AphexPipeline("team-b", SamplePipeline.args("service-b").build(), null);
                });

    assertThat(result.exceptions()).isEmpty();
    List<String> objects =
        mocks.registrations().stream()
            .filter(
                r -> r.type().startsWith("kubernetes:") && !r.type().startsWith("kubernetes:index"))
            .map(TwoPipelinesInOneProgramTest::identity)
            .toList();
    assertThat(objects).hasSize(34).doesNotHaveDuplicates();
    assertThat(objects)
        .contains(
            "WorkflowTemplate argo/team-a-template",
            "WorkflowTemplate argo/team-b-template",
            "ServiceAccount argo/team-a-workflow-executor",
            "ServiceAccount argo/team-b-workflow-executor",
            "Secret argo/team-a-template-github-token",
            "Secret argo/team-b-template-github-token",
            "Sensor argo-events/team-a-sensor",
            "Sensor argo-events/team-b-sensor");
    // The two components' children register as their look-ups resolve, in either order.
    assertThat(mocks.ofType("aws:s3/bucketV2:BucketV2").stream().map(r -> r.inputs().get("bucket")))
        .containsExactlyInAnyOrder(
            "team-a-artifacts-123456789012-us-east-1", "team-b-artifacts-123456789012-us-east-1");
    assertThat(mocks.ofType("aws:iam/role:Role").stream().map(Registration::name))
        .containsExactlyInAnyOrder("team-a-workflow-role", "team-b-workflow-role");
  }

  @Test
  void twoPipelinesForcedOntoTheSameNamesAreRefusedNamingBoth() {
    TestResult result =
        PulumiTest.withMocks(new AphexPipelineMocks())
            .runTest(
                ctx -> {
                  new AphexPipeline(
                      "team-a",
                      SamplePipeline.args("service-a").pipelineName("shared").build(),
                      null);
                  new AphexPipeline(
                      "team-b",
                      SamplePipeline.args("service-b").pipelineName("shared").build(),
                      null);
                });

    assertThat(result.exitCode()).isNotZero();
    assertThat(rootMessage(result.exceptions().get(0)))
        .startsWith(
            "AphexPipeline 'team-b' would create ServiceAccount argo/shared-workflow-executor,")
        .contains("which AphexPipeline 'team-a' of the same program already creates")
        .contains("S3 bucket shared-artifacts-<account>-<region>")
        .contains("Fix: give each a different pipelineName");
  }

  @Test
  void aComponentNameThatCannotNameKubernetesObjectsIsRefusedWithTheFix() {
    TestResult result =
        PulumiTest.withMocks(new AphexPipelineMocks())
            .runTest(
                ctx -> new AphexPipeline("TeamA", SamplePipeline.args("service-a").build(), null));

    assertThat(rootMessage(result.exceptions().get(0)))
        .startsWith("AphexPipeline 'TeamA': without a pipelineName, the component name names")
        .contains("or set pipelineName(...) in its args.");
  }

  @Test
  void theStackConfigProgramsComponentNameKeepsThePredecessorsNames() {
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    PulumiTest.withMocks(mocks)
        .runTest(
            ctx ->
                new AphexPipeline("aphex-pipeline", SamplePipeline.args("service-a").build(), null))
        .throwOnError();

    assertThat(mocks.registrations().stream().map(TwoPipelinesInOneProgramTest::identity))
        .contains(
            "ServiceAccount argo/workflow-executor",
            "WorkflowTemplate argo/aphex-pipeline-template",
            "EventSource argo-events/github",
            "Secret argo/aphex-pipeline-template-github-token",
            "Sensor argo-events/aphex-pipeline-sensor");
  }

  @SuppressWarnings("unchecked")
  private static String identity(Registration r) {
    Map<String, Object> metadata =
        (Map<String, Object>) r.inputs().getOrDefault("metadata", Map.of());
    return r.type().replaceFirst(".*:", "")
        + " "
        + metadata.get("namespace")
        + "/"
        + metadata.get("name");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
