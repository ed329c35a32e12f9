package io.aphex.pipeline.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowPoliciesTest {

  @Test
  void ecrPullScopesTheReadActionsToTheGivenRepositories() {
    String json =
        WorkflowPolicies.ecrPull(
                List.of("arn:aws:ecr:us-east-1:111111111111:repository/arbiter-pipeline-builder"))
            .toJson();

    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"EcrAuthorizationToken\",\"Effect\":\"Allow\",\"Action\":"
                + "[\"ecr:GetAuthorizationToken\"],\"Resource\":[\"*\"]},"
                + "{\"Sid\":\"EcrPullPipelineImages\",\"Effect\":\"Allow\",\"Action\":"
                + "[\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\","
                + "\"ecr:BatchGetImage\"],\"Resource\":"
                + "[\"arn:aws:ecr:us-east-1:111111111111:repository/arbiter-pipeline-builder\"]}]}");
  }

  @Test
  void ecrPullWithoutEcrImagesKeepsOnlyTheTokenStatement() {
    PolicyDocument policy = WorkflowPolicies.ecrPull(List.of());

    assertThat(policy.statements())
        .extracting(PolicyStatement::sid)
        .containsExactly("EcrAuthorizationToken");
  }

  @Test
  void artifactAccessListsTheBucketAndReadsWritesItsObjectsOnly() {
    String json = WorkflowPolicies.artifactAccess("arn:aws:s3:::artifacts").toJson();

    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"ListArtifactBucket\",\"Effect\":\"Allow\",\"Action\":"
                + "[\"s3:ListBucket\",\"s3:GetBucketLocation\"],\"Resource\":[\"arn:aws:s3:::artifacts\"]},"
                + "{\"Sid\":\"ReadWriteArtifacts\",\"Effect\":\"Allow\",\"Action\":"
                + "[\"s3:GetObject\",\"s3:PutObject\",\"s3:DeleteObject\"],\"Resource\":"
                + "[\"arn:aws:s3:::artifacts/*\"]}]}");
  }

  @Test
  void bucketPolicyDeniesEveryRequestWithoutTls() {
    String json = WorkflowPolicies.bucketRequiresTls("arn:aws:s3:::artifacts").toJson();

    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\","
                + "\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"s3:*\"],"
                + "\"Resource\":[\"arn:aws:s3:::artifacts\",\"arn:aws:s3:::artifacts/*\"],"
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}");
  }

  @Test
  void deployRolesAreAssumedExactlyAndOnlyTargetsWithoutOneGetCdkBootstrapRoles() {
    String json =
        WorkflowPolicies.assumeDeployRoles(
                List.of(
                    "arn:aws:iam::222222222222:role/deploy",
                    "arn:aws:iam::111111111111:role/x/deploy",
                    "arn:aws:iam::222222222222:role/deploy"),
                List.of(java.util.Map.entry("123456789012", "eu-west-1")))
            .toJson();

    String cdk = "arn:aws:iam::123456789012:role/cdk-hnb659fds-";
    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AssumeDeployRoles\","
                + "\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\"],\"Resource\":["
                + "\"arn:aws:iam::111111111111:role/x/deploy\","
                + "\"arn:aws:iam::222222222222:role/deploy\"]},"
                + "{\"Sid\":\"AssumeCdkBootstrapRoles\","
                + "\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\"],\"Resource\":["
                + "\""
                + cdk
                + "deploy-role-123456789012-eu-west-1\","
                + "\""
                + cdk
                + "file-publishing-role-123456789012-eu-west-1\","
                + "\""
                + cdk
                + "image-publishing-role-123456789012-eu-west-1\","
                + "\""
                + cdk
                + "lookup-role-123456789012-eu-west-1\"]}]}");
  }

  @Test
  void whenEveryEnvironmentHasADeployRoleNoCdkRoleIsAssumable() {
    String json =
        WorkflowPolicies.assumeDeployRoles(
                List.of("arn:aws:iam::222222222222:role/deploy"), List.of())
            .toJson();

    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AssumeDeployRoles\","
                + "\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\"],\"Resource\":["
                + "\"arn:aws:iam::222222222222:role/deploy\"]}]}");
  }

  @Test
  void tooManyDeployRolesAreReportedBeforehandAndRefused() {
    List<String> roles =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> String.format("arn:aws:iam::%012d:role/aphex-deploy", i))
            .toList();

    assertThat(WorkflowPolicies.deployPolicyTooLarge(roles, List.of())).isTrue();
    assertThat(WorkflowPolicies.deployPolicyTooLarge(roles.subList(0, 50), List.of())).isFalse();
    assertThatThrownBy(() -> WorkflowPolicies.assumeDeployRoles(roles, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the deploy policy for 200 deploy roles and 0 CDK targets exceeds IAM's inline policy"
                + " size");
  }

  @Test
  void assumesExactlyTheCdkBootstrapRolesOfEachTargetOnceAndSorted() {
    String json =
        WorkflowPolicies.assumeCdkBootstrapRoles(
                List.of(
                    java.util.Map.entry("987654321098", "us-east-1"),
                    java.util.Map.entry("123456789012", "us-east-1"),
                    java.util.Map.entry("123456789012", "us-east-1")))
            .toJson();

    String prod = "arn:aws:iam::987654321098:role/cdk-hnb659fds-";
    String dev = "arn:aws:iam::123456789012:role/cdk-hnb659fds-";
    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AssumeCdkBootstrapRoles\","
                + "\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\"],\"Resource\":["
                + "\""
                + dev
                + "deploy-role-123456789012-us-east-1\","
                + "\""
                + dev
                + "file-publishing-role-123456789012-us-east-1\","
                + "\""
                + dev
                + "image-publishing-role-123456789012-us-east-1\","
                + "\""
                + dev
                + "lookup-role-123456789012-us-east-1\","
                + "\""
                + prod
                + "deploy-role-987654321098-us-east-1\","
                + "\""
                + prod
                + "file-publishing-role-987654321098-us-east-1\","
                + "\""
                + prod
                + "image-publishing-role-987654321098-us-east-1\","
                + "\""
                + prod
                + "lookup-role-987654321098-us-east-1\"]}]}");
  }

  @Test
  void bootstrapRolesInOtherPartitionsUseTheirPartition() {
    PolicyDocument policy =
        WorkflowPolicies.assumeCdkBootstrapRoles(
            List.of(
                java.util.Map.entry("111111111111", "cn-north-1"),
                java.util.Map.entry("222222222222", "us-gov-west-1")));

    assertThat(policy.statements().get(0).resources())
        .contains(
            "arn:aws-cn:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-cn-north-1",
            "arn:aws-us-gov:iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-us-gov-west-1")
        .hasSize(8);
  }

  @Test
  void manyTargetsFallBackToOnePatternPerAccountWithinIamsSizeLimit() {
    List<java.util.Map.Entry<String, String>> targets = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      targets.add(java.util.Map.entry(String.format("1000000000%02d", i), "us-east-1"));
      targets.add(java.util.Map.entry(String.format("1000000000%02d", i), "eu-west-1"));
    }

    PolicyDocument policy = WorkflowPolicies.assumeCdkBootstrapRoles(targets);

    assertThat(policy.statements().get(0).resources())
        .hasSize(50)
        .first()
        .isEqualTo("arn:aws:iam::100000000000:role/cdk-hnb659fds-*");
    assertThat(policy.toJson().length()).isLessThanOrEqualTo(WorkflowPolicies.CDK_POLICY_BUDGET);
    assertThat(WorkflowPolicies.deployPolicyTooLarge(List.of(), targets)).isFalse();
  }

  @Test
  void tooManyAccountsForAnyPolicyAreRecognisedBeforehand() {
    List<java.util.Map.Entry<String, String>> targets = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      targets.add(java.util.Map.entry(String.format("100000000%03d", i), "us-east-1"));
    }

    assertThat(WorkflowPolicies.deployPolicyTooLarge(List.of(), targets)).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WorkflowPolicies.assumeCdkBootstrapRoles(targets))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the CDK deploy policy for 200 accounts exceeds IAM's inline policy size");
  }

  @Test
  void aThousandAccountsSpreadOverTheInlineAndSevenManagedPoliciesNamingOnlyTheirAccounts() {
    List<java.util.Map.Entry<String, String>> targets = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      targets.add(java.util.Map.entry(String.format("100000%06d", i), "us-east-1"));
    }

    WorkflowPolicies.DeployPolicies policies = WorkflowPolicies.deployPolicies(List.of(), targets);

    assertThat(policies.managed()).hasSize(7);
    assertThat(policies.inline().toJson().length())
        .isLessThanOrEqualTo(WorkflowPolicies.CDK_POLICY_BUDGET);
    List<String> resources =
        new java.util.ArrayList<>(policies.inline().statements().get(0).resources());
    for (PolicyDocument managed : policies.managed()) {
      assertThat(managed.toJson().length())
          .isLessThanOrEqualTo(WorkflowPolicies.MANAGED_POLICY_MAX);
      assertThat(managed.statements()).hasSize(1);
      assertThat(managed.statements().get(0).actions()).containsExactly("sts:AssumeRole");
      resources.addAll(managed.statements().get(0).resources());
    }
    assertThat(resources)
        .hasSize(1_000)
        .doesNotHaveDuplicates()
        .allMatch(arn -> arn.matches("arn:aws:iam::100000[0-9]{6}:role/cdk-hnb659fds-\\*"));
  }

  @Test
  void aPipelineThatFitsTheInlinePolicyGetsNoManagedPolicy() {
    WorkflowPolicies.DeployPolicies policies =
        WorkflowPolicies.deployPolicies(
            List.of("arn:aws:iam::222222222222:role/deploy"), List.of());

    assertThat(policies.managed()).isEmpty();
    assertThat(policies.inline())
        .isEqualTo(
            WorkflowPolicies.assumeDeployRoles(
                List.of("arn:aws:iam::222222222222:role/deploy"), List.of()));
  }
}
