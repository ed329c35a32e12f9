package io.aphex.pipeline.iam;

import static java.util.stream.Collectors.toCollection;

import io.aphex.pipeline.config.AwsPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The policies of the workflow role: who may assume it (IRSA or EKS Pod Identity), pulling the
 * pipeline's images from ECR, reading and writing the artifact bucket and assuming the roles the
 * environments deploy with. Each is scoped to what the pipeline actually uses.
 */
public final class WorkflowPolicies {

  /**
   * Characters the deploy policy may take inline. AWS caps all inline policies of a role at 10,240
   * characters together; the ECR and artifact policies take about 1,000.
   */
  public static final int CDK_POLICY_BUDGET = 8_000;

  /** IAM's limit on one customer managed policy document, in characters without whitespace. */
  public static final int MANAGED_POLICY_MAX = 6_144;

  /**
   * IAM's hard limit of managed policies attached to one role; the default quota is 10, which an
   * account raises to 20 through Service Quotas.
   */
  public static final int MAX_MANAGED_POLICIES_PER_ROLE = 20;

  /** The roles {@code cdk bootstrap} creates, which {@code cdk deploy} assumes. */
  private static final List<String> BOOTSTRAP_ROLES =
      List.of("deploy-role", "file-publishing-role", "image-publishing-role", "lookup-role");

  private WorkflowPolicies() {}

  /**
   * The trust policy of an IAM role for a Kubernetes ServiceAccount (IRSA): the cluster's OIDC
   * provider may assume the role with a web identity token, but only for tokens issued to one
   * ServiceAccount.
   *
   * <p>Both conditions are required: {@code :sub} ({@code
   * system:serviceaccount:<namespace>:<name>}) stops every other ServiceAccount of the cluster
   * (including others in the same namespace) from assuming the role, and {@code :aud} ({@code
   * sts.amazonaws.com}, the audience EKS puts into projected tokens meant for STS) stops tokens
   * minted for another audience from being replayed to STS.
   *
   * @param oidcProviderArn the ARN of the cluster's IAM OIDC provider
   * @param issuer the cluster's OIDC issuer URL, with or without {@code https://}; IAM condition
   *     keys use the bare host and path
   * @param namespace the ServiceAccount's namespace
   * @param serviceAccountName the ServiceAccount's name
   * @return the trust policy document
   */
  public static PolicyDocument irsaTrust(
      String oidcProviderArn, String issuer, String namespace, String serviceAccountName) {
    String host = issuer.replaceFirst("^https://", "");
    Map<String, String> equals =
        Map.of(
            host + ":aud",
            "sts.amazonaws.com",
            host + ":sub",
            "system:serviceaccount:" + namespace + ":" + serviceAccountName);
    return PolicyDocument.of(
        new PolicyStatement(
            "AssumeFromServiceAccount",
            "Allow",
            Map.of("Federated", oidcProviderArn),
            List.of("sts:AssumeRoleWithWebIdentity"),
            List.of(),
            Map.of("StringEquals", equals)));
  }

  /**
   * The trust policy of a role used through EKS Pod Identity: the Pod Identity service may assume
   * it and tag the session, but only for one ServiceAccount of one namespace of one cluster (the
   * session tags Pod Identity sets), so that no other association in the account can use the role.
   *
   * @param clusterName the EKS cluster name
   * @param namespace the ServiceAccount's namespace
   * @param serviceAccountName the ServiceAccount's name
   * @return the trust policy document
   */
  public static PolicyDocument podIdentityTrust(
      String clusterName, String namespace, String serviceAccountName) {
    Map<String, String> equals =
        Map.of(
            "aws:RequestTag/eks-cluster-name", clusterName,
            "aws:RequestTag/kubernetes-namespace", namespace,
            "aws:RequestTag/kubernetes-service-account", serviceAccountName);
    return PolicyDocument.of(
        new PolicyStatement(
            "AssumeFromPodIdentity",
            "Allow",
            Map.of("Service", "pods.eks.amazonaws.com"),
            List.of("sts:AssumeRole", "sts:TagSession"),
            List.of(),
            Map.of("StringEquals", equals)));
  }

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
   * The permission to assume the roles the environments deploy with, and nothing else, for any
   * number of them.
   *
   * <p>While it fits {@link #CDK_POLICY_BUDGET}, it is one inline policy: a statement {@code
   * AssumeDeployRoles} with exactly the {@code deployRoleArn} of the environments that have one
   * (when there are such), then a statement {@code AssumeCdkBootstrapRoles} with the CDK bootstrap
   * roles of the (account, region) of those that do not (when there are such). {@code cdk deploy}
   * does its work through those roles in the target account, so the workflow role itself needs no
   * CloudFormation, IAM or S3 permission there; the target accounts must be bootstrapped with
   * {@code cdk bootstrap --trust <pipeline account>}. The four bootstrap roles of each target
   * ({@code cdk-hnb659fds-deploy-role-<account>-<region>}, and the {@code file-publishing-role},
   * {@code image-publishing-role} and {@code lookup-role}) are listed exactly while they alone fit
   * the budget; beyond that, one {@code cdk-hnb659fds-*} pattern per account takes their place. The
   * pattern also covers the bootstrap {@code cfn-exec-role}, whose trust policy admits only
   * CloudFormation, so it cannot be assumed this way.
   *
   * <p>Beyond the budget, the deploy role ARNs and one pattern per CDK target account (each naming
   * its account, so nothing outside the configured accounts can be assumed) are spread, in one
   * {@code AssumeDeployRoles} statement each, over the inline policy and as many customer managed
   * policies of at most {@link #MANAGED_POLICY_MAX} characters as needed. 1,000 accounts take the
   * inline policy and 7 managed ones.
   *
   * @param deployRoleArns the environments' own deploy roles; may be empty
   * @param cdkTargets the (account, region) pairs of the environments without one; may be empty
   * @return the inline policy and the managed policies; the resources of each statement sorted and
   *     listed once
   * @throws IllegalArgumentException when one role ARN alone exceeds a policy's size
   */
  public static DeployPolicies deployPolicies(
      Collection<String> deployRoleArns, List<Map.Entry<String, String>> cdkTargets) {
    List<String> roles = sorted(deployRoleArns.stream());
    List<String> patterns =
        sorted(cdkTargets.stream().map(t -> bootstrapRolePrefix(t.getKey(), t.getValue()) + "*"));
    List<String> cdk =
        sorted(
            cdkTargets.stream()
                .flatMap(
                    t ->
                        BOOTSTRAP_ROLES.stream()
                            .map(role -> bootstrapRoleArn(t.getKey(), t.getValue(), role))));
    if (PolicyDocument.of(assumeRoles("AssumeCdkBootstrapRoles", cdk)).toJson().length()
        > CDK_POLICY_BUDGET) {
      cdk = patterns;
    }
    PolicyDocument inline =
        granting(
            assumeRoles("AssumeDeployRoles", roles), assumeRoles("AssumeCdkBootstrapRoles", cdk));
    if (inline.toJson().length() <= CDK_POLICY_BUDGET) {
      return new DeployPolicies(inline, List.of());
    }
    List<String> resources = new ArrayList<>(roles);
    resources.addAll(patterns);
    // The empty document has no Resource key; ","Resource":[]" less one comma is 13 more.
    int emptySize =
        PolicyDocument.of(assumeRoles("AssumeDeployRoles", List.of())).toJson().length() + 13;
    List<PolicyDocument> documents = new ArrayList<>();
    for (int start = 0, end = 0; start < resources.size(); start = end) {
      int limit = documents.isEmpty() ? CDK_POLICY_BUDGET : MANAGED_POLICY_MAX;
      for (int size = emptySize;
          end < resources.size() && size + resources.get(end).length() + 3 <= limit;
          end++) {
        size += resources.get(end).length() + 3;
      }
      if (end == start) {
        throw new IllegalArgumentException(
            "the role ARN " + resources.get(start) + " alone exceeds IAM's policy size");
      }
      documents.add(
          PolicyDocument.of(assumeRoles("AssumeDeployRoles", resources.subList(start, end))));
    }
    return new DeployPolicies(documents.get(0), documents.subList(1, documents.size()));
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

  /** The roles of {@code cdk bootstrap} with its default qualifier, {@code hnb659fds}. */
  private static String bootstrapRolePrefix(String account, String region) {
    return "arn:" + AwsPartition.of(region) + ":iam::" + account + ":role/cdk-hnb659fds-";
  }

  private static List<String> sorted(Stream<String> arns) {
    return List.copyOf(arns.collect(toCollection(TreeSet::new)));
  }

  private static PolicyStatement assumeRoles(String sid, List<String> arns) {
    return PolicyStatement.allow(sid, List.of("sts:AssumeRole"), arns);
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
    return granting(
        PolicyStatement.allow(
            "EcrAuthorizationToken", List.of("ecr:GetAuthorizationToken"), List.of("*")),
        PolicyStatement.allow(
            "EcrPullPipelineImages",
            List.of(
                "ecr:BatchCheckLayerAvailability",
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchGetImage"),
            repositoryArns));
  }

  /** The document of the statements that grant something, i.e. that have resources. */
  private static PolicyDocument granting(PolicyStatement... statements) {
    return new PolicyDocument(
        Stream.of(statements).filter(statement -> !statement.resources().isEmpty()).toList());
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
