package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.testing.ConfigProblems;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcrPullAccessArgsTest {

  private static final String REPOSITORY_RULE =
      "is not an ECR repository name (2 to 256 lower-case letters, digits, '.', '_', '-' and '/',"
          + " each part starting and ending with a letter or digit). Fix: use the name shown by"
          + " 'aws ecr describe-repositories', e.g. arbiter-pipeline-builder";

  private static void assertProblems(EcrPullAccessArgs.Builder builder, String... expected) {
    ConfigProblems.assertRefused(builder::build, expected);
  }

  @Test
  void defaultsAreTheConventionalRepositoriesAndNoRoles() {
    EcrPullAccessArgs args =
        EcrPullAccessArgs.builder().consumerAccountIds(List.of("123456789012")).build();

    assertThat(args.repositories())
        .containsExactly("arbiter-pipeline-builder", "arbiter-pipeline-deployer");
    assertThat(args.consumerAccountIds()).containsExactly("123456789012");
    assertThat(args.consumerRoleArns()).isEmpty();
  }

  @Test
  void everyPropertyIsKeptAsGiven() {
    EcrPullAccessArgs args =
        EcrPullAccessArgs.builder()
            .repositories(List.of("team/builder", "deployer"))
            .consumerAccountIds(List.of("210987654321", "123456789012", "210987654321"))
            .consumerRoleArns(List.of("arn:aws:iam::111111111111:role/eks-node-role"))
            .build();

    assertThat(args.repositories()).containsExactly("team/builder", "deployer");
    assertThat(args.consumerAccountIds())
        .containsExactly("210987654321", "123456789012", "210987654321");
    assertThat(args.consumerRoleArns())
        .containsExactly("arn:aws:iam::111111111111:role/eks-node-role");
  }

  @Test
  void nullRestoresTheDefaultsOfTheOptionalProperties() {
    EcrPullAccessArgs args =
        EcrPullAccessArgs.builder()
            .repositories((List<String>) null)
            .consumerRoleArns((List<String>) null)
            .consumerAccountIds(List.of("123456789012"))
            .build();

    assertThat(args.repositories()).isEqualTo(EcrPullAccessArgs.DEFAULT_REPOSITORIES);
    assertThat(args.consumerRoleArns()).isEmpty();
  }

  @Test
  void theArgsDoNotChangeWhenTheGivenListDoes() {
    List<String> accounts = new java.util.ArrayList<>(List.of("123456789012"));
    EcrPullAccessArgs args = EcrPullAccessArgs.builder().consumerAccountIds(accounts).build();
    accounts.add("210987654321");

    assertThat(args.consumerAccountIds()).containsExactly("123456789012");
    assertThatThrownBy(() -> args.consumerAccountIds().add("210987654321"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void missingConsumerAccountIdsIsNamed() {
    assertProblems(
        EcrPullAccessArgs.builder(),
        "consumerAccountIds: is missing; it is required. Fix: set it to the 12-digit IDs of the"
            + " accounts whose clusters pull the images, e.g. [\"210987654321\"]");
  }

  @Test
  void missingConsumerAccountIdsIsNamedInTheExceptionMessage() {
    assertThatThrownBy(() -> EcrPullAccessArgs.builder().build())
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n"
                + "  1. consumerAccountIds: is missing; it is required. Fix: set it to the 12-digit"
                + " IDs of the accounts whose clusters pull the images, e.g. [\"210987654321\"]");
  }

  @Test
  void emptyConsumerAccountIdsIsReported() {
    assertProblems(
        EcrPullAccessArgs.builder().consumerAccountIds(List.of()),
        "consumerAccountIds: '[]' lists no account. Fix: list the 12-digit IDs of the accounts"
            + " whose clusters pull the images, e.g. [\"210987654321\"]");
  }

  @Test
  void everyBadValueIsReportedAtOnce() {
    assertProblems(
        EcrPullAccessArgs.builder()
            .repositories(
                Arrays.asList(
                    "arbiter-pipeline-builder", "Builder", null, "arbiter-pipeline-builder", "a"))
            .consumerAccountIds(List.of("12345678901"))
            .consumerRoleArns(List.of("eks-node-role")),
        "repositories[1]: 'Builder' " + REPOSITORY_RULE,
        "repositories[2]: is missing; an entry cannot be empty. Fix: remove the empty entry",
        "repositories[3]: 'arbiter-pipeline-builder' is listed twice. Fix: list each repository"
            + " once",
        "repositories[4]: 'a' " + REPOSITORY_RULE,
        "consumerAccountIds[0]: '12345678901' is not a 12-digit AWS account ID. Fix: write the"
            + " account ID as a string of exactly 12 digits, leading zeros included, e.g."
            + " \"012345678901\"",
        "consumerRoleArns[0]: 'eks-node-role' is not an IAM role ARN (arn:<partition>:iam::"
            + "<12-digit account>:role/<name>). Fix: use the role's ARN as shown by 'aws iam"
            + " get-role --role-name <name>', e.g. arn:aws:iam::210987654321:role/eks-node-role");
  }

  @Test
  void emptyRepositoryListIsReported() {
    assertProblems(
        EcrPullAccessArgs.builder()
            .repositories(List.of())
            .consumerAccountIds(List.of("123456789012")),
        "repositories: '[]' lists no repository. Fix: list the ECR repositories to share, or unset"
            + " it for arbiter-pipeline-builder and arbiter-pipeline-deployer");
  }

  @Test
  void repositoryNamesWithPathsAndSeparatorsAreAccepted() {
    EcrPullAccessArgs args =
        EcrPullAccessArgs.builder()
            .repositories(List.of("team-a/ci/arbiter.pipeline_builder", "ab"))
            .consumerAccountIds(List.of("123456789012"))
            .build();

    assertThat(args.repositories()).containsExactly("team-a/ci/arbiter.pipeline_builder", "ab");
  }
}
