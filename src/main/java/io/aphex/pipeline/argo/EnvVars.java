package io.aphex.pipeline.argo;

import java.util.ArrayList;
import java.util.HashMap;
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
   * Adds {@code COMMIT_SHA} and {@code REPO_URL} from the workflow parameters: what every stage
   * that clones the repository reads.
   *
   * @return this builder
   */
  EnvVars checkout() {
    return parameter("COMMIT_SHA", "workflow", "commit-sha")
        .parameter("REPO_URL", "workflow", "repo-url");
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
   * @param optional whether the Secret may be missing: the pod then starts with the variable unset,
   *     instead of failing to start
   * @return this builder
   */
  EnvVars secret(String name, String secretName, String key, boolean optional) {
    String checked = InertText.requireInert("secret of env " + name, secretName);
    return valueFrom(name, "secretKeyRef", checked, key, optional);
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
    return configMap(name, configMap, "{{inputs.parameters.environment}}." + suffix, optional);
  }

  /**
   * Adds a variable read from a key of a ConfigMap in the pod's namespace.
   *
   * @param name the variable name
   * @param configMap the ConfigMap name
   * @param key the key, e.g. {@value PipelineTargets#BUILD_COMMANDS_KEY}
   * @param optional whether the key may be missing; the variable is then unset
   * @return this builder
   */
  EnvVars configMap(String name, String configMap, String key, boolean optional) {
    return valueFrom(name, "configMapKeyRef", configMap, key, optional);
  }

  private EnvVars valueFrom(
      String name, String source, String object, String key, boolean optional) {
    Map<String, Object> ref = new HashMap<>(Map.of("name", object, "key", key));
    if (optional) {
      ref.put("optional", true);
    }
    vars.add(Map.of("name", name, "valueFrom", Map.of(source, ref)));
    return this;
  }

  /**
   * Returns the variables as they appear in a container spec.
   *
   * @return a new list of {@code {name, value}} or {@code {name, valueFrom}} maps
   */
  List<Map<String, Object>> toList() {
    return List.copyOf(vars);
  }

  private EnvVars add(String name, String value) {
    vars.add(Map.of("name", name, "value", value));
    return this;
  }
}
