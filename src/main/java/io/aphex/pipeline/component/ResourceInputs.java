package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.lang.reflect.Field;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The inputs of a resource the component registers by its type token ({@link ChildResource}): one
 * {@code @Import} for every input name the plan's resources use, the top-level fields of the
 * Kubernetes kinds this project creates ({@code KubernetesInputs.FIELDS}) and the inputs of its AWS
 * resources ({@code ArtifactBucketInputs}, {@code WorkflowRoleInputs}) and of its generated
 * password ({@code RandomPasswordInputs}). An input without a field is refused rather than silently
 * dropped; a field left unset, or whose value resolves to null, is not sent.
 */
final class ResourceInputs extends ResourceArgs {

  @Import(name = "apiVersion")
  private @Nullable Output<?> apiVersion;

  @Import(name = "assumeRolePolicy")
  private @Nullable Output<?> assumeRolePolicy;

  @Import(name = "blockPublicAcls")
  private @Nullable Output<?> blockPublicAcls;

  @Import(name = "blockPublicPolicy")
  private @Nullable Output<?> blockPublicPolicy;

  @Import(name = "bucket")
  private @Nullable Output<?> bucket;

  @Import(name = "clusterName")
  private @Nullable Output<?> clusterName;

  @Import(name = "data")
  private @Nullable Output<?> data;

  @Import(name = "description")
  private @Nullable Output<?> description;

  @Import(name = "forceDestroy")
  private @Nullable Output<?> forceDestroy;

  @Import(name = "ignorePublicAcls")
  private @Nullable Output<?> ignorePublicAcls;

  @Import(name = "immutable")
  private @Nullable Output<?> immutable;

  @Import(name = "kind")
  private @Nullable Output<?> kind;

  @Import(name = "length")
  private @Nullable Output<?> length;

  @Import(name = "metadata")
  private @Nullable Output<?> metadata;

  @Import(name = "namespace")
  private @Nullable Output<?> namespace;

  @Import(name = "policy")
  private @Nullable Output<?> policy;

  @Import(name = "policyArn")
  private @Nullable Output<?> policyArn;

  @Import(name = "restrictPublicBuckets")
  private @Nullable Output<?> restrictPublicBuckets;

  @Import(name = "role")
  private @Nullable Output<?> role;

  @Import(name = "roleArn")
  private @Nullable Output<?> roleArn;

  @Import(name = "roleRef")
  private @Nullable Output<?> roleRef;

  @Import(name = "rules")
  private @Nullable Output<?> rules;

  @Import(name = "serviceAccount")
  private @Nullable Output<?> serviceAccount;

  @Import(name = "spec")
  private @Nullable Output<?> spec;

  @Import(name = "special")
  private @Nullable Output<?> special;

  @Import(name = "stringData")
  private @Nullable Output<?> stringData;

  @Import(name = "subjects")
  private @Nullable Output<?> subjects;

  @Import(name = "type")
  private @Nullable Output<?> type;

  @Import(name = "versioningConfiguration")
  private @Nullable Output<?> versioningConfiguration;

  /**
   * Sets the inputs.
   *
   * @param inputs the inputs by name; a value may be an {@code Output}
   * @throws IllegalArgumentException naming an input this class has no field for
   */
  ResourceInputs(Map<String, ?> inputs) {
    inputs.forEach(
        (key, value) -> {
          try {
            Field field = ResourceInputs.class.getDeclaredField(key);
            field.set(this, value instanceof Output<?> output ? output : Output.of(value));
          } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(
                "ResourceInputs has no input " + key + "; add an @Import for it", e);
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
