package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.plan.ArtifactBucketInputs;
import java.util.Optional;

/**
 * The artifact bucket and its settings ({@link ArtifactBucketInputs}, registered by {@link
 * ChildResource}), created as children of the pipeline component: S3-managed encryption,
 * versioning, every public-access block, a TLS-only bucket policy, expiry of objects after the
 * retention period and of noncurrent versions after 30 days. The bucket and its settings are kept
 * when the stack is destroyed, so that a {@code pulumi destroy} never deletes build artifacts or
 * leaves a kept bucket unprotected. An existing bucket (kept by an earlier destroy, or by the CDK
 * predecessor) is adopted through the {@code import} resource option; its settings are then written
 * over the bucket's own.
 */
final class ArtifactBucket {

  private final ChildResource bucket;

  ArtifactBucket(
      String name,
      Output<String> bucketName,
      Optional<String> existing,
      int retentionDays,
      Resource parent) {
    CustomResourceOptions.Builder keptBucket =
        CustomResourceOptions.builder().parent(parent).retainOnDelete(true);
    existing.ifPresent(keptBucket::importId);
    this.bucket =
        ChildResource.aws(
            "aws:s3/bucketV2:BucketV2",
            name,
            ArtifactBucketInputs.bucket(bucketName),
            keptBucket.build());
    CustomResourceOptions setting =
        CustomResourceOptions.builder()
            .parent(parent)
            .retainOnDelete(true)
            .dependsOn(bucket)
            .build();
    Output<String> id = bucket.id();
    ChildResource.aws(
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
        name + ArtifactBucketInputs.ENCRYPTION,
        ArtifactBucketInputs.encryption(id),
        setting);
    ChildResource.aws(
        "aws:s3/bucketVersioningV2:BucketVersioningV2",
        name + ArtifactBucketInputs.VERSIONING,
        ArtifactBucketInputs.versioning(id),
        setting);
    ChildResource publicAccess =
        ChildResource.aws(
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            name + ArtifactBucketInputs.PUBLIC_ACCESS,
            ArtifactBucketInputs.publicAccess(id),
            setting);
    ChildResource.aws(
        "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
        name + ArtifactBucketInputs.LIFECYCLE,
        ArtifactBucketInputs.lifecycle(id, retentionDays),
        setting);
    // The policy waits for the public-access block: S3 rejects a policy change while the block
    // is being written.
    ChildResource.aws(
        "aws:s3/bucketPolicy:BucketPolicy",
        name + ArtifactBucketInputs.TLS_ONLY,
        ArtifactBucketInputs.tlsOnly(
            id, bucket.arn().applyValue(arn -> WorkflowPolicies.bucketRequiresTls(arn).toJson())),
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
