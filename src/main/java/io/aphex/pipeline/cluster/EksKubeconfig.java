package io.aphex.pipeline.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", endpoint);
    cluster.put("certificate-authority-data", certificateAuthorityData);

    Map<String, Object> exec = new LinkedHashMap<>();
    exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
    exec.put("command", "aws");
    exec.put(
        "args",
        List.of(
            "--region",
            region,
            "eks",
            "get-token",
            "--cluster-name",
            clusterName,
            "--output",
            "json"));

    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", clusterName);
    context.put("user", clusterName);

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put("clusters", List.of(named(clusterName, "cluster", cluster)));
    config.put("contexts", List.of(named(clusterName, "context", context)));
    config.put("current-context", clusterName);
    config.put("users", List.of(named(clusterName, "user", Map.of("exec", exec))));
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A kubeconfig list entry; ordered, so the same cluster always gives the same text. */
  private static Map<String, Object> named(String name, String key, Object value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put(key, value);
    return entry;
  }
}
