package io.aphex.pipeline.iam;

import io.aphex.pipeline.config.AwsPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

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
   * Characters the CDK deploy policy may take. AWS caps all inline policies of a role at 10,240
   * characters together; the ECR and artifact policies take about 1,000.
   */
  public static final int CDK_POLICY_BUDGET = 8_000;

  /**
   * The permission to assume the CDK bootstrap roles of every target environment, and nothing else:
   * {@code cdk deploy} does its work through those roles in the target account, so the workflow
   * role itself needs no CloudFormation, IAM or S3 permission there. The target accounts must be
   * bootstrapped with {@code cdk bootstrap --trust <pipeline account>}.
   *
   * <p>The four roles of each (account, region) are listed exactly while the policy fits {@link
   * #CDK_POLICY_BUDGET}. A pipeline with more targets gets one {@code cdk-hnb659fds-*} pattern per
   * account instead, so that it still fits IAM's limit; the pattern also covers the bootstrap
   * {@code cfn-exec-role}, whose trust policy admits only CloudFormation, so it cannot be assumed
   * this way.
   *
   * @param targets the (account, region) pairs of the environments
   * @return the policy document; one statement, its resources sorted and listed once
   * @throws IllegalArgumentException when even one pattern per account exceeds the budget; {@link
   *     #deployPolicyTooLarge} tells beforehand
   */
  public static PolicyDocument assumeCdkBootstrapRoles(List<Map.Entry<String, String>> targets) {
    PolicyDocument exact = assumeRoles(exactBootstrapRoles(targets));
    if (exact.toJson().length() <= CDK_POLICY_BUDGET) {
      return exact;
    }
    PolicyDocument perAccount = assumeRoles(bootstrapRolePatterns(targets));
    if (perAccount.toJson().length() > CDK_POLICY_BUDGET) {
      throw new IllegalArgumentException(
          "the CDK deploy policy for "
              + targets.stream().map(Map.Entry::getKey).distinct().count()
              + " accounts exceeds IAM's inline policy size");
    }
    return perAccount;
  }

  /**
   * The permission to assume the roles the environments deploy with, and nothing else: exactly the
   * {@code deployRoleArn} of the environments that have one, and the CDK bootstrap roles (see
   * {@link #assumeCdkBootstrapRoles}) of the (account, region) of those that do not.
   *
   * @param deployRoleArns the environments' own deploy roles; may be empty
   * @param cdkTargets the (account, region) pairs of the environments without one; may be empty
   * @return the policy document: a statement {@code AssumeDeployRoles} when there are deploy roles,
   *     then {@code AssumeCdkBootstrapRoles} when there are CDK targets
   * @throws IllegalArgumentException when the policy exceeds IAM's inline policy size; {@link
   *     #deployPolicyTooLarge} tells beforehand
   */
  public static PolicyDocument assumeDeployRoles(
      Collection<String> deployRoleArns, List<Map.Entry<String, String>> cdkTargets) {
    return fittingDeployPolicy(deployRoleArns, cdkTargets)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the deploy policy for "
                        + deployRoleArns.size()
                        + " deploy roles and "
                        + cdkTargets.size()
                        + " CDK targets exceeds IAM's inline policy size"));
  }

  /**
   * Tells whether {@link #assumeDeployRoles} would exceed IAM's inline policy size.
   *
   * @param deployRoleArns the environments' own deploy roles
   * @param cdkTargets the (account, region) pairs of the environments without one
   * @return true when the policy does not fit
   */
  public static boolean deployPolicyTooLarge(
      Collection<String> deployRoleArns, List<Map.Entry<String, String>> cdkTargets) {
    return fittingDeployPolicy(deployRoleArns, cdkTargets).isEmpty();
  }

  /** IAM's limit on one customer managed policy document, in characters without whitespace. */
  public static final int MANAGED_POLICY_MAX = 6_144;

  /**
   * IAM's hard limit of managed policies attached to one role; the default quota is 10, which an
   * account raises to 20 through Service Quotas.
   */
  public static final int MAX_MANAGED_POLICIES_PER_ROLE = 20;

  /**
   * The deploy permissions split over the role's inline policy and customer managed policies.
   *
   * @param inline the inline policy; always present
   * @param managed the managed policies, each at most {@link #MANAGED_POLICY_MAX} characters; empty
   *     when everything fits the inline policy
   */
  public record DeployPolicies(PolicyDocument inline, List<PolicyDocument> managed) {

    /** Creates the split; the list is copied. */
    public DeployPolicies {
      managed = List.copyOf(managed);
    }
  }

  /**
   * The permission to assume the roles the environments deploy with, for any number of them: {@link
   * #assumeDeployRoles} while it fits the inline policy; beyond that, the deploy role ARNs and one
   * {@code cdk-hnb659fds-*} pattern per CDK target account (each naming its account, so nothing
   * outside the configured accounts can be assumed) are spread over the inline policy and as many
   * customer managed policies as needed. 1,000 accounts take the inline policy and 7 managed ones.
   *
   * @param deployRoleArns the environments' own deploy roles; may be empty
   * @param cdkTargets the (account, region) pairs of the environments without one; may be empty
   * @return the inline policy and the managed policies
   */
  public static DeployPolicies deployPolicies(
      Collection<String> deployRoleArns, List<Map.Entry<String, String>> cdkTargets) {
    Optional<PolicyDocument> inline = fittingDeployPolicy(deployRoleArns, cdkTargets);
    if (inline.isPresent()) {
      return new DeployPolicies(inline.get(), List.of());
    }
    List<String> resources = new ArrayList<>(new TreeSet<>(deployRoleArns));
    resources.addAll(bootstrapRolePatterns(cdkTargets));
    List<PolicyDocument> documents = new ArrayList<>();
    int start = 0;
    while (start < resources.size()) {
      int limit = documents.isEmpty() ? CDK_POLICY_BUDGET : MANAGED_POLICY_MAX;
      int end = start;
      // The empty document has no Resource key; \",\"Resource\":[]\" less one comma is 13 more.
      int size = assumeRolesDocument(List.of()).toJson().length() + 13;
      while (end < resources.size() && size + resources.get(end).length() + 3 <= limit) {
        size += resources.get(end).length() + 3;
        end++;
      }
      if (end == start) {
        throw new IllegalArgumentException(
            "the role ARN " + resources.get(start) + " alone exceeds IAM's policy size");
      }
      documents.add(assumeRolesDocument(resources.subList(start, end)));
      start = end;
    }
    return new DeployPolicies(documents.get(0), documents.subList(1, documents.size()));
  }

  private static PolicyDocument assumeRolesDocument(List<String> arns) {
    return PolicyDocument.of(
        PolicyStatement.allow("AssumeDeployRoles", List.of("sts:AssumeRole"), arns));
  }

  private static Optional<PolicyDocument> fittingDeployPolicy(
      Collection<String> deployRoleArns, List<Map.Entry<String, String>> cdkTargets) {
    if (!cdkTargets.isEmpty() && cdkPolicyTooLarge(cdkTargets)) {
      return Optional.empty();
    }
    List<PolicyStatement> statements = new ArrayList<>();
    if (!deployRoleArns.isEmpty()) {
      statements.add(
          PolicyStatement.allow(
              "AssumeDeployRoles",
              List.of("sts:AssumeRole"),
              List.copyOf(new TreeSet<>(deployRoleArns))));
    }
    if (!cdkTargets.isEmpty()) {
      statements.addAll(assumeCdkBootstrapRoles(cdkTargets).statements());
    }
    PolicyDocument document = new PolicyDocument(statements);
    return document.toJson().length() <= CDK_POLICY_BUDGET
        ? Optional.of(document)
        : Optional.empty();
  }

  private static boolean cdkPolicyTooLarge(List<Map.Entry<String, String>> targets) {
    return assumeRoles(bootstrapRolePatterns(targets)).toJson().length() > CDK_POLICY_BUDGET;
  }

  private static SortedSet<String> exactBootstrapRoles(List<Map.Entry<String, String>> targets) {
    SortedSet<String> arns = new TreeSet<>();
    for (Map.Entry<String, String> target : targets) {
      String account = target.getKey();
      String region = target.getValue();
      for (String role : CDK_BOOTSTRAP_ROLES) {
        arns.add(bootstrapRoleArn(account, region, role));
      }
    }
    return arns;
  }

  private static SortedSet<String> bootstrapRolePatterns(List<Map.Entry<String, String>> targets) {
    SortedSet<String> arns = new TreeSet<>();
    for (Map.Entry<String, String> target : targets) {
      arns.add(bootstrapRolePrefix(target.getKey(), target.getValue()) + "*");
    }
    return arns;
  }

  /**
   * The CDK bootstrap deploy role of an account and region, the one {@code cdk deploy} assumes.
   *
   * @param account the 12-digit account ID
   * @param region the region, which also gives the partition
   * @return e.g. {@code
   *     arn:aws:iam::123456789012:role/cdk-hnb659fds-deploy-role-123456789012-us-east-1}
   */
  public static String cdkDeployRoleArn(String account, String region) {
    return bootstrapRoleArn(account, region, "deploy-role");
  }

  private static String bootstrapRoleArn(String account, String region, String role) {
    return bootstrapRolePrefix(account, region) + role + "-" + account + "-" + region;
  }

  private static String bootstrapRolePrefix(String account, String region) {
    return "arn:"
        + AwsPartition.of(region)
        + ":iam::"
        + account
        + ":role/cdk-"
        + CDK_BOOTSTRAP_QUALIFIER
        + "-";
  }

  private static PolicyDocument assumeRoles(SortedSet<String> arns) {
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
