package io.aphex.pipeline.component;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ecr.EcrFunctions;
import com.pulumi.aws.ecr.inputs.GetImagePlainArgs;
import com.pulumi.aws.ecr.outputs.GetImageResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.images.EcrImageCheck;
import io.aphex.pipeline.images.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Looks every ECR image of the pipeline up before the WorkflowTemplate is written, so that a
 * missing image or a wrong account, region or version fails {@code pulumi preview} with the
 * troubleshooting text instead of an ImagePullBackOff when the pipeline first runs. Images are
 * looked up through an AWS provider per ECR region (the aws 6.x data source has no region
 * argument), configured like the stack's own ({@link AwsProviderConfig}).
 */
final class EcrImageVerification {

  private EcrImageVerification() {}

  /**
   * Verifies the images.
   *
   * @param providers the AWS provider of each region whose ECR images are verified, configured like
   *     the stack's own ({@link AwsProviderConfig})
   * @param images the resolved images
   * @param parent the component
   * @return the digests of the ECR images, in order; fails with {@link EcrImageCheck} text
   */
  static Output<List<String>> verify(
      Map<String, Object> providers, Output<ContainerImages> images, Resource parent) {
    return images.apply(
        resolved -> {
          List<CompletableFuture<String>> lookups =
              List.of(
                  lookup("builderImage", resolved.builder(), providers, parent),
                  lookup("deployerImage", resolved.deployer(), providers, parent));
          return Output.of(
              CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                  .thenApply(ignored -> lookups.stream().map(CompletableFuture::join).toList()));
        });
  }

  private static CompletableFuture<String> lookup(
      String setting, ImageReference image, Map<String, Object> providers, Resource parent) {
    // An image whose region was not known before deploy came as an Output from another resource
    // of the program, which Pulumi creates first; there is no regional provider to look it up.
    if (!image.isEcr() || !providers.containsKey(image.ecrRegion().orElseThrow())) {
      return CompletableFuture.completedFuture("");
    }
    InvokeOptions options =
        InvokeOptions.builder()
            .parent(parent)
            .provider((Provider) providers.get(image.ecrRegion().orElseThrow()))
            .build();
    GetImagePlainArgs.Builder args =
        GetImagePlainArgs.builder()
            .repositoryName(image.repository())
            .registryId(image.ecrAccount().orElseThrow());
    image
        .digest()
        .ifPresentOrElse(args::imageDigest, () -> args.imageTag(image.tag().orElse("latest")));
    return Lookups.explained(
        EcrFunctions.getImagePlain(args.build(), options),
        GetImageResult::imageDigest,
        cause -> EcrImageCheck.notFound(setting, image, cause));
  }
}
