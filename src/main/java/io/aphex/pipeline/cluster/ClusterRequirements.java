package io.aphex.pipeline.cluster;

/**
 * What the pipeline needs from an existing EKS cluster beyond the cluster itself, and the message
 * naming cause and fix when the cluster lacks it. The component checks each at deploy time, before
 * it creates anything that depends on it, so that {@code pulumi preview} fails with these words
 * instead of a raw "not found" from AWS or pods that silently run without AWS credentials.
 */
public final class ClusterRequirements {

  /** The EKS add-on that hands Pod Identity credentials to pods. */
  public static final String POD_IDENTITY_AGENT_ADDON = "eks-pod-identity-agent";

  private ClusterRequirements() {}

  /**
   * The cluster has no OIDC issuer (IRSA needs one).
   *
   * @param cluster the cluster name
   * @return the message
   */
  public static String noOidcIssuer(String cluster) {
    return "EKS cluster '"
        + cluster
        + "' has no OIDC issuer, which IRSA (identityMode: irsa) needs. Fix: associate an IAM OIDC"
        + " provider with 'eksctl utils associate-iam-oidc-provider --cluster "
        + cluster
        + " --approve', or set identityMode to podIdentity.";
  }

  /**
   * The cluster's OIDC issuer is not registered as an IAM OIDC provider in the account, so IAM
   * cannot trust the tokens of the workflow pods.
   *
   * @param cluster the cluster name
   * @param region the cluster's region
   * @param issuer the cluster's OIDC issuer URL
   * @param awsError what AWS answered
   * @return the message
   */
  public static String noOidcProvider(
      String cluster, String region, String issuer, String awsError) {
    return "EKS cluster '"
        + cluster
        + "' has the OIDC issuer "
        + issuer
        + ", but this AWS account has no IAM OIDC provider for it, so IRSA (identityMode: irsa)"
        + " cannot give the workflow pods their role. Fix: create it once with 'eksctl utils"
        + " associate-iam-oidc-provider --cluster "
        + cluster
        + " --region "
        + region
        + " --approve' (or in the IAM console: Identity providers, Add provider, OpenID Connect,"
        + " provider URL "
        + issuer
        + ", audience sts.amazonaws.com), or set identityMode to podIdentity. AWS said: "
        + awsError;
  }

  /**
   * Pod Identity is chosen but the cluster has no Pod Identity Agent add-on, so the association
   * would exist and the pods would still get no AWS credentials.
   *
   * @param cluster the cluster name
   * @param region the cluster's region
   * @param awsError what AWS answered
   * @return the message
   */
  public static String noPodIdentityAgent(String cluster, String region, String awsError) {
    return "identityMode is podIdentity, but EKS cluster '"
        + cluster
        + "' has no '"
        + POD_IDENTITY_AGENT_ADDON
        + "' add-on, so the workflow pods would get no AWS credentials from their Pod Identity"
        + " association. Fix: 'aws eks create-addon --cluster-name "
        + cluster
        + " --addon-name "
        + POD_IDENTITY_AGENT_ADDON
        + " --region "
        + region
        + "', wait until 'aws eks describe-addon --cluster-name "
        + cluster
        + " --addon-name "
        + POD_IDENTITY_AGENT_ADDON
        + " --region "
        + region
        + "' shows ACTIVE and run pulumi up again (EKS Auto Mode clusters have the agent built in"
        + " and need no add-on), or set identityMode to irsa. AWS said: "
        + awsError;
  }
}
