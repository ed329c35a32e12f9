package io.aphex.pipeline.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the kubeconfig that the Pulumi Kubernetes provider uses to reach an existing EKS cluster.
 * It holds no credential: the provider runs {@code aws eks get-token} for a short-lived token with
 * whatever AWS identity runs {@code pulumi up}.
 */
public final class EksKubeconfig {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EksKubeconfig() {}

  /**
   * Builds the kubeconfig as JSON text (the provider accepts JSON or YAML).
   *
   * @param clusterName the EKS cluster name
   * @param region the cluster's region
   * @param endpoint the API server endpoint, e.g. {@code
   *     https://ABC.gr7.us-east-1.eks.amazonaws.com}
   * @param certificateAuthorityData the base64 cluster CA bundle
   * @return the kubeconfig JSON
   */
  public static String forCluster(
      String clusterName, String region, String endpoint, String certificateAuthorityData) {
    // Ordered, so the same cluster always gives the same text.
    ObjectNode config = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Config");
    config
        .putArray("clusters")
        .addObject()
        .put("name", clusterName)
        .putObject("cluster")
        .put("server", endpoint)
        .put("certificate-authority-data", certificateAuthorityData);
    config
        .putArray("contexts")
        .addObject()
        .put("name", clusterName)
        .putObject("context")
        .put("cluster", clusterName)
        .put("user", clusterName);
    config.put("current-context", clusterName);
    config
        .putArray("users")
        .addObject()
        .put("name", clusterName)
        .putObject("user")
        .putObject("exec")
        .put("apiVersion", "client.authentication.k8s.io/v1beta1")
        .put("command", "aws")
        .putArray("args")
        .add("--region")
        .add(region)
        .add("eks")
        .add("get-token")
        .add("--cluster-name")
        .add(clusterName)
        .add("--output")
        .add("json");
    return config.toString();
  }
}
