package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import io.aphex.pipeline.plan.PluginVersions;
import java.util.Map;

/**
 * Registers an AWS resource of the plan by its type token, with the inputs the plan describes
 * ({@code io.aphex.pipeline.plan.ArtifactBucketInputs}, {@code WorkflowRoleInputs}), so that the
 * component and {@code ./aphex render} build every input from one description. The engine and the
 * aws provider see exactly what the typed class of the {@code com.pulumi:aws} SDK would send: the
 * type token, the inputs by their names, and the plugin version of the SDK jar ({@link
 * PluginVersions#AWS}). An input value may be a deploy-time {@code Output}.
 */
final class AwsResource extends CustomResource {

  @Export(name = "arn", refs = String.class)
  private Output<String> arn;

  @Export(name = "bucket", refs = String.class)
  private Output<String> bucket;

  /**
   * Registers the resource.
   *
   * @param type the type token, e.g. {@code aws:iam/role:Role}
   * @param name the logical name
   * @param inputs the inputs by name; a value may be an {@code Output}
   * @param options the resource options (parent, dependsOn, retainOnDelete, import)
   * @throws IllegalArgumentException for an input {@link ResourceInputs} has no field for
   */
  AwsResource(String type, String name, Map<String, Object> inputs, CustomResourceOptions options) {
    super(
        type,
        name,
        new ResourceInputs(inputs),
        CustomResourceOptions.merge(
            CustomResourceOptions.builder().version(PluginVersions.AWS).build(), options));
  }

  /**
   * The resource's ARN, for a role, a policy and a bucket.
   *
   * @return the ARN
   */
  Output<String> arn() {
    return arn;
  }

  /**
   * A bucket's name.
   *
   * @return the name
   */
  Output<String> bucket() {
    return bucket;
  }
}
