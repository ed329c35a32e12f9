package io.aphex.pipeline.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.config.AwsPartition;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcrRepositoryPolicyTest {

  private static final String IMAGE_ACCOUNT = "987654321098";
  private static final String ACTIONS =
      "\"Action\":[\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\","
          + "\"ecr:BatchCheckLayerAvailability\"]";
  private static final String ACCOUNT_FIX =
      "Fix: write the account ID as a string of exactly 12 digits, leading zeros included, e.g."
          + " \"012345678901\"";
  private static final String ROLE_RULE =
      "is not an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<name>). Fix: use the"
          + " role's ARN as shown by 'aws iam get-role --role-name <name>', e.g."
          + " arn:aws:iam::210987654321:role/eks-node-role";
  private static final String SELF_FIX =
      "Fix: remove it; if the images are in another account, give EcrPullAccess an aws provider"
          + " for that account through its options' providers";

  private static List<String> messages(List<Problem> problems) {
    return problems.stream().map(Problem::message).toList();
  }

  @Test
  void oneAccountGetsTheSpecStatementWithItsRootAsTheOnlyPrincipal() {
    String json =
        EcrRepositoryPolicy.allowPull(
                IMAGE_ACCOUNT, "us-east-1", List.of("123456789012"), List.of())
            .toJson();

    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowCrossAccountPull\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:root\"]},"
                + ACTIONS
                + "}]}");
  }

  @Test
  void severalAccountsAndRolesAreSortedAndDeduplicated() {
    String json =
        EcrRepositoryPolicy.allowPull(
                IMAGE_ACCOUNT,
                "eu-west-1",
                List.of("333333333333", "111111111111", "222222222222", "111111111111"),
                List.of(
                    "arn:aws:iam::444444444444:role/eks-node-role",
                    "arn:aws:iam::111111111111:role/nodes/eks-node-role",
                    "arn:aws:iam::444444444444:role/eks-node-role"))
            .toJson();

    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowCrossAccountPull\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
                + "\"arn:aws:iam::111111111111:role/nodes/eks-node-role\","
                + "\"arn:aws:iam::111111111111:root\","
                + "\"arn:aws:iam::222222222222:root\","
                + "\"arn:aws:iam::333333333333:root\","
                + "\"arn:aws:iam::444444444444:role/eks-node-role\"]},"
                + ACTIONS
                + "}]}");
  }

  @Test
  void chinaRegionsUseTheAwsCnPartition() {
    String json =
        EcrRepositoryPolicy.allowPull(
                IMAGE_ACCOUNT,
                "cn-north-1",
                List.of("123456789012"),
                List.of("arn:aws-cn:iam::210987654321:role/eks-node-role"))
            .toJson();

    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowCrossAccountPull\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
                + "\"arn:aws-cn:iam::123456789012:root\","
                + "\"arn:aws-cn:iam::210987654321:role/eks-node-role\"]},"
                + ACTIONS
                + "}]}");
  }

  @Test
  void govCloudRegionsUseTheAwsUsGovPartition() {
    String json =
        EcrRepositoryPolicy.allowPull(
                IMAGE_ACCOUNT, "us-gov-west-1", List.of("210987654321", "123456789012"), List.of())
            .toJson();

    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowCrossAccountPull\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
                + "\"arn:aws-us-gov:iam::123456789012:root\","
                + "\"arn:aws-us-gov:iam::210987654321:root\"]},"
                + ACTIONS
                + "}]}");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "us-east-1, aws",
    "eu-central-2, aws",
    "cn-north-1, aws-cn",
    "cn-northwest-1, aws-cn",
    "us-gov-west-1, aws-us-gov",
    "us-gov-east-1, aws-us-gov"
  })
  void partitionFollowsTheRegion(String region, String partition) {
    assertThat(AwsPartition.of(region)).isEqualTo(partition);
  }

  @Test
  void validConsumersHaveNoProblems() {
    assertThat(
            EcrRepositoryPolicy.check(
                IMAGE_ACCOUNT,
                "us-east-1",
                List.of("012345678901"),
                List.of("arn:aws:iam::210987654321:role/a.b_c+d=e,f@g-h")))
        .isEmpty();
  }

  @Test
  void emptyAccountListIsReported() {
    assertThat(
            messages(EcrRepositoryPolicy.check(IMAGE_ACCOUNT, "us-east-1", List.of(), List.of())))
        .containsExactly(
            "consumerAccountIds: '[]' lists no account. Fix: list the 12-digit IDs of the accounts"
                + " whose clusters pull the images, e.g. [\"210987654321\"]");
  }

  @Test
  void accountsThatAreNotTwelveDigitsAreReportedEachAtItsIndex() {
    assertThat(
            messages(
                EcrRepositoryPolicy.checkAccounts(
                    Arrays.asList("12345678901", "123456789012", "1234-5678-9012", null, ""))))
        .containsExactly(
            "consumerAccountIds[0]: '12345678901' is not a 12-digit AWS account ID. " + ACCOUNT_FIX,
            "consumerAccountIds[2]: '1234-5678-9012' is not a 12-digit AWS account ID. "
                + ACCOUNT_FIX,
            "consumerAccountIds[3]: is missing; an entry cannot be empty. Fix: remove the empty entry",
            "consumerAccountIds[4]: '' is not a 12-digit AWS account ID. " + ACCOUNT_FIX);
  }

  @Test
  void theImageAccountItselfIsReportedAsAccountAndAsRole() {
    assertThat(
            messages(
                EcrRepositoryPolicy.check(
                    IMAGE_ACCOUNT,
                    "us-east-1",
                    List.of("123456789012", IMAGE_ACCOUNT),
                    List.of("arn:aws:iam::987654321098:role/eks-node-role"))))
        .containsExactly(
            "consumerAccountIds[1]: '987654321098' is the image account itself, which pulls its"
                + " own images without a repository policy. "
                + SELF_FIX,
            "consumerRoleArns[0]: 'arn:aws:iam::987654321098:role/eks-node-role' is a role of the"
                + " image account itself, which pulls its own images without a repository policy. "
                + SELF_FIX);
  }

  @Test
  void malformedRoleArnsAreReported() {
    assertThat(
            messages(
                EcrRepositoryPolicy.checkRoles(
                    List.of(
                        "eks-node-role",
                        "arn:aws:iam::210987654321:user/ci",
                        "arn:aws:iam::21098765432:role/eks-node-role",
                        "arn:aws:iam::210987654321:role/"))))
        .containsExactly(
            "consumerRoleArns[0]: 'eks-node-role' " + ROLE_RULE,
            "consumerRoleArns[1]: 'arn:aws:iam::210987654321:user/ci' " + ROLE_RULE,
            "consumerRoleArns[2]: 'arn:aws:iam::21098765432:role/eks-node-role' " + ROLE_RULE,
            "consumerRoleArns[3]: 'arn:aws:iam::210987654321:role/' " + ROLE_RULE);
  }

  @Test
  void roleOfAnotherPartitionIsReported() {
    assertThat(
            messages(
                EcrRepositoryPolicy.check(
                    IMAGE_ACCOUNT,
                    "cn-north-1",
                    List.of("123456789012"),
                    List.of("arn:aws:iam::210987654321:role/eks-node-role"))))
        .containsExactly(
            "consumerRoleArns[0]: 'arn:aws:iam::210987654321:role/eks-node-role' is in partition"
                + " aws, but the repositories are in cn-north-1 of partition aws-cn; principals"
                + " cannot cross partitions. Fix: use a role of the aws-cn partition");
  }

  @Test
  void badImageAccountAndRegionAreReported() {
    assertThat(
            messages(
                EcrRepositoryPolicy.check(
                    "98765432109", "east", List.of("123456789012"), List.of())))
        .containsExactly(
            "imageAccountId: '98765432109' is not a 12-digit AWS account ID. Fix: use the account"
                + " that owns the repositories",
            "region: 'east' is not an AWS region name (like us-east-1 or eu-west-2). Fix: use the"
                + " repositories' region");
  }

  @Test
  void allowPullRefusesInvalidInputWithEveryProblem() {
    assertThatThrownBy(
            () ->
                EcrRepositoryPolicy.allowPull(
                    IMAGE_ACCOUNT, "us-east-1", List.of(IMAGE_ACCOUNT, "42"), List.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(messages(e.problems()))
                    .containsExactly(
                        "consumerAccountIds[1]: '42' is not a 12-digit AWS account ID. "
                            + ACCOUNT_FIX,
                        "consumerAccountIds[0]: '987654321098' is the image account itself, which"
                            + " pulls its own images without a repository policy. "
                            + SELF_FIX));
  }
}
