package io.aphex.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Checks the data of a config file against the published schema {@code
 * schema/aphex-config.schema.json} (on the classpath as {@value #RESOURCE}) and turns each error
 * into a {@link Problem}: the line and key path of the value, the value, the rule in the words of
 * the field's description, and a fix built from the field's examples. One problem is reported per
 * value, for the first error the validator found there.
 *
 * <p>The schema is read and compiled once, on the first check.
 */
final class ConfigSchema {

  /** The schema's name in {@code schema/}. */
  static final String FILE = "aphex-config.schema.json";

  /** The schema on the classpath, where the build copies {@code schema/}. */
  static final String RESOURCE = "/schema/" + FILE;

  /** Characters that a plain YAML scalar cannot start with. */
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  /** Characters that end a plain scalar inside a flow list or mapping. */
  private static final String FLOW = ",[]{}";

  /** Compiled on first use. */
  private static final class Compiled {
    static final JsonNode NODE = PublishedSchemas.read(RESOURCE);
    static final Schema SCHEMA =
        SchemaRegistry.withDialect(PublishedSchemas.DRAFT_7).getSchema(NODE);
  }

  private final Source source;
  private final ConfigData data;
  private final ProblemList problems;
  private final Set<List<Object>> reported = new HashSet<>();

  private ConfigSchema(Source source, ConfigData data, ProblemList problems) {
    this.source = source;
    this.data = data;
    this.problems = problems;
  }

  /**
   * Checks the data against the schema.
   *
   * @param source the decoded file
   * @param data its data
   * @param problems where problems go
   * @return the JSON paths of the values reported, so that the rules in code skip them
   */
  static Set<List<Object>> check(Source source, ConfigData data, ProblemList problems) {
    ConfigSchema check = new ConfigSchema(source, data, problems);
    for (Error error : Compiled.SCHEMA.validate(data.root())) {
      check.report(error);
    }
    return check.reported;
  }

  private void report(Error error) {
    List<Object> instance = PublishedSchemas.elements(error.getInstanceLocation());
    List<Object> rule = PublishedSchemas.elements(error.getSchemaLocation().getFragment());
    String keyword = error.getKeyword();
    boolean aboutKey = keyword.equals("required") || keyword.equals("additionalProperties");
    // The deploy role a Pulumi stack needs is reported by the code, which names the stack.
    if (aboutKey && rule.contains("then")) {
      return;
    }
    List<Object> value = new ArrayList<>(instance);
    if (aboutKey) {
      value.add(error.getProperty());
    }
    ConfigData.At owner = data.at(instance).orElse(null);
    if (owner == null || !reported.add(value)) {
      return;
    }
    if (problems.isFull()) {
      problems.countMore();
      return;
    }
    List<Object> holder = rule.subList(0, rule.size() - 1);
    if (keyword.equals("required")) {
      missing(owner, error.getProperty(), field(holder, error.getProperty()));
    } else if (keyword.equals("additionalProperties")) {
      unknownKey(owner, value, error.getProperty(), schemaAt(holder));
    } else {
      wrong(owner, keyword, error, holder);
    }
  }

  private void missing(ConfigData.At owner, String key, JsonNode field) {
    problems.add(
        owner.line(),
        source.location(owner.line(), owner.child(key)),
        null,
        "it is required: " + sentence(field),
        "Add "
            + key
            + ": "
            + example(field, null)
            + (owner.path().isEmpty() ? " at the top level" : " under " + owner.path())
            + ".");
  }

  private void unknownKey(ConfigData.At owner, List<Object> value, String key, JsonNode holder) {
    List<String> known = names(holder.path("properties"));
    String knownKeys = "the known keys here are " + String.join(", ", known) + ".";
    ConfigData.At at = data.at(value).orElse(owner);
    problems.add(
        at.line(),
        source.location(at.line(), at == owner ? owner.child(key) : at.path()),
        key,
        "is not a known key",
        Suggestions.closest(key, known)
            .map(match -> "Did you mean '" + match + "'? Rename the key or remove it; " + knownKeys)
            .orElse("Remove the key; " + knownKeys));
  }

  /** A value of the wrong type, outside its enum or pattern, length, range or count. */
  private void wrong(ConfigData.At at, String keyword, Error error, List<Object> holder) {
    JsonNode field = field(holder, null);
    JsonNode expected = schemaAt(holder);
    String key = at.key();
    if (at.isEmpty()) {
      add(
          at,
          null,
          "it needs a value: " + sentence(field),
          "Write e.g. " + assign(key, field, null) + ".");
      return;
    }
    String raw = at.raw(source);
    switch (keyword) {
      case "type" -> wrongType(at, error, expected, field, holder);
      case "enum", "const" -> {
        List<String> values =
            keyword.equals("const")
                ? List.of(expected.path("const").asText())
                : texts(expected.path("enum"));
        add(
            at,
            raw,
            "is not one of the allowed values: " + String.join(", ", values),
            "Write " + key + ": " + Suggestions.closest(raw, values).orElse(values.get(0)) + ".");
      }
      case "minItems" ->
          add(
              at,
              raw,
              "is an empty list; at least one item is needed: " + sentence(field),
              "Add an item, e.g. " + assign(key, field, null) + ".");
      case "uniqueItems" ->
          add(
              at,
              raw,
              "lists the same item more than once; each item may be listed once",
              "Remove the repeated item.");
      case "maxLength" ->
          add(
              at,
              raw,
              "is %d characters long, more than the %d allowed: %s"
                  .formatted(
                      raw.codePointCount(0, raw.length()),
                      expected.path("maxLength").asInt(),
                      description(field)),
              "Write e.g. " + assign(key, field, null) + ".");
      case "minimum", "maximum", "exclusiveMinimum" ->
          add(
              at,
              raw,
              "must be " + range(expected) + ": " + description(field),
              "Write e.g. " + assign(key, field, raw) + ".");
      default ->
          add(
              at,
              raw,
              "does not fit the rule for " + noun(at) + ": " + description(field),
              "Write e.g. " + assign(key, field, raw) + ".");
    }
  }

  private void wrongType(
      ConfigData.At at, Error error, JsonNode expected, JsonNode field, List<Object> holder) {
    String type = error.getSchemaNode().asText();
    String raw = at.raw(source);
    String key = at.key();
    JsonNode actual = ConfigData.plain(raw);
    if (type.equals("string") && at.isPlain() && allows(expected, raw)) {
      add(
          at,
          raw,
          "must be a string, but YAML reads it unquoted as " + kindOf(actual),
          "Quote it: " + key + (key.equals("-") ? " " : ": ") + "\"" + raw + "\".");
    } else if (!at.isPlain() && at.node() instanceof ScalarNode && matches(type, actual)) {
      add(
          at,
          raw,
          "is quoted, so YAML reads it as text; it must be " + kindName(type),
          "Remove the quotes: " + key + ": " + raw + ".");
    } else if (holder.contains("anyOf")) {
      add(
          at,
          raw,
          "does not fit the rule for " + noun(at) + ": " + description(field),
          "Write e.g. " + assign(key, field, null) + ".");
    } else {
      JsonNode value = error.getInstanceNode();
      String found = value.isObject() ? "a mapping" : value.isArray() ? "a list" : kindOf(value);
      String fix =
          switch (type) {
            case "object" ->
                "Write "
                    + (at.path().isEmpty()
                        ? "the file"
                        : key.equals("-") ? "each " + noun(at).substring(3) : key)
                    + " as a mapping with the keys "
                    + String.join(", ", names(expected.path("properties")))
                    + ".";
            case "boolean" -> "Write " + key + ": true or " + key + ": false.";
            default -> "Write e.g. " + assign(key, field, null) + ".";
          };
      add(at, raw, "must be " + kindName(type) + ", not " + found, fix);
    }
  }

  private void add(ConfigData.At at, @Nullable String value, String rule, String fix) {
    problems.add(at.line(), source.location(at.line(), at.path()), value, rule, fix);
  }

  /** The range a number must be in, e.g. {@code from 0 to 10}. */
  private static String range(JsonNode expected) {
    if (expected.has("exclusiveMinimum")) {
      return "more than " + expected.get("exclusiveMinimum").asText();
    }
    if (expected.has("minimum") && expected.has("maximum")) {
      return "from " + expected.get("minimum").asText() + " to " + expected.get("maximum").asText();
    }
    return expected.has("minimum")
        ? "at least " + expected.get("minimum").asText()
        : "at most " + expected.path("maximum").asText();
  }

  /** Whether a text would pass the pattern and enum of the schema that expects it. */
  private static boolean allows(JsonNode expected, String raw) {
    return (!expected.has("pattern")
            || Pattern.compile(expected.get("pattern").asText()).matcher(raw).find())
        && (!expected.has("enum") || texts(expected.get("enum")).contains(raw));
  }

  private static boolean matches(String type, JsonNode value) {
    return switch (type) {
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> false;
    };
  }

  private static String kindName(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "null" -> "empty";
      default -> "a string";
    };
  }

  private static String kindOf(JsonNode value) {
    return switch (value.getNodeType()) {
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a string";
    };
  }

  /** What a value is called in a rule: its key, or "an item of commands" in a list. */
  private static String noun(ConfigData.At at) {
    if (!at.path().endsWith("]")) {
      return at.key();
    }
    String list = at.path().substring(0, at.path().lastIndexOf('['));
    return "an item of " + list.substring(list.lastIndexOf('.') + 1);
  }

  /**
   * The schema of the field a keyword belongs to, where its description and examples are: the
   * property {@code key} of {@code holder}, or {@code holder} itself without the branches of {@code
   * anyOf} and {@code if}/{@code then}/{@code else}, which only refine it.
   */
  private static JsonNode field(List<Object> holder, @Nullable String key) {
    if (key != null) {
      return resolved(schemaAt(holder)).path("properties").path(key);
    }
    List<Object> path = new ArrayList<>(holder);
    while (path.size() >= 2 && path.get(path.size() - 2).equals("anyOf")) {
      path = path.subList(0, path.size() - 2);
    }
    path.removeIf(element -> element.equals("then") || element.equals("else"));
    return schemaAt(path);
  }

  private static JsonNode schemaAt(List<Object> path) {
    JsonNode node = Compiled.NODE;
    for (Object element : path) {
      node = element instanceof Integer index ? node.path(index) : node.path((String) element);
    }
    return node;
  }

  /** Follows a {@code $ref}, written directly or as the one item of {@code allOf}. */
  private static JsonNode resolved(JsonNode schema) {
    JsonNode ref =
        schema.has("$ref") ? schema.get("$ref") : schema.path("allOf").path(0).path("$ref");
    if (!ref.isTextual() || !ref.asText().startsWith("#/")) {
      return schema;
    }
    List<Object> path = new ArrayList<>(List.of((Object[]) ref.asText().substring(2).split("/")));
    return schemaAt(path);
  }

  private static String description(JsonNode field) {
    String text = field.path("description").asText(resolved(field).path("description").asText());
    return lowerFirst(text.endsWith(".") ? text.substring(0, text.length() - 1) : text);
  }

  /** The first sentence of the field's description. */
  private static String sentence(JsonNode field) {
    String text = description(field);
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end);
  }

  private static String lowerFirst(String text) {
    return text.length() < 2 || Character.isUpperCase(text.charAt(1))
        ? text
        : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  /** The example closest to a bad text value, or the first, written in YAML after its key. */
  private static String example(JsonNode field, @Nullable String raw) {
    JsonNode examples =
        field.has("examples") ? field.get("examples") : resolved(field).path("examples");
    if (examples.size() == 0) {
      return "...";
    }
    List<String> texts = new ArrayList<>();
    examples.forEach(example -> texts.add(example.isTextual() ? example.asText() : ""));
    int closest = raw == null ? 0 : Suggestions.closest(raw, texts).map(texts::indexOf).orElse(0);
    return flow(examples.get(closest));
  }

  private static String assign(String key, JsonNode field, @Nullable String raw) {
    return key + (key.equals("-") ? " " : ": ") + example(field, raw);
  }

  /** Writes a value as YAML flow style: {@code {name: dev, stacks: [...]}}. */
  private static String flow(JsonNode value) {
    if (value.isObject()) {
      List<String> fields = new ArrayList<>();
      value.fields().forEachRemaining(f -> fields.add(f.getKey() + ": " + flow(f.getValue())));
      return "{" + String.join(", ", fields) + "}";
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(flow(item)));
      return "[" + String.join(", ", items) + "]";
    }
    if (!value.isTextual()) {
      return value.asText();
    }
    String text = value.asText();
    boolean plain =
        ConfigData.plain(text).isTextual()
            && text.strip().equals(text)
            && INDICATORS.indexOf(text.charAt(0)) < 0
            && !text.contains(": ")
            && !text.contains(" #")
            && text.chars().noneMatch(c -> FLOW.indexOf(c) >= 0);
    return plain ? text : "\"" + text + "\"";
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(value -> texts.add(value.asText()));
    return texts;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
