package io.aphex.pipeline.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackConfigSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * How the webhook of the GitHub EventSource is exposed: the Kubernetes Service in front of the
 * EventSource pods. Unvalidated as given; see {@link #validate(WebhookServiceSettings)}, or {@link
 * #fromJson} for the stack config value.
 *
 * @param enabled whether the Service is created at all; default {@code true}. Without it the
 *     webhook has to be exposed some other way (an Ingress, a tunnel).
 * @param type the Service type; default {@link Type#LOAD_BALANCER}
 * @param port the Service port; default {@value #DEFAULT_PORT}. The pods always listen on {@value
 *     GithubEventSource#LISTEN_PORT}, which stays the Service's {@code targetPort}.
 * @param nodePort the node port of a {@link Type#NODE_PORT} Service, from {@value #MIN_NODE_PORT}
 *     to {@value #MAX_NODE_PORT}; default: empty, meaning Kubernetes picks one. Only allowed with
 *     that type.
 * @param annotations the user's Service annotations, in order; default: none. They are merged over
 *     the default {@value #LOAD_BALANCER_TYPE_ANNOTATION}: {@value #DEFAULT_LOAD_BALANCER_TYPE} of
 *     a LoadBalancer Service (see {@link #serviceAnnotations()}), so that default stays unless the
 *     same key is set.
 * @param labels the user's extra Service labels, in order; default: none. They are added after the
 *     {@code app.kubernetes.io/*} labels that aphex-pipeline manages, which they may not set.
 */
public record WebhookServiceSettings(
    boolean enabled,
    WebhookServiceSettings.Type type,
    int port,
    Optional<Integer> nodePort,
    Map<String, String> annotations,
    Map<String, String> labels) {

  /** The stack config key, and the prefix of every problem location. */
  public static final String CONFIG_KEY = "webhookService";

  /** The default {@code port}. */
  public static final int DEFAULT_PORT = 12000;

  /** The lowest {@code nodePort} (the Kubernetes default {@code service-node-port-range}). */
  public static final int MIN_NODE_PORT = 30000;

  /** The highest {@code nodePort} (the Kubernetes default {@code service-node-port-range}). */
  public static final int MAX_NODE_PORT = 32767;

  /**
   * Kubernetes' limit on the annotations of one object, keys and values together
   * (k8s.io/apimachinery pkg/api/validation/objectmeta.go, TotalAnnotationSizeLimitB), which a JSON
   * Schema cannot state.
   */
  public static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

  /** The annotation that makes the AWS cloud provider create a Network Load Balancer. */
  public static final String LOAD_BALANCER_TYPE_ANNOTATION =
      "service.beta.kubernetes.io/aws-load-balancer-type";

  /** The default value of {@value #LOAD_BALANCER_TYPE_ANNOTATION} on a LoadBalancer Service. */
  public static final String DEFAULT_LOAD_BALANCER_TYPE = "nlb";

  /** The Service types this component creates. */
  public enum Type {
    /** A cloud load balancer (on EKS a Network Load Balancer) that GitHub can reach. */
    LOAD_BALANCER("LoadBalancer"),
    /** A port on every node; reachable from GitHub only if the nodes are. */
    NODE_PORT("NodePort"),
    /** An address inside the cluster only; GitHub needs an ingress or tunnel in front of it. */
    CLUSTER_IP("ClusterIP");

    private final String kubernetesName;

    Type(String kubernetesName) {
      this.kubernetesName = kubernetesName;
    }

    /**
     * Returns the name Kubernetes uses in {@code spec.type}, which is also the name in stack config
     * (Jackson binds and writes the type by it).
     *
     * @return {@code LoadBalancer}, {@code NodePort} or {@code ClusterIP}
     */
    @JsonValue
    public String kubernetesName() {
      return kubernetesName;
    }
  }

  /** Creates the settings; the maps are copied, keeping their order, and may hold no nulls. */
  public WebhookServiceSettings {
    requireNonNull(type, "type");
    requireNonNull(nodePort, "nodePort");
    annotations = copy(annotations, "annotations");
    labels = copy(labels, "labels");
  }

  /**
   * Returns the defaults: enabled, a LoadBalancer Service on port {@value #DEFAULT_PORT}, no node
   * port, and no user annotations or labels (the Service still gets {@value
   * #LOAD_BALANCER_TYPE_ANNOTATION}: {@value #DEFAULT_LOAD_BALANCER_TYPE}).
   *
   * @return the default settings
   */
  public static WebhookServiceSettings defaults() {
    return new WebhookServiceSettings(
        true, Type.LOAD_BALANCER, DEFAULT_PORT, Optional.empty(), Map.of(), Map.of());
  }

  /**
   * Returns a copy that creates the Service or not.
   *
   * @param value whether the Service is created
   * @return the changed settings
   */
  public WebhookServiceSettings withEnabled(boolean value) {
    return new WebhookServiceSettings(value, type, port, nodePort, annotations, labels);
  }

  /**
   * Returns a copy with another Service type.
   *
   * @param value the Service type
   * @return the changed settings
   */
  public WebhookServiceSettings withType(Type value) {
    return new WebhookServiceSettings(enabled, value, port, nodePort, annotations, labels);
  }

  /**
   * Returns a copy with another Service port.
   *
   * @param value the Service port
   * @return the changed settings
   */
  public WebhookServiceSettings withPort(int value) {
    return new WebhookServiceSettings(enabled, type, value, nodePort, annotations, labels);
  }

  /**
   * Returns a copy with a fixed node port.
   *
   * @param value the node port
   * @return the changed settings
   */
  public WebhookServiceSettings withNodePort(int value) {
    return new WebhookServiceSettings(enabled, type, port, Optional.of(value), annotations, labels);
  }

  /**
   * Returns a copy with other user annotations.
   *
   * @param value the annotations, in order
   * @return the changed settings
   */
  public WebhookServiceSettings withAnnotations(Map<String, String> value) {
    return new WebhookServiceSettings(enabled, type, port, nodePort, value, labels);
  }

  /**
   * Returns a copy with other user labels.
   *
   * @param value the labels, in order
   * @return the changed settings
   */
  public WebhookServiceSettings withLabels(Map<String, String> value) {
    return new WebhookServiceSettings(enabled, type, port, nodePort, annotations, value);
  }

  /**
   * Returns the annotations the Service gets: for a LoadBalancer, {@value
   * #LOAD_BALANCER_TYPE_ANNOTATION}: {@value #DEFAULT_LOAD_BALANCER_TYPE} first, then the user's
   * annotations (a user value for the same key replaces the default in place); for the other types,
   * the user's annotations only.
   *
   * @return an ordered, unmodifiable map
   */
  public Map<String, String> serviceAnnotations() {
    Map<String, String> out = new LinkedHashMap<>();
    if (type == Type.LOAD_BALANCER) {
      out.put(LOAD_BALANCER_TYPE_ANNOTATION, DEFAULT_LOAD_BALANCER_TYPE);
    }
    out.putAll(annotations);
    return Collections.unmodifiableMap(out);
  }

  /**
   * Checks the settings against the stack-config schema's rules of {@value #CONFIG_KEY}, for
   * settings made in code as well: the port is 1 to 65535; a node port is {@value #MIN_NODE_PORT}
   * to {@value #MAX_NODE_PORT} and only set with type NodePort; label keys and annotation keys are
   * Kubernetes qualified names; label values are at most 63 letters, digits, '-', '_' and '.',
   * starting and ending with a letter or digit (or empty); and no label key is one that
   * aphex-pipeline manages ({@code app.kubernetes.io/name}, {@code component}, {@code part-of},
   * {@code managed-by}, {@code instance}); annotation keys are qualified names and annotation
   * values hold no control character (but tab and line feed) nor lone surrogate. What a schema
   * cannot say is checked here: the annotations, keys and values together, are at most {@value
   * #MAX_ANNOTATIONS_BYTES} bytes of UTF-8. Disabled settings are checked all the same.
   *
   * @param settings the settings to check
   * @return every problem found, located at {@code webhookService.port}, {@code
   *     webhookService.nodePort}, {@code webhookService.labels.<key>} or {@code
   *     webhookService.annotations.<key>}; empty when the settings are valid
   */
  public static List<Problem> validate(WebhookServiceSettings settings) {
    List<Problem> problems = new ArrayList<>(StackConfigSchema.checkSetting(CONFIG_KEY, settings));
    long total =
        settings.annotations().entrySet().stream()
            .mapToLong(e -> utf8Length(e.getKey()) + utf8Length(e.getValue()))
            .sum();
    if (total > MAX_ANNOTATIONS_BYTES) {
      problems.add(
          new Problem(
              CONFIG_KEY + ".annotations",
              total + " bytes",
              "are more than Kubernetes allows in the annotations of one object ("
                  + MAX_ANNOTATIONS_BYTES
                  + " bytes, keys and values together)",
              "shorten the annotations; large data belongs in a ConfigMap"));
    }
    return problems;
  }

  private static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Binds the JSON object of the stack config key {@value #CONFIG_KEY}, as checked by the published
   * stack-config schema: every field is optional, and a missing or null field takes its default
   * (see {@link #defaults()}). Annotation and label values that are whole numbers or booleans are
   * taken as their text, because {@code pulumi config set --path} stores {@code 2} and {@code true}
   * as such.
   *
   * @param enabled or null for true
   * @param type bound by its Kubernetes name, or null for {@code LoadBalancer}
   * @param port or null for {@value #DEFAULT_PORT}
   * @param nodePort or null for none
   * @param annotations or null for none
   * @param labels or null for none
   * @return the settings, not yet validated (see {@link #validate(WebhookServiceSettings)})
   */
  @JsonCreator
  public static WebhookServiceSettings fromJson(
      @JsonProperty("enabled") @Nullable Boolean enabled,
      @JsonProperty("type") @Nullable Type type,
      @JsonProperty("port") @Nullable Integer port,
      @JsonProperty("nodePort") @Nullable Integer nodePort,
      @JsonProperty("annotations") @Nullable Map<String, Object> annotations,
      @JsonProperty("labels") @Nullable Map<String, Object> labels) {
    return new WebhookServiceSettings(
        enabled == null || enabled,
        type == null ? Type.LOAD_BALANCER : type,
        port == null ? DEFAULT_PORT : port,
        Optional.ofNullable(nodePort),
        texts(annotations),
        texts(labels));
  }

  private static Map<String, String> texts(@Nullable Map<String, Object> map) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((key, value) -> out.put(key, String.valueOf(value)));
    }
    return out;
  }

  private static Map<String, String> copy(Map<String, String> map, String what) {
    requireNonNull(map, what);
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach(
        (key, value) ->
            out.put(requireNonNull(key, what + " key"), requireNonNull(value, what + " value")));
    return Collections.unmodifiableMap(out);
  }
}
