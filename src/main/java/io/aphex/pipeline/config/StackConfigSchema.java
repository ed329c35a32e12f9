package io.aphex.pipeline.config;

import static io.aphex.pipeline.config.SchemaProblems.append;
import static io.aphex.pipeline.config.StructuredConfigValues.shown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.aphex.pipeline.config.SchemaProblems.Fix;
import io.aphex.pipeline.config.SchemaProblems.Place;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The one definition of every {@code aphex-pipeline} setting, the published schema {@value
 * #RESOURCE} ({@code schema/stack-config.schema.json} in the repository), and the check of values
 * against it with {@link SchemaProblems}: each problem names the key (or {@code key.field}, {@code
 * key[index]}) of the value. Stack config problems fix with the {@code pulumi config} command that
 * sets a good value; the component's args, checked by the same schema, fix with the value to set.
 */
public final class StackConfigSchema {

  /** The config namespace of this project: keys are set as {@code aphex-pipeline:<key>}. */
  public static final String NAMESPACE = "aphex-pipeline";

  /** The classpath resource of the schema. */
  public static final String RESOURCE = "/schema/stack-config.schema.json";

  private static final JsonNode SCHEMA = PublishedSchemas.read(RESOURCE);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());

  /** Compiled on first use. */
  private static final class Compiled {
    static final SchemaProblems SCHEMA = new SchemaProblems(StackConfigSchema.SCHEMA);
  }

  private StackConfigSchema() {}

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
    ObjectNode values = NODES.objectNode().set(key, JSON.valueToTree(value));
    return checkSettings(values).getOrDefault(key, List.of());
  }

  private static Map<String, List<Problem>> check(ObjectNode values, boolean commands) {
    ObjectNode config = NODES.objectNode();
    values.properties().forEach(e -> config.set(qualified(e.getKey()), e.getValue()));
    ObjectNode stack = NODES.objectNode().set("config", config);
    Settings check = new Settings(commands);
    Compiled.SCHEMA.check(stack, check);
    if (check.firstNotListed != null) {
      Problem more = ProblemList.notListed(check.firstNotListed.where(), check.notListed);
      check.report(check.firstNotListed, more.value(), more.rule(), more.fix());
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
    Settings stack = new Settings(true);
    List<Object> path = List.of("config", qualified(key));
    if (field.path("type").toString().contains("array")) {
      JsonNode item = Compiled.SCHEMA.example(field.path("items"), null);
      String fix = "set one item at a time with --path, e.g. " + stack.set(append(path, 0), item);
      return new Problem(key, text, "is not a JSON list", fix);
    }
    String fix =
        "set one field at a time with --path, e.g. pulumi config rm "
            + key
            + " && "
            + stack.set(path, Compiled.SCHEMA.example(field, null));
    return new Problem(key, text, "is not a JSON object", fix);
  }

  private static String qualified(String key) {
    return NAMESPACE + ":" + key;
  }

  private static String bare(String qualified) {
    return qualified.substring(NAMESPACE.length() + 1);
  }

  /**
   * Where a value is, as the reader places it after the stack file and namespace: {@code
   * key.field}.
   */
  private static String where(List<Object> path) {
    return SchemaProblems.where(bare(path.get(1).toString()), path.subList(2, path.size()));
  }

  private static String configPath(List<Object> path) {
    String key = bare(path.get(1).toString());
    List<Object> segments = path.subList(2, path.size());
    return segments.isEmpty() ? key : "--path " + StructuredConfigValues.path(key, segments);
  }

  /** The stack settings as an input of the shared mapper: problems by key, fixes as commands. */
  private static final class Settings implements SchemaProblems.Input {

    private final Map<String, List<Problem>> problems = new LinkedHashMap<>();
    private final boolean commands;
    private int listed;
    private int notListed;
    private @Nullable Place firstNotListed;

    Settings(boolean commands) {
      this.commands = commands;
    }

    /** Missing keys are reported by the args, which know every way to set them. */
    @Override
    public boolean reports(String keyword, List<Object> instance, List<Object> rule) {
      return (instance.size() >= 2 || keyword.equals("additionalProperties"))
          && !keyword.equals("required");
    }

    @Override
    public Optional<Place> place(List<Object> path, JsonNode value) {
      return Optional.of(
          new Place(path, where(path), 0, shown(value), value, false, value.isTextual()));
    }

    @Override
    public String fix(Place at, Fix kind, JsonNode value) {
      return switch (kind) {
        case UNQUOTE -> "write the value without quotes, e.g. " + set(at.path(), value);
        case MAPPING -> "set " + mapping() + " with the keys " + value.asText();
        case REMOVE ->
            commands ? "pulumi config rm " + configPath(at.path()) : "leave out " + at.where();
        default -> commands ? "run: " + set(at.path(), value) : set(at.path(), value);
      };
    }

    /**
     * A key of the stack config is matched without its namespace and points at the configuration
     * page; a field of a structured key lists its siblings.
     */
    @Override
    public String unknown(Place at, Optional<String> match, List<String> known) {
      List<Object> owner = at.path().subList(0, at.path().size() - 1);
      boolean key = owner.size() == 1;
      Optional<String> meant =
          key
              ? Suggestions.closest(
                      at.where(), known.stream().map(StackConfigSchema::bare).toList())
                  .map(StackConfigSchema::qualified)
              : match;
      return meant
              .map(
                  m ->
                      "Did you mean '" + (key ? bare(m) : m) + "'? " + rename(at, append(owner, m)))
              .orElse(
                  commands
                      ? "Run: pulumi config rm " + configPath(at.path())
                      : "Remove " + at.where())
          + (key
              ? "; docs/configuration.md lists every key"
              : "; the known keys here are " + String.join(", ", known) + ".");
    }

    /**
     * Renames a key, keeping the value of a field; a key's raw value may be long or a secret, so
     * its command has a placeholder.
     */
    private String rename(Place at, List<Object> meant) {
      boolean keep = at.path().size() > 2 && at.value().isValueNode();
      JsonNode value = keep ? at.value() : NODES.textNode("<value>");
      return commands
          ? "Run: pulumi config rm " + configPath(at.path()) + " && " + set(meant, value)
          : "Rename " + at.where() + " to " + where(meant);
    }

    @Override
    public String mapping() {
      return "a JSON object";
    }

    /** A hostile value, such as a list of a megabyte of bad items, lists a bounded report. */
    @Override
    public boolean isFull() {
      return listed >= ProblemList.LIMIT;
    }

    @Override
    public void countMore(Place at) {
      if (notListed++ == 0) {
        firstNotListed = at;
      }
    }

    @Override
    public void report(Place at, @Nullable String value, String rule, String fix) {
      listed++;
      String key = bare(at.path().get(1).toString());
      problems
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(new Problem(at.where(), value, rule, fix));
    }

    /** Sets a value: {@code --path} when it lies inside the key; for a mapping, one entry of it. */
    private String set(List<Object> path, JsonNode value) {
      if (value.isObject() && value.size() > 0) {
        String first = value.fieldNames().next();
        return set(append(path, first), value.get(first));
      }
      if (!commands) {
        return "set " + where(path) + " to " + shown(value);
      }
      return "pulumi config set " + configPath(path) + " " + shown(value);
    }
  }
}
