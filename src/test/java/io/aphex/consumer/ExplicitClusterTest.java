package io.aphex.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import io.aphex.pipeline.component.AphexPipeline;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import io.aphex.pipeline.testing.AphexPipelineMocks.Registration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer's program that makes its cluster, its IAM OIDC provider and its Kubernetes provider
 * itself and hands them over: nothing is looked up by name and the component makes no provider of
 * its own.
 */
class ExplicitClusterTest {

  private static final String ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E";

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void aClusterMadeInTheSameProgramIsHandedOverWithoutLookUpsOrAProviderOfItsOwn() {
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    TestResult result =
        PulumiTest.withMocks(mocks)
            .runTest(
                ctx -> {
                  Cluster cluster =
                      new Cluster(
                          "platform",
                          ClusterArgs.builder()
                              .name("platform")
                              .roleArn("arn:aws:iam::123456789012:role/eks")
                              .vpcConfig(
                                  ClusterVpcConfigArgs.builder()
                                      .subnetIds("subnet-1", "subnet-2")
                                      .build())
                              .build());
                  OpenIdConnectProvider oidc =
                      new OpenIdConnectProvider(
                          "platform-oidc",
                          OpenIdConnectProviderArgs.builder()
                              .url(ISSUER)
                              .clientIdLists("sts.amazonaws.com")
                              .build());
                  Provider kubernetes =
                      new Provider("platform-k8s", ProviderArgs.builder().kubeconfig("{}").build());
                  new AphexPipeline(
                      "team-a",
                      SamplePipeline.args("my-repo")
                          .clusterName(cluster.name())
                          .oidcProviderArn(oidc.arn())
                          .oidcIssuerUrl(oidc.url())
                          .build(),
                      ComponentResourceOptions.builder().providers(kubernetes).build());
                });

    assertThat(result.exceptions()).isEmpty();
    assertThat(mocks.calls())
        .doesNotContain(
            "aws:eks/getCluster:getCluster",
            "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider");
    List<Registration> providers =
        mocks.registrations().stream()
            .filter(r -> r.type().equals("pulumi:providers:kubernetes"))
            .toList();
    assertThat(providers).extracting(Registration::name).containsExactly("platform-k8s");
    List<Registration> kubernetesChildren =
        mocks.registrations().stream()
            .filter(
                r -> r.type().startsWith("kubernetes:") && !r.type().startsWith("kubernetes:index"))
            .toList();
    assertThat(kubernetesChildren).hasSize(17);
    assertThat(kubernetesChildren)
        .allSatisfy(
            r ->
                assertThat(r.provider())
                    .hasValueSatisfying(
                        p -> assertThat(p).contains("pulumi:providers:kubernetes::platform-k8s")));
    Map<String, Object> trust =
        Json.parse(
            (String)
                mocks
                    .find("aws:iam/role:Role", "team-a-workflow-role")
                    .inputs()
                    .get("assumeRolePolicy"));
    assertThat(trust.toString())
        .contains(
            "Federated=arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E")
        .contains(
            "oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E:sub=system:serviceaccount:argo:team-a-workflow-executor");
  }

  @Test
  void anOidcProviderArnAloneImpliesTheIssuer() {
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    PulumiTest.withMocks(mocks)
        .runTest(
            ctx ->
                new AphexPipeline(
                    "team-a",
                    SamplePipeline.args("my-repo")
                        .clusterName("platform")
                        .oidcProviderArn(
                            "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E")
                        .build(),
                    null))
        .throwOnError();

    assertThat(mocks.calls())
        .doesNotContain("aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider");
    assertThat(
            mocks
                .find("aws:iam/role:Role", "team-a-workflow-role")
                .inputs()
                .get("assumeRolePolicy"))
        .asString()
        .contains("\"oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E:aud\":\"sts.amazonaws.com\"");
  }

  @Test
  void anEmptyOidcProviderArnFromAClusterWithoutOidcFailsNamingTheSetting() {
    TestResult result =
        PulumiTest.withMocks(new AphexPipelineMocks())
            .runTest(
                ctx ->
                    new AphexPipeline(
                        "team-a",
                        SamplePipeline.args("my-repo")
                            .clusterName("platform")
                            .oidcProviderArn(com.pulumi.core.Output.of(""))
                            .build(),
                        null));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.errors().toString() + result.exceptions())
        .contains("oidcProviderArn")
        .contains("is not an IAM OIDC provider ARN")
        .contains("createOidcProvider");
  }

  @Test
  void aPolicyMadeInTheSameProgramIsAttachedAndListed() {
    AphexPipelineMocks mocks = new AphexPipelineMocks();
    java.util.concurrent.atomic.AtomicReference<AphexPipeline> pipeline =
        new java.util.concurrent.atomic.AtomicReference<>();

    PulumiTest.withMocks(mocks)
        .runTest(
            ctx -> {
              com.pulumi.aws.iam.Policy policy =
                  new com.pulumi.aws.iam.Policy(
                      "read-params", com.pulumi.aws.iam.PolicyArgs.builder().policy("{}").build());
              pipeline.set(
                  new AphexPipeline(
                      "team-a",
                      SamplePipeline.args("my-repo")
                          .additionalPolicyArns(List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"))
                          .additionalPolicyArns(policy.arn())
                          .build(),
                      null));
            })
        .throwOnError();

    assertThat(
            mocks
                .find("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "team-a-policy-output-0")
                .inputs())
        .containsEntry("policyArn", "arn:aws:iam::123456789012:policy/read-params");
    assertThat(PulumiTest.extractValue(pipeline.get().additionalPolicyArns()))
        .containsExactly(
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::123456789012:policy/read-params");
  }

  @Test
  void aProviderGivenAsProviderOrThroughAParentComponentIsUsedToo() {
    AphexPipelineMocks mocks = new AphexPipelineMocks();

    PulumiTest.withMocks(mocks)
        .runTest(
            ctx -> {
              Provider kubernetes =
                  new Provider("platform-k8s", ProviderArgs.builder().kubeconfig("{}").build());
              new AphexPipeline(
                  "team-a",
                  SamplePipeline.args("service-a").build(),
                  ComponentResourceOptions.builder().provider(kubernetes).build());
              var platform =
                  new com.pulumi.resources.ComponentResource(
                      "example:index:Platform",
                      "platform",
                      ComponentResourceOptions.builder().providers(kubernetes).build());
              new AphexPipeline(
                  "team-b",
                  SamplePipeline.args("service-b").build(),
                  ComponentResourceOptions.builder().parent(platform).build());
            })
        .throwOnError();

    assertThat(mocks.ofType("pulumi:providers:kubernetes"))
        .extracting(Registration::name)
        .containsExactly("platform-k8s");
    assertThat(
            mocks.registrations().stream()
                .filter(
                    r ->
                        r.type().startsWith("kubernetes:")
                            && !r.type().startsWith("kubernetes:index"))
                .toList())
        .hasSize(34)
        .allSatisfy(
            r ->
                assertThat(r.provider())
                    .hasValueSatisfying(
                        p -> assertThat(p).contains("pulumi:providers:kubernetes::platform-k8s")));
  }
}
