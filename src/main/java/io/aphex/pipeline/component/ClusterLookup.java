package io.aphex.pipeline.component;

import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.inputs.GetClusterArgs;
import com.pulumi.aws.eks.outputs.GetClusterResult;
import com.pulumi.aws.iam.IamFunctions;
import com.pulumi.aws.iam.inputs.GetOpenIdConnectProviderArgs;
import com.pulumi.aws.iam.outputs.GetOpenIdConnectProviderResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.exceptions.RunException;
import io.aphex.pipeline.cluster.ClusterIdentity;

/** Looks up an existing EKS cluster and its IAM OIDC provider at deploy time. */
final class ClusterLookup {

  private ClusterLookup() {}

  /**
   * Looks the cluster up.
   *
   * @param clusterName the EKS cluster name
   * @param region the region the stack deploys into
   * @param withOidcProvider whether to look up the IAM OIDC provider (IRSA needs it; Pod Identity
   *     does not, and the provider ARN is then empty)
   * @param options invoke options carrying the component as parent
   * @return the cluster's identity; fails with a message naming the cluster when it has no OIDC
   *     issuer
   */
  static Output<ClusterIdentity> lookup(
      String clusterName, Output<String> region, boolean withOidcProvider, InvokeOptions options) {
    Output<GetClusterResult> cluster =
        EksFunctions.getCluster(GetClusterArgs.builder().name(clusterName).build(), options);
    Output<String> issuer = cluster.applyValue(c -> issuerOf(clusterName, c));
    Output<String> providerArn =
        withOidcProvider
            ? IamFunctions.getOpenIdConnectProvider(
                    GetOpenIdConnectProviderArgs.builder().url(issuer).build(), options)
                .applyValue(GetOpenIdConnectProviderResult::arn)
            : Output.of("");
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

  private static String issuerOf(String clusterName, GetClusterResult cluster) {
    if (cluster.identities().isEmpty()
        || cluster.identities().get(0).oidcs().isEmpty()
        || cluster.identities().get(0).oidcs().get(0).issuer().isBlank()) {
      throw new RunException(
          "EKS cluster '"
              + clusterName
              + "' has no OIDC issuer, which IRSA needs. Fix: associate an IAM OIDC provider with"
              + " 'eksctl utils associate-iam-oidc-provider --cluster "
              + clusterName
              + " --approve'.");
    }
    return cluster.identities().get(0).oidcs().get(0).issuer();
  }
}
