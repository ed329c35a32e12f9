package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.images.ImageResolver;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import io.aphex.pipeline.testing.AphexPipelineMocks.Registration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineImageRepositoriesTest {

  private static final String IMAGE_ACCOUNT = "987654321098";
  private static final String REPOSITORY = "aws:ecr/repository:Repository";
  private static final String LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
  private static final String POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
  private static final List<String> CONVENTION =
      List.of("arbiter-pipeline-builder", "arbiter-pipeline-deployer");

  private record Run(AphexPipelineMocks mocks, TestResult result, List<String> repositoryUrls) {}

  private static Run run(PipelineImageRepositoriesArgs args) {
    AphexPipelineMocks mocks = new AphexPipelineMocks(IMAGE_ACCOUNT);
    AtomicReference<PipelineImageRepositories> component = new AtomicReference<>();
    TestResult result =
        PulumiTest.withOptions(
                TestOptions.builder()
                    .projectName("aphex-images")
                    .stackName("images")
                    .preview(false)
                    .build())
            .withMocks(mocks)
            .runTest(ctx -> component.set(new PipelineImageRepositories("pipeline-images", args)));
    List<String> urls =
        result.exceptions().isEmpty()
            ? PulumiTest.extractValue(component.get().repositoryUrls())
            : List.of();
    return new Run(mocks, result, urls);
  }

  private static Run deployed(PipelineImageRepositoriesArgs args) {
    Run run = run(args);
    assertThat(run.result().exceptions()).isEmpty();
    return run;
  }

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void eachConventionalRepositoryIsImmutableScannedAndKeepsTheNewestVersions() {
    Run run = deployed(PipelineImageRepositoriesArgs.builder().keepVersions(15).build());

    assertThat(run.mocks().registrations().stream().map(r -> r.type() + " " + r.name()))
        .containsExactlyInAnyOrder(
            "aphex:index:PipelineImageRepositories pipeline-images",
            REPOSITORY + " pipeline-images-arbiter-pipeline-builder",
            LIFECYCLE + " pipeline-images-arbiter-pipeline-builder",
            REPOSITORY + " pipeline-images-arbiter-pipeline-deployer",
            LIFECYCLE + " pipeline-images-arbiter-pipeline-deployer");
    String lifecycle =
        "{\"rules\":[{\"rulePriority\":1,\"description\":\"Keep the newest 15 versions\","
            + "\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*\"],"
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":15},"
            + "\"action\":{\"type\":\"expire\"}}]}";
    for (String repository : CONVENTION) {
      assertThat(run.mocks().find(REPOSITORY, "pipeline-images-" + repository).inputs())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "name",
                  repository,
                  "imageTagMutability",
                  "IMMUTABLE",
                  "imageScanningConfiguration",
                  Map.of("scanOnPush", true),
                  "encryptionConfigurations",
                  List.of(Map.of("encryptionType", "AES256")),
                  "forceDelete",
                  false));
      assertThat(run.mocks().find(LIFECYCLE, "pipeline-images-" + repository).inputs())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("repository", repository, "policy", lifecycle));
    }
  }

  @Test
  void theRepositoryUrlsAreWhereTheResolverLooksForTheImages() {
    Run run = deployed(PipelineImageRepositoriesArgs.builder().build());

    ContainerImages resolved =
        ImageResolver.resolve(
            new ImageSettings(
                Optional.of(IMAGE_ACCOUNT),
                ImageSettings.DEFAULT_REGION,
                ImageSettings.DEFAULT_VERSION,
                Optional.empty(),
                Optional.empty()),
            "123456789012");
    assertThat(run.repositoryUrls())
        .containsExactly(
            "987654321098.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder",
            "987654321098.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer");
    assertThat(run.repositoryUrls().stream().map(url -> url + ":v1.0.1"))
        .containsExactly(resolved.builder().toString(), resolved.deployer().toString());
  }

  @Test
  void consumersGetThePullPolicyOfEcrPullAccessOnEachNewRepository() {
    Run run =
        deployed(
            PipelineImageRepositoriesArgs.builder()
                .consumerAccountIds(List.of("210987654321", "123456789012"))
                .consumerRoleArns(List.of("arn:aws:iam::555555555555:role/eks-node-role"))
                .build());

    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowCrossAccountPull\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
            + "\"arn:aws:iam::123456789012:root\",\"arn:aws:iam::210987654321:root\","
            + "\"arn:aws:iam::555555555555:role/eks-node-role\"]},"
            + "\"Action\":[\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\","
            + "\"ecr:BatchCheckLayerAvailability\"]}]}";
    for (String repository : CONVENTION) {
      assertThat(run.mocks().find(POLICY, "pipeline-images-" + repository).inputs())
          .containsExactlyInAnyOrderEntriesOf(Map.of("repository", repository, "policy", policy));
    }
  }

  @Test
  void theImageAccountAsItsOwnConsumerFailsTheDeploymentBeforeAnyRepositoryExists() {
    Run run =
        run(
            PipelineImageRepositoriesArgs.builder()
                .consumerAccountIds(List.of(IMAGE_ACCOUNT))
                .build());

    assertThat(run.result().exceptions())
        .anySatisfy(
            e ->
                assertThat(innermost(e))
                    .hasMessage(
                        "EcrPullAccess pipeline-images: no repository policy for image account"
                            + " 987654321098 in us-east-1:\n"
                            + "  1. consumerAccountIds[0]: '987654321098' is the image account"
                            + " itself, which pulls its own images without a repository policy."
                            + " Fix: remove it; if the images are in another account, give"
                            + " EcrPullAccess an aws provider for that account through its"
                            + " options' providers"));
    assertThat(run.mocks().registrations())
        .extracting(Registration::type)
        .doesNotContain(REPOSITORY, LIFECYCLE, POLICY);
  }

  private static Throwable innermost(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
