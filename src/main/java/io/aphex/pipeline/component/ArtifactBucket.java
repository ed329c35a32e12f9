package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.plan.ArtifactBucketInputs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, ChildResource> settings = new HashMap<>();
    for (ArtifactBucketInputs.Setting setting :
        ArtifactBucketInputs.settings(
            bucket.id(),
            retentionDays,
            bucket.arn().applyValue(arn -> WorkflowPolicies.bucketRequiresTls(arn).toJson()))) {
      List<Resource> needs =
          setting.afterPublicAccess()
              ? List.of(bucket, settings.get(ArtifactBucketInputs.PUBLIC_ACCESS))
              : List.of(bucket);
      settings.put(
          setting.suffix(),
          ChildResource.aws(
              setting.type(),
              name + setting.suffix(),
              setting.inputs(),
              CustomResourceOptions.builder()
                  .parent(parent)
                  .retainOnDelete(true)
                  .dependsOn(needs)
                  .build()));
    }
  }

  Output<String> name() {
    return bucket.bucket();
  }

  Output<String> arn() {
    return bucket.arn();
  }
}
