package io.aphex.pipeline.plan;

/**
 * The stand-ins for what only AWS knows at deploy time, as the plan shows them: every such value
 * contains {@link #PREFIX}, so nobody mistakes it for a real one. The engine-based oracle of the
 * tests answers its look-ups with the same values, which is what lets it compare with the plan.
 */
public final class DeployTime {

  /** The marker that starts every stand-in value. */
  public static final String PREFIX = "<deploy-time:";

  /** Shown in place of every secret value. */
  public static final String SECRET = "[secret]";

  /** Shown in place of a value that is unknown until deploy. */
  public static final String UNKNOWN = "[unknown until deploy]";

  private DeployTime() {}

  /**
   * Makes a stand-in.
   *
   * @param what what the value is
   * @return e.g. {@code <deploy-time:suffix>}
   */
  public static String standIn(String what) {
    return PREFIX + what + ">";
  }

  /**
   * The physical name (and ID) of an auto-named IAM role or policy: the logical name and the random
   * suffix Pulumi appends.
   *
   * @param logicalName the resource's logical name
   * @return {@code <logicalName>-<deploy-time:suffix>}
   */
  public static String autoName(String logicalName) {
    return logicalName + "-" + standIn("suffix");
  }

  /**
   * The ARN of an auto-named IAM role.
   *
   * @param account the account
   * @param logicalName the role's logical name
   * @return {@code arn:aws:iam::<account>:role/<autoName>}
   */
  public static String roleArn(String account, String logicalName) {
    return "arn:aws:iam::" + account + ":role/" + autoName(logicalName);
  }

  /**
   * The ARN of an auto-named customer managed IAM policy.
   *
   * @param account the account
   * @param logicalName the policy's logical name
   * @return {@code arn:aws:iam::<account>:policy/<autoName>}
   */
  public static String policyArn(String account, String logicalName) {
    return "arn:aws:iam::" + account + ":policy/" + autoName(logicalName);
  }

  /**
   * The ARN of a bucket, which S3 derives from its name.
   *
   * @param bucket the bucket name
   * @return {@code arn:aws:s3:::<bucket>}
   */
  public static String bucketArn(String bucket) {
    return "arn:aws:s3:::" + bucket;
  }

  /**
   * The API server endpoint of an EKS cluster.
   *
   * @param cluster the cluster name
   * @param region the region
   * @return {@code https://<deploy-time:endpoint of NAME>.eks.<region>.amazonaws.com}
   */
  public static String clusterEndpoint(String cluster, String region) {
    return "https://" + standIn("endpoint of " + cluster) + ".eks." + region + ".amazonaws.com";
  }

  /**
   * The CA bundle of an EKS cluster.
   *
   * @param cluster the cluster name
   * @return the stand-in
   */
  public static String clusterCertificateAuthority(String cluster) {
    return standIn("certificate authority of " + cluster);
  }

  /**
   * The OIDC issuer of an EKS cluster.
   *
   * @param cluster the cluster name
   * @param region the region
   * @return {@code https://oidc.eks.<region>.amazonaws.com/id/<deploy-time:oidc-id of NAME>}
   */
  public static String oidcIssuer(String cluster, String region) {
    return "https://oidc.eks." + region + ".amazonaws.com/id/" + standIn("oidc-id of " + cluster);
  }

  /**
   * The ARN of the IAM OIDC provider registered for an issuer.
   *
   * @param account the account
   * @param issuer the issuer URL
   * @return {@code arn:aws:iam::<account>:oidc-provider/<issuer without https://>}
   */
  public static String oidcProviderArn(String account, String issuer) {
    return "arn:aws:iam::" + account + ":oidc-provider/" + issuer.replaceFirst("^https://", "");
  }

  /**
   * The host name of the load balancer AWS gives a Service of type LoadBalancer.
   *
   * @param logicalName the Service's logical name
   * @return the stand-in
   */
  public static String loadBalancerHostname(String logicalName) {
    return standIn("load balancer of " + logicalName);
  }

  /**
   * The value of a generated password, which the plan never shows.
   *
   * @return the stand-in
   */
  public static String generatedPassword() {
    return standIn("generated once, kept in the stack state");
  }

  /**
   * The ID of a resource whose ID AWS assigns.
   *
   * @param logicalName the resource's logical name
   * @return the stand-in
   */
  public static String id(String logicalName) {
    return standIn("id of " + logicalName);
  }

  /**
   * An output of a resource the plan registers, which AWS assigns at deploy time: an IAM role's
   * {@code id} (its auto-name) and {@code arn}, a policy's {@code arn}, a bucket's {@code id} and
   * {@code bucket} (its name, which S3 makes its ID) and {@code arn}, a generated password's {@code
   * result} (never shown).
   *
   * @param resource the resource as planned
   * @param account the account it is created in
   * @param output the output's name
   * @return the stand-in, or the value where the inputs already say it
   * @throws IllegalArgumentException for an output the plan has no stand-in for
   */
  public static String outputOf(PlannedResource resource, String account, String output) {
    String name = resource.name();
    return switch (resource.type() + " " + output) {
      case "aws:iam/role:Role id" -> autoName(name);
      case "aws:iam/role:Role arn" -> roleArn(account, name);
      case "aws:iam/policy:Policy arn" -> policyArn(account, name);
      case "aws:s3/bucketV2:BucketV2 id", "aws:s3/bucketV2:BucketV2 bucket" ->
          (String) resource.inputs().get("bucket");
      case "aws:s3/bucketV2:BucketV2 arn" -> bucketArn((String) resource.inputs().get("bucket"));
      case RandomPasswordInputs.TYPE + " result" -> SECRET;
      default ->
          throw new IllegalArgumentException(
              "no stand-in for the " + output + " of " + resource.ref());
    };
  }
}
