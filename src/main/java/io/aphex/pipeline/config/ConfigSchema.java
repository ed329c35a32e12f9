package io.aphex.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.aphex.pipeline.config.SchemaProblems.Fix;
import io.aphex.pipeline.config.SchemaProblems.Place;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Checks the data of a config file against the published schema {@code
 * schema/aphex-config.schema.json} (on the classpath as {@value #RESOURCE}) with {@link
 * SchemaProblems}: each problem names the file, the line and key path of the value, and fixes it
 * with a line of YAML, such as {@code Write e.g. region: us-east-1.}
 *
 * <p>The schema is read and compiled once, on the first check.
 *
 * @param source the decoded file
 * @param data its data
 * @param problems where problems go
 */
record ConfigSchema(Source source, ConfigData data, ProblemList problems)
    implements SchemaProblems.Input {

  /** The schema's name in {@code schema/}. */
  static final String FILE = "aphex-config.schema.json";

  /** The schema on the classpath, where the build copies {@code schema/}. */
  static final String RESOURCE = "/schema/" + FILE;

  /** Characters that a plain YAML scalar cannot start with. */
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  /** Characters that end a plain scalar inside a flow list or mapping. */
  private static final String FLOW = ",[]{}";

  /** Compiled when the class is first used, which is the first check. */
  private static final SchemaProblems SCHEMA = new SchemaProblems(PublishedSchemas.read(RESOURCE));

  /**
   * Checks the data against the schema.
   *
   * @param source the decoded file
   * @param data its data
   * @param problems where problems go
   * @return the JSON paths of the values reported, so that the rules in code skip them
   */
  static Set<List<Object>> check(Source source, ConfigData data, ProblemList problems) {
    return SCHEMA.check(data.root(), new ConfigSchema(source, data, problems));
  }

  /** The deploy role a Pulumi stack needs is reported by the code, which names the stack. */
  @Override
  public boolean reports(String keyword, List<Object> instance, List<Object> rule) {
    boolean aboutKey = keyword.equals("required") || keyword.equals("additionalProperties");
    return !(aboutKey && rule.contains("then"));
  }

  @Override
  public Optional<Place> place(List<Object> path, JsonNode value) {
    return data.at(path)
        .map(
            at ->
                new Place(
                    path,
                    at.path(),
                    at.line(),
                    at.raw(source),
                    value,
                    at.isPlain(),
                    !at.isPlain() && at.node() instanceof ScalarNode));
  }

  @Override
  public String fix(Place at, Fix kind, JsonNode value) {
    return switch (kind) {
      case EXAMPLE -> "Write e.g. " + assign(at, flow(value)) + ".";
      case VALUE -> "Write " + assign(at, flow(value)) + ".";
      case ITEM -> "Add an item, e.g. " + assign(at, flow(value)) + ".";
      case BOOLEAN -> "Write " + assign(at, "true") + " or " + assign(at, "false") + ".";
      case QUOTE -> "Quote it: " + assign(at, "\"" + at.text() + "\"") + ".";
      case UNQUOTE -> "Remove the quotes: " + assign(at, at.text()) + ".";
      case REMOVE -> "remove " + at.where();
      case MAPPING ->
          "Write "
              + (at.where().isEmpty()
                  ? "the file"
                  : at.key().equals("-") ? "each " + at.noun().substring(3) : at.key())
              + " as a mapping with the keys "
              + value.asText()
              + ".";
    };
  }

  @Override
  public String add(Place owner, String key, JsonNode example) {
    return "Add "
        + key
        + ": "
        + flow(example)
        + (owner.where().isEmpty() ? " at the top level" : " under " + owner.where())
        + ".";
  }

  @Override
  public String unknown(Place at, Optional<String> match, List<String> known) {
    return match
            .map(m -> "Did you mean '" + m + "'? Rename the key or remove it")
            .orElse("Remove the key")
        + "; the known keys here are "
        + String.join(", ", known)
        + ".";
  }

  @Override
  public boolean isFull() {
    return problems.isFull();
  }

  @Override
  public void countMore(Place at) {
    problems.countMore();
  }

  @Override
  public void report(Place at, @Nullable String value, String rule, String fix) {
    problems.add(at.line(), source.location(at.line(), at.where()), value, rule, fix);
  }

  private static String assign(Place at, String value) {
    return at.key() + (at.key().equals("-") ? " " : ": ") + value;
  }

  /** Writes a value as YAML flow style: {@code {name: dev, stacks: [...]}}. */
  private static String flow(JsonNode value) {
    if (value.isObject()) {
      return value.properties().stream()
          .map(f -> f.getKey() + ": " + flow(f.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value.isArray()) {
      return StreamSupport.stream(value.spliterator(), false)
          .map(ConfigSchema::flow)
          .collect(Collectors.joining(", ", "[", "]"));
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
}
