package io.aphex.pipeline.argo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.ObjectMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * The pipeline's targets: a ConfigMap beside the WorkflowTemplate that holds what each environment
 * deploys, so that the template carries only the environment's name per task and stays small at any
 * number of environments. The stage pods read their keys through {@code configMapKeyRef} ({@code
 * <env>.region}, ...) and the {@code validate} stage mounts the whole map.
 *
 * <p>The name ends in a hash of the content ({@code <template>-targets-<hash>}) and the map is
 * {@code immutable}: a change of the pipeline config creates a new ConfigMap and points the
 * template at it, while a workflow that is already running (Argo keeps the template it started
 * with) still reads the one it started with. The component therefore keeps replaced ConfigMaps
 * instead of deleting them; they are labelled {@code app.kubernetes.io/component=pipeline-targets},
 * and every workflow's exit handler ({@link TargetsCleanup}) deletes those no workflow can read any
 * more.
 *
 * <p>Keys per environment, all plain text that no one substitutes:
 *
 * <ul>
 *   <li>{@code <env>.region}, {@code <env>.account};
 *   <li>{@code <env>.stacks}: the deployment levels as JSON, <code>
 *       [[{"name":"Network","engine":"cdk","path":"lib/network.ts"}],[...]]</code>;
 *   <li>{@code <env>.tests}: the test commands as a JSON array, only when there are some;
 *   <li>{@code <env>.deploy-role}: the {@code deployRoleArn}, only when set;
 *   <li>{@code <env>.check-role}: the role the {@code validate} stage assumes to check the
 *       environment's credentials: the {@code deployRoleArn}, or the CDK bootstrap deploy role of
 *       the account and region.
 * </ul>
 *
 * and {@value #ENVIRONMENTS_KEY}: the environment names in file order, separated by spaces, and
 * {@value #BUILD_COMMANDS_KEY}: the build commands as a JSON array. No key of an environment can
 * collide with these two, since every environment key has a dot.
 *
 * <p>User commands live here rather than in the template because Argo evaluates every <code>
 * {{...}}</code> of a template and never looks into a ConfigMap: a command such as <code>
 * docker ps --format '{{.Names}}'</code> reaches the shell as written.
 */
public final class PipelineTargets {

  /** The key listing the environments. */
  public static final String ENVIRONMENTS_KEY = "environments";

  /** The key holding the build commands. */
  public static final String BUILD_COMMANDS_KEY = "build-commands";

  /** The {@code app.kubernetes.io/component} label of every targets ConfigMap. */
  public static final String COMPONENT = "pipeline-targets";

  /**
   * The most data a targets ConfigMap may hold: Kubernetes refuses objects over 1 MiB, and the
   * metadata needs some room.
   */
  public static final int MAX_DATA_BYTES = 1_000_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private PipelineTargets() {}

  /**
   * Returns the ConfigMap data.
   *
   * @param config the pipeline config
   * @return the keys described above: the environments, the build commands, then each environment's
   *     keys in file order
   */
  public static Map<String, String> data(PipelineConfig config) {
    return computed(config).data();
  }

  /**
   * The data, its size and its hash, computed once per config: a render and a deployment ask for
   * them several times (the name in the WorkflowTemplate, the ConfigMap, the size rules), and with
   * many environments each computation serializes and hashes every target.
   */
  private record Computed(
      PipelineConfig config, Map<String, String> data, int bytes, String hash) {}

  private static volatile @Nullable Computed last;

  private static Computed computed(PipelineConfig config) {
    Computed known = last;
    if (known != null && known.config() == config) {
      return known;
    }
    Map<String, String> data = Collections.unmodifiableMap(compute(config));
    Computed computed = new Computed(config, data, size(data), hash(data));
    last = computed;
    return computed;
  }

  private static Map<String, String> compute(PipelineConfig config) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(
        ENVIRONMENTS_KEY,
        config.environments().stream()
            .map(EnvironmentConfig::name)
            .collect(Collectors.joining(" ")));
    data.put(BUILD_COMMANDS_KEY, json(config.buildCommands()));
    for (EnvironmentConfig environment : config.environments()) {
      String prefix = environment.name() + ".";
      data.put(prefix + "region", environment.region());
      data.put(prefix + "account", environment.account());
      data.put(prefix + "stacks", json(levels(environment)));
      if (environment.hasTests()) {
        data.put(prefix + "tests", json(environment.testCommands()));
      }
      environment.deployRoleArn().ifPresent(role -> data.put(prefix + "deploy-role", role));
      data.put(
          prefix + "check-role",
          environment
              .deployRoleArn()
              .orElseGet(
                  () ->
                      WorkflowPolicies.cdkDeployRoleArn(
                          environment.account(), environment.region())));
    }
    return data;
  }

  /**
   * Returns the size of the data: the UTF-8 bytes of its keys and values.
   *
   * @param config the pipeline config
   * @return the size; at most {@link #MAX_DATA_BYTES} for a ConfigMap Kubernetes accepts
   */
  public static int dataBytes(PipelineConfig config) {
    return computed(config).bytes();
  }

  /**
   * Returns the ConfigMap's name, which changes whenever its data does.
   *
   * @param workflowTemplateName the WorkflowTemplate name
   * @param config the pipeline config
   * @return {@code <workflowTemplateName>-targets-<first 10 hex digits of the data's SHA-256>}
   */
  public static String configMapName(String workflowTemplateName, PipelineConfig config) {
    return namePrefix(workflowTemplateName) + computed(config).hash();
  }

  /**
   * The start of every targets ConfigMap name of a pipeline.
   *
   * @param workflowTemplateName the WorkflowTemplate name
   * @return {@code <workflowTemplateName>-targets-}
   */
  public static String namePrefix(String workflowTemplateName) {
    return workflowTemplateName + "-targets-";
  }

  /**
   * The labels of every targets ConfigMap of a pipeline: the WorkflowTemplate's, with {@code
   * app.kubernetes.io/component} {@value #COMPONENT}.
   *
   * @param settings the WorkflowTemplate settings
   * @return the labels, in order
   */
  public static Map<String, String> labels(WorkflowTemplateSettings settings) {
    Map<String, String> labels = new LinkedHashMap<>(settings.labels());
    labels.put("app.kubernetes.io/component", COMPONENT);
    return labels;
  }

  /**
   * The label selector that finds every targets ConfigMap of a pipeline, and nothing else.
   *
   * @param settings the WorkflowTemplate settings
   * @return e.g. {@code app.kubernetes.io/name=aphex-pipeline-template,...}
   */
  public static String selector(WorkflowTemplateSettings settings) {
    return labels(settings).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /**
   * Builds the ConfigMap.
   *
   * @param settings the WorkflowTemplate settings (name, namespace, labels)
   * @param config the pipeline config
   * @return an immutable ConfigMap named by {@link #configMapName}
   * @throws IllegalArgumentException when the data exceeds {@link #MAX_DATA_BYTES}
   */
  public static KubernetesObject configMap(
      WorkflowTemplateSettings settings, PipelineConfig config) {
    Computed computed = computed(config);
    int bytes = computed.bytes();
    if (bytes > MAX_DATA_BYTES) {
      throw new IllegalArgumentException(
          "the pipeline's targets take "
              + bytes
              + " bytes, more than the "
              + MAX_DATA_BYTES
              + " a Kubernetes ConfigMap can hold; split the environments over several pipelines");
    }
    return new KubernetesObject(
        "v1",
        "ConfigMap",
        ObjectMetadata.of(
            configMapName(settings.name(), config), settings.namespace(), labels(settings)),
        Map.of("immutable", true, "data", computed.data()));
  }

  /** The stacks of each level as {@code {name, engine, path}}, levels in deployment order. */
  private static List<List<Map<String, String>>> levels(EnvironmentConfig environment) {
    Map<String, StackDefinition> byName =
        environment.stacks().stream()
            .collect(Collectors.toMap(StackDefinition::name, Function.identity()));
    return environment.stackLevels().stream()
        .map(level -> level.stream().map(name -> stack(byName.get(name))).toList())
        .toList();
  }

  private static Map<String, String> stack(StackDefinition stack) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("name", stack.name());
    out.put("engine", stack.engine().key());
    out.put("path", stack.path());
    return out;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("lists and maps of strings are always serializable", e);
    }
  }

  private static int size(Map<String, String> data) {
    return data.entrySet().stream()
        .mapToInt(e -> utf8(e.getKey()).length + utf8(e.getValue()).length)
        .sum();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String hash(Map<String, String> data) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> entry : data.entrySet()) {
        sha256.update(utf8(entry.getKey()));
        sha256.update((byte) 0);
        sha256.update(utf8(entry.getValue()));
        sha256.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha256.digest()).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
