package io.aphex.pipeline.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The permissions of the workflow role: pulling the pipeline's images from ECR and reading and
 * writing the artifact bucket. Each is scoped to what the pipeline actually uses.
 */
public final class WorkflowPolicies {

  /** ECR actions that read an image once authenticated. */
  public static final List<String> ECR_READ_ACTIONS =
      List.of("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage");

  /** The default qualifier of {@code cdk bootstrap}. */
  public static final String CDK_BOOTSTRAP_QUALIFIER = "hnb659fds";

  /** The roles {@code cdk bootstrap} creates, which {@code cdk deploy} assumes. */
  public static final List<String> CDK_BOOTSTRAP_ROLES =
      List.of("deploy-role", "file-publishing-role", "image-publishing-role", "lookup-role");

  private WorkflowPolicies() {}

  /**
   * The permission to assume the CDK bootstrap roles of every target environment, and nothing else:
   * {@code cdk deploy} does its work through those roles in the target account, so the workflow
   * role itself needs no CloudFormation, IAM or S3 permission there. The target accounts must be
   * bootstrapped with {@code cdk bootstrap --trust <pipeline account>}.
   *
   * @param targets the (account, region) pairs of the environments
   * @return the policy document; one statement listing each role ARN once, sorted
   */
  public static PolicyDocument assumeCdkBootstrapRoles(List<Map.Entry<String, String>> targets) {
    java.util.SortedSet<String> arns = new java.util.TreeSet<>();
    for (Map.Entry<String, String> target : targets) {
      String account = target.getKey();
      String region = target.getValue();
      for (String role : CDK_BOOTSTRAP_ROLES) {
        arns.add(
            "arn:"
                + AwsPartition.of(region)
                + ":iam::"
                + account
                + ":role/cdk-"
                + CDK_BOOTSTRAP_QUALIFIER
                + "-"
                + role
                + "-"
                + account
                + "-"
                + region);
      }
    }
    return PolicyDocument.of(
        PolicyStatement.allow(
            "AssumeCdkBootstrapRoles", List.of("sts:AssumeRole"), List.copyOf(arns)));
  }

  /**
   * The ECR pull policy. {@code ecr:GetAuthorizationToken} has no resource-level permissions, so it
   * needs {@code *}; the three read actions are limited to the repositories of the pipeline's
   * images. When no image is in ECR, there is nothing to read and only the token statement remains.
   *
   * <p>The kubelet pulls a pod's images with the node role, not with this role: this policy is for
   * tools inside the pods (the deployer pulling or inspecting images, for example).
   *
   * @param repositoryArns the ECR repository ARNs of the images in use
   * @return the policy document
   */
  public static PolicyDocument ecrPull(List<String> repositoryArns) {
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(
        PolicyStatement.allow(
            "EcrAuthorizationToken", List.of("ecr:GetAuthorizationToken"), List.of("*")));
    if (!repositoryArns.isEmpty()) {
      statements.add(
          PolicyStatement.allow("EcrPullPipelineImages", ECR_READ_ACTIONS, repositoryArns));
    }
    return new PolicyDocument(statements);
  }

  /**
   * The artifact bucket policy of the workflow role: list the bucket, and read, write and delete
   * the objects in it. Nothing on any other bucket.
   *
   * @param bucketArn the artifact bucket's ARN
   * @return the policy document
   */
  public static PolicyDocument artifactAccess(String bucketArn) {
    return PolicyDocument.of(
        PolicyStatement.allow(
            "ListArtifactBucket",
            List.of("s3:ListBucket", "s3:GetBucketLocation"),
            List.of(bucketArn)),
        PolicyStatement.allow(
            "ReadWriteArtifacts",
            List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
            List.of(bucketArn + "/*")));
  }

  /**
   * The artifact bucket's own policy: refuse every request that is not made over TLS.
   *
   * @param bucketArn the artifact bucket's ARN
   * @return the bucket policy document
   */
  public static PolicyDocument bucketRequiresTls(String bucketArn) {
    return PolicyDocument.of(
        new PolicyStatement(
            "DenyInsecureTransport",
            "Deny",
            Map.of("AWS", "*"),
            List.of("s3:*"),
            List.of(bucketArn, bucketArn + "/*"),
            Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
  }
}
