package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.plan.KubernetesInputs;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The inputs of a {@link KubernetesResource}: apiVersion, kind, metadata and the top-level fields
 * of the kinds this project creates ({@link #FIELDS}). Fields the object does not have resolve to
 * null and are not sent; a field outside {@link #FIELDS} is refused rather than silently dropped.
 */
final class KubernetesResourceArgs extends ResourceArgs {

  /** The top-level fields besides apiVersion, kind and metadata that reach the provider. */
  static final Set<String> FIELDS = KubernetesInputs.FIELDS;

  @Import(name = "apiVersion", required = true)
  private final Output<String> apiVersion;

  @Import(name = "kind", required = true)
  private final Output<String> kind;

  @Import(name = "metadata", required = true)
  private final Output<Object> metadata;

  @Import(name = "spec")
  private final @Nullable Output<Object> spec;

  @Import(name = "rules")
  private final @Nullable Output<Object> rules;

  @Import(name = "roleRef")
  private final @Nullable Output<Object> roleRef;

  @Import(name = "subjects")
  private final @Nullable Output<Object> subjects;

  @Import(name = "data")
  private final @Nullable Output<Object> data;

  @Import(name = "stringData")
  private final @Nullable Output<Object> stringData;

  @Import(name = "type")
  private final @Nullable Output<Object> type;

  @Import(name = "immutable")
  private final @Nullable Output<Object> immutable;

  private KubernetesResourceArgs(
      String apiVersion,
      String kind,
      Output<KubernetesObject> object,
      @Nullable Map<String, Output<String>> secretStringData) {
    this.apiVersion = Output.of(apiVersion);
    this.kind = Output.of(kind);
    this.metadata = object.applyValue(o -> o.metadata().toMap());
    this.spec = field(object, "spec");
    this.rules = field(object, "rules");
    this.roleRef = field(object, "roleRef");
    this.subjects = field(object, "subjects");
    this.data = field(object, "data");
    this.stringData =
        secretStringData == null
            ? field(object, "stringData")
            : Output.of(secrets(secretStringData));
    this.type = field(object, "type");
    this.immutable = field(object, "immutable");
  }

  static KubernetesResourceArgs of(
      String apiVersion,
      String kind,
      Output<KubernetesObject> object,
      @Nullable Map<String, Output<String>> secretStringData) {
    Output<KubernetesObject> checked =
        object.applyValue(
            o -> {
              if (!o.apiVersion().equals(apiVersion) || !o.kind().equals(kind)) {
                throw new IllegalArgumentException(
                    "object " + o.id() + " is not a " + apiVersion + " " + kind);
              }
              requireSendable(o);
              return o;
            });
    return new KubernetesResourceArgs(apiVersion, kind, checked, secretStringData);
  }

  /**
   * Refuses an object with a top-level field this class would not send, which the provider would
   * then never see.
   *
   * @param object the object
   * @throws IllegalArgumentException naming the fields outside {@link #FIELDS}
   */
  static void requireSendable(KubernetesObject object) {
    KubernetesInputs.requireSendable(object);
  }

  /** Each value a secret of its own, in key order, so that the map's keys stay readable. */
  private static Object secrets(Map<String, Output<String>> values) {
    Map<String, Output<String>> out = new java.util.TreeMap<>();
    values.forEach((key, value) -> out.put(key, value.asSecret()));
    return out;
  }

  private static Output<Object> field(Output<KubernetesObject> object, String name) {
    return object.applyValue(o -> o.body().get(name));
  }
}
