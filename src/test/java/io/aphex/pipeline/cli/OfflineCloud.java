package io.aphex.pipeline.cli;

import com.pulumi.test.Mocks;
import io.aphex.pipeline.plan.DeployTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The oracle's cloud: answers, without AWS or a cluster, what only AWS can answer during a
 * deployment: the caller's account, the region, the EKS cluster's endpoint and OIDC issuer, and the
 * ARNs of new resources. Every value that is only known at deploy time is a readable stand-in
 * containing {@link #DEPLOY_TIME}, so nobody mistakes it for a real value.
 */
final class OfflineCloud implements Mocks {

  /** The marker that starts every stand-in value. */
  static final String DEPLOY_TIME = DeployTime.PREFIX;

  private final String account;
  private final String region;
  private volatile boolean imageChecksSkipped;

  OfflineCloud(String account, String region) {
    this.account = account;
    this.region = region;
  }

  @Override
  public CompletableFuture<Map<String, Object>> callAsync(CallArgs call) {
    Map<String, Object> args = call.args == null ? Map.<String, Object>of() : call.args;
    return CompletableFuture.completedFuture(
        switch (String.valueOf(call.token)) {
          case "aws:index/getCallerIdentity:getCallerIdentity" ->
              Map.of(
                  "accountId",
                  account,
                  "arn",
                  "arn:aws:iam::" + account + ":user/" + standIn("caller"),
                  "userId",
                  standIn("caller-id"),
                  "id",
                  account);
          case "aws:index/getRegion:getRegion" ->
              Map.of("name", region, "id", region, "description", region);
          case "aws:eks/getCluster:getCluster" -> cluster(String.valueOf(args.get("name")));
          case "aws:eks/getAddon:getAddon" ->
              Map.of(
                  "clusterName", String.valueOf(args.get("clusterName")),
                  "addonName", String.valueOf(args.get("addonName")),
                  "addonVersion", standIn("add-on version, not checked offline"),
                  "id", args.get("clusterName") + ":" + args.get("addonName"));
          case "aws:secretsmanager/getSecretVersion:getSecretVersion" ->
              secretVersion(String.valueOf(args.get("secretId")));
          case "aws:ecr/getImage:getImage" -> {
            imageChecksSkipped = true;
            yield Map.of(
                "repositoryName", String.valueOf(args.get("repositoryName")),
                "imageDigest", standIn("digest, not verified offline"),
                "id", String.valueOf(args.get("repositoryName")));
          }
          case "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider" ->
              Map.of(
                  "arn",
                  DeployTime.oidcProviderArn(account, String.valueOf(args.get("url"))),
                  "url",
                  String.valueOf(args.get("url")));
          default ->
              throw new UnsupportedOperationException(
                  "the offline render has no stand-in for the data source " + call.token);
        });
  }

  @Override
  public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs resource) {
    Map<String, Object> state =
        new LinkedHashMap<>(resource.inputs == null ? Map.of() : resource.inputs);
    String id = DeployTime.id(resource.name);
    switch (String.valueOf(resource.type)) {
      case "aws:iam/role:Role" -> {
        id = DeployTime.autoName(resource.name);
        state.put("name", id);
        state.put("arn", DeployTime.roleArn(account, resource.name));
      }
      case "aws:iam/policy:Policy" -> {
        id = DeployTime.autoName(resource.name);
        state.put("arn", DeployTime.policyArn(account, resource.name));
      }
      case "aws:s3/bucketV2:BucketV2" -> {
        id = String.valueOf(state.get("bucket"));
        state.put("arn", DeployTime.bucketArn(id));
      }
      case "random:index/randomPassword:RandomPassword" ->
          state.put("result", DeployTime.generatedPassword());
      case "kubernetes:core/v1:Service" -> {
        if ("LoadBalancer".equals(at(state, "spec", "type"))) {
          state.put(
              "status",
              Map.of(
                  "loadBalancer",
                  Map.of(
                      "ingress",
                      List.of(
                          Map.of("hostname", DeployTime.loadBalancerHostname(resource.name))))));
        }
      }
      default -> {}
    }
    return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
  }

  private Map<String, Object> secretVersion(String secretId) {
    String value = standIn("value of " + secretId);
    return Map.of(
        "secretId",
        secretId,
        "secretString",
        "{\"token\":\"" + value + "\",\"secret\":\"" + value + "\",\"url\":\"" + value + "\"}",
        "arn",
        "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + secretId,
        "id",
        secretId);
  }

  private static Object at(Map<String, Object> map, String... path) {
    Object node = map;
    for (String key : path) {
      node = node instanceof Map<?, ?> m ? m.get(key) : null;
    }
    return node;
  }

  private Map<String, Object> cluster(String name) {
    String issuer = DeployTime.oidcIssuer(name, region);
    return Map.of(
        "name",
        name,
        "arn",
        "arn:aws:eks:" + region + ":" + account + ":cluster/" + name,
        "endpoint",
        DeployTime.clusterEndpoint(name, region),
        "certificateAuthorities",
        List.of(Map.of("data", DeployTime.clusterCertificateAuthority(name))),
        "identities",
        List.of(Map.of("oidcs", List.of(Map.of("issuer", issuer)))),
        "computeConfigs",
        List.of());
  }

  /**
   * Tells whether the program asked ECR whether its images exist, a check the offline render cannot
   * make.
   *
   * @return true when at least one image lookup was answered with a stand-in
   */
  boolean imageChecksSkipped() {
    return imageChecksSkipped;
  }

  /**
   * Makes a stand-in for a value that is only known at deploy time.
   *
   * @param what what the value is
   * @return e.g. {@code <deploy-time:suffix>}
   */
  static String standIn(String what) {
    return DeployTime.standIn(what);
  }
}
