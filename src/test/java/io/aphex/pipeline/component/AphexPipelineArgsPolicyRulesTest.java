package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.argo.PipelineTargets;
import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.plan.DeployTargets;
import io.aphex.pipeline.testing.ConfigProblems;
import io.aphex.pipeline.testing.SampleConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class AphexPipelineArgsPolicyRulesTest {

  private static AphexPipelineArgs.Builder args() {
    return SampleConfigs.sampleArgs();
  }

  @Test
  void noAdditionalPoliciesByDefault() {
    assertThat(args().build().additionalPolicyArns()).isEmpty();
  }

  @Test
  void awsManagedCustomerAndOtherPartitionPoliciesAreAccepted() {
    List<String> arns =
        List.of(
            "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess",
            "arn:aws:iam::123456789012:policy/team-a/deploy",
            "arn:aws-cn:iam::123456789012:policy/china");

    assertThat(args().additionalPolicyArns(arns).build().additionalPolicyArns()).isEqualTo(arns);
  }

  @Test
  void aMalformedArnAndADuplicateAreBothReported() {
    ConfigProblems.assertRefused(
        () ->
            args()
                .additionalPolicyArns(
                    List.of(
                        "arn:aws:iam::aws:role/Admin",
                        "arn:aws:iam::aws:policy/ReadOnlyAccess",
                        "arn:aws:iam::aws:policy/ReadOnlyAccess"))
                .build(),
        "additionalPolicyArns[0]: 'arn:aws:iam::aws:role/Admin' is not an IAM"
            + " policy ARN. Fix: use e.g."
            + " arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess or"
            + " arn:aws:iam::123456789012:policy/my-policy",
        "additionalPolicyArns[2]: 'arn:aws:iam::aws:policy/ReadOnlyAccess' is"
            + " listed twice. Fix: remove the duplicate");
  }

  @Test
  void aThousandEnvironmentsInAThousandAccountsAreAccepted() {
    PipelineConfig config = environments(1_000, i -> String.format("100000%06d", i), List.of());

    assertThat(args().pipelineConfig(config).build().pipelineConfig().environments())
        .hasSize(1_000);
  }

  @Test
  void moreAccountsThanTwentyManagedPoliciesCanListAreRefused() {
    PipelineConfig config = environments(3_000, i -> String.format("100000%06d", i), List.of());
    int managed =
        WorkflowPolicies.deployPolicies(List.of(), DeployTargets.cdkTargets(config))
            .managed()
            .size();

    assertThat(managed).isGreaterThan(20);
    assertOnlyProblem(
        config,
        "pipelineConfig: '3000 target accounts ("
            + managed
            + " managed policies) with 0 additionalPolicyArns' need "
            + managed
            + " managed policies on the workflow role; IAM attaches at most 20 to a role. Fix:"
            + " split the environments over several pipelines, each with its own pipelineName,"
            + " or attach fewer additionalPolicyArns");
  }

  @Test
  void moreThanTwentyAdditionalPoliciesAreRefusedBeforeAnyIsAttached() {
    List<String> arns =
        java.util.stream.IntStream.range(0, 10_000)
            .mapToObj(i -> "arn:aws:iam::123456789012:policy/p" + i)
            .toList();

    ConfigProblems.assertRefused(
        () -> args().additionalPolicyArns(arns).build(),
        "additionalPolicyArns: '10000 policies' are more than IAM attaches to one role (at most 20"
            + " managed policies; 10 unless the account's quota was raised). Fix: combine the"
            + " permissions into fewer customer managed policies");
  }

  @Test
  void aPipelineWhoseWorkflowTemplateWouldExceedOneMebibyteIsRefused() {
    // 40 environments that each wait for the same 1,000 others: every wait is a task dependency in
    // the template, while the targets ConfigMap holds each environment once.
    List<EnvironmentConfig> environments = new ArrayList<>();
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 1_040; i++) {
      String name = String.format("e%04d-", i) + "x".repeat(40);
      environments.add(
          new EnvironmentConfig(
              name,
              "us-east-1",
              "123456789012",
              List.of(new StackDefinition("App", "lib/app.ts")),
              List.of(),
              Optional.of(i < 1_000 ? List.of() : List.copyOf(first)),
              false,
              Optional.empty()));
      if (i < 1_000) {
        first.add(name);
      }
    }
    PipelineConfig config = new PipelineConfig("1.0", List.of("make"), environments);

    assertThat(PipelineTargets.dataBytes(config)).isLessThan(PipelineTargets.MAX_DATA_BYTES);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> args().pipelineConfig(config).build())
        .hasMessageContaining("1. pipelineConfig: '1040 environments (")
        .hasMessageContaining(
            " bytes of WorkflowTemplate)' are more than one Kubernetes object holds (1048576"
                + " bytes). Fix: split the environments over several pipelines, each with its own"
                + " pipelineName")
        .hasMessageNotContaining("2. ");
  }

  @Test
  void aPipelineWhoseTargetsOverflowAConfigMapIsRefused() {
    PipelineConfig config =
        environments(500, i -> "123456789012", List.of("npm run test -- " + "x".repeat(2_000)));
    int bytes = PipelineTargets.dataBytes(config);

    assertThat(bytes).isGreaterThan(PipelineTargets.MAX_DATA_BYTES);
    assertOnlyProblem(
        config,
        "pipelineConfig: '500 environments ("
            + bytes
            + " bytes of targets)' are more than one Kubernetes ConfigMap holds (1000000 bytes of"
            + " data; Kubernetes refuses objects over 1 MiB). Fix: split the environments over"
            + " several pipelines, each with its own pipelineName");
  }

  /** {@code count} environments {@code env-000}, ... in us-east-1, one CDK stack each. */
  private static PipelineConfig environments(
      int count, IntFunction<String> account, List<String> testCommands) {
    List<EnvironmentConfig> environments = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      environments.add(
          new EnvironmentConfig(
              String.format("env-%03d", i),
              "us-east-1",
              account.apply(i),
              List.of(new StackDefinition("App", "lib/app.ts")),
              testCommands));
    }
    return new PipelineConfig("1.0", List.of("make"), environments);
  }

  private static void assertOnlyProblem(PipelineConfig config, String message) {
    ConfigProblems.assertRefused(() -> args().pipelineConfig(config).build(), message);
  }
}
