package io.aphex.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import io.aphex.pipeline.component.AphexPipeline;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a consumer's test gets from the library's mocks, with no setup of its own. */
class AphexPipelineMocksTest {

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void answersEveryLookUpTheComponentMakes() {
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    PulumiTest.withMocks(mocks)
        .runTest(
            ctx ->
                new AphexPipeline(
                    "team-a",
                    SamplePipeline.args("service-a")
                        .githubTokenSecretName("team-a/github")
                        .githubWebhookSecretName("team-a/webhook")
                        .build(),
                    null))
        .throwOnError();

    assertThat(mocks.calls())
        .containsExactlyInAnyOrder(
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:index/getRegion:getRegion",
            "aws:eks/getCluster:getCluster",
            "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider",
            "aws:secretsmanager/getSecretVersion:getSecretVersion",
            "aws:secretsmanager/getSecretVersion:getSecretVersion",
            "aws:ecr/getImage:getImage",
            "aws:ecr/getImage:getImage");
  }

  @Test
  void aLookUpItDoesNotAnswerFailsNamingIt() {
    TestResult result =
        PulumiTest.withMocks(new AphexPipelineMocks())
            .runTest(
                ctx ->
                    ctx.export(
                        "zones",
                        AwsFunctions.getAvailabilityZones(
                            GetAvailabilityZonesArgs.builder().build())));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.exceptions().toString() + result.errors())
        .contains(
            "AphexPipelineMocks does not answer the look-up"
                + " 'aws:index/getAvailabilityZones:getAvailabilityZones'")
        .contains("override callAsync");
  }
}
