package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EcrPullAccessTest {

  private static final String IMAGE_ACCOUNT = "987654321098";
  private static final String STACK = "urn:pulumi:dev::aphex-pipeline::";
  private static final String POLICY_TYPE = "aws:ecr/repositoryPolicy:RepositoryPolicy";
  private static final String PROVIDER_REF =
      STACK + "pulumi:pulumi:Stack$pulumi:providers:aws::image-account::image-account_id";

  /** Records which provider each registration and each invoke went through. */
  private static final class ProviderMocks implements Mocks {
    final AphexPipelineMocks recording = new AphexPipelineMocks(IMAGE_ACCOUNT);
    final List<String> resourceProviders = Collections.synchronizedList(new ArrayList<>());
    final List<String> invokeProviders = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
      resourceProviders.add(args.type + " " + args.name + " -> " + args.provider);
      return recording.newResourceAsync(args);
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
      invokeProviders.add(args.token + " -> " + args.provider);
      return recording.callAsync(args);
    }
  }

  private record Run(ProviderMocks mocks, TestResult result, @Nullable EcrPullAccess access) {}

  private static Run run(EcrPullAccessArgs args, boolean withImageAccountProvider) {
    ProviderMocks mocks = new ProviderMocks();
    AtomicReference<EcrPullAccess> access = new AtomicReference<>();
    TestResult result =
        PulumiTest.withOptions(
                TestOptions.builder()
                    .projectName("aphex-pipeline")
                    .stackName("dev")
                    .preview(false)
                    .build())
            .withMocks(mocks)
            .runTest(
                ctx -> {
                  ComponentResourceOptions options = null;
                  if (withImageAccountProvider) {
                    Provider imageAccount =
                        new Provider(
                            "image-account", ProviderArgs.builder().region("us-east-1").build());
                    options = ComponentResourceOptions.builder().providers(imageAccount).build();
                  }
                  access.set(new EcrPullAccess("pipeline-images", args, options));
                });
    return new Run(mocks, result, access.get());
  }

  private static Run deployed(EcrPullAccessArgs args) {
    Run run = run(args, true);
    assertThat(run.result().exceptions()).isEmpty();
    assertThat(run.result().exitCode()).isZero();
    return run;
  }

  private static EcrPullAccessArgs.Builder twoConsumers() {
    return EcrPullAccessArgs.builder().consumerAccountIds(List.of("210987654321", "123456789012"));
  }

  private static Throwable innermost(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void createsOnePolicyPerConventionalRepositoryParentedToTheComponent() {
    Run run = deployed(twoConsumers().build());

    assertThat(run.mocks().recording.registrations().stream().map(r -> r.type() + " " + r.name()))
        .containsExactlyInAnyOrder(
            "pulumi:providers:aws image-account",
            "aphex:index:EcrPullAccess pipeline-images",
            POLICY_TYPE + " pipeline-images-arbiter-pipeline-builder",
            POLICY_TYPE + " pipeline-images-arbiter-pipeline-deployer");
    assertThat(
            run.result().resources().stream()
                .filter(r -> r.pulumiResourceType().equals(POLICY_TYPE))
                .map(Resource::urn)
                .map(PulumiTest::extractValue)
                .toList())
        .containsExactlyInAnyOrder(
            STACK
                + "pulumi:pulumi:Stack$aphex:index:EcrPullAccess$"
                + POLICY_TYPE
                + "::pipeline-images-arbiter-pipeline-builder",
            STACK
                + "pulumi:pulumi:Stack$aphex:index:EcrPullAccess$"
                + POLICY_TYPE
                + "::pipeline-images-arbiter-pipeline-deployer");
  }

  @Test
  void everyPolicyNamesItsRepositoryAndLetsTheConsumersPull() {
    Run run = deployed(twoConsumers().build());

    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowCrossAccountPull\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
            + "\"arn:aws:iam::123456789012:root\",\"arn:aws:iam::210987654321:root\"]},"
            + "\"Action\":[\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\","
            + "\"ecr:BatchCheckLayerAvailability\"]}]}";
    for (String repository : List.of("arbiter-pipeline-builder", "arbiter-pipeline-deployer")) {
      assertThat(run.mocks().recording.find(POLICY_TYPE, "pipeline-images-" + repository).inputs())
          .containsExactlyInAnyOrderEntriesOf(Map.of("repository", repository, "policy", policy));
    }
  }

  @Test
  void givenRepositoriesAndRolesAreUsed() {
    Run run =
        deployed(
            EcrPullAccessArgs.builder()
                .repositories(List.of("team/builder"))
                .consumerAccountIds(List.of("123456789012"))
                .consumerRoleArns(List.of("arn:aws:iam::111111111111:role/eks-node-role"))
                .build());

    assertThat(run.mocks().recording.ofType(POLICY_TYPE))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo("pipeline-images-team/builder");
              assertThat(r.inputs())
                  .containsExactlyInAnyOrderEntriesOf(
                      Map.of(
                          "repository",
                          "team/builder",
                          "policy",
                          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                              + "\"AllowCrossAccountPull\",\"Effect\":\"Allow\",\"Principal\":"
                              + "{\"AWS\":[\"arn:aws:iam::111111111111:role/eks-node-role\","
                              + "\"arn:aws:iam::123456789012:root\"]},\"Action\":["
                              + "\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\","
                              + "\"ecr:BatchCheckLayerAvailability\"]}]}"));
            });
  }

  @Test
  void childrenAndLookupsGoThroughTheImageAccountProvider() {
    Run run = deployed(twoConsumers().build());

    assertThat(run.mocks().resourceProviders)
        .containsExactlyInAnyOrder(
            "pulumi:providers:aws image-account -> ",
            "aphex:index:EcrPullAccess pipeline-images -> ",
            POLICY_TYPE + " pipeline-images-arbiter-pipeline-builder -> " + PROVIDER_REF,
            POLICY_TYPE + " pipeline-images-arbiter-pipeline-deployer -> " + PROVIDER_REF);
    assertThat(run.mocks().invokeProviders)
        .containsExactlyInAnyOrder(
            "aws:index/getCallerIdentity:getCallerIdentity -> " + PROVIDER_REF,
            "aws:index/getRegion:getRegion -> " + PROVIDER_REF);
  }

  @Test
  void outputsAreTheRepositoriesAndTheSortedDistinctAccounts() {
    Run run =
        deployed(
            EcrPullAccessArgs.builder()
                .consumerAccountIds(List.of("210987654321", "123456789012", "210987654321"))
                .build());

    assertThat(PulumiTest.extractValue(run.access().repositoryNames()))
        .containsExactly("arbiter-pipeline-builder", "arbiter-pipeline-deployer");
    assertThat(PulumiTest.extractValue(run.access().consumerAccountIds()))
        .containsExactly("123456789012", "210987654321");
  }

  @Test
  void listingTheImageAccountItselfFailsTheDeploymentWithTheProblem() {
    Run run =
        run(
            EcrPullAccessArgs.builder()
                .consumerAccountIds(List.of("123456789012", IMAGE_ACCOUNT))
                .build(),
            true);

    assertThat(run.result().exitCode()).isNotZero();
    assertThat(run.result().exceptions())
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(innermost(e))
                    .isInstanceOf(com.pulumi.exceptions.RunException.class)
                    .hasMessage(
                        "EcrPullAccess pipeline-images: no repository policy for image account"
                            + " 987654321098 in us-east-1:\n"
                            + "  1. consumerAccountIds[1]: '987654321098' is the image account"
                            + " itself, which pulls its own images without a repository policy."
                            + " Fix: remove it; if the images are in another account, give"
                            + " EcrPullAccess an aws provider for that account through its"
                            + " options' providers"));
  }
}
