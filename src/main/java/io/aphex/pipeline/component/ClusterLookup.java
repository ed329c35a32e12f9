package io.aphex.pipeline.component;

import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.inputs.GetAddonPlainArgs;
import com.pulumi.aws.eks.inputs.GetClusterArgs;
import com.pulumi.aws.eks.outputs.GetClusterComputeConfig;
import com.pulumi.aws.eks.outputs.GetClusterResult;
import com.pulumi.aws.iam.IamFunctions;
import com.pulumi.aws.iam.inputs.GetOpenIdConnectProviderPlainArgs;
import com.pulumi.aws.iam.outputs.GetOpenIdConnectProviderResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.exceptions.RunException;
import io.aphex.pipeline.cluster.ClusterIdentity;
import io.aphex.pipeline.cluster.ClusterRequirements;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.iam.IdentityMode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the pipeline needs to know about its EKS cluster, from the args where they give it and from
 * AWS where they do not, with what its identity mode needs from it. The cluster ({@code
 * eks:DescribeCluster}) is read only for what is missing: the kubeconfig when no Kubernetes
 * provider was handed over, the OIDC issuer when neither it nor the provider ARN was given, and,
 * for Pod Identity, whether EKS Auto Mode runs the agent. The IAM OIDC provider is looked up only
 * when its ARN was not given; the Pod Identity Agent add-on is checked for Pod Identity. A missing
 * one fails with {@link ClusterRequirements}' cause and fix, before anything that uses the cluster
 * is created.
 */
final class ClusterLookup {

  private ClusterLookup() {}

  /**
   * Resolves the cluster.
   *
   * @param args the effective args (cluster name, OIDC provider ARN and issuer, and the identity
   *     mode: IRSA needs the OIDC provider, for Pod Identity the issuer and ARN are empty and the
   *     agent add-on is checked)
   * @param region the region the stack deploys into
   * @param withKubeconfig whether the component makes its own Kubernetes provider and so needs the
   *     cluster's endpoint and CA
   * @param options invoke options carrying the component as parent
   * @return the cluster's identity; endpoint and CA are empty when not needed
   */
  static Output<ClusterIdentity> lookup(
      AphexPipelineArgs args,
      Output<String> region,
      boolean withKubeconfig,
      InvokeOptions options) {
    boolean irsa = args.identityMode() == IdentityMode.IRSA;
    Output<String> clusterName = args.clusterName();
    Optional<Output<String>> givenArn =
        args.oidcProviderArn()
            .map(
                arn ->
                    checked(
                        arn,
                        "oidcProviderArn",
                        AphexPipelineArgsRules::oidcProviderArn,
                        AphexPipelineArgsRules.OIDC_PROVIDER_ARN_FIX));
    Optional<Output<String>> givenIssuer =
        args.oidcIssuerUrl()
            .map(
                url ->
                    checked(
                        url,
                        "oidcIssuerUrl",
                        AphexPipelineArgsRules::oidcIssuerUrl,
                        AphexPipelineArgsRules.OIDC_ISSUER_URL_FIX))
            .or(() -> givenArn.map(arn -> arn.applyValue(ClusterIdentity::issuerOfProviderArn)));
    boolean describe = withKubeconfig || !irsa || givenIssuer.isEmpty();
    Output<Optional<GetClusterResult>> cluster =
        describe
            ? EksFunctions.getCluster(GetClusterArgs.builder().name(clusterName).build(), options)
                .applyValue(Optional::of)
            : Output.of(Optional.empty());
    Output<String> issuer =
        !irsa
            ? Output.of("")
            : givenIssuer.orElseGet(
                () ->
                    Output.tuple(clusterName, cluster)
                        .applyValue(t -> issuerOf(t.t1, t.t2.orElseThrow())));
    Output<String> providerArn =
        irsa
            ? givenArn.orElseGet(
                () ->
                    Output.tuple(clusterName, region, issuer)
                        .apply(t -> Output.of(oidcProviderArn(t.t1, t.t2, t.t3, options))))
            : Output.tuple(clusterName, region, cluster)
                .apply(t -> Output.of(podIdentityAgent(t.t1, t.t2, t.t3.orElseThrow(), options)));
    return Output.tuple(clusterName, region, cluster, issuer, providerArn)
        .applyValue(
            t ->
                new ClusterIdentity(
                    t.t1,
                    t.t2,
                    t.t3.map(GetClusterResult::endpoint).orElse(""),
                    t.t3.map(c -> c.certificateAuthorities().get(0).data()).orElse(""),
                    t.t4,
                    t.t5));
  }

  private static Output<String> checked(
      Output<String> value, String property, Function<String, Optional<String>> rule, String fix) {
    return Lookups.checked(
        value, known -> rule.apply(known).map(b -> new Problem(property, known, b, fix).message()));
  }

  private static String issuerOf(String clusterName, GetClusterResult cluster) {
    if (cluster.identities().isEmpty()
        || cluster.identities().get(0).oidcs().isEmpty()
        || cluster.identities().get(0).oidcs().get(0).issuer().isBlank()) {
      throw new RunException(ClusterRequirements.noOidcIssuer(clusterName));
    }
    return cluster.identities().get(0).oidcs().get(0).issuer();
  }

  private static CompletableFuture<String> oidcProviderArn(
      String clusterName, String region, String issuer, InvokeOptions options) {
    return Lookups.explained(
        IamFunctions.getOpenIdConnectProviderPlain(
            GetOpenIdConnectProviderPlainArgs.builder().url(issuer).build(), options),
        GetOpenIdConnectProviderResult::arn,
        cause -> ClusterRequirements.noOidcProvider(clusterName, region, issuer, cause));
  }

  /** Checks the agent add-on, unless EKS Auto Mode runs the agent itself; yields no ARN. */
  private static CompletableFuture<String> podIdentityAgent(
      String clusterName, String region, GetClusterResult cluster, InvokeOptions options) {
    if (cluster.computeConfigs().stream()
        .map(GetClusterComputeConfig::enabled)
        .anyMatch(Boolean.TRUE::equals)) {
      return CompletableFuture.completedFuture("");
    }
    return Lookups.explained(
        EksFunctions.getAddonPlain(
            GetAddonPlainArgs.builder()
                .clusterName(clusterName)
                .addonName(ClusterRequirements.POD_IDENTITY_AGENT_ADDON)
                .build(),
            options),
        found -> "",
        cause -> ClusterRequirements.noPodIdentityAgent(clusterName, region, cause));
  }
}
