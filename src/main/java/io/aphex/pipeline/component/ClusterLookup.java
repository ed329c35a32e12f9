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
import io.aphex.pipeline.iam.IdentityMode;
import java.util.concurrent.CompletableFuture;

/**
 * Looks up an existing EKS cluster at deploy time, with what its identity mode needs from it: the
 * IAM OIDC provider of its issuer (IRSA) or the Pod Identity Agent add-on (Pod Identity). A missing
 * one fails the lookup with {@link ClusterRequirements}' cause and fix, before anything that uses
 * the cluster is created.
 */
final class ClusterLookup {

  private ClusterLookup() {}

  /**
   * Looks the cluster up.
   *
   * @param clusterName the EKS cluster name
   * @param region the region the stack deploys into
   * @param mode how workflow pods get their role; IRSA looks up the IAM OIDC provider (the ARN is
   *     empty otherwise), Pod Identity checks the agent add-on
   * @param options invoke options carrying the component as parent
   * @return the cluster's identity
   */
  static Output<ClusterIdentity> lookup(
      String clusterName, Output<String> region, IdentityMode mode, InvokeOptions options) {
    Output<GetClusterResult> cluster =
        EksFunctions.getCluster(GetClusterArgs.builder().name(clusterName).build(), options);
    Output<String> issuer =
        cluster.applyValue(c -> issuerOf(clusterName, c, mode == IdentityMode.IRSA));
    Output<String> providerArn =
        mode == IdentityMode.IRSA
            ? Output.tuple(issuer, region)
                .apply(t -> Output.of(oidcProviderArn(clusterName, t.t2, t.t1, options)))
            : Output.tuple(cluster, region)
                .apply(t -> Output.of(podIdentityAgent(clusterName, t.t2, t.t1, options)));
    return Output.tuple(cluster, region, issuer, providerArn)
        .applyValue(
            t ->
                new ClusterIdentity(
                    clusterName,
                    t.t2,
                    t.t1.endpoint(),
                    t.t1.certificateAuthorities().get(0).data(),
                    t.t3,
                    t.t4));
  }

  private static String issuerOf(String clusterName, GetClusterResult cluster, boolean required) {
    boolean none =
        cluster.identities().isEmpty()
            || cluster.identities().get(0).oidcs().isEmpty()
            || cluster.identities().get(0).oidcs().get(0).issuer().isBlank();
    if (none && required) {
      throw new RunException(ClusterRequirements.noOidcIssuer(clusterName));
    }
    return none ? "" : cluster.identities().get(0).oidcs().get(0).issuer();
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
