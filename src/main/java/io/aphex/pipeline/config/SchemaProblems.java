package io.aphex.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.annotation.Nullable;

/**
 * Turns the errors networknt's validator finds against a published schema into {@link Problem}s,
 * for both schemas: the value, the rule in the words of the field (its {@code x-rule}, else its
 * {@code description}) and a fix (its {@code x-fix}, else a good value from its {@code examples},
 * {@code default} or {@code enum}, the one closest to the bad value). One problem is reported per
 * value, for the first error the validator found there. What differs per input (where a value is,
 * how a fix is written: a line of YAML, a {@code pulumi config} command, a value to set) is its
 * {@link Input}.
 */
final class SchemaProblems {

  /** The annotation of a field that words the rule its pattern, length or range states. */
  private static final String RULE = "x-rule";

  /**
   * The annotation of a field that says how to fix a value that breaks its rule; {@value #REMOVE}
   * in it stands for the input's way of removing the value (a {@code pulumi config rm} command,
   * ...).
   */
  private static final String FIX = "x-fix";

  /** The placeholder of an {@code x-fix} for {@link Fix#REMOVE}. */
  private static final String REMOVE = "{remove}";

  /** The kinds of fix an {@link Input} writes. */
  enum Fix {
    /** Set a good value, given as an example. */
    EXAMPLE,
    /** Set this value. */
    VALUE,
    /** Write the value quoted, as text. */
    QUOTE,
    /** Write the value without quotes. */
    UNQUOTE,
    /** Write a mapping with these keys. */
    MAPPING,
    /** Add an item to an empty list, such as this example. */
    ITEM,
    /** Write true or false. */
    BOOLEAN,
    /** Remove the value, with its key. */
    REMOVE
  }

  /**
   * A value of the input where a rule is broken.
   *
   * @param path the JSON path of the value: keys and indexes
   * @param where the key path as users read it, e.g. {@code environments[1].account}
   * @param line the line of the value's key, or 0 when the input has no lines
   * @param text the value as written
   * @param value the value as the schema saw it
   * @param plain whether it is a scalar written without quotes, which YAML types
   * @param quoted whether it is a scalar written as text
   */
  record Place(
      List<Object> path,
      String where,
      int line,
      String text,
      JsonNode value,
      boolean plain,
      boolean quoted) {

    /** The last key of the path, or {@code -} for a list item. */
    String key() {
      return where.endsWith("]") ? "-" : where.substring(where.lastIndexOf('.') + 1);
    }

    /** What the value is called in a rule: its key, or "an item of commands" in a list. */
    String noun() {
      if (!where.endsWith("]")) {
        return key();
      }
      String list = where.substring(0, where.lastIndexOf('['));
      return "an item of " + list.substring(list.lastIndexOf('.') + 1);
    }

    /** The missing key {@code key} of this mapping, placed on the mapping's line. */
    Place child(String key) {
      String at = where.isEmpty() ? key : where + "." + key;
      return new Place(append(path, key), at, line, "", value.path(key), false, false);
    }
  }

  /** What differs per input: where its values are, how its fixes are written and where they go. */
  interface Input {

    /**
     * Whether an error is reported here, not by a check in code that knows more.
     *
     * @param keyword the schema keyword
     * @param instance the path of the value the keyword applies to
     * @param rule the schema path of the keyword
     */
    boolean reports(String keyword, List<Object> instance, List<Object> rule);

    /** Where the value at a path is, or empty when the input holds none there. */
    Optional<Place> place(List<Object> path, JsonNode value);

    /** A fix that sets the value at a place. */
    String fix(Place at, Fix kind, JsonNode value);

    /** A fix that adds a missing key to a mapping; by default, the fix that sets it. */
    default String add(Place owner, String key, JsonNode example) {
      return fix(owner.child(key), Fix.EXAMPLE, example);
    }

    /**
     * A fix for an unknown key: rename it to the closest known key, or remove it.
     *
     * @param at the key
     * @param match the known key it most likely meant
     * @param known the known keys of its mapping
     */
    String unknown(Place at, Optional<String> match, List<String> known);

    /** How a mapping is called here: a mapping in YAML by default. */
    default String mapping() {
      return "a mapping";
    }

    /** Whether no more problems are listed, only counted: a hostile input can break thousands. */
    default boolean isFull() {
      return false;
    }

    /** Counts the problem of a value that is not listed. */
    default void countMore(Place at) {}

    /** Adds a problem. */
    void report(Place at, @Nullable String value, String rule, String fix);
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode schema;
  private final Schema compiled;

  /**
   * Compiles a published schema.
   *
   * @param schema the schema document
   */
  SchemaProblems(JsonNode schema) {
    this.schema = schema;
    this.compiled = SchemaRegistry.withDialect(PublishedSchemas.DRAFT_7).getSchema(schema);
  }

  /**
   * Validates data and reports every problem to its input.
   *
   * @param data the data
   * @param input the input it comes from
   * @return the JSON paths of the values reported
   */
  Set<List<Object>> check(JsonNode data, Input input) {
    Set<List<Object>> reported = new HashSet<>();
    for (Error error : compiled.validate(data)) {
      report(error, input, reported);
    }
    return reported;
  }

  private void report(Error error, Input input, Set<List<Object>> reported) {
    List<Object> instance = PublishedSchemas.elements(error.getInstanceLocation());
    List<Object> rule = PublishedSchemas.elements(error.getSchemaLocation().getFragment());
    String keyword = error.getKeyword();
    if (!input.reports(keyword, instance, rule)) {
      return;
    }
    String key = error.getProperty();
    boolean required = keyword.equals("required");
    boolean unknown = keyword.equals("additionalProperties");
    boolean name = keyword.equals("propertyNames");
    List<Object> path = required || unknown || name ? append(instance, key) : instance;
    JsonNode value =
        unknown
            ? error.getInstanceNode().path(key)
            : name ? NODES.textNode(key) : error.getInstanceNode();
    Optional<Place> at = input.place(required ? instance : path, value);
    // A key's problem is reported beside its value's, which lies at the same path.
    List<Object> seen = name ? append(path, keyword) : path;
    if (at.isEmpty() || !reported.add(seen)) {
      return;
    }
    if (input.isFull()) {
      input.countMore(at.get());
      return;
    }
    List<Object> holder = rule.subList(0, rule.size() - 1);
    if (required) {
      JsonNode field = resolved(schemaAt(holder)).path("properties").path(key);
      input.report(
          at.get().child(key),
          null,
          "it is required: " + sentence(field),
          input.add(at.get(), key, example(field, null)));
    } else if (unknown) {
      List<String> known = names(schemaAt(holder).path("properties"));
      Optional<String> match = Suggestions.closest(key, known);
      input.report(at.get(), key, "is not a known key", input.unknown(at.get(), match, known));
    } else if (name) {
      badName(input, at.get(), key, schemaAt(rule));
    } else {
      wrong(input, at.get(), keyword, error, holder);
    }
  }

  /**
   * A key that breaks the rules of {@code propertyNames}: worded by the first of its {@code allOf}
   * branches (or itself) that refuses the key, since the validator's error does not say which.
   */
  private void badName(Input input, Place at, String key, JsonNode names) {
    JsonNode broken = names;
    for (JsonNode branch : names.path("allOf")) {
      if (!branch.has(RULE)) {
        continue;
      }
      Schema compiledBranch =
          SchemaRegistry.withDialect(PublishedSchemas.DRAFT_7).getSchema(branch);
      if (!compiledBranch.validate(NODES.textNode(key)).isEmpty()) {
        broken = branch;
        break;
      }
    }
    input.report(
        at,
        key,
        broken.path(RULE).asText("is not a valid key here"),
        fix(input, at, broken.path(FIX).asText("Rename it.")));
  }

  /** An {@code x-fix}, with the input's way of removing the value in place of {@value #REMOVE}. */
  private static String fix(Input input, Place at, String fix) {
    return fix.contains(REMOVE) ? fix.replace(REMOVE, input.fix(at, Fix.REMOVE, at.value())) : fix;
  }

  /**
   * A path one element longer.
   *
   * @param path keys and indexes
   * @param element the key or index to add
   * @return a new path
   */
  static List<Object> append(List<Object> path, Object element) {
    List<Object> longer = new ArrayList<>(path.size() + 1);
    longer.addAll(path);
    longer.add(element);
    return longer;
  }

  /**
   * A JSON path as users read it: {@code head.key[index]}.
   *
   * @param head the first element, as it is shown
   * @param rest the keys and indexes below it
   * @return e.g. {@code webhookService.labels[0]}
   */
  static String where(String head, List<Object> rest) {
    StringBuilder where = new StringBuilder(head);
    rest.forEach(e -> where.append(e instanceof Integer i ? "[" + i + "]" : "." + e));
    return where.toString();
  }

  /** A value of the wrong type, outside its enum or pattern, length, range or count. */
  private void wrong(Input input, Place at, String keyword, Error error, List<Object> holder) {
    JsonNode field = field(holder);
    JsonNode expected = schemaAt(holder);
    String text = at.text();
    if (at.plain() && text.isEmpty()) {
      input.report(
          at,
          null,
          "it needs a value: " + sentence(field),
          input.fix(at, Fix.EXAMPLE, example(field, null)));
      return;
    }
    String rule;
    // A branch of if/then words its own rule; other keywords are worded by their field.
    JsonNode worded = expected.has(RULE) ? expected : field;
    String fix = worded.has(FIX) ? fix(input, at, worded.get(FIX).asText()) : null;
    switch (keyword) {
      case "type" -> {
        wrongType(input, at, error, expected, field, holder);
        return;
      }
      case "enum", "const" -> {
        Map<String, JsonNode> allowed = new LinkedHashMap<>();
        Iterable<JsonNode> values =
            keyword.equals("const") ? List.of(expected.path("const")) : expected.path("enum");
        values.forEach(
            v -> {
              if (!v.isNull()) {
                allowed.putIfAbsent(v.asText(), v);
              }
            });
        List<String> texts = List.copyOf(allowed.keySet());
        boolean caseOnly = texts.stream().anyMatch(text::equalsIgnoreCase);
        rule =
            texts.equals(List.of("true", "false"))
                ? "is not true or false"
                : "is not one of the allowed values: "
                    + String.join(", ", texts)
                    + (caseOnly ? " (case-sensitive)" : "");
        Optional<String> closest = Suggestions.closest(text, texts);
        int good = texts.indexOf(closest.orElse(field.path("default").asText()));
        fix = input.fix(at, Fix.VALUE, allowed.get(texts.get(Math.max(good, 0))));
        if (closest.isPresent()) {
          fix = "Did you mean '" + closest.get() + "'? " + capitalized(fix);
        }
      }
      case "minItems" -> {
        rule = "is an empty list; at least one item is needed: " + sentence(field);
        fix = input.fix(at, Fix.ITEM, example(field, null));
      }
      case "uniqueItems" -> {
        rule = "lists the same item more than once; each item may be listed once";
        fix = "Remove the repeated item.";
      }
      case "maxLength" ->
          rule =
              "is %d characters long, more than the %d allowed: %s"
                  .formatted(
                      text.codePointCount(0, text.length()),
                      expected.path("maxLength").asInt(),
                      description(field));
      case "minimum", "maximum", "exclusiveMinimum" ->
          rule = "must be " + range(expected) + ": " + description(field);
      default -> {
        String broken =
            worded.has(RULE)
                ? worded.get(RULE).asText()
                : types(field.path("type")).contains("integer")
                    ? "is not a whole number"
                    : "does not fit the rule for " + at.noun() + ": " + description(field);
        rule =
            keyword.equals("pattern")
                ? nonAscii(text, expected.path("pattern").asText()).map(c -> c + "; it ").orElse("")
                    + broken
                : broken;
      }
    }
    input.report(
        at, text, rule, fix != null ? fix : input.fix(at, Fix.EXAMPLE, example(field, text)));
  }

  private void wrongType(
      Input input, Place at, Error error, JsonNode expected, JsonNode field, List<Object> holder) {
    List<String> types = types(error.getSchemaNode());
    String text = at.text();
    JsonNode typed = ConfigData.plain(text);
    String kinds = String.join(" or ", types.stream().map(t -> kindName(t, input)).toList());
    String rule;
    String fix;
    if (at.plain() && types.equals(List.of("string")) && allows(expected, text)) {
      rule =
          "must be a string, but YAML reads it unquoted as "
              + (typed.isNumber() ? "a number" : kindOf(typed));
      fix = input.fix(at, Fix.QUOTE, at.value());
    } else if (at.quoted() && types.stream().anyMatch(type -> matches(type, typed))) {
      rule = "is quoted, so YAML reads it as text; it must be " + kinds;
      fix = input.fix(at, Fix.UNQUOTE, typed);
    } else if (holder.contains("anyOf")) {
      rule = "does not fit the rule for " + at.noun() + ": " + description(field);
      fix = input.fix(at, Fix.EXAMPLE, example(field, null));
    } else {
      JsonNode value = error.getInstanceNode();
      rule = "must be " + kinds + ", not " + (value.isObject() ? input.mapping() : kindOf(value));
      List<String> keys = names(expected.path("properties"));
      fix =
          types.equals(List.of("object")) && !keys.isEmpty()
              ? input.fix(at, Fix.MAPPING, NODES.textNode(String.join(", ", keys)))
              : input.fix(
                  at,
                  types.equals(List.of("boolean")) ? Fix.BOOLEAN : Fix.EXAMPLE,
                  example(field, null));
    }
    input.report(at, text, rule, fix);
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

  private static String kindName(String type, Input input) {
    return switch (type) {
      case "object" -> input.mapping();
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
      case NUMBER -> value.isIntegralNumber() ? "a whole number" : "a fractional number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "a list";
      case NULL -> "null";
      default -> "a string";
    };
  }

  /** The types a schema allows, but null, which marks an optional field of a stack setting. */
  private static List<String> types(JsonNode type) {
    List<String> types = type.isArray() ? texts(type) : List.of(type.asText());
    return types.stream().filter(t -> !t.equals("null")).toList();
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

  /**
   * The schema of the field a keyword belongs to, where its description and examples are: {@code
   * holder} without the branches of {@code anyOf} and {@code if}/{@code then}/{@code else}, which
   * only refine it.
   */
  private JsonNode field(List<Object> holder) {
    List<Object> path = new ArrayList<>(holder);
    while (path.size() >= 2 && path.get(path.size() - 2).equals("anyOf")) {
      path = path.subList(0, path.size() - 2);
    }
    path.removeIf(element -> element.equals("then") || element.equals("else"));
    return schemaAt(path);
  }

  private JsonNode schemaAt(List<Object> path) {
    JsonNode node = schema;
    for (Object element : path) {
      node = element instanceof Integer index ? node.path(index) : node.path((String) element);
    }
    return node;
  }

  /** Follows a {@code $ref}, written directly or as the one item of {@code allOf}. */
  private JsonNode resolved(JsonNode field) {
    JsonNode ref = field.has("$ref") ? field.get("$ref") : field.path("allOf").path(0).path("$ref");
    if (!ref.isTextual() || !ref.asText().startsWith("#/")) {
      return field;
    }
    return schemaAt(List.of((Object[]) ref.asText().substring(2).split("/")));
  }

  private String description(JsonNode field) {
    String text = field.path("description").asText(resolved(field).path("description").asText());
    return lowerFirst(text.endsWith(".") ? text.substring(0, text.length() - 1) : text);
  }

  /** The first sentence of the field's description. */
  private String sentence(JsonNode field) {
    String text = description(field);
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end);
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String lowerFirst(String text) {
    return text.length() < 2 || Character.isUpperCase(text.charAt(1))
        ? text
        : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  /**
   * A good value: the example closest to a bad text value, or the first; else the default, else the
   * first allowed value; a text node {@code ...} when the schema gives none.
   */
  JsonNode example(JsonNode field, @Nullable String raw) {
    JsonNode examples =
        field.has("examples") ? field.get("examples") : resolved(field).path("examples");
    if (examples.size() > 0) {
      List<String> texts = new ArrayList<>();
      examples.forEach(example -> texts.add(example.isTextual() ? example.asText() : ""));
      int closest = raw == null ? 0 : Suggestions.closest(raw, texts).map(texts::indexOf).orElse(0);
      return examples.get(closest);
    }
    for (JsonNode candidate : List.of(field.path("default"), field.path("enum").path(0))) {
      if (!candidate.isMissingNode() && !candidate.isNull()) {
        return candidate;
      }
    }
    return NODES.textNode("...");
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  /**
   * The field names of an object, in order.
   *
   * @param object e.g. the {@code properties} of a schema
   * @return the names
   */
  static List<String> names(JsonNode object) {
    return object.properties().stream().map(Map.Entry::getKey).toList();
  }
}
