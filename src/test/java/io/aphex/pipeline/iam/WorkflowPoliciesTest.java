package io.aphex.pipeline.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowPoliciesTest {

  @Test
  void irsaTrustsOneServiceAccountThroughTheOidcProviderWithAudienceAndSubject() {
    String expected =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AssumeFromServiceAccount\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::123456789012:"
            + "oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC\"},\"Action\":"
            + "[\"sts:AssumeRoleWithWebIdentity\"],\"Condition\":{\"StringEquals\":{"
            + "\"oidc.eks.us-east-1.amazonaws.com/id/ABC:aud\":\"sts.amazonaws.com\","
            + "\"oidc.eks.us-east-1.amazonaws.com/id/ABC:sub\":"
            + "\"system:serviceaccount:argo:workflow-executor\"}}}]}";
    String provider =
        "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC";

    // The issuer's scheme is dropped when present; the condition keys use the bare host and path.
    for (String issuer :
        List.of(
            "https://oidc.eks.us-east-1.amazonaws.com/id/ABC",
            "oidc.eks.us-east-1.amazonaws.com/id/ABC")) {
      assertThat(WorkflowPolicies.irsaTrust(provider, issuer, "argo", "workflow-executor").toJson())
          .isEqualTo(expected);
    }
  }

  @Test
  void podIdentityTrustsThePodIdentityServiceForOneServiceAccountOfOneClusterOnly() {
    assertThat(
            WorkflowPolicies.podIdentityTrust("company-pipelines", "argo", "workflow-executor")
                .toJson())
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AssumeFromPodIdentity\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":"
                + "{\"StringEquals\":{\"aws:RequestTag/eks-cluster-name\":\"company-pipelines\","
                + "\"aws:RequestTag/kubernetes-namespace\":\"argo\","
                + "\"aws:RequestTag/kubernetes-service-account\":\"workflow-executor\"}}}]}");
  }

  @Test
  void identityModesHaveTheirConfigNames() {
    ObjectMapper json = new ObjectMapper();

    assertThat(json.convertValue("irsa", IdentityMode.class)).isEqualTo(IdentityMode.IRSA);
    assertThat(json.convertValue("podIdentity", IdentityMode.class))
        .isEqualTo(IdentityMode.POD_IDENTITY);
    assertThat(json.convertValue(IdentityMode.POD_IDENTITY, String.class)).isEqualTo("podIdentity");
    assertThatThrownBy(() -> json.convertValue("PodIdentity", IdentityMode.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

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
        inline(
            List.of(
                "arn:aws:iam::222222222222:role/deploy",
                "arn:aws:iam::111111111111:role/x/deploy",
                "arn:aws:iam::222222222222:role/deploy"),
            List.of(java.util.Map.entry("123456789012", "eu-west-1")));

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
    String json = inline(List.of("arn:aws:iam::222222222222:role/deploy"), List.of());

    assertThat(json)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AssumeDeployRoles\","
                + "\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\"],\"Resource\":["
                + "\"arn:aws:iam::222222222222:role/deploy\"]}]}");
  }

  @Test
  void tooManyDeployRolesForTheInlinePolicySpillIntoManagedOnes() {
    List<String> roles =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> String.format("arn:aws:iam::%012d:role/aphex-deploy", i))
            .toList();

    assertThat(WorkflowPolicies.deployPolicies(roles, List.of()).managed()).isNotEmpty();
    assertThat(WorkflowPolicies.deployPolicies(roles.subList(0, 50), List.of()).managed())
        .isEmpty();
  }

  @Test
  void aRoleArnLongerThanAPolicyIsRefused() {
    String role = "arn:aws:iam::123456789012:role/" + "p/".repeat(4_000) + "deploy";
    List<String> roles =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> String.format("arn:aws:iam::%012d:role/aphex-deploy", i))
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    roles.add(role);

    assertThatThrownBy(() -> WorkflowPolicies.deployPolicies(roles, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the role ARN " + role + " alone exceeds IAM's policy size");
  }

  /** The inline deploy policy as JSON, checking that nothing spilled into managed policies. */
  private static String inline(
      List<String> roles, List<java.util.Map.Entry<String, String>> targets) {
    WorkflowPolicies.DeployPolicies policies = WorkflowPolicies.deployPolicies(roles, targets);
    assertThat(policies.managed()).isEmpty();
    return policies.inline().toJson();
  }

  @Test
  void assumesExactlyTheCdkBootstrapRolesOfEachTargetOnceAndSorted() {
    String json =
        inline(
            List.of(),
            List.of(
                java.util.Map.entry("987654321098", "us-east-1"),
                java.util.Map.entry("123456789012", "us-east-1"),
                java.util.Map.entry("123456789012", "us-east-1")));

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
        WorkflowPolicies.deployPolicies(
                List.of(),
                List.of(
                    java.util.Map.entry("111111111111", "cn-north-1"),
                    java.util.Map.entry("222222222222", "us-gov-west-1")))
            .inline();

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

    WorkflowPolicies.DeployPolicies policies = WorkflowPolicies.deployPolicies(List.of(), targets);
    PolicyDocument policy = policies.inline();

    assertThat(policy.statements())
        .singleElement()
        .extracting(PolicyStatement::sid)
        .isEqualTo("AssumeCdkBootstrapRoles");
    assertThat(policy.statements().get(0).resources())
        .hasSize(50)
        .first()
        .isEqualTo("arn:aws:iam::100000000000:role/cdk-hnb659fds-*");
    assertThat(policy.toJson().length()).isLessThanOrEqualTo(WorkflowPolicies.CDK_POLICY_BUDGET);
    assertThat(policies.managed()).isEmpty();
  }

  @Test
  void tooManyAccountsForTheInlinePolicySpillIntoManagedOnes() {
    List<java.util.Map.Entry<String, String>> targets = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      targets.add(java.util.Map.entry(String.format("100000000%03d", i), "us-east-1"));
    }

    WorkflowPolicies.DeployPolicies policies = WorkflowPolicies.deployPolicies(List.of(), targets);

    assertThat(policies.managed()).isNotEmpty();
    assertThat(policies.inline().statements())
        .singleElement()
        .extracting(PolicyStatement::sid)
        .isEqualTo("AssumeDeployRoles");
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
}
