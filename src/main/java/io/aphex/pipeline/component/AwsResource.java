package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;
import io.aphex.pipeline.plan.PluginVersions;
import java.lang.reflect.Field;
import java.util.Map;
import javax.annotation.Nullable;

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
   * @throws IllegalArgumentException for an input {@link Args} has no field for
   */
  AwsResource(String type, String name, Map<String, Object> inputs, CustomResourceOptions options) {
    super(
        type,
        name,
        new Args(inputs),
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

  /** Every input the plan's AWS resources take, each an {@code @Import} of its name. */
  static final class Args extends ResourceArgs {
    @Import(name = "assumeRolePolicy")
    private @Nullable Output<Object> assumeRolePolicy;

    @Import(name = "blockPublicAcls")
    private @Nullable Output<Object> blockPublicAcls;

    @Import(name = "blockPublicPolicy")
    private @Nullable Output<Object> blockPublicPolicy;

    @Import(name = "bucket")
    private @Nullable Output<Object> bucket;

    @Import(name = "clusterName")
    private @Nullable Output<Object> clusterName;

    @Import(name = "description")
    private @Nullable Output<Object> description;

    @Import(name = "forceDestroy")
    private @Nullable Output<Object> forceDestroy;

    @Import(name = "ignorePublicAcls")
    private @Nullable Output<Object> ignorePublicAcls;

    @Import(name = "namespace")
    private @Nullable Output<Object> namespace;

    @Import(name = "policy")
    private @Nullable Output<Object> policy;

    @Import(name = "policyArn")
    private @Nullable Output<Object> policyArn;

    @Import(name = "restrictPublicBuckets")
    private @Nullable Output<Object> restrictPublicBuckets;

    @Import(name = "role")
    private @Nullable Output<Object> role;

    @Import(name = "roleArn")
    private @Nullable Output<Object> roleArn;

    @Import(name = "rules")
    private @Nullable Output<Object> rules;

    @Import(name = "serviceAccount")
    private @Nullable Output<Object> serviceAccount;

    @Import(name = "versioningConfiguration")
    private @Nullable Output<Object> versioningConfiguration;

    Args(Map<String, Object> inputs) {
      inputs.forEach(
          (key, value) -> {
            try {
              Field field = Args.class.getDeclaredField(key);
              field.set(this, value instanceof Output<?> output ? output : Output.of(value));
            } catch (NoSuchFieldException e) {
              throw new IllegalArgumentException(
                  "AwsResource.Args has no input " + key + "; add an @Import for it", e);
            } catch (IllegalAccessException e) {
              throw new IllegalStateException(e);
            }
          });
    }
  }
}
