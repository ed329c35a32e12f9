package io.aphex.pipeline.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reports the problems of a structured stack config value (a JSON object set with {@code pulumi
 * config set --path KEY.FIELD VALUE}) in one voice: unknown fields with a did-you-mean and the
 * commands that fix them, and values of the wrong JSON kind.
 */
public final class StructuredValueProblems {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private final String configKey;
  private final List<String> fields;
  private final List<Problem> problems;

  /**
   * Creates a reporter.
   *
   * @param configKey the stack config key, e.g. {@code webhookService}
   * @param fields the fields the value may have, for suggestions
   * @param problems where problems are added
   */
  public StructuredValueProblems(String configKey, List<String> fields, List<Problem> problems) {
    this.configKey = configKey;
    this.fields = List.copyOf(fields);
    this.problems = problems;
  }

  /**
   * Reports a field the value may not have.
   *
   * @param name the field
   * @param value its value
   */
  public void unknownField(String name, JsonNode value) {
    String path = configPath(configKey, name);
    String shownValue = value.isValueNode() ? shown(value) : "<value>";
    problems.add(
        new Problem(
            configKey + "." + name,
            shown(value),
            "is not a setting of " + configKey,
            Suggestions.closest(name, fields)
                .map(
                    match ->
                        "did you mean '"
                            + match
                            + "'? Run: pulumi config rm --path "
                            + path
                            + " && pulumi config set --path "
                            + configKey
                            + "."
                            + match
                            + " "
                            + shownValue)
                .orElse(
                    "remove it (pulumi config rm --path "
                        + path
                        + "); the settings are "
                        + String.join(", ", fields))));
  }

  /**
   * Reads a structured value as a JSON object.
   *
   * @param configKey the stack config key, for the problem
   * @param json the raw value
   * @param what what the object holds, e.g. {@code Service settings}
   * @param exampleField an example {@code field value} for the fix, e.g. {@code type NodePort}
   * @param problems where a problem is added when the value is not a JSON object
   * @return the object, or empty after adding a problem
   */
  public static Optional<JsonNode> readObject(
      String configKey, String json, String what, String exampleField, List<Problem> problems) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      root = null;
    }
    if (root != null && root.isObject()) {
      return Optional.of(root);
    }
    problems.add(
        new Problem(
            configKey,
            json,
            "is not a JSON object of " + what,
            "set one field at a time with --path, e.g. pulumi config rm "
                + configKey
                + " && pulumi config set --path "
                + configKey
                + "."
                + exampleField));
    return Optional.empty();
  }

  /**
   * Writes the Pulumi config path of a field or map entry, quoted for the shell when it needs
   * brackets, e.g. {@code webhookService.port} or {@code 'webhookService.labels["example.com/a"]'}.
   *
   * @param parent the path of the object
   * @param key the field or map key
   * @return the path
   */
  public static String configPath(String parent, String key) {
    return PLAIN_KEY.matcher(key).matches()
        ? parent + "." + key
        : "'" + parent + "[\"" + key + "\"]'";
  }

  /**
   * Reports a value of the wrong JSON kind, showing a string with its quotes, as written, so that
   * {@code "8080"} is not mistaken for the number it looks like.
   *
   * @param location the field's location, e.g. {@code webhookService.port}
   * @param value the value
   * @param expected what it must be, e.g. {@code a whole number}
   * @param fix how to fix it
   */
  public void wrongKind(String location, JsonNode value, String expected, String fix) {
    problems.add(
        new Problem(
            location,
            value.isTextual() ? value.toString() : shown(value),
            "is " + kind(value) + ", but it must be " + expected,
            fix));
  }

  /**
   * Shows a value as the user wrote it: strings without quotes, everything else as JSON.
   *
   * @param value the value
   * @return the text
   */
  public static String shown(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }

  /**
   * Names the JSON kind of a value.
   *
   * @param value the value
   * @return e.g. {@code a string}, {@code a whole number}, {@code a list}, {@code null}
   */
  public static String kind(JsonNode value) {
    if (value.isTextual()) {
      return "a string";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    if (value.isIntegralNumber()) {
      return "a whole number";
    }
    if (value.isNumber()) {
      return "a fractional number";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.isObject() ? "an object" : "null";
  }
}
