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
 * deploy-time value in the component.
 */
public final class ArtifactBucketInputs {

  /** Days after which a noncurrent object version is deleted. */
  public static final int NONCURRENT_VERSION_DAYS = 30;

  /** Suffix of the encryption configuration's name. */
  public static final String ENCRYPTION = "-encryption";

  /** Suffix of the versioning configuration's name. */
  public static final String VERSIONING = "-versioning";

  /** Suffix of the public-access block's name. */
  public static final String PUBLIC_ACCESS = "-public-access";

  /** Suffix of the lifecycle configuration's name. */
  public static final String LIFECYCLE = "-lifecycle";

  /** Suffix of the bucket policy's name. */
  public static final String TLS_ONLY = "-tls-only";

  private ArtifactBucketInputs() {}

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
   * S3-managed encryption.
   *
   * @param bucketId the bucket's ID
   * @return the inputs of {@code BucketServerSideEncryptionConfigurationV2}
   */
  public static Map<String, Object> encryption(Object bucketId) {
    return Map.of(
        "bucket",
        bucketId,
        "rules",
        List.of(Map.of("applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "AES256"))));
  }

  /**
   * Versioning.
   *
   * @param bucketId the bucket's ID
   * @return the inputs of {@code BucketVersioningV2}
   */
  public static Map<String, Object> versioning(Object bucketId) {
    return Map.of("bucket", bucketId, "versioningConfiguration", Map.of("status", "Enabled"));
  }

  /**
   * Every public-access block.
   *
   * @param bucketId the bucket's ID
   * @return the inputs of {@code BucketPublicAccessBlock}
   */
  public static Map<String, Object> publicAccess(Object bucketId) {
    return Map.of(
        "bucket",
        bucketId,
        "blockPublicAcls",
        true,
        "blockPublicPolicy",
        true,
        "ignorePublicAcls",
        true,
        "restrictPublicBuckets",
        true);
  }

  /**
   * Expiry of artifacts and of noncurrent versions.
   *
   * @param bucketId the bucket's ID
   * @param retentionDays days after which an artifact expires
   * @return the inputs of {@code BucketLifecycleConfigurationV2}
   */
  public static Map<String, Object> lifecycle(Object bucketId, int retentionDays) {
    return Map.of(
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
                Map.of("noncurrentDays", NONCURRENT_VERSION_DAYS))));
  }

  /**
   * The TLS-only bucket policy.
   *
   * @param bucketId the bucket's ID
   * @param policy the policy JSON ({@code WorkflowPolicies.bucketRequiresTls})
   * @return the inputs of {@code BucketPolicy}
   */
  public static Map<String, Object> tlsOnly(Object bucketId, Object policy) {
    return Map.of("bucket", bucketId, "policy", policy);
  }
}
