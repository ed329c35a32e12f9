package io.aphex.pipeline.plan;

import java.util.List;
import java.util.Map;

/**
 * The artifact bucket and its settings, which the component registers and the plan shows: a bucket
 * that {@code pulumi destroy} never empties ({@code forceDestroy} false), S3-managed encryption
 * ({@code AES256}), versioning, every public-access block, one lifecycle rule ({@code
 * DeleteOldArtifacts}, every object) expiring objects after the retention period and noncurrent
 * versions after {@value #NONCURRENT_VERSION_DAYS} days, and a TLS-only policy. Each setting is
 * named {@code <bucket's logical name><suffix>}. The bucket's name or ID is a value here, and a
 * deploy-time value in the component; the plan and the component register the same list.
 */
public final class ArtifactBucketInputs {

  /** Days after which a noncurrent object version is deleted. */
  public static final int NONCURRENT_VERSION_DAYS = 30;

  private ArtifactBucketInputs() {}

  /**
   * A setting of the bucket, a child resource of its own.
   *
   * @param suffix its name's suffix, after the bucket's logical name
   * @param type its type token
   * @param inputs its inputs
   * @param afterPublicAccess whether it waits for the public-access block besides the bucket: the
   *     bucket policy does, as S3 rejects a policy change while the block is being written
   */
  public record Setting(
      String suffix, String type, Map<String, Object> inputs, boolean afterPublicAccess) {}

  /** The suffix of the public-access block's name. */
  public static final String PUBLIC_ACCESS = "-public-access";

  /**
   * The bucket.
   *
   * @param bucketName its name
   * @return the inputs of {@code aws:s3/bucketV2:BucketV2}
   */
  public static Map<String, Object> bucket(Object bucketName) {
    return Map.of("bucket", bucketName, "forceDestroy", false);
  }

  /**
   * The bucket's settings, in the order they are registered, each waiting for the bucket.
   *
   * @param bucketId the bucket's ID
   * @param retentionDays days after which an artifact expires
   * @param tlsPolicy the TLS-only policy's JSON ({@code WorkflowPolicies.bucketRequiresTls})
   * @return encryption, versioning, the public-access block, the lifecycle and the bucket policy
   */
  public static List<Setting> settings(Object bucketId, int retentionDays, Object tlsPolicy) {
    return List.of(
        new Setting(
            "-encryption",
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
            Map.of(
                "bucket",
                bucketId,
                "rules",
                List.of(
                    Map.of(
                        "applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "AES256")))),
            false),
        new Setting(
            "-versioning",
            "aws:s3/bucketVersioningV2:BucketVersioningV2",
            Map.of("bucket", bucketId, "versioningConfiguration", Map.of("status", "Enabled")),
            false),
        new Setting(
            PUBLIC_ACCESS,
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            Map.of(
                "bucket",
                bucketId,
                "blockPublicAcls",
                true,
                "blockPublicPolicy",
                true,
                "ignorePublicAcls",
                true,
                "restrictPublicBuckets",
                true),
            false),
        new Setting(
            "-lifecycle",
            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
            Map.of(
                "bucket",
                bucketId,
                "rules",
                List.of(
                    Map.of(
                        "id",
                        "DeleteOldArtifacts",
                        "status",
                        "Enabled",
                        "filter",
                        Map.of("prefix", ""),
                        "expiration",
                        Map.of("days", retentionDays),
                        "noncurrentVersionExpiration",
                        Map.of("noncurrentDays", NONCURRENT_VERSION_DAYS)))),
            false),
        new Setting(
            "-tls-only",
            "aws:s3/bucketPolicy:BucketPolicy",
            Map.of("bucket", bucketId, "policy", tlsPolicy),
            true));
  }
}
