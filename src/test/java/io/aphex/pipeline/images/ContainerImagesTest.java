package io.aphex.pipeline.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerImagesTest {

  private static ContainerImages images(String builder, String deployer) {
    return new ContainerImages(ImageReference.parse(builder), ImageReference.parse(deployer));
  }

  @Test
  void listsTheEcrRepositoriesOfTheDefaultImages() {
    ContainerImages images = ImageResolver.resolve(ImageSettings.defaults(), "123456789012");

    assertThat(images.ecrRepositoryArns())
        .containsExactly(
            "arn:aws:ecr:us-east-1:123456789012:repository/arbiter-pipeline-builder",
            "arn:aws:ecr:us-east-1:123456789012:repository/arbiter-pipeline-deployer");
  }

  @Test
  void sortsTheArns() {
    assertThat(
            images(
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/zeta-builder:v1",
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/alpha-deployer:v1")
                .ecrRepositoryArns())
        .containsExactly(
            "arn:aws:ecr:us-east-1:123456789012:repository/alpha-deployer",
            "arn:aws:ecr:us-east-1:123456789012:repository/zeta-builder");
  }

  @Test
  void listsARepositoryUsedTwiceOnce() {
    assertThat(
            images(
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/pipeline:builder-v1",
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/pipeline:deployer-v1")
                .ecrRepositoryArns())
        .containsExactly("arn:aws:ecr:us-east-1:123456789012:repository/pipeline");
  }

  @Test
  void skipsImagesOutsideEcr() {
    assertThat(
            images(
                    "ghcr.io/myorg/builder:v1.0.0",
                    "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/arbiter-pipeline-deployer:v1")
                .ecrRepositoryArns())
        .containsExactly(
            "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/arbiter-pipeline-deployer");
  }

  @Test
  void isEmptyWhenNeitherImageIsInEcr() {
    assertThat(
            images("my-registry.io/custom-builder:latest", "my-registry.io/custom-deployer:latest")
                .ecrRepositoryArns())
        .isEmpty();
  }
}
