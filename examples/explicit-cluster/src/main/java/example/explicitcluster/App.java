package example.explicitcluster;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.aphex.pipeline.component.AphexPipeline;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.config.PipelineConfigParser;
import java.nio.file.Path;

/**
 * A cluster made in the same program and handed over: its name, its IAM OIDC provider and a
 * Kubernetes provider for it. The component looks nothing up by name and makes no Kubernetes
 * provider of its own. (With pulumi-eks, the same three values are {@code
 * cluster.eksCluster().name()}, {@code cluster.core().oidcProvider()} and a provider made from
 * {@code cluster.kubeconfigJson()}.)
 */
public final class App {

  private App() {}

  /**
   * Runs the program.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Pulumi.run(ctx -> stack(ctx, Path.of("")));
  }

  /**
   * Defines the stack.
   *
   * @param ctx the Pulumi context
   * @param projectDir the directory of {@code Pulumi.yaml}
   */
  public static void stack(Context ctx, Path projectDir) {
    var config = ctx.config();
    String region = ctx.config("aws").require("region");
    Cluster cluster =
        new Cluster(
            "platform",
            ClusterArgs.builder()
                .roleArn(config.require("clusterRoleArn"))
                .vpcConfig(
                    ClusterVpcConfigArgs.builder()
                        .subnetIds(config.require("subnetA"), config.require("subnetB"))
                        .build())
                .build());
    Output<String> issuer =
        cluster.identities().applyValue(ids -> ids.get(0).oidcs().get(0).issuer().orElseThrow());
    OpenIdConnectProvider oidc =
        new OpenIdConnectProvider(
            "platform-oidc",
            OpenIdConnectProviderArgs.builder()
                .url(issuer)
                .clientIdLists("sts.amazonaws.com")
                .build());
    Provider kubernetes =
        new Provider(
            "platform-k8s",
            ProviderArgs.builder()
                .kubeconfig(
                    Output.tuple(cluster.name(), cluster.endpoint(), cluster.certificateAuthority())
                        .applyValue(
                            t ->
                                io.aphex.pipeline.cluster.EksKubeconfig.forCluster(
                                    t.t1,
                                    region,
                                    t.t2,
                                    t.t3.data().orElse(""))))
                .build());

    AphexPipeline aphex =
        new AphexPipeline(
            "team-a",
            AphexPipelineArgs.builder()
                .clusterName(cluster.name())
                .oidcProviderArn(oidc.arn())
                .oidcIssuerUrl(issuer)
                .githubOwner("my-org")
                .githubRepo("my-repo")
                .githubTokenSecretName("github-token")
                .pipelineConfig(PipelineConfigParser.parse(projectDir.resolve("aphex-config.yaml")))
                .selfUpdateStack(ctx.stackName())
                .build(),
            ComponentResourceOptions.builder().providers(kubernetes).build());
    ctx.export("workflowRoleArn", aphex.workflowRoleArn());
  }
}
