package io.aphex.pipeline.events;

import static io.aphex.pipeline.events.WebhookServiceSettings.CONFIG_KEY;

import io.aphex.pipeline.config.NameRules;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackConfigSchema;
import io.aphex.pipeline.config.StrictUtf8;
import io.aphex.pipeline.config.StructuredConfigValues;
import io.aphex.pipeline.kubernetes.StandardLabels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The validation rules of {@link WebhookServiceSettings}. */
final class WebhookServiceRules {

  /** The keys of {@link StandardLabels}, taken from it so the two cannot drift apart. */
  static final Set<String> MANAGED_LABEL_KEYS =
      Collections.unmodifiableSet(new LinkedHashSet<>(StandardLabels.of("n", "c", "i").keySet()));

  /**
   * Kubernetes' limit on the annotations of one object, keys and values together
   * (k8s.io/apimachinery pkg/api/validation/objectmeta.go, TotalAnnotationSizeLimitB).
   */
  static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

  /** The name part of a qualified name, and a non-empty label value. */
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private WebhookServiceRules() {}

  /**
   * Checks the settings.
   *
   * @param settings the settings
   */
  static List<Problem> check(WebhookServiceSettings settings) {
    // The port ranges are the stack-config schema's, for settings made in code as well.
    List<Problem> problems = new ArrayList<>(StackConfigSchema.checkSetting(CONFIG_KEY, settings));
    settings
        .nodePort()
        .ifPresent(
            nodePort -> {
              if (settings.type() != WebhookServiceSettings.Type.NODE_PORT) {
                problems.add(
                    new Problem(
                        CONFIG_KEY + ".nodePort",
                        Integer.toString(nodePort),
                        "is only used by a NodePort Service, but "
                            + CONFIG_KEY
                            + ".type is "
                            + settings.type().kubernetesName(),
                        "set the type (pulumi config set --path "
                            + CONFIG_KEY
                            + ".type NodePort) or remove the node port (pulumi config rm --path "
                            + CONFIG_KEY
                            + ".nodePort)"));
              }
            });
    settings.labels().forEach((key, value) -> label(key, value, problems));
    settings
        .annotations()
        .forEach(
            (key, value) ->
                qualifiedName(key, "annotation key")
                    .ifPresent(
                        rule ->
                            problems.add(
                                new Problem(
                                    CONFIG_KEY + ".annotations." + key,
                                    key,
                                    rule,
                                    "rename the annotation, e.g."
                                        + " 'service.beta.kubernetes.io/aws-load-balancer-scheme'"))));
    settings.annotations().forEach((key, value) -> annotationValue(key, value, problems));
    long total =
        settings.annotations().entrySet().stream()
            .mapToLong(
                e ->
                    e.getKey().getBytes(StandardCharsets.UTF_8).length
                        + (long) e.getValue().getBytes(StandardCharsets.UTF_8).length)
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

  /**
   * An annotation value may hold any text, but not a NUL or other control character (other than tab
   * and line breaks), which YAML writes as {@code !!binary} and kubectl refuses, nor half a
   * character.
   */
  private static void annotationValue(String key, String value, List<Problem> problems) {
    boolean control =
        value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n');
    if (control || StrictUtf8.loneSurrogate(value) >= 0) {
      problems.add(
          new Problem(
              CONFIG_KEY + ".annotations." + key,
              value,
              control
                  ? "holds a control character such as NUL, which an annotation cannot carry"
                  : "holds a lone UTF-16 surrogate, half of a character",
              "remove it: pulumi config set --path "
                  + StructuredConfigValues.path(CONFIG_KEY, List.of("annotations", key))
                  + " <text>"));
    }
  }

  private static void label(String key, String value, List<Problem> problems) {
    String location = CONFIG_KEY + ".labels." + key;
    Optional<String> badKey = qualifiedName(key, "label key");
    if (badKey.isPresent()) {
      problems.add(
          new Problem(
              location, key, badKey.get(), "rename the label, e.g. 'team' or 'example.com/team'"));
    } else if (MANAGED_LABEL_KEYS.contains(key)) {
      problems.add(
          new Problem(
              location,
              key,
              "is a label that aphex-pipeline sets itself on every object it creates ("
                  + String.join(", ", MANAGED_LABEL_KEYS)
                  + ")",
              "remove it (pulumi config rm --path "
                  + StructuredConfigValues.path(CONFIG_KEY, List.of("labels", key))
                  + ") and use a key of your own, e.g. 'team'"));
    }
    labelValue(value)
        .ifPresent(
            rule ->
                problems.add(
                    new Problem(
                        location,
                        value,
                        rule,
                        "use a value such as 'platform-team'; free text belongs in an"
                            + " annotation")));
  }

  /**
   * Checks a label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of
   * at most 63 characters.
   */
  static Optional<String> qualifiedName(String key, String what) {
    String rule =
        "is not a valid "
            + what
            + " (an optional DNS subdomain prefix and '/', then a name of at most 63 letters,"
            + " digits, '-', '_' and '.', starting and ending with a letter or digit)";
    String[] parts = key.split("/", -1);
    String name = parts[parts.length - 1];
    boolean ok =
        parts.length <= 2
            && name.length() <= 63
            && NAME.matcher(name).matches()
            && (parts.length == 1 || NameRules.dns1123Subdomain(parts[0]).isEmpty());
    return ok ? Optional.empty() : Optional.of(rule);
  }

  private static Optional<String> labelValue(String value) {
    if (value.length() > 63) {
      return Optional.of(
          "is " + value.length() + " characters long; a label value has at most 63 characters");
    }
    if (!value.isEmpty() && !NAME.matcher(value).matches()) {
      return Optional.of(
          "is not a valid label value (letters, digits, '-', '_' and '.', starting and ending"
              + " with a letter or digit, or empty)");
    }
    return Optional.empty();
  }
}
