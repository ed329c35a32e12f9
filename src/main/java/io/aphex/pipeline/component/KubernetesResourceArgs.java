package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The inputs of a {@link KubernetesResource}: apiVersion, kind, metadata and the top-level fields
 * of the kinds this project creates. Fields the object does not have resolve to null and are not
 * sent.
 */
final class KubernetesResourceArgs extends ResourceArgs {

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
      @Nullable Output<Map<String, String>> secretStringData) {
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
            : secretStringData.applyValue(d -> d);
    this.type = field(object, "type");
    this.immutable = field(object, "immutable");
  }

  static KubernetesResourceArgs of(
      String apiVersion,
      String kind,
      Output<KubernetesObject> object,
      @Nullable Output<Map<String, String>> secretStringData) {
    Output<KubernetesObject> checked =
        object.applyValue(
            o -> {
              if (!o.apiVersion().equals(apiVersion) || !o.kind().equals(kind)) {
                throw new IllegalArgumentException(
                    "object " + o.id() + " is not a " + apiVersion + " " + kind);
              }
              return o;
            });
    return new KubernetesResourceArgs(apiVersion, kind, checked, secretStringData);
  }

  private static Output<Object> field(Output<KubernetesObject> object, String name) {
    return object.applyValue(o -> o.body().get(name));
  }
}
