package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.testing.ConfigProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineImageRepositoriesArgsTest {

  @Test
  void defaultsAreTheConventionalRepositoriesTwentyVersionsAndNoConsumers() {
    PipelineImageRepositoriesArgs args = PipelineImageRepositoriesArgs.builder().build();

    assertThat(args.repositories())
        .containsExactly("arbiter-pipeline-builder", "arbiter-pipeline-deployer");
    assertThat(args.keepVersions()).isEqualTo(20);
    assertThat(args.consumerAccountIds()).isEmpty();
    assertThat(args.consumerRoleArns()).isEmpty();
    assertThat(args.pullAccess()).isEmpty();
  }

  @Test
  void consumersBecomeThePullAccessOfTheSameRepositories() {
    PipelineImageRepositoriesArgs args =
        PipelineImageRepositoriesArgs.builder()
            .repositories(List.of("team/builder"))
            .keepVersions(1000)
            .consumerAccountIds(List.of("210987654321"))
            .consumerRoleArns(List.of("arn:aws:iam::111111111111:role/eks-node-role"))
            .build();

    EcrPullAccessArgs pull = args.pullAccess().orElseThrow();
    assertThat(pull.repositories()).containsExactly("team/builder");
    assertThat(pull.consumerAccountIds()).containsExactly("210987654321");
    assertThat(pull.consumerRoleArns())
        .containsExactly("arn:aws:iam::111111111111:role/eks-node-role");
    assertThat(args.keepVersions()).isEqualTo(1000);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigProblems.assertRefused(
        PipelineImageRepositoriesArgs.builder()
                .repositories(List.of("Builder", "Builder"))
                .keepVersions(0)
                .consumerAccountIds(List.of("12345"))
                .consumerRoleArns(List.of("node-role"))
            ::build,
        "repositories[0]: 'Builder' is not an ECR repository name (2 to 256 lower-case letters,"
            + " digits, '.', '_', '-' and '/', each part starting and ending with a letter or"
            + " digit). Fix: use the name shown by 'aws ecr describe-repositories', e.g."
            + " arbiter-pipeline-builder",
        "repositories[1]: 'Builder' is not an ECR repository name (2 to 256 lower-case letters,"
            + " digits, '.', '_', '-' and '/', each part starting and ending with a letter or"
            + " digit). Fix: use the name shown by 'aws ecr describe-repositories', e.g."
            + " arbiter-pipeline-builder",
        "keepVersions: '0' is not between 1 and 1000. Fix: keep at least the versions pipelines"
            + " still run, e.g. 20 (the default)",
        "consumerAccountIds[0]: '12345' is not a 12-digit AWS account ID. Fix: write the account"
            + " ID as a string of exactly 12 digits, leading zeros included, e.g. \"012345678901\"",
        "consumerRoleArns[0]: 'node-role' is not an IAM role ARN (arn:<partition>:iam::<12-digit"
            + " account>:role/<name>). Fix: use the role's ARN as shown by 'aws iam get-role"
            + " --role-name <name>', e.g. arn:aws:iam::210987654321:role/eks-node-role");
  }

  @Test
  void tooManyVersionsAndARoleWithoutAnAccountAreRefused() {
    ConfigProblems.assertRefused(
        PipelineImageRepositoriesArgs.builder()
                .keepVersions(1001)
                .consumerRoleArns(List.of("arn:aws:iam::111111111111:role/eks-node-role"))
            ::build,
        "keepVersions: '1001' is not between 1 and 1000. Fix: keep at least the versions"
            + " pipelines still run, e.g. 20 (the default)",
        "consumerAccountIds: '[]' lists no account. Fix: list the 12-digit IDs of the accounts"
            + " whose clusters pull the images, e.g. [\"210987654321\"]");
  }
}
