package io.aphex.pipeline.events;

import static io.aphex.pipeline.events.WebhookServiceSettings.CONFIG_KEY;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StructuredValueProblems;
import io.aphex.pipeline.config.Suggestions;
import io.aphex.pipeline.events.WebhookServiceSettings.ParseResult;
import io.aphex.pipeline.events.WebhookServiceSettings.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;

/** Reads {@link WebhookServiceSettings} from the JSON value of the stack config key. */
final class WebhookServiceConfig {

  /** The fields of the config object, in the order of {@link WebhookServiceSettings}. */
  static final List<String> FIELDS =
      List.of("enabled", "type", "port", "nodePort", "annotations", "labels");

  private static final List<String> TYPE_NAMES =
      Arrays.stream(Type.values()).map(Type::kubernetesName).toList();

  private final List<Problem> problems = new ArrayList<>();
  private final StructuredValueProblems reporter =
      new StructuredValueProblems(CONFIG_KEY, FIELDS, problems);
  private WebhookServiceSettings settings = WebhookServiceSettings.defaults();
  private boolean typeKnown = true;

  private WebhookServiceConfig() {}

  /** See {@link WebhookServiceSettings#fromConfig(String)}. */
  static ParseResult parse(String json) {
    requireNonNull(json, "json");
    if (json.isBlank()) {
      return new ParseResult(Optional.of(WebhookServiceSettings.defaults()), List.of());
    }
    List<Problem> notAnObject = new ArrayList<>();
    Optional<JsonNode> object =
        StructuredValueProblems.readObject(
            CONFIG_KEY, json, "Service settings", "type NodePort", notAnObject);
    if (object.isEmpty()) {
      return new ParseResult(Optional.empty(), notAnObject);
    }
    JsonNode root = object.get();
    WebhookServiceConfig reader = new WebhookServiceConfig();
    root.properties().forEach(field -> reader.field(field.getKey(), field.getValue()));
    reader.problems.addAll(WebhookServiceRules.check(reader.settings, reader.typeKnown));
    return reader.problems.isEmpty()
        ? new ParseResult(Optional.of(reader.settings), List.of())
        : new ParseResult(Optional.empty(), reader.problems);
  }

  private void field(String name, JsonNode value) {
    if (value.isNull()) {
      return;
    }
    switch (name) {
      case "enabled" -> enabled(value);
      case "type" -> type(value);
      case "port" ->
          number(
              value,
              "port",
              WebhookServiceSettings.DEFAULT_PORT,
              WebhookServiceRules::port,
              port -> settings = settings.withPort(port));
      case "nodePort" ->
          number(
              value,
              "nodePort",
              30120,
              WebhookServiceRules::nodePort,
              port -> settings = settings.withNodePort(port));
      case "annotations" ->
          stringMap(
                  value,
                  "annotations",
                  "service.beta.kubernetes.io/aws-load-balancer-scheme",
                  "internet-facing")
              .ifPresent(map -> settings = settings.withAnnotations(map));
      case "labels" ->
          stringMap(value, "labels", "team", "platform")
              .ifPresent(map -> settings = settings.withLabels(map));
      default -> unknownField(name, value);
    }
  }

  private void enabled(JsonNode value) {
    if (value.isBoolean()) {
      settings = settings.withEnabled(value.booleanValue());
    } else {
      wrongKind(
          CONFIG_KEY + ".enabled",
          value,
          "true or false",
          "write true or false without quotes, e.g. pulumi config set --path "
              + CONFIG_KEY
              + ".enabled false");
    }
  }

  private void type(JsonNode value) {
    typeKnown = false;
    String example = "pulumi config set --path " + CONFIG_KEY + ".type ";
    if (!value.isTextual()) {
      wrongKind(
          CONFIG_KEY + ".type",
          value,
          "a string",
          "set it to LoadBalancer, NodePort or ClusterIP, e.g. " + example + "NodePort");
      return;
    }
    Optional<Type> type = Type.fromKubernetesName(value.textValue());
    if (type.isPresent()) {
      settings = settings.withType(type.get());
      typeKnown = true;
      return;
    }
    problems.add(
        new Problem(
            CONFIG_KEY + ".type",
            value.textValue(),
            "is not a Service type this component creates (LoadBalancer, NodePort or ClusterIP;"
                + " the names are case-sensitive)",
            Suggestions.closest(value.textValue(), TYPE_NAMES)
                .map(match -> "did you mean '" + match + "'? Run: " + example + match)
                .orElse(
                    "use LoadBalancer (the default), NodePort or ClusterIP, e.g. "
                        + example
                        + "NodePort")));
  }

  private void number(
      JsonNode value,
      String field,
      int example,
      LongFunction<Optional<Problem>> rule,
      IntConsumer set) {
    wholeNumber(value, field, example)
        .ifPresent(
            number ->
                rule.apply(number)
                    .ifPresentOrElse(
                        p ->
                            problems.add(
                                new Problem(p.location(), shown(value), p.rule(), p.fix())),
                        () -> set.accept(Math.toIntExact(number))));
  }

  /** Reads a whole number as a long, so that out-of-range values reach the range check. */
  private Optional<Long> wholeNumber(JsonNode value, String field, int example) {
    if (value.isIntegralNumber()) {
      // Beyond a long it is out of any range; the range check reports it with the real text.
      return Optional.of(value.canConvertToLong() ? value.longValue() : Long.MAX_VALUE);
    }
    String location = CONFIG_KEY + "." + field;
    String command = "pulumi config set --path " + location + " ";
    if (value.isTextual() && value.textValue().matches("[0-9]{1,9}")) {
      wrongKind(
          location,
          value,
          "a whole number",
          "write the number without quotes, e.g. " + command + value.textValue());
    } else {
      wrongKind(location, value, "a whole number", "set a whole number, e.g. " + command + example);
    }
    return Optional.empty();
  }

  private Optional<Map<String, String>> stringMap(
      JsonNode value, String field, String exampleKey, String exampleValue) {
    String location = CONFIG_KEY + "." + field;
    if (!value.isObject()) {
      wrongKind(
          location,
          value,
          "an object of names to values",
          "set one entry at a time, e.g. pulumi config set --path "
              + StructuredValueProblems.configPath(location, exampleKey)
              + " "
              + exampleValue);
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<String, JsonNode> item : value.properties()) {
      JsonNode itemValue = item.getValue();
      if (itemValue.isTextual() || itemValue.isBoolean() || itemValue.isIntegralNumber()) {
        out.put(item.getKey(), itemValue.asText());
      } else {
        ok = false;
        wrongKind(
            location + "." + item.getKey(),
            itemValue,
            "a string",
            itemValue.isNumber()
                ? "quote it in the stack file, e.g. "
                    + item.getKey()
                    + ": \""
                    + itemValue.asText()
                    + "\""
                : "set a single text value, e.g. pulumi config set --path "
                    + StructuredValueProblems.configPath(location, item.getKey())
                    + " "
                    + exampleValue);
      }
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  private void unknownField(String name, JsonNode value) {
    reporter.unknownField(name, value);
  }

  private void wrongKind(String location, JsonNode value, String expected, String fix) {
    reporter.wrongKind(location, value, expected, fix);
  }

  private static String shown(JsonNode value) {
    return StructuredValueProblems.shown(value);
  }

  private static String kind(JsonNode value) {
    return StructuredValueProblems.kind(value);
  }
}
