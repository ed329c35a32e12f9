package io.aphex.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rules of {@code aphex-config.yaml} that its schema cannot say, checked on the data after the
 * schema: names are unique, every {@code dependsOn} name exists and forms no cycle, the region is
 * one this release knows, a deploy role is in the environment's account and partition, an
 * environment with Pulumi stacks has one, a timeout is from 1m to 24h, and a request is not above
 * its limit. A value the schema already reported is not checked again. Then builds the {@link
 * PipelineConfig} from data that passed both.
 */
final class ConfigRules {

  private final Source source;
  private final ConfigData data;
  private final ProblemList problems;
  private final Set<List<Object>> reported;

  private ConfigRules(
      Source source, ConfigData data, ProblemList problems, Set<List<Object>> reported) {
    this.source = source;
    this.data = data;
    this.problems = problems;
    this.reported = reported;
  }

  /**
   * Checks the rules in code.
   *
   * @param source the decoded file
   * @param data its data
   * @param problems where problems go
   * @param reported the values the schema reported
   */
  static void check(
      Source source, ConfigData data, ProblemList problems, Set<List<Object>> reported) {
    ConfigRules rules = new ConfigRules(source, data, problems, reported);
    rules.items(List.of("environments"), PromotionOrder.Noun.ENVIRONMENT, rules::environment);
    for (String stage : StageSettings.STAGES) {
      rules.stage(List.of("pipeline", "stages", stage));
    }
  }

  /**
   * Builds the config from data that passed the schema and the rules.
   *
   * @param root the data
   * @return the pipeline config
   */
  static PipelineConfig build(JsonNode root) {
    List<EnvironmentConfig> environments = new ArrayList<>();
    for (JsonNode env : root.get("environments")) {
      List<StackDefinition> stacks = new ArrayList<>();
      for (JsonNode stack : env.get("stacks")) {
        stacks.add(
            new StackDefinition(
                stack.get("name").asText(),
                stack.get("path").asText(),
                texts(stack.get("dependsOn")),
                StackEngine.of(stack.path("engine").asText("cdk")).orElseThrow()));
      }
      environments.add(
          new EnvironmentConfig(
              env.get("name").asText(),
              env.get("region").asText(),
              account(env.get("account")),
              stacks,
              texts(env.path("tests").get("commands")).orElse(List.of()),
              texts(env.get("dependsOn")),
              env.path("requiresApproval").asBoolean(false),
              Optional.ofNullable(env.get("deployRoleArn")).map(JsonNode::asText)));
    }
    JsonNode pipeline = root.path("pipeline");
    Map<String, StageSettings> stages = new LinkedHashMap<>();
    pipeline
        .path("stages")
        .fields()
        .forEachRemaining(stage -> stages.put(stage.getKey(), stageSettings(stage.getValue())));
    return new PipelineConfig(
        root.get("version").asText(),
        texts(root.get("build").get("commands")).orElseThrow(),
        environments,
        pipeline.path("selfUpdate").asBoolean(true),
        stages,
        pipeline.path("validate").asBoolean(true));
  }

  private static StageSettings stageSettings(JsonNode stage) {
    return new StageSettings(
        stage.has("timeout")
            ? OptionalInt.of(seconds(stage.get("timeout").asText()))
            : OptionalInt.empty(),
        stage.has("retries") ? OptionalInt.of(stage.get("retries").asInt()) : OptionalInt.empty(),
        quantities(stage.at("/resources/requests")),
        quantities(stage.at("/resources/limits")));
  }

  private static Map<String, String> quantities(JsonNode node) {
    Map<String, String> quantities = new LinkedHashMap<>();
    node.fields().forEachRemaining(q -> quantities.put(q.getKey(), quantity(q.getValue())));
    return quantities;
  }

  /**
   * A quantity as written; a number such as {@code cpu: 0.5} keeps its digits, but for zeros past
   * the third decimal, which the schema's {@code multipleOf: 0.001} lets through ({@code 0.0010}).
   */
  private static String quantity(JsonNode value) {
    if (!value.isBigDecimal()) {
      return value.asText();
    }
    BigDecimal number = value.decimalValue();
    return (number.scale() > 3 ? number.stripTrailingZeros() : number).toPlainString();
  }

  /** An account ID; an unquoted one of 12 digits is a number to YAML, and kept as its digits. */
  private static String account(JsonNode value) {
    return value.isNumber() ? value.bigIntegerValue().toString() : value.asText();
  }

  private static Optional<List<String>> texts(JsonNode list) {
    return Optional.ofNullable(list)
        .map(items -> StreamSupport.stream(items.spliterator(), false).map(JsonNode::asText))
        .map(Stream::toList);
  }

  /**
   * Checks a list of environments, or of one environment's stacks: unique names, then the order
   * their {@code dependsOn} gives; {@code each} checks every item that is a mapping.
   */
  private void items(
      List<Object> at, PromotionOrder.Noun noun, BiConsumer<List<Object>, JsonNode> each) {
    JsonNode items = node(at);
    if (!items.isArray()) {
      return; // A mapping or a scalar where the list belongs: the schema reports it.
    }
    Map<String, List<Object>> names = new HashMap<>();
    List<PromotionOrder.Member> order = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<Object> itemAt = append(at, i);
      order.add(member(itemAt, items.get(i)));
      unique(append(itemAt, "name"), names, noun);
      if (items.get(i).isObject()) {
        each.accept(itemAt, items.get(i));
      }
    }
    PromotionOrder.check(source, problems, order, noun);
  }

  private void environment(List<Object> at, JsonNode env) {
    Optional<String> region = region(append(at, "region"));
    Optional<String> account = valid(append(at, "account")).map(ConfigRules::account);
    deployRole(at, env, account, region);
    items(append(at, "stacks"), PromotionOrder.Noun.STACK, (stack, value) -> {});
  }

  private Optional<String> region(List<Object> at) {
    Optional<String> value = text(at);
    Optional<String> broken = value.flatMap(NameRules::awsRegion);
    broken.ifPresent(
        rule -> report(at, value.get(), rule, "Use an AWS region code, e.g. region: us-east-1."));
    return broken.isPresent() ? Optional.empty() : value;
  }

  private void deployRole(
      List<Object> at, JsonNode env, Optional<String> account, Optional<String> region) {
    List<Object> roleAt = append(at, "deployRoleArn");
    String role = "arn:aws:iam::" + account.orElse("123456789012") + ":role/";
    Optional<String> arn = text(roleAt);
    Optional<String> broken = arn.flatMap(a -> NameRules.deployRoleArn(a, account, region));
    broken.ifPresent(
        rule ->
            report(
                roleAt,
                arn.get(),
                rule,
                "Use the ARN of a role in the environment's account, e.g. deployRoleArn: "
                    + role
                    + "aphex-deploy, or remove it to let cdk deploy use the CDK bootstrap roles."));
    for (JsonNode stack : env.has("deployRoleArn") ? List.<JsonNode>of() : env.path("stacks")) {
      if (stack.path("engine").asText().equals(StackEngine.PULUMI.key())) {
        report(
            at,
            stack.path("name").asText(),
            "is a Pulumi stack, and " + EnvironmentConfig.PULUMI_NEEDS_DEPLOY_ROLE,
            "Add deployRoleArn: "
                + role
                + "<the role the stacks deploy with> to this environment, or deploy the stack"
                + " with engine: cdk.");
        return;
      }
    }
  }

  /** An environment or stack as {@link PromotionOrder} sees it: its name and its dependsOn. */
  private PromotionOrder.Member member(List<Object> at, JsonNode item) {
    JsonNode name = item.path("name");
    JsonNode dependsOn = item.get("dependsOn");
    Optional<List<PromotionOrder.Item>> explicit = Optional.empty();
    if (!item.isObject()) {
      explicit = Optional.of(List.of());
    } else if (dependsOn != null) {
      List<PromotionOrder.Item> items = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < dependsOn.size(); i++) {
        JsonNode entry = dependsOn.get(i);
        if (entry.isTextual() && !entry.asText().isEmpty() && !seen.contains(entry.asText())) {
          seen.add(entry.asText());
          ConfigData.At where = location(append(append(at, "dependsOn"), i));
          items.add(new PromotionOrder.Item(entry.asText(), where.line(), where.path()));
        }
      }
      explicit = Optional.of(items);
    }
    return new PromotionOrder.Member(name.isTextual() ? name.asText() : null, explicit);
  }

  private void unique(List<Object> at, Map<String, List<Object>> seen, PromotionOrder.Noun noun) {
    Optional<String> name = text(at);
    List<Object> firstAt = name.isEmpty() ? null : seen.putIfAbsent(name.get(), at);
    if (firstAt != null) {
      ConfigData.At first = location(firstAt);
      report(
          at,
          name.get(),
          "is also the name of " + first.owner() + " (line " + first.line() + "); " + noun.unique(),
          noun.rename());
    }
  }

  private void stage(List<Object> at) {
    List<Object> timeoutAt = append(at, "timeout");
    text(timeoutAt)
        .filter(
            timeout ->
                seconds(timeout) < StageSettings.MIN_TIMEOUT_SECONDS
                    || seconds(timeout) > StageSettings.MAX_TIMEOUT_SECONDS)
        .ifPresent(
            timeout ->
                report(
                    timeoutAt,
                    timeout,
                    "must be from 1m to 24h",
                    "Write a duration with units, e.g. timeout: 90m, timeout: 3h or timeout:"
                        + " 1h30m."));
    List<Object> resources = append(at, "resources");
    StageSettings settings =
        new StageSettings(
            OptionalInt.empty(),
            OptionalInt.empty(),
            quantities(append(resources, "requests")),
            quantities(append(resources, "limits")));
    for (String resource : StageSettings.RESOURCES) {
      String request = settings.effectiveRequests().get(resource);
      String limit = settings.effectiveLimits().get(resource);
      if (request != null
          && limit != null
          && ResourceQuantities.compare(resource, request, limit) > 0) {
        report(
            resources,
            "requests." + resource + " " + request + ", limits." + resource + " " + limit,
            "asks for more " + resource + " than its limit, which Kubernetes refuses",
            "Raise limits." + resource + " to at least " + request + " or lower the request.");
      }
    }
  }

  /** The quantities at a path that the schema did not report. */
  private Map<String, String> quantities(List<Object> at) {
    Map<String, String> quantities = new HashMap<>();
    for (String resource : StageSettings.RESOURCES) {
      valid(append(at, resource))
          .map(ConfigRules::quantity)
          .ifPresent(q -> quantities.put(resource, q));
    }
    return quantities;
  }

  /** A duration the schema's pattern accepts, such as {@code 1h30m}, in seconds. */
  private static int seconds(String duration) {
    return (int) Duration.parse("PT" + duration.toUpperCase(Locale.ROOT)).toSeconds();
  }

  private JsonNode node(List<Object> at) {
    JsonNode value = data.root();
    for (Object key : at) {
      value = key instanceof Integer index ? value.path(index) : value.path((String) key);
    }
    return value;
  }

  /** The value at a path when it is present and the schema did not report it. */
  private Optional<JsonNode> valid(List<Object> at) {
    JsonNode value = node(at);
    return value.isMissingNode() || value.isNull() || reported.contains(at)
        ? Optional.empty()
        : Optional.of(value);
  }

  /** {@link #valid} when the value is a string. */
  private Optional<String> text(List<Object> at) {
    return valid(at).filter(JsonNode::isTextual).map(JsonNode::asText);
  }

  private ConfigData.At location(List<Object> at) {
    return data.at(at).orElseThrow(() -> new IllegalStateException("no value at " + at));
  }

  private void report(List<Object> at, String value, String rule, String fix) {
    ConfigData.At where = location(at);
    reported.add(at);
    problems.add(where.line(), source.location(where.line(), where.path()), value, rule, fix);
  }

  private static List<Object> append(List<Object> elements, Object element) {
    List<Object> longer = new ArrayList<>(elements);
    longer.add(element);
    return longer;
  }
}
