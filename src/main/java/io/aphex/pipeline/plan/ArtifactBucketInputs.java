package io.aphex.pipeline.plan;

import io.aphex.pipeline.iam.WorkflowPolicies;
import java.util.List;
import java.util.Map;

/**
 * The settings of the artifact bucket, which the component registers and the plan shows: S3-managed
 * encryption, versioning, every public-access block, expiry of objects after the retention period
 * and of noncurrent versions after {@value #NONCURRENT_VERSION_DAYS} days, and a TLS-only policy.
 * Each child is named {@code <bucket's logical name><suffix>}.
 */
public final class ArtifactBucketInputs {

  /** The server-side encryption algorithm: S3-managed keys. */
  public static final String SSE_ALGORITHM = "AES256";

  /** The versioning status. */
  public static final String VERSIONING_STATUS = "Enabled";

  /** The ID of the one lifecycle rule. */
  public static final String LIFECYCLE_RULE_ID = "DeleteOldArtifacts";

  /** The lifecycle rule's status. */
  public static final String LIFECYCLE_RULE_STATUS = "Enabled";

  /** The lifecycle rule's prefix filter: every object. */
  public static final String LIFECYCLE_PREFIX = "";

  /** Days after which a noncurrent object version is deleted. */
  public static final int NONCURRENT_VERSION_DAYS = 30;

  /** Whether {@code pulumi destroy} may empty the bucket: never. */
  public static final boolean FORCE_DESTROY = false;

  /** Each of the four public-access blocks. */
  public static final boolean BLOCK_PUBLIC = true;

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

  static Map<String, Object> bucket(String bucketName) {
    return Map.of("bucket", bucketName, "forceDestroy", FORCE_DESTROY);
  }

  static Map<String, Object> encryption(String bucketId) {
    return Map.of(
        "bucket",
        bucketId,
        "rules",
        List.of(
            Map.of("applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", SSE_ALGORITHM))));
  }

  static Map<String, Object> versioning(String bucketId) {
    return Map.of(
        "bucket", bucketId, "versioningConfiguration", Map.of("status", VERSIONING_STATUS));
  }

  static Map<String, Object> publicAccess(String bucketId) {
    return Map.of(
        "bucket",
        bucketId,
        "blockPublicAcls",
        BLOCK_PUBLIC,
        "blockPublicPolicy",
        BLOCK_PUBLIC,
        "ignorePublicAcls",
        BLOCK_PUBLIC,
        "restrictPublicBuckets",
        BLOCK_PUBLIC);
  }

  static Map<String, Object> lifecycle(String bucketId, int retentionDays) {
    return Map.of(
        "bucket",
        bucketId,
        "rules",
        List.of(
            Map.of(
                "id",
                LIFECYCLE_RULE_ID,
                "status",
                LIFECYCLE_RULE_STATUS,
                "filter",
                Map.of("prefix", LIFECYCLE_PREFIX),
                "expiration",
                Map.of("days", retentionDays),
                "noncurrentVersionExpiration",
                Map.of("noncurrentDays", NONCURRENT_VERSION_DAYS))));
  }

  static Map<String, Object> tlsOnly(String bucketId, String bucketArn) {
    return Map.of(
        "bucket", bucketId, "policy", WorkflowPolicies.bucketRequiresTls(bucketArn).toJson());
  }
}
