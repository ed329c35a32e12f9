package io.aphex.pipeline.testing;

import com.pulumi.test.Mocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Mocks of AWS and the engine for component tests: records every resource registration, answers the
 * four data sources the component uses with fixed values, and fails on any other call so an
 * unexpected lookup cannot pass unnoticed.
 */
public final class RecordingMocks implements Mocks {

  /** The account the mocked caller identity reports. */
  public static final String ACCOUNT = "123456789012";

  /** The region the mocked provider reports. */
  public static final String REGION = "us-east-1";

  /** The mocked cluster's OIDC issuer. */
  public static final String ISSUER =
      "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

  /** The mocked IAM OIDC provider ARN. */
  public static final String OIDC_PROVIDER_ARN =
      "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

  /** The GitHub token stored in Secrets Manager under {@code github-token}. */
  public static final String GITHUB_TOKEN = "ghp_exampleToken0123456789";

  /** The value the mocked random provider generates. */
  public static final String GENERATED_SECRET = "generatedWebhookSecret0123456789abcdefABCDEF0123";

  /** The mocked load balancer hostname of LoadBalancer Services. */
  public static final String LOAD_BALANCER =
      "k8s-argoeven-githubev-0123456789.elb.us-east-1.amazonaws.com";

  /** One recorded registration. */
  public record Registration(String type, String name, Map<String, Object> inputs) {}

  private final String account;
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final java.util.Set<String> missingImages = new java.util.HashSet<>();
  private final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
  private boolean loadBalancerAddress = true;

  /** Mocks whose caller identity is {@link #ACCOUNT}. */
  public RecordingMocks() {
    this(ACCOUNT);
  }

  /**
   * Mocks with another caller account.
   *
   * @param account the account getCallerIdentity reports
   */
  public RecordingMocks(String account) {
    this.account = account;
    secrets.put("github-token", "{\"token\":\"" + GITHUB_TOKEN + "\"}");
  }

  /**
   * Stores a Secrets Manager secret that {@code getSecretVersion} returns.
   *
   * @param name the secret name
   * @param secretString its value
   * @return these mocks
   */
  public RecordingMocks withSecret(String name, String secretString) {
    secrets.put(name, secretString);
    return this;
  }

  /**
   * Makes Services report no load balancer address, as before AWS has provisioned one.
   *
   * @return these mocks
   */
  public RecordingMocks withoutLoadBalancerAddress() {
    loadBalancerAddress = false;
    return this;
  }

  @Override
  public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
    Map<String, Object> inputs = args.inputs == null ? Map.of() : args.inputs;
    registrations.add(new Registration(args.type, args.name, inputs));
    Map<String, Object> state = new LinkedHashMap<>(inputs);
    String id = args.name + "_id";
    switch (String.valueOf(args.type)) {
      case "aws:iam/role:Role" -> {
        id = args.name + "-1a2b3c4";
        state.put("arn", "arn:aws:iam::" + account + ":role/" + id);
        state.put("name", id);
      }
      case "aws:iam/policy:Policy" -> {
        id = args.name + "-5e6f7a8";
        state.put("arn", "arn:aws:iam::" + account + ":policy/" + id);
      }
      case "aws:s3/bucketV2:BucketV2" -> {
        id = String.valueOf(inputs.get("bucket"));
        state.put("arn", "arn:aws:s3:::" + id);
      }
      case "random:index/randomPassword:RandomPassword" -> state.put("result", GENERATED_SECRET);
      case "kubernetes:core/v1:Service" -> {
        if (loadBalancerAddress) {
          state.put(
              "status",
              Map.of(
                  "loadBalancer", Map.of("ingress", List.of(Map.of("hostname", LOAD_BALANCER)))));
        }
      }
      default -> {}
    }
    return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
  }

  @Override
  public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
    Map<String, Object> result =
        switch (String.valueOf(args.token)) {
          case "aws:index/getCallerIdentity:getCallerIdentity" ->
              Map.of(
                  "accountId",
                  account,
                  "arn",
                  "arn:aws:iam::" + account + ":user/ci",
                  "userId",
                  "AIDA",
                  "id",
                  account);
          case "aws:index/getRegion:getRegion" -> Map.of("name", REGION, "id", REGION);
          case "aws:eks/getCluster:getCluster" ->
              Map.of(
                  "name", String.valueOf(args.args.get("name")),
                  "endpoint", "https://EXAMPLE.gr7.us-east-1.eks.amazonaws.com",
                  "certificateAuthorities", List.of(Map.of("data", "LS0tLS1CRUdJTg==")),
                  "identities", List.of(Map.of("oidcs", List.of(Map.of("issuer", ISSUER)))));
          case "aws:secretsmanager/getSecretVersion:getSecretVersion" ->
              Map.of(
                  "secretId", String.valueOf(args.args.get("secretId")),
                  "secretString",
                      secrets.getOrDefault(String.valueOf(args.args.get("secretId")), "{}"),
                  "arn",
                      "arn:aws:secretsmanager:us-east-1:"
                          + account
                          + ":secret:"
                          + args.args.get("secretId"),
                  "id", String.valueOf(args.args.get("secretId")));
          case "aws:ecr/getImage:getImage" -> image(args.args);
          case "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider" ->
              Map.of("arn", OIDC_PROVIDER_ARN, "url", String.valueOf(args.args.get("url")));
          default -> throw new IllegalArgumentException("Mock call not implemented: " + args.token);
        };
    return CompletableFuture.completedFuture(result);
  }

  private Map<String, Object> image(Map<String, Object> args) {
    String repository = String.valueOf(args.get("repositoryName"));
    if (missingImages.contains(repository)) {
      throw new IllegalStateException(
          "ImageNotFoundException: The image with imageId {imageTag:'"
              + args.get("imageTag")
              + "'} does not exist within the repository with name '"
              + repository
              + "'");
    }
    return Map.of(
        "repositoryName",
        repository,
        "registryId",
        String.valueOf(args.get("registryId")),
        "imageDigest",
        "sha256:" + "0".repeat(64),
        "id",
        repository);
  }

  /**
   * Makes {@code getImage} fail for a repository, as ECR does for an image that was never pushed.
   *
   * @param repository the repository name
   * @return these mocks
   */
  public RecordingMocks withMissingImage(String repository) {
    missingImages.add(repository);
    return this;
  }

  /**
   * Returns every registration so far, in the order the engine made them.
   *
   * @return a copy
   */
  public List<Registration> registrations() {
    synchronized (registrations) {
      return List.copyOf(registrations);
    }
  }

  /**
   * Finds the one registration of a type and name.
   *
   * @param type the type token
   * @param name the logical name
   * @return the registration
   * @throws AssertionError when there is not exactly one
   */
  public Registration find(String type, String name) {
    List<Registration> found =
        registrations().stream()
            .filter(r -> r.type().equals(type) && r.name().equals(name))
            .toList();
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one "
              + type
              + " named "
              + name
              + ", found "
              + found.size()
              + " among "
              + registrations().stream().map(r -> r.type() + " " + r.name()).toList());
    }
    return found.get(0);
  }

  /**
   * Returns the registrations of one type.
   *
   * @param type the type token
   * @return the registrations, in order
   */
  public List<Registration> ofType(String type) {
    return registrations().stream().filter(r -> r.type().equals(type)).toList();
  }
}
