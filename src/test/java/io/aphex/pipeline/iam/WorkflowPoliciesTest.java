package io.aphex.pipeline.iam;

import static org.assertj.core.api.Assertions.assertThat;

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
}
