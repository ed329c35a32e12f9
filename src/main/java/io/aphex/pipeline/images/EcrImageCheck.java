package io.aphex.pipeline.images;

/**
 * The troubleshooting text for an ECR image that cannot be found or read, following the
 * container-images spec: what was looked for, the command that checks it, and the usual causes.
 */
public final class EcrImageCheck {

  private EcrImageCheck() {}

  /**
   * Builds the message.
   *
   * @param setting the setting the image came from ({@code builderImage} or {@code deployerImage})
   * @param image an ECR image reference
   * @param awsError what AWS answered
   * @return the message
   * @throws IllegalArgumentException when the image is not in ECR
   */
  public static String notFound(String setting, ImageReference image, String awsError) {
    if (!image.isEcr()) {
      throw new IllegalArgumentException(image + " is not an ECR image");
    }
    String account = image.ecrAccount().orElseThrow();
    String region = image.ecrRegion().orElseThrow();
    String version =
        image
            .digest()
            .map(d -> "imageDigest=" + d)
            .orElse("imageTag=" + image.tag().orElse("latest"));
    return ("The %1$s %2$s cannot be found or read in ECR (repository %3$s, %4$s, account %5$s,"
            + " region %6$s); the pipeline would fail with ImagePullBackOff. Check it with: aws ecr"
            + " describe-images --repository-name %3$s --image-ids %4$s --registry-id %5$s"
            + " --region %6$s. Causes: the image was not pushed; containerImageAccount,"
            + " containerImageRegion or containerImageVersion do not match your ECR setup; or this"
            + " account may not read the repository (another account's repository needs a policy"
            + " allowing this account, see EcrPullAccess). Set verifyImages to false to skip this"
            + " check. AWS said: %7$s")
        .formatted(setting, image, image.repository(), version, account, region, awsError);
  }
}
