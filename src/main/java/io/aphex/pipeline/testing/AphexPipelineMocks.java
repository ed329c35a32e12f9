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
 * Mocks of AWS and the engine for unit tests of programs that use {@code AphexPipeline}, for the
 * SDK's mock engine:
 *
 * <pre>{@code
 * AphexPipelineMocks mocks = new AphexPipelineMocks();
 * TestResult result = PulumiTest.withMocks(mocks).runTest(ctx -> MyProgram.stack(ctx));
 * assertThat(mocks.ofType("kubernetes:argoproj.io/v1alpha1:WorkflowTemplate")).hasSize(2);
 * }</pre>
 *
 * <p>It answers every AWS look-up the component makes, with plausible values: {@code
 * getCallerIdentity} (account {@value #ACCOUNT}), {@code getRegion} ({@value #REGION}), {@code
 * eks/getCluster} (an endpoint, a CA and the OIDC issuer {@value #ISSUER}), {@code
 * iam/getOpenIdConnectProvider} ({@value #OIDC_PROVIDER_ARN}, unless {@link #withoutOidcProvider}),
 * {@code eks/getAddon} (the Pod Identity Agent is installed unless {@link
 * #withoutPodIdentityAgent}; {@link #withAutoMode} makes the cluster EKS Auto Mode), {@code
 * secretsmanager/getSecretVersion} (any secret holds {@code {"token": ..., "secret": ...}} unless
 * {@link #withSecret} says otherwise) and {@code ecr/getImage} (every image exists unless {@link
 * #withMissingImage} says otherwise). Resources get their inputs back as state, plus the outputs
 * the component reads: a role's, a policy's and a bucket's {@code arn}, a random password's {@code
 * result}, a Service's load balancer. Every registration is recorded ({@link #registrations()}).
 *
 * <p>Any other look-up fails the run with a message naming its token, so a test never passes on an
 * empty answer. Extend {@link #callAsync} (calling {@code super}) to answer your program's own
 * look-ups.
 */
public class AphexPipelineMocks implements Mocks {

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

  /** The GitHub token every Secrets Manager secret holds as JSON key {@code token}. */
  public static final String GITHUB_TOKEN = "ghp_exampleToken0123456789";

  /** The webhook secret every Secrets Manager secret holds as JSON key {@code secret}. */
  public static final String WEBHOOK_SECRET = "exampleWebhookSecret0123456789";

  /** The value the mocked random provider generates. */
  public static final String GENERATED_SECRET = "generatedWebhookSecret0123456789abcdefABCDEF0123";

  /** The mocked load balancer hostname of LoadBalancer Services. */
  public static final String LOAD_BALANCER =
      "k8s-argoeven-githubev-0123456789.elb.us-east-1.amazonaws.com";

  /**
   * One recorded registration.
   *
   * @param type the type token, e.g. {@code aws:iam/role:Role}
   * @param name the logical name
   * @param inputs the known inputs
   * @param provider the provider reference ({@code <urn>::<id>}) the engine was given, or empty for
   *     the default provider
   */
  public record Registration(
      String type, String name, Map<String, Object> inputs, Optional<String> provider) {}

  private static final String DEFAULT_SECRET_STRING =
      "{\"token\":\"" + GITHUB_TOKEN + "\",\"secret\":\"" + WEBHOOK_SECRET + "\"}";

  private final String account;
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final java.util.Set<String> missingImages = new java.util.HashSet<>();
  private final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private boolean loadBalancerAddress = true;
  private boolean oidcProvider = true;
  private boolean podIdentityAgent = true;
  private boolean autoMode = false;

  /** Mocks whose caller identity is {@link #ACCOUNT}. */
  public AphexPipelineMocks() {
    this(ACCOUNT);
  }

  /**
   * Mocks with another caller account.
   *
   * @param account the account getCallerIdentity reports
   */
  public AphexPipelineMocks(String account) {
    this.account = account;
  }

  /**
   * Stores a Secrets Manager secret that {@code getSecretVersion} returns.
   *
   * @param name the secret name
   * @param secretString its value
   * @return these mocks
   */
  public AphexPipelineMocks withSecret(String name, String secretString) {
    secrets.put(name, secretString);
    return this;
  }

  /**
   * Makes Services report no load balancer address, as before AWS has provisioned one.
   *
   * @return these mocks
   */
  public AphexPipelineMocks withoutLoadBalancerAddress() {
    loadBalancerAddress = false;
    return this;
  }

  /**
   * Makes the account have no IAM OIDC provider for the cluster's issuer.
   *
   * @return these mocks
   */
  public AphexPipelineMocks withoutOidcProvider() {
    oidcProvider = false;
    return this;
  }

  /**
   * Makes the cluster have no {@code eks-pod-identity-agent} add-on.
   *
   * @return these mocks
   */
  public AphexPipelineMocks withoutPodIdentityAgent() {
    podIdentityAgent = false;
    return this;
  }

  /**
   * Makes the cluster run in EKS Auto Mode, which has the Pod Identity Agent built in.
   *
   * @return these mocks
   */
  public AphexPipelineMocks withAutoMode() {
    autoMode = true;
    return this;
  }

  @Override
  public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
    Map<String, Object> inputs = args.inputs == null ? Map.of() : args.inputs;
    registrations.add(
        new Registration(
            args.type,
            args.name,
            inputs,
            Optional.ofNullable(args.provider).filter(p -> !p.isEmpty())));
    Map<String, Object> state = new LinkedHashMap<>(inputs);
    String id = args.name + "_id";
    switch (String.valueOf(args.type)) {
      case "aws:iam/role:Role" -> {
        id = args.name + "-1a2b3c4";
        state.put("arn", "arn:aws:iam::" + account + ":role/" + id);
        state.put("name", id);
      }
      case "aws:iam/policy:Policy" -> {
        id = String.valueOf(inputs.getOrDefault("name", args.name));
        state.put("arn", "arn:aws:iam::" + account + ":policy/" + id);
      }
      case "aws:s3/bucketV2:BucketV2" -> {
        id = String.valueOf(inputs.get("bucket"));
        state.put("arn", "arn:aws:s3:::" + id);
      }
      case "random:index/randomPassword:RandomPassword" -> state.put("result", GENERATED_SECRET);
      case "aws:eks/cluster:Cluster" -> {
        String cluster = String.valueOf(inputs.getOrDefault("name", args.name));
        state.put("name", cluster);
        state.put("arn", "arn:aws:eks:" + REGION + ":" + account + ":cluster/" + cluster);
        state.put("endpoint", "https://EXAMPLE.gr7.us-east-1.eks.amazonaws.com");
        state.put("certificateAuthority", Map.of("data", "LS0tLS1CRUdJTg=="));
        state.put("identities", List.of(Map.of("oidcs", List.of(Map.of("issuer", ISSUER)))));
      }
      case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" ->
          state.put(
              "arn",
              "arn:aws:iam::"
                  + account
                  + ":oidc-provider/"
                  + String.valueOf(inputs.getOrDefault("url", ISSUER))
                      .replaceFirst("^https://", ""));
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
    calls.add(String.valueOf(args.token));
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
                  "identities", List.of(Map.of("oidcs", List.of(Map.of("issuer", ISSUER)))),
                  "computeConfigs", autoMode ? List.of(Map.of("enabled", true)) : List.of());
          case "aws:eks/getAddon:getAddon" -> {
            if (!podIdentityAgent) {
              throw new IllegalStateException(
                  "reading EKS Add-On ("
                      + args.args.get("clusterName")
                      + ":"
                      + args.args.get("addonName")
                      + "): couldn't find resource");
            }
            yield Map.of(
                "clusterName",
                String.valueOf(args.args.get("clusterName")),
                "addonName",
                String.valueOf(args.args.get("addonName")),
                "addonVersion",
                "v1.3.4-eksbuild.1",
                "id",
                args.args.get("clusterName") + ":" + args.args.get("addonName"));
          }
          case "aws:secretsmanager/getSecretVersion:getSecretVersion" ->
              Map.of(
                  "secretId", String.valueOf(args.args.get("secretId")),
                  "secretString",
                      secrets.getOrDefault(
                          String.valueOf(args.args.get("secretId")), DEFAULT_SECRET_STRING),
                  "arn",
                      "arn:aws:secretsmanager:us-east-1:"
                          + account
                          + ":secret:"
                          + args.args.get("secretId"),
                  "id", String.valueOf(args.args.get("secretId")));
          case "aws:ecr/getImage:getImage" -> image(args.args);
          case "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider" -> {
            if (!oidcProvider) {
              throw new IllegalStateException(
                  "finding IAM OIDC Provider by url (" + args.args.get("url") + "): not found");
            }
            yield Map.of("arn", OIDC_PROVIDER_ARN, "url", String.valueOf(args.args.get("url")));
          }
          default ->
              throw new UnsupportedOperationException(
                  "AphexPipelineMocks does not answer the look-up '"
                      + args.token
                      + "' (arguments "
                      + args.args.keySet()
                      + "). It answers the look-ups AphexPipeline makes; for your program's own,"
                      + " override callAsync and call super.callAsync for the rest.");
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
  public AphexPipelineMocks withMissingImage(String repository) {
    missingImages.add(repository);
    return this;
  }

  /**
   * Returns the token of every look-up so far, answered or not, in the order they were made.
   *
   * @return a copy, e.g. {@code [aws:index/getCallerIdentity:getCallerIdentity, ...]}
   */
  public List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
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
