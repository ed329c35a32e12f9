package io.aphex.pipeline.cluster;

import static java.util.Objects.requireNonNull;

/**
 * What the pipeline needs to know about an existing EKS cluster, as looked up at deploy time.
 *
 * @param name the cluster name
 * @param region the region the cluster (and the stack) is in
 * @param endpoint the API server endpoint
 * @param certificateAuthorityData the base64 CA bundle
 * @param oidcIssuer the OIDC issuer URL, e.g. {@code https://oidc.eks.us-east-1.amazonaws.com/id/X}
 * @param oidcProviderArn the ARN of the IAM OIDC provider registered for that issuer
 */
public record ClusterIdentity(
    String name,
    String region,
    String endpoint,
    String certificateAuthorityData,
    String oidcIssuer,
    String oidcProviderArn) {

  /** Creates the identity; every part is required. */
  public ClusterIdentity {
    requireNonNull(name, "name");
    requireNonNull(region, "region");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(certificateAuthorityData, "certificateAuthorityData");
    requireNonNull(oidcIssuer, "oidcIssuer");
    requireNonNull(oidcProviderArn, "oidcProviderArn");
  }

  /**
   * Builds the kubeconfig of this cluster.
   *
   * @return the kubeconfig JSON
   * @see EksKubeconfig#forCluster
   */
  public String kubeconfig() {
    return EksKubeconfig.forCluster(name, region, endpoint, certificateAuthorityData);
  }

  /**
   * The issuer an IAM OIDC provider ARN names: IAM names the provider after the issuer's host and
   * path.
   *
   * @param arn e.g. {@code
   *     arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X}
   * @return e.g. {@code https://oidc.eks.us-east-1.amazonaws.com/id/X}
   */
  public static String issuerOfProviderArn(String arn) {
    String marker = ":oidc-provider/";
    return "https://" + arn.substring(arn.indexOf(marker) + marker.length());
  }
}
