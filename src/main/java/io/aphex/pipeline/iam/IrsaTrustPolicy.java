package io.aphex.pipeline.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trust policy of an IAM role for a Kubernetes ServiceAccount (IRSA): the cluster's OIDC
 * provider may assume the role with a web identity token, but only for tokens issued to one
 * ServiceAccount.
 */
public final class IrsaTrustPolicy {

  /** The audience that EKS puts into projected ServiceAccount tokens meant for STS. */
  public static final String STS_AUDIENCE = "sts.amazonaws.com";

  private IrsaTrustPolicy() {}

  /**
   * Builds the trust policy.
   *
   * <p>Both conditions are required: {@code :sub} stops every other ServiceAccount of the cluster
   * (including others in the same namespace) from assuming the role, and {@code :aud} stops tokens
   * minted for another audience from being replayed to STS.
   *
   * @param oidcProviderArn the ARN of the cluster's IAM OIDC provider
   * @param issuer the cluster's OIDC issuer URL, with or without {@code https://}
   * @param namespace the ServiceAccount's namespace
   * @param serviceAccountName the ServiceAccount's name
   * @return the trust policy document
   */
  public static PolicyDocument forServiceAccount(
      String oidcProviderArn, String issuer, String namespace, String serviceAccountName) {
    String host = issuerHost(issuer);
    Map<String, String> equals = new LinkedHashMap<>();
    equals.put(host + ":aud", STS_AUDIENCE);
    equals.put(host + ":sub", subject(namespace, serviceAccountName));
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
   * Returns the {@code sub} claim of a ServiceAccount token.
   *
   * @param namespace the ServiceAccount's namespace
   * @param serviceAccountName the ServiceAccount's name
   * @return {@code system:serviceaccount:<namespace>:<name>}
   */
  public static String subject(String namespace, String serviceAccountName) {
    return "system:serviceaccount:" + namespace + ":" + serviceAccountName;
  }

  /**
   * Strips the scheme from an issuer URL; IAM condition keys use the bare host and path.
   *
   * @param issuer e.g. {@code https://oidc.eks.us-east-1.amazonaws.com/id/ABC}
   * @return e.g. {@code oidc.eks.us-east-1.amazonaws.com/id/ABC}
   */
  public static String issuerHost(String issuer) {
    return issuer.startsWith("https://") ? issuer.substring("https://".length()) : issuer;
  }
}
