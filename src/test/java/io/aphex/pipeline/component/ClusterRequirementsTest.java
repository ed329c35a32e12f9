package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import io.aphex.pipeline.testing.SampleConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the cluster must have for the identity mode, checked before anything uses it. */
class ClusterRequirementsTest {

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void irsaWithoutAnIamOidcProviderFailsNamingTheIssuerAndHowToCreateIt() {
    AphexPipelineMocks mocks = new AphexPipelineMocks().withoutOidcProvider();

    TestResult result = run(IdentityMode.IRSA, mocks);

    assertThat(result.exitCode()).isNotZero();
    assertThat(messages(result))
        .contains(
            "EKS cluster 'company-pipelines' has the OIDC issuer "
                + AphexPipelineMocks.ISSUER
                + ", but this AWS account has no IAM OIDC provider for it, so IRSA (identityMode:"
                + " irsa) cannot give the workflow pods their role. Fix: create it once with"
                + " 'eksctl utils associate-iam-oidc-provider --cluster company-pipelines --region"
                + " us-east-1 --approve' (or in the IAM console: Identity providers, Add provider,"
                + " OpenID Connect, provider URL "
                + AphexPipelineMocks.ISSUER
                + ", audience sts.amazonaws.com), or set identityMode to podIdentity. AWS said:"
                + " finding IAM OIDC Provider by url ("
                + AphexPipelineMocks.ISSUER
                + "): not found");
    assertThat(mocks.ofType("aws:iam/role:Role")).isEmpty();
    assertThat(mocks.ofType("kubernetes:core/v1:ServiceAccount")).isEmpty();
  }

  @Test
  void podIdentityWithoutTheAgentAddOnFailsNamingTheAddOnAndHowToInstallIt() {
    AphexPipelineMocks mocks = new AphexPipelineMocks().withoutPodIdentityAgent();

    TestResult result = run(IdentityMode.POD_IDENTITY, mocks);

    assertThat(result.exitCode()).isNotZero();
    assertThat(messages(result))
        .contains(
            "identityMode is podIdentity, but EKS cluster 'company-pipelines' has no"
                + " 'eks-pod-identity-agent' add-on, so the workflow pods would get no AWS"
                + " credentials from their Pod Identity association. Fix: 'aws eks create-addon"
                + " --cluster-name company-pipelines --addon-name eks-pod-identity-agent --region"
                + " us-east-1', wait until 'aws eks describe-addon --cluster-name"
                + " company-pipelines --addon-name eks-pod-identity-agent --region us-east-1'"
                + " shows ACTIVE and run pulumi up again (EKS Auto Mode clusters have the agent"
                + " built in and need no add-on), or set identityMode to irsa. AWS said: reading"
                + " EKS Add-On (company-pipelines:eks-pod-identity-agent): couldn't find resource");
    assertThat(mocks.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")).isEmpty();
    assertThat(mocks.ofType("kubernetes:core/v1:ServiceAccount")).isEmpty();
  }

  @Test
  void podIdentityOnAnAutoModeClusterNeedsNoAddOn() {
    AphexPipelineMocks mocks = new AphexPipelineMocks().withoutPodIdentityAgent().withAutoMode();

    TestResult result = run(IdentityMode.POD_IDENTITY, mocks);

    assertThat(messages(result)).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(mocks.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")).hasSize(1);
  }

  @Test
  void podIdentityNeitherNeedsNorLooksUpAnIamOidcProvider() {
    AphexPipelineMocks mocks = new AphexPipelineMocks().withoutOidcProvider();

    TestResult result = run(IdentityMode.POD_IDENTITY, mocks);

    assertThat(messages(result)).isEmpty();
    assertThat(result.exitCode()).isZero();
  }

  private static TestResult run(IdentityMode mode, AphexPipelineMocks mocks) {
    AphexPipelineArgs args = SampleConfigs.sampleArgs().identityMode(mode).build();
    return PulumiTest.withOptions(
            TestOptions.builder().projectName("aphex-pipeline").stackName("dev").build())
        .withMocks(mocks)
        .runTest(ctx -> new AphexPipeline("aphex-pipeline", args));
  }

  private static java.util.List<String> messages(TestResult result) {
    return result.exceptions().stream()
        .map(
            e -> {
              Throwable t = e;
              while (t.getCause() != null) {
                t = t.getCause();
              }
              return t.getMessage();
            })
        .toList();
  }
}
