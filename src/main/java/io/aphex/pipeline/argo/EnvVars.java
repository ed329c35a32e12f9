package io.aphex.pipeline.argo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a container's {@code env} list, in the order the variables are added. */
final class EnvVars {

  private final List<Map<String, Object>> vars = new ArrayList<>();

  /**
   * Adds a variable with a fixed value that must not be rewritten by Argo or Kubernetes.
   *
   * @param name the variable name
   * @param value the value; checked with {@link InertText#requireInert}
   * @return this builder
   */
  EnvVars literal(String name, String value) {
    return add(name, InertText.requireInert("env " + name, value));
  }

  /**
   * Adds a variable whose value is an Argo expression, resolved when the stage runs.
   *
   * @param name the variable name
   * @param scope {@code workflow} or {@code inputs}
   * @param parameter the parameter name, e.g. {@code commit-sha}
   * @return this builder
   */
  EnvVars parameter(String name, String scope, String parameter) {
    return add(name, "{{" + scope + ".parameters." + parameter + "}}");
  }

  /**
   * Adds a variable whose value is one of Argo's workflow variables, e.g. <code>{{workflow.name}}
   * </code>.
   *
   * @param name the variable name
   * @param variable {@code name}, or {@code status} (in an exit handler)
   * @return this builder
   */
  EnvVars workflow(String name, String variable) {
    return add(name, "{{workflow." + variable + "}}");
  }

  /**
   * Adds a variable read from a key of a Kubernetes Secret in the pod's namespace.
   *
   * @param name the variable name
   * @param secretName the Secret name
   * @param key the key within the Secret
   * @return this builder
   */
  EnvVars secret(String name, String secretName, String key) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", InertText.requireInert("secret of env " + name, secretName));
    ref.put("key", key);
    return valueFrom(name, "secretKeyRef", ref);
  }

  /**
   * Adds a variable read from a key of a Kubernetes Secret that may be missing: the pod then starts
   * with the variable unset, instead of failing to start.
   *
   * @param name the variable name
   * @param secretName the Secret name
   * @param key the key within the Secret
   * @return this builder
   */
  EnvVars optionalSecret(String name, String secretName, String key) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", InertText.requireInert("secret of env " + name, secretName));
    ref.put("key", key);
    ref.put("optional", true);
    return valueFrom(name, "secretKeyRef", ref);
  }

  /**
   * Adds a variable read from the running environment's key of the pipeline's targets ConfigMap
   * ({@link PipelineTargets}): <code>{{inputs.parameters.environment}}.&lt;suffix&gt;</code>, which
   * Argo completes when the stage runs.
   *
   * @param name the variable name
   * @param configMap the targets ConfigMap name
   * @param suffix the key after the environment name, e.g. {@code region}
   * @param optional whether an environment may lack the key; the variable is then unset
   * @return this builder
   */
  EnvVars target(String name, String configMap, String suffix, boolean optional) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", configMap);
    ref.put("key", "{{inputs.parameters.environment}}." + suffix);
    if (optional) {
      ref.put("optional", true);
    }
    return valueFrom(name, "configMapKeyRef", ref);
  }

  /**
   * Adds a variable read from a fixed key of a ConfigMap in the pod's namespace.
   *
   * @param name the variable name
   * @param configMap the ConfigMap name
   * @param key the key, e.g. {@value PipelineTargets#BUILD_COMMANDS_KEY}
   * @return this builder
   */
  EnvVars configMap(String name, String configMap, String key) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", configMap);
    ref.put("key", key);
    return valueFrom(name, "configMapKeyRef", ref);
  }

  private EnvVars valueFrom(String name, String source, Map<String, Object> ref) {
    Map<String, Object> var = new LinkedHashMap<>();
    var.put("name", name);
    var.put("valueFrom", Map.of(source, ref));
    vars.add(var);
    return this;
  }

  /**
   * Returns the variables as they appear in a container spec.
   *
   * @return a new list of {@code {name, value}} or {@code {name, valueFrom}} maps
   */
  List<Map<String, Object>> toList() {
    return new ArrayList<>(vars);
  }

  private EnvVars add(String name, String value) {
    Map<String, Object> var = new LinkedHashMap<>();
    var.put("name", name);
    var.put("value", value);
    vars.add(var);
    return this;
  }
}
