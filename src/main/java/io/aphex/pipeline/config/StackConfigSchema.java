package io.aphex.pipeline.config;

import static io.aphex.pipeline.config.StructuredConfigValues.kind;
import static io.aphex.pipeline.config.StructuredConfigValues.shown;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one definition of every {@code aphex-pipeline} setting, the published schema {@value
 * #RESOURCE} ({@code schema/stack-config.schema.json} in the repository), and the check of values
 * against it. Each error becomes a {@link Problem}: the key (or {@code key.field}, {@code
 * key[index]}) of the value, the value, the rule and the fix. A rule the schema states with a
 * pattern or a length takes its words from the field's {@code x-rule} and {@code x-fix}; the others
 * are worded from the keyword, the description and the examples. Stack config problems fix with the
 * {@code pulumi config} command that sets a good value, with a did-you-mean for a misspelt field or
 * value; the component's args, checked by the same schema, fix with the value to set. One problem
 * is reported per value, for the first error the validator found there.
 */
public final class StackConfigSchema {

  /** The config namespace of this project: keys are set as {@code aphex-pipeline:<key>}. */
  public static final String NAMESPACE = "aphex-pipeline";

  /** The classpath resource of the schema. */
  public static final String RESOURCE = "/schema/stack-config.schema.json";

  private static final JsonNode SCHEMA = PublishedSchemas.read(RESOURCE);

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());

  /** Compiled on first use. */
  private static final class Compiled {
    static final Schema SCHEMA =
        SchemaRegistry.withDialect(PublishedSchemas.DRAFT_7).getSchema(StackConfigSchema.SCHEMA);
  }

  /** The annotation of a field that words the rule its pattern or length states. */
  static final String RULE = "x-rule";

  /** The annotation of a field that says how to fix a value that breaks its rule. */
  static final String FIX = "x-fix";

  private final Map<String, List<Problem>> problems = new LinkedHashMap<>();
  private final Set<String> reported = new LinkedHashSet<>();
  private final boolean commands;

  private StackConfigSchema(boolean commands) {
    this.commands = commands;
  }

  /**
   * Returns the published schema.
   *
   * @return the schema of {@code Pulumi.<stack>.yaml}, as read once from {@value #RESOURCE}
   */
  public static JsonNode schema() {
    return SCHEMA;
  }

  /**
   * Checks the values of the keys that are set in the stack config.
   *
   * @param values key (without namespace) to its value, typed as the schema says: booleans and
   *     whole numbers parsed, objects and lists read from their JSON text
   * @return key to the problems of its value, located at the key or at {@code key.field}; empty
   *     when every value is valid; each fix is a {@code pulumi config} command
   */
  public static Map<String, List<Problem>> check(ObjectNode values) {
    return check(values, true);
  }

  /**
   * Checks the values of settings given some other way than the stack config, as the component's
   * args: the same rules, with fixes that name the value to set instead of a command.
   *
   * @param values setting name to its value, in the schema's types
   * @return setting name to the problems of its value; empty when every value is valid
   */
  public static Map<String, List<Problem>> checkSettings(ObjectNode values) {
    return check(values, false);
  }

  /**
   * Checks one value of a setting.
   *
   * @param key the setting, e.g. {@code pipelineName}
   * @param value its value: JSON, or a value Jackson writes as the JSON the schema describes, such
   *     as the record of a structured setting
   * @return the problems of the value, located at the key or inside it; empty when it is valid
   */
  public static List<Problem> checkSetting(String key, Object value) {
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    values.set(key, JSON.valueToTree(value));
    return checkSettings(values).getOrDefault(key, List.of());
  }

  private static Map<String, List<Problem>> check(ObjectNode values, boolean commands) {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    values.properties().forEach(e -> config.set(qualified(e.getKey()), e.getValue()));
    ObjectNode stack = JsonNodeFactory.instance.objectNode();
    stack.set("config", config);
    StackConfigSchema check = new StackConfigSchema(commands);
    for (Error error : Compiled.SCHEMA.validate(stack)) {
      check.report(error);
    }
    return check.problems;
  }

  /**
   * The problem of an object or list key whose text is not a JSON object or list.
   *
   * @param key the key
   * @param text its raw value
   * @return the problem, located at the key, with the {@code --path} commands that set it
   */
  public static Problem notStructured(String key, String text) {
    JsonNode field =
        SCHEMA.path("properties").path("config").path("properties").path(qualified(key));
    Value at = new Value(key, List.of(), JsonNodeFactory.instance.textNode(text), field, true);
    if (field.path("type").toString().contains("array")) {
      Value item = new Value(key, List.of(0), at.value(), field.path("items"), true);
      return new Problem(
          key,
          text,
          "is not a JSON list",
          "set one item at a time with --path, e.g. " + item.setExample());
    }
    return new Problem(
        key,
        text,
        "is not a JSON object",
        "set one field at a time with --path, e.g. pulumi config rm "
            + key
            + " && "
            + at.setExample());
  }

  private static String qualified(String key) {
    return NAMESPACE + ":" + key;
  }

  private void report(Error error) {
    List<Object> instance = PublishedSchemas.elements(error.getInstanceLocation());
    // Missing required keys are reported by the args, which know every way to set them.
    if (instance.size() < 2 || error.getKeyword().equals("required")) {
      return;
    }
    String key = instance.get(1).toString().substring(NAMESPACE.length() + 1);
    List<Object> segments = new ArrayList<>(instance.subList(2, instance.size()));
    JsonNode value = error.getInstanceNode();
    List<Object> schemaPath = PublishedSchemas.elements(error.getSchemaLocation().getFragment());
    JsonNode field = SCHEMA.at(pointer(schemaPath.subList(0, schemaPath.size() - 1)));
    if (error.getKeyword().equals("additionalProperties")) {
      segments.add(error.getProperty());
      value = value.path(error.getProperty());
    }
    String location = location(key, segments);
    if (!reported.add(location)) {
      return;
    }
    Value at = new Value(key, segments, value, field, commands);
    Problem problem =
        switch (error.getKeyword()) {
          case "additionalProperties" -> at.unknownField(field);
          case "type" -> at.wrongKind();
          case "enum" -> at.notAllowed();
          case "minimum", "maximum" -> at.outOfRange();
          case "pattern", "maxLength", "minLength" -> at.notMatching(error.getKeyword());
          default ->
              new Problem(
                  location,
                  shown(value),
                  "does not fit the stack-config schema: " + error.getMessage(),
                  "see docs/configuration.md for what " + key + " may be");
        };
    problems.computeIfAbsent(key, k -> new ArrayList<>()).add(problem);
  }

  /** The location of a problem, as the reader places it after the stack file and namespace. */
  private static String location(String key, List<Object> segments) {
    StringBuilder location = new StringBuilder(key);
    for (Object segment : segments) {
      location.append(segment instanceof Integer i ? "[" + i + "]" : "." + segment);
    }
    return location.toString();
  }

  private static JsonPointer pointer(List<Object> elements) {
    JsonPointer pointer = JsonPointer.empty();
    for (Object element : elements) {
      pointer =
          element instanceof Integer i
              ? pointer.appendIndex(i)
              : pointer.appendProperty(element.toString());
    }
    return pointer;
  }

  /**
   * A value that breaks a rule of the schema, with what the schema says of it.
   *
   * @param key the stack config key
   * @param segments the fields and indexes below the key, empty for the key's own value
   * @param value the value
   * @param field the schema of the value; for an unknown field, the schema of its object
   * @param commands whether fixes are {@code pulumi config} commands or the value to set
   */
  private record Value(
      String key, List<Object> segments, JsonNode value, JsonNode field, boolean commands) {

    String location() {
      return StackConfigSchema.location(key, segments);
    }

    /** The command that sets this value, {@code --path} when it lies inside the key. */
    String set(String newValue) {
      return set(segments, newValue);
    }

    String set(List<Object> at, String newValue) {
      if (!commands) {
        return "set " + StackConfigSchema.location(key, at) + " to " + newValue;
      }
      return "pulumi config set "
          + (at.isEmpty() ? key : "--path " + StructuredConfigValues.path(key, at))
          + " "
          + newValue;
    }

    /** A good value for the fix: the schema's example, else its default, else its first enum. */
    JsonNode exampleValue() {
      for (JsonNode candidate :
          List.of(
              field.path("examples").path(0), field.path("default"), field.path("enum").path(0))) {
        if (!candidate.isMissingNode() && !candidate.isNull()) {
          return candidate;
        }
      }
      return JsonNodeFactory.instance.textNode("<value>");
    }

    /** The command that sets a good value; for a map, one entry of it. */
    String setExample() {
      JsonNode example = exampleValue();
      if (example.isObject() && example.size() > 0) {
        String first = example.fieldNames().next();
        List<Object> entry = new ArrayList<>(segments);
        entry.add(first);
        return set(entry, shown(example.get(first)));
      }
      return set(shown(example));
    }

    Problem unknownField(JsonNode object) {
      List<String> known = new ArrayList<>();
      object.path("properties").fieldNames().forEachRemaining(known::add);
      String name = segments.get(segments.size() - 1).toString();
      List<Object> parent = segments.subList(0, segments.size() - 1);
      String owner = StackConfigSchema.location(key, parent);
      String rm = "pulumi config rm --path " + StructuredConfigValues.path(key, segments);
      String shownValue = value.isValueNode() ? shown(value) : "<value>";
      return new Problem(
          location(),
          shown(value),
          "is not a setting of " + owner,
          Suggestions.closest(name, known)
              .map(
                  match -> {
                    List<Object> meant = new ArrayList<>(parent);
                    meant.add(match);
                    return "did you mean '"
                        + match
                        + "'? Run: "
                        + rm
                        + " && "
                        + set(meant, shownValue);
                  })
              .orElse("remove it (" + rm + "); the settings are " + String.join(", ", known)));
    }

    Problem wrongKind() {
      List<String> types = new ArrayList<>();
      field.path("type").forEach(t -> types.add(t.asText()));
      if (field.path("type").isTextual()) {
        types.add(field.path("type").asText());
      }
      types.remove("null");
      String expected = String.join(" or ", types.stream().map(Value::words).toList());
      boolean quoted =
          value.isTextual()
              && ((types.contains("boolean") && value.asText().matches("true|false"))
                  || (types.contains("integer") && value.asText().matches("[+-]?[0-9]+")));
      String fix =
          quoted
              ? "write the value without quotes, e.g. " + set(value.asText())
              : "set " + expected + ", e.g. " + setExample();
      return new Problem(
          location(),
          value.isTextual() ? value.toString() : shown(value),
          "is " + kind(value) + ", but it must be " + expected,
          fix);
    }

    Problem notAllowed() {
      List<String> allowed = new ArrayList<>();
      field
          .path("enum")
          .forEach(
              v -> {
                if (!v.isNull() && !allowed.contains(v.asText())) {
                  allowed.add(v.asText());
                }
              });
      String raw = shown(value);
      String rule =
          allowed.equals(List.of("true", "false"))
              ? "is not true or false"
              : "is not one of " + String.join(", ", allowed) + " (case-sensitive)";
      return new Problem(
          location(),
          raw,
          rule,
          Suggestions.closest(raw, allowed)
              .map(match -> "did you mean '" + match + "'? " + capitalized(run(set(match))))
              .orElse(run(setExample())));
    }

    Problem outOfRange() {
      return new Problem(
          location(),
          shown(value),
          "is outside " + field.path("minimum").asText() + " to " + field.path("maximum").asText(),
          field.path(FIX).asText("use a value in that range, e.g. " + setExample()));
    }

    /** A text that breaks a pattern or a length: the field's own rule and fix, when it has them. */
    Problem notMatching(String keyword) {
      String text = shown(value);
      boolean number = field.path("type").toString().contains("integer");
      String rule =
          keyword.equals("maxLength")
              ? "is "
                  + text.codePointCount(0, text.length())
                  + " characters long, more than the "
                  + field.path("maxLength").asText()
                  + " allowed"
              : field.has(RULE)
                  ? field.get(RULE).asText()
                  : number
                      ? "is not a whole number"
                      : "is not " + sentence(field.path("description").asText());
      if (keyword.equals("pattern")) {
        rule =
            nonAscii(text, field.path("pattern").asText()).map(c -> c + "; it ").orElse("") + rule;
      }
      return new Problem(location(), text, rule, field.path(FIX).asText(run(setExample())));
    }

    /**
     * The first non-ASCII character of a text that would match its pattern without it, such as a
     * Cyrillic 'а' that looks like a Latin 'a': named, since the value looks right.
     */
    private static Optional<String> nonAscii(String text, String pattern) {
      StringBuilder ascii = new StringBuilder();
      text.codePoints().forEach(c -> ascii.append(c > 127 ? 'a' : (char) c));
      if (ascii.toString().equals(text) || !Pattern.compile(pattern).matcher(ascii).find()) {
        return Optional.empty();
      }
      int position = 1;
      int at = 0;
      while (text.codePointAt(at) <= 127) {
        at = text.offsetByCodePoints(at, 1);
        position++;
      }
      int c = text.codePointAt(at);
      return Optional.of(
          String.format(
              "contains the non-ASCII character U+%04X (%s) at position %d",
              c, Character.getName(c), position));
    }

    /** A command as a fix: {@code run: <command>}, or the bare value to set for args. */
    String run(String set) {
      return commands ? "run: " + set : set;
    }

    private static String capitalized(String text) {
      return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String words(String type) {
      return switch (type) {
        case "boolean" -> "true or false";
        case "integer" -> "a whole number";
        case "object" -> "a JSON object";
        case "array" -> "a list";
        default -> "a " + type;
      };
    }

    /** A description as part of a sentence: lower-case start, no final period. */
    private static String sentence(String description) {
      String text =
          description.endsWith(".")
              ? description.substring(0, description.length() - 1)
              : description;
      return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
  }
}
