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

  private WorkflowPolicies() {}

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
