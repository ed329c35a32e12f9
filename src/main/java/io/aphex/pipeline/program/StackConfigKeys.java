package io.aphex.pipeline.program;

import com.fasterxml.jackson.databind.JsonNode;
import io.aphex.pipeline.config.StackConfigSchema;
import io.aphex.pipeline.config.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every key of the {@code aphex-pipeline} stack config, as the published schema {@value
 * StackConfigSchema#RESOURCE} defines it: that schema is the one definition of each setting's name,
 * type, default and description. Editors validate {@code Pulumi.<stack>.yaml} with it; the reader,
 * the plugin schema's descriptions, and the tests of {@code Pulumi.yaml} and {@code
 * docs/configuration.md} read it through this class.
 */
public final class StackConfigKeys {

  /** The config namespace of this project: keys are set as {@code aphex-pipeline:<key>}. */
  public static final String NAMESPACE = StackConfigSchema.NAMESPACE;

  /** The annotation of the schema that says how a default is computed at deploy time. */
  static final String COMPUTED_DEFAULT = "x-computed-default";

  private static final List<StackConfigKey> ALL =
      load(StackConfigSchema.schema().path("properties").path("config"));

  private static final Map<String, StackConfigKey> BY_NAME =
      ALL.stream().collect(Collectors.toMap(StackConfigKey::name, Function.identity()));

  private StackConfigKeys() {}

  /**
   * Returns every key, in the order of the schema and the configuration page.
   *
   * @return the keys
   */
  public static List<StackConfigKey> all() {
    return ALL;
  }

  /**
   * Looks a key up by name.
   *
   * @param name the key without namespace
   * @return the key, or empty when it is not one of ours
   */
  public static Optional<StackConfigKey> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  private static List<StackConfigKey> load(JsonNode config) {
    Set<String> required = new HashSet<>();
    config.path("required").forEach(r -> required.add(r.asText()));
    List<StackConfigKey> keys = new ArrayList<>();
    config
        .path("properties")
        .fields()
        .forEachRemaining(
            entry -> {
              JsonNode property = entry.getValue();
              JsonNode literal = property.get("default");
              keys.add(
                  new StackConfigKey(
                      entry.getKey().substring(NAMESPACE.length() + 1),
                      projectType(property.path("type")),
                      required.contains(entry.getKey()),
                      Optional.ofNullable(literal).map(StackConfigKeys::defaultText),
                      Optional.ofNullable(property.get(COMPUTED_DEFAULT)).map(JsonNode::asText),
                      property.path("description").asText()));
            });
    return List.copyOf(keys);
  }

  /**
   * The Pulumi project-config type: the schema's first type, since a number or flag may also be
   * given as the string {@code pulumi config set} stores.
   */
  private static String projectType(JsonNode type) {
    return type.isArray() ? type.get(0).asText() : type.asText();
  }

  /** A default as {@code Pulumi.yaml} and the configuration page write it: {@code [a, b]}. */
  private static String defaultText(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.asText()));
      return "[" + String.join(", ", items) + "]";
    }
    return value.asText();
  }

  /**
   * Tells whether a full key ({@code namespace:name}) is in a namespace that is a typo of {@link
   * #NAMESPACE}, such as {@code aphex-pipline}: a setting the Pulumi CLI would pass on and the
   * program would never read.
   *
   * @param fullKey the key with its namespace
   * @return true for a near miss of the project's namespace, false for it and for any other
   */
  public static boolean misspelledNamespace(String fullKey) {
    int colon = fullKey.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    String namespace = fullKey.substring(0, colon);
    return !namespace.equals(NAMESPACE)
        && !List.of("aws", "kubernetes", "pulumi").contains(namespace)
        && Suggestions.closest(namespace, List.of(NAMESPACE)).isPresent();
  }

  /**
   * The keys a stack sets for this project, as {@link StackConfigReader} takes them: those of
   * {@link #NAMESPACE} without it, and those of a misspelled namespace whole, so that the reader
   * reports them instead of silently ignoring them.
   *
   * @param fullKeys every key of the stack, with its namespace
   * @return the project's keys, in the order given
   */
  public static Set<String> projectKeys(Collection<String> fullKeys) {
    String prefix = NAMESPACE + ":";
    return fullKeys.stream()
        .filter(k -> k.startsWith(prefix) || misspelledNamespace(k))
        .map(k -> k.startsWith(prefix) ? k.substring(prefix.length()) : k)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
