package io.aphex.pipeline.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aphex.pipeline.config.SchemaProblems.Fix;
import io.aphex.pipeline.config.SchemaProblems.Place;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * The shapes of the stack's {@code aws:} provider settings that the component copies to the AWS
 * providers it makes for other regions: the published schema {@value #RESOURCE} ({@code
 * schema/aws-provider-config.schema.json} in the repository), the typing of their stored text by
 * it, and the check of their values with {@link SchemaProblems}. A value is never shown in a
 * problem, since these settings can hold credentials.
 */
public final class AwsProviderConfigSchema {

  /** The classpath resource of the schema. */
  public static final String RESOURCE = "/schema/aws-provider-config.schema.json";

  /** Shown in place of a setting's value in a problem. */
  public static final String NOT_SHOWN = "(not shown: it may hold credentials)";

  private static final JsonNode SCHEMA = PublishedSchemas.read(RESOURCE);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The described keys, without the {@code aws:} namespace, in name order. */
  public static final Set<String> KEYS =
      new TreeSet<>(SchemaProblems.names(SCHEMA.path("properties")));

  /** Compiled on first use. */
  private static final class Compiled {
    static final SchemaProblems SCHEMA = new SchemaProblems(AwsProviderConfigSchema.SCHEMA);
  }

  private AwsProviderConfigSchema() {}

  /**
   * Returns the published schema.
   *
   * @return the schema of the copied {@code aws:} settings, as read once from {@value #RESOURCE}
   */
  public static JsonNode schema() {
    return SCHEMA;
  }

  /**
   * Types the described settings as the schema says: a text setting as it is, any other read as
   * JSON (whole numbers, {@code true}/{@code false}, lists and objects); a text that is not JSON
   * stays text, which {@link #problems} reports.
   *
   * @param config the {@code aws:} settings by key, as Pulumi stores them (keys outside {@link
   *     #KEYS} are left out)
   * @return the typed values, in key order
   */
  public static ObjectNode typed(Map<String, String> config) {
    ObjectNode typed = JsonNodeFactory.instance.objectNode();
    new TreeMap<>(config)
        .forEach(
            (key, text) -> {
              JsonNode type = SCHEMA.path("properties").path(key).path("type");
              if (!type.isMissingNode()) {
                typed.set(key, type.asText().equals("string") ? text(text) : json(text));
              }
            });
    return typed;
  }

  private static JsonNode json(String text) {
    try {
      JsonNode parsed = JSON.readTree(text);
      return parsed.isMissingNode() ? text(text) : parsed;
    } catch (JsonProcessingException e) {
      return text(text);
    }
  }

  private static JsonNode text(String text) {
    return JsonNodeFactory.instance.textNode(text);
  }

  /**
   * The settings that cannot be copied, each as a problem at {@code aws:<key>} (or inside it, such
   * as {@code aws:assumeRole.roleArn}); the value is never shown.
   *
   * @param config the {@code aws:} settings by key, as Pulumi stores them
   * @return the problems in key order, empty when every setting can be copied
   */
  public static List<Problem> problems(Map<String, String> config) {
    Settings settings = new Settings();
    Compiled.SCHEMA.check(typed(config), settings);
    settings.problems.sort(Comparator.comparing(Problem::location));
    return settings.problems;
  }

  /**
   * The {@code aws:} settings as an input of the shared mapper: values hidden, fixes commands, a
   * secret's with {@code --secret}.
   */
  private static final class Settings implements SchemaProblems.Input {

    private final List<Problem> problems = new ArrayList<>();

    @Override
    public boolean reports(String keyword, List<Object> instance, List<Object> rule) {
      return true;
    }

    @Override
    public Optional<Place> place(List<Object> path, JsonNode value) {
      String where = SchemaProblems.where("aws:" + path.get(0), path.subList(1, path.size()));
      return Optional.of(new Place(path, where, 0, NOT_SHOWN, value, false, false));
    }

    /** A {@code --path} command that sets a good value: one item of a list, one field of a role. */
    @Override
    public String fix(Place at, Fix kind, JsonNode value) {
      String where = at.where();
      JsonNode example = value;
      if (kind == Fix.MAPPING) {
        where += "." + value.asText().split(", ")[0];
        example = text("VALUE");
      } else if (value.isArray()) {
        where += "[0]";
        example = value.path(0);
      } else if (value.isObject() && value.size() > 0) {
        String field = value.fieldNames().next();
        where += "." + field;
        example = value.get(field);
      }
      return "set it as the aws provider documents it, e.g. pulumi config set"
          + (field(at.path()).path("x-secret").asBoolean() ? " --secret" : "")
          + " --path "
          + where
          + " "
          + example.asText();
    }

    /** The schema of the value at a path. */
    private static JsonNode field(List<Object> path) {
      JsonNode field = SCHEMA;
      for (Object element : path) {
        field =
            element instanceof Integer
                ? field.path("items")
                : field.path("properties").path((String) element);
      }
      return field;
    }

    @Override
    public String unknown(Place at, Optional<String> match, List<String> known) {
      return fix(at, Fix.EXAMPLE, text("VALUE"));
    }

    @Override
    public String mapping() {
      return "a JSON object";
    }

    @Override
    public void report(Place at, @Nullable String value, String rule, String fix) {
      problems.add(
          new Problem(
              at.where(),
              NOT_SHOWN,
              rule + ", so the AWS providers the pipeline makes for other regions cannot copy it",
              fix));
    }
  }
}
