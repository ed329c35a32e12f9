package io.aphex.pipeline.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trust policy of a role used through EKS Pod Identity: the Pod Identity service may assume it
 * and tag the session, but only for one ServiceAccount of one namespace of one cluster (the session
 * tags Pod Identity sets), so that no other association in the account can use the role.
 */
public final class PodIdentityTrustPolicy {

  private PodIdentityTrustPolicy() {}

  /**
   * Builds the trust policy.
   *
   * @param clusterName the EKS cluster name
   * @param namespace the ServiceAccount's namespace
   * @param serviceAccountName the ServiceAccount's name
   * @return the trust policy document
   */
  public static PolicyDocument forServiceAccount(
      String clusterName, String namespace, String serviceAccountName) {
    Map<String, String> equals = new LinkedHashMap<>();
    equals.put("aws:RequestTag/eks-cluster-name", clusterName);
    equals.put("aws:RequestTag/kubernetes-namespace", namespace);
    equals.put("aws:RequestTag/kubernetes-service-account", serviceAccountName);
    return PolicyDocument.of(
        new PolicyStatement(
            "AssumeFromPodIdentity",
            "Allow",
            Map.of("Service", "pods.eks.amazonaws.com"),
            List.of("sts:AssumeRole", "sts:TagSession"),
            List.of(),
            Map.of("StringEquals", equals)));
  }
}
