package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.plan.KubernetesInputs;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * The inputs of a {@link KubernetesResource}: apiVersion, kind, metadata and the top-level fields
 * of the kinds this project creates ({@link KubernetesInputs#FIELDS}, one {@code @Import} each).
 * Fields the object does not have resolve to null and are not sent; a field outside them is refused
 * rather than silently dropped ({@link KubernetesInputs#requireSendable}).
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

  /**
   * The inputs of an object.
   *
   * @param apiVersion the object's apiVersion, known before the object
   * @param kind the object's kind, known before the object
   * @param object the object; a different apiVersion or kind, or a field that would not be sent,
   *     fails the deployment
   * @param secretStringData the {@code stringData} values, each made a secret; null to send the
   *     object's own
   */
  KubernetesResourceArgs(
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
              KubernetesInputs.requireSendable(o);
              return o;
            });
    this.apiVersion = Output.of(apiVersion);
    this.kind = Output.of(kind);
    this.metadata = checked.applyValue(o -> o.metadata().toMap());
    this.spec = field(checked, "spec");
    this.rules = field(checked, "rules");
    this.roleRef = field(checked, "roleRef");
    this.subjects = field(checked, "subjects");
    this.data = field(checked, "data");
    this.stringData =
        secretStringData == null
            ? field(checked, "stringData")
            : Output.of(secrets(secretStringData));
    this.type = field(checked, "type");
    this.immutable = field(checked, "immutable");
  }

  /** Each value a secret of its own, in key order, so that the map's keys stay readable. */
  private static Object secrets(Map<String, Output<String>> values) {
    Map<String, Output<String>> out = new TreeMap<>();
    values.forEach((key, value) -> out.put(key, value.asSecret()));
    return out;
  }

  private static Output<Object> field(Output<KubernetesObject> object, String name) {
    return object.applyValue(o -> o.body().get(name));
  }
}
