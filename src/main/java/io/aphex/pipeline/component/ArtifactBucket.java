package io.aphex.pipeline.component;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.plan.ArtifactBucketInputs;
import java.util.Optional;

/**
 * The artifact bucket and its settings ({@link ArtifactBucketInputs}), created as children of the
 * pipeline component: S3-managed encryption, versioning, every public-access block, a TLS-only
 * bucket policy, expiry of objects after the retention period and of noncurrent versions after 30
 * days. The bucket and its settings are kept when the stack is destroyed, so that a {@code pulumi
 * destroy} never deletes build artifacts or leaves a kept bucket unprotected. An existing bucket
 * (kept by an earlier destroy, or by the CDK predecessor) is adopted through the {@code import}
 * resource option; its settings are then written over the bucket's own.
 */
final class ArtifactBucket {

  private final BucketV2 bucket;

  ArtifactBucket(
      String name,
      Output<String> bucketName,
      Optional<String> existing,
      int retentionDays,
      Resource parent) {
    CustomResourceOptions.Builder keptBucket =
        CustomResourceOptions.builder().parent(parent).retainOnDelete(true);
    existing.ifPresent(keptBucket::importId);
    CustomResourceOptions kept = keptBucket.build();
    this.bucket =
        new BucketV2(
            name,
            BucketV2Args.builder()
                .bucket(bucketName)
                .forceDestroy(ArtifactBucketInputs.FORCE_DESTROY)
                .build(),
            kept);
    CustomResourceOptions setting =
        CustomResourceOptions.builder()
            .parent(parent)
            .retainOnDelete(true)
            .dependsOn(bucket)
            .build();
    new BucketServerSideEncryptionConfigurationV2(
        name + ArtifactBucketInputs.ENCRYPTION,
        BucketServerSideEncryptionConfigurationV2Args.builder()
            .bucket(bucket.id())
            .rules(
                BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                    .applyServerSideEncryptionByDefault(
                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                            .builder()
                            .sseAlgorithm(ArtifactBucketInputs.SSE_ALGORITHM)
                            .build())
                    .build())
            .build(),
        setting);
    new BucketVersioningV2(
        name + ArtifactBucketInputs.VERSIONING,
        BucketVersioningV2Args.builder()
            .bucket(bucket.id())
            .versioningConfiguration(
                BucketVersioningV2VersioningConfigurationArgs.builder()
                    .status(ArtifactBucketInputs.VERSIONING_STATUS)
                    .build())
            .build(),
        setting);
    BucketPublicAccessBlock publicAccess =
        new BucketPublicAccessBlock(
            name + ArtifactBucketInputs.PUBLIC_ACCESS,
            BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(ArtifactBucketInputs.BLOCK_PUBLIC)
                .blockPublicPolicy(ArtifactBucketInputs.BLOCK_PUBLIC)
                .ignorePublicAcls(ArtifactBucketInputs.BLOCK_PUBLIC)
                .restrictPublicBuckets(ArtifactBucketInputs.BLOCK_PUBLIC)
                .build(),
            setting);
    new BucketLifecycleConfigurationV2(
        name + ArtifactBucketInputs.LIFECYCLE,
        BucketLifecycleConfigurationV2Args.builder()
            .bucket(bucket.id())
            .rules(
                BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id(ArtifactBucketInputs.LIFECYCLE_RULE_ID)
                    .status(ArtifactBucketInputs.LIFECYCLE_RULE_STATUS)
                    .filter(
                        BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                            .prefix(ArtifactBucketInputs.LIFECYCLE_PREFIX)
                            .build())
                    .expiration(
                        BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                            .days(retentionDays)
                            .build())
                    .noncurrentVersionExpiration(
                        BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                            .noncurrentDays(ArtifactBucketInputs.NONCURRENT_VERSION_DAYS)
                            .build())
                    .build())
            .build(),
        setting);
    // The policy waits for the public-access block: S3 rejects a policy change while the block
    // is being written.
    new BucketPolicy(
        name + ArtifactBucketInputs.TLS_ONLY,
        BucketPolicyArgs.builder()
            .bucket(bucket.id())
            .policy(
                bucket.arn().applyValue(arn -> WorkflowPolicies.bucketRequiresTls(arn).toJson()))
            .build(),
        CustomResourceOptions.builder()
            .parent(parent)
            .retainOnDelete(true)
            .dependsOn(publicAccess)
            .build());
  }

  Output<String> name() {
    return bucket.bucket();
  }

  Output<String> arn() {
    return bucket.arn();
  }
}
