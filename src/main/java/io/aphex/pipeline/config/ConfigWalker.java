package io.aphex.pipeline.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks the node tree of a config file against the {@code aphex-config.yaml} schema and builds the
 * {@link PipelineConfig}. Every problem is collected with its line and key path; the walk never
 * stops at the first one.
 */
final class ConfigWalker {

  private static final List<String> TOP_KEYS =
      List.of("version", "build", "environments", "pipeline");
  private static final List<String> PIPELINE_KEYS = List.of("selfUpdate", "validate", "stages");
  private static final List<String> STAGE_KEYS = List.of("timeout", "retries", "resources");
  private static final List<String> RESOURCE_KEYS = List.of("requests", "limits");
  private static final Pattern DURATION =
      Pattern.compile("(?:([0-9]{1,5})h)?(?:([0-9]{1,5})m)?(?:([0-9]{1,6})s)?");
  private static final List<String> BUILD_KEYS = List.of("commands");
  private static final List<String> ENVIRONMENT_KEYS =
      List.of(
          "name",
          "region",
          "account",
          "stacks",
          "tests",
          "dependsOn",
          "requiresApproval",
          "deployRoleArn");
  private static final List<String> STACK_KEYS = List.of("name", "path", "dependsOn", "engine");
  private static final List<String> TESTS_KEYS = List.of("commands");

  private static final String SUPPORTED_VERSION = "1.0";

  /** Environment names become {@code deploy-<name>}, which must stay a 63-character label. */
  private static final int MAX_ENVIRONMENT_NAME = 63 - "deploy-".length();

  private static final Pattern UNQUOTED_ZERO_ACCOUNT = Pattern.compile("0[0-9]{11}");

  /** Plain dates are kept as the text the user wrote, like any other string. */
  private static final Set<Tag> STRING_TAGS = Set.of(Tag.STR, Tag.TIMESTAMP);

  /** The rule when a required key is missing or empty, and how to add it. */
  private record Key(String name, String need, String addFix) {}

  private static final Key VERSION =
      new Key(
          "version",
          "the config format version is required",
          "Add version: \"1.0\" at the top of the file.");
  private static final Key BUILD =
      new Key(
          "build",
          "the build stage is required",
          "Add build: with a commands: list of the shell commands that build the project.");
  private static final Key BUILD_COMMANDS =
      new Key(
          "commands",
          "the build stage needs at least one command",
          "Add commands: under build with one '- ' item per shell command.");
  private static final Key ENVIRONMENTS =
      new Key(
          "environments",
          "the pipeline needs at least one environment",
          "Add environments: with one item (name, region, account, stacks) per environment.");
  private static final Key ENVIRONMENT_NAME =
      new Key(
          "name",
          "every environment needs a name",
          "Add name: with a lower-case name, e.g. name: dev.");
  private static final Key REGION =
      new Key(
          "region",
          "every environment needs an AWS region",
          "Add region: with the AWS region, e.g. region: us-east-1.");
  private static final Key ACCOUNT =
      new Key(
          "account",
          "every environment needs an AWS account ID",
          "Add account: with the quoted 12-digit account ID, e.g. account: \"123456789012\".");
  private static final Key STACKS =
      new Key(
          "stacks",
          "every environment needs at least one stack",
          "Add stacks: with one '- name: ...' item per stack (CDK or Pulumi).");
  private static final Key STACK_NAME =
      new Key(
          "name",
          "every stack needs a name",
          "Add name: with the CDK stack name, e.g. name: MyAppStack.");
  private static final Key STACK_PATH =
      new Key(
          "path",
          "every stack needs a path",
          "Add path: with the stack's source file relative to the repository root, e.g. path:"
              + " lib/my-app-stack.ts.");
  private static final Key TEST_COMMANDS =
      new Key(
          "commands",
          "tests needs at least one command",
          "Add commands: under tests with one '- ' item per test command, or remove tests.");

  private static final int MAX_KEY_IN_PATH = 60;

  private final Source source;
  private final ProblemList problems;

  /**
   * A node with its key path, e.g. {@code environments[1].account}, and the line to report: the
   * line of its key, or of the item itself in a list.
   */
  private record At(String path, int line, Node node) {

    At key(ScalarNode key, Node value) {
      return new At(child(printable(key.getValue())), lineOf(key), value);
    }

    At item(int index, Node item) {
      return new At(path + "[" + index + "]", lineOf(item), item);
    }

    String child(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    /** The path without its last key: {@code environments[0]} for {@code environments[0].name}. */
    String owner() {
      return path.substring(0, Math.max(0, path.lastIndexOf('.')));
    }

    /** Keeps a key from the file short and on one line when it becomes part of a location. */
    private static String printable(String key) {
      StringBuilder out = new StringBuilder();
      key.codePoints()
          .limit(MAX_KEY_IN_PATH)
          .forEach(
              c -> {
                if (Character.isISOControl(c)) {
                  out.append(String.format("\\u%04x", c));
                } else {
                  out.appendCodePoint(c);
                }
              });
      return key.codePointCount(0, key.length()) > MAX_KEY_IN_PATH ? out + "..." : out.toString();
    }
  }

  /** The known keys of one mapping, each with its first value. */
  private final class Fields {

    private final At owner;
    private final Map<String, At> byKey;

    private Fields(At owner, Map<String, At> byKey) {
      this.owner = owner;
      this.byKey = byKey;
    }

    /**
     * Returns a required field; reports it as missing when the key is absent (at the line of the
     * mapping) or has no value (at the line of the key).
     */
    Optional<At> required(Key key) {
      At field = byKey.get(key.name());
      if (field == null) {
        missing(owner.line(), owner.child(key.name()), key);
        return Optional.empty();
      }
      if (isEmptyValue(field.node())) {
        missing(field.line(), field.path(), key);
        return Optional.empty();
      }
      return Optional.of(field);
    }

    Optional<At> optional(String key) {
      return Optional.ofNullable(byKey.get(key));
    }

    private void missing(int line, String path, Key key) {
      problems.add(line, source.location(line, path), null, key.need(), key.addFix());
    }
  }

  private ConfigWalker(Source source) {
    this.source = source;
    this.problems = new ProblemList(source.name());
  }

  /**
   * Checks a composed config file and builds the pipeline config from it.
   *
   * @param source the decoded file, for locations and quotes
   * @param root the root node, or {@code null} when the file holds no document
   * @return the pipeline config
   * @throws ConfigException with every problem found
   */
  static PipelineConfig walk(Source source, @Nullable Node root) {
    ConfigWalker walker = new ConfigWalker(source);
    Optional<PipelineConfig> config = walker.document(root);
    ConfigException.throwIfAny(walker.problems.toList());
    return config.orElseThrow(() -> new IllegalStateException("no config and no problem"));
  }

  private Optional<PipelineConfig> document(@Nullable Node root) {
    if (root == null || isEmptyValue(root)) {
      problems.add(
          1,
          source.location(1, ""),
          null,
          "the file has no content (only comments or whitespace)",
          "Write the pipeline config: version: \"1.0\", a build mapping with commands and a list"
              + " of environments.");
      return Optional.empty();
    }
    return top(new At("", lineOf(root), root));
  }

  private Optional<PipelineConfig> top(At top) {
    Optional<Fields> fields =
        fields(
            top,
            TOP_KEYS,
            "Write the config as a mapping with the keys version, build and environments.");
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> version = fields.get().required(VERSION).flatMap(this::version);
    Optional<List<String>> buildCommands = fields.get().required(BUILD).flatMap(this::build);
    Optional<List<EnvironmentConfig>> environments =
        fields.get().required(ENVIRONMENTS).flatMap(this::environments);
    Optional<PipelineSection> pipeline =
        fields
            .get()
            .optional("pipeline")
            .map(this::pipeline)
            .orElse(Optional.of(PipelineSection.DEFAULTS));
    if (version.isEmpty()
        || buildCommands.isEmpty()
        || environments.isEmpty()
        || pipeline.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new PipelineConfig(
            version.get(),
            buildCommands.get(),
            environments.get(),
            pipeline.get().selfUpdate(),
            pipeline.get().stages(),
            pipeline.get().validate()));
  }

  /** The {@code pipeline:} section as read. */
  private record PipelineSection(
      boolean selfUpdate, Map<String, StageSettings> stages, boolean validate) {
    static final PipelineSection DEFAULTS = new PipelineSection(true, Map.of(), true);
  }

  /**
   * Reads {@code pipeline:}: {@code selfUpdate} (default true), {@code validate} (default true) and
   * {@code stages}.
   */
  private Optional<PipelineSection> pipeline(At at) {
    Optional<Fields> fields =
        fields(
            at, PIPELINE_KEYS, "Write pipeline as a mapping, e.g. pipeline: {selfUpdate: false}.");
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Optional<Boolean> selfUpdate =
        fields.get().optional("selfUpdate").map(this::flag).orElse(Optional.of(true));
    Optional<Boolean> validate =
        fields.get().optional("validate").map(this::flag).orElse(Optional.of(true));
    Optional<Map<String, StageSettings>> stages =
        fields.get().optional("stages").map(this::stages).orElse(Optional.of(Map.of()));
    if (selfUpdate.isEmpty() || validate.isEmpty() || stages.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PipelineSection(selfUpdate.get(), stages.get(), validate.get()));
  }

  /** Reads {@code pipeline.stages}: settings by stage kind. */
  private Optional<Map<String, StageSettings>> stages(At at) {
    return keyed(
        at,
        StageSettings.STAGES,
        "Write stages as a mapping by stage kind, e.g. stages: {deploy: {timeout: 3h}}.",
        (field, stage) -> stageSettings(field));
  }

  /**
   * Reads a mapping whose keys are all optional and read alike: the value of each key present, in
   * the order of {@code keys}; empty when the mapping or any value has a problem (each reported).
   */
  private <V> Optional<Map<String, V>> keyed(
      At at, List<String> keys, String shapeFix, BiFunction<At, String, Optional<V>> reader) {
    Optional<Fields> fields = fields(at, keys, shapeFix);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Map<String, V> values = new LinkedHashMap<>();
    boolean valid = true;
    for (String key : keys) {
      Optional<At> field = fields.get().optional(key);
      if (field.isPresent()) {
        Optional<V> value = reader.apply(field.get(), key);
        value.ifPresent(read -> values.put(key, read));
        valid &= value.isPresent();
      }
    }
    return valid ? Optional.of(values) : Optional.empty();
  }

  private Optional<StageSettings> stageSettings(At at) {
    Optional<Fields> fields =
        fields(
            at,
            STAGE_KEYS,
            "Write the stage's settings as a mapping, e.g. {timeout: 3h, retries: 1}.");
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Optional<OptionalInt> timeout =
        fields
            .get()
            .optional("timeout")
            .map(field -> timeout(field).map(OptionalInt::of))
            .orElse(Optional.of(OptionalInt.empty()));
    Optional<OptionalInt> retries =
        fields
            .get()
            .optional("retries")
            .map(field -> retries(field).map(OptionalInt::of))
            .orElse(Optional.of(OptionalInt.empty()));
    Optional<At> resourcesField = fields.get().optional("resources");
    Optional<Map<String, Map<String, String>>> resources =
        resourcesField.map(this::resources).orElse(Optional.of(Map.of()));
    if (timeout.isEmpty() || retries.isEmpty() || resources.isEmpty()) {
      return Optional.empty();
    }
    StageSettings settings =
        new StageSettings(
            timeout.get(),
            retries.get(),
            resources.get().getOrDefault("requests", Map.of()),
            resources.get().getOrDefault("limits", Map.of()));
    boolean fits = resourcesField.map(field -> requestsFitLimits(field, settings)).orElse(true);
    return fits ? Optional.of(settings) : Optional.empty();
  }

  /** Kubernetes refuses a container whose request of a resource is above its limit. */
  private boolean requestsFitLimits(At resources, StageSettings settings) {
    boolean fits = true;
    Map<String, String> requests = settings.effectiveRequests();
    Map<String, String> limits = settings.effectiveLimits();
    for (String resource : StageSettings.RESOURCES) {
      String request = requests.get(resource);
      String limit = limits.get(resource);
      if (request != null
          && limit != null
          && ResourceQuantities.compare(resource, request, limit) > 0) {
        report(
            resources,
            "requests." + resource + " " + request + ", limits." + resource + " " + limit,
            "asks for more " + resource + " than its limit, which Kubernetes refuses",
            "Raise limits." + resource + " to at least " + request + " or lower the request.");
        fits = false;
      }
    }
    return fits;
  }

  /** Reads a timeout such as {@code 45m}, {@code 3h} or {@code 1h30m}: one minute to 24 hours. */
  private Optional<Integer> timeout(At at) {
    String fix = "Write a duration with units, e.g. timeout: 90m, timeout: 3h or timeout: 1h30m.";
    if (at.node() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      report(at, scalar.getValue(), "is a number without a unit", fix);
      return Optional.empty();
    }
    Optional<String> text = string(at);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher duration = DURATION.matcher(text.get());
    if (text.get().isEmpty() || !duration.matches()) {
      report(at, text.get(), "is not a duration (hours h, minutes m, seconds s)", fix);
      return Optional.empty();
    }
    long seconds =
        3600L * number(duration.group(1))
            + 60L * number(duration.group(2))
            + number(duration.group(3));
    if (seconds < StageSettings.MIN_TIMEOUT_SECONDS
        || seconds > StageSettings.MAX_TIMEOUT_SECONDS) {
      report(at, text.get(), "must be from 1m to 24h", fix);
      return Optional.empty();
    }
    return Optional.of((int) seconds);
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  /** Reads a retry count: a whole number from 0 to {@value StageSettings#MAX_RETRIES}. */
  private Optional<Integer> retries(At at) {
    if (at.node() instanceof ScalarNode scalar
        && scalar.getTag().equals(Tag.INT)
        && scalar.getValue().matches("[0-9]{1,2}")
        && Integer.parseInt(scalar.getValue()) <= StageSettings.MAX_RETRIES) {
      return Optional.of(Integer.parseInt(scalar.getValue()));
    }
    if (at.node() instanceof ScalarNode quoted
        && !quoted.isPlain()
        && quoted.getValue().matches("[0-9]+")) {
      report(
          at,
          source.snippet(quoted),
          "is quoted, so YAML reads it as text; it must be a whole number from 0 to "
              + StageSettings.MAX_RETRIES,
          "Remove the quotes: retries: " + quoted.getValue() + ".");
      return Optional.empty();
    }
    report(
        at,
        raw(at.node()),
        "must be a whole number from 0 to " + StageSettings.MAX_RETRIES,
        "Write e.g. retries: 1; 0 turns retries off.");
    return Optional.empty();
  }

  /** Reads {@code resources:}: {@code requests} and {@code limits}, each of cpu and memory. */
  private Optional<Map<String, Map<String, String>>> resources(At at) {
    return keyed(
        at,
        RESOURCE_KEYS,
        "Write resources as a mapping, e.g. resources: {requests: {memory: 2Gi}}.",
        (field, kind) ->
            keyed(
                field,
                StageSettings.RESOURCES,
                "Write them as a mapping, e.g. {cpu: 500m, memory: 2Gi}.",
                this::quantity));
  }

  /** Reads a quantity; a plain number such as {@code cpu: 2} is one too. */
  private Optional<String> quantity(At at, String resource) {
    String fix =
        resource.equals("cpu")
            ? "Write cores or millicores, e.g. cpu: 500m or cpu: \"2\"."
            : "Write bytes with a unit, e.g. memory: 2Gi.";
    if (!(at.node() instanceof ScalarNode scalar)
        || !(STRING_TAGS.contains(scalar.getTag())
            || scalar.getTag().equals(Tag.INT)
            || scalar.getTag().equals(Tag.FLOAT))) {
      wrongKind(at, "a quantity", fix);
      return Optional.empty();
    }
    return ruleHolds(
        at, scalar.getValue(), value -> ResourceQuantities.check(resource, value), fix);
  }

  private Optional<String> version(At at) {
    if (at.node() instanceof ScalarNode scalar
        && scalar.isPlain()
        && scalar.getTag().equals(Tag.FLOAT)
        && scalar.getValue().equals(SUPPORTED_VERSION)) {
      report(
          at,
          scalar.getValue(),
          "is unquoted, so YAML reads it as a number instead of the text \"1.0\"",
          "Quote it: version: \"1.0\".");
      return Optional.empty();
    }
    return checked(
        at,
        value ->
            value.equals(SUPPORTED_VERSION)
                ? Optional.empty()
                : Optional.of("is not a supported config version; the only version is \"1.0\""),
        "Set version: \"1.0\".");
  }

  private Optional<List<String>> build(At at) {
    return fields(at, BUILD_KEYS, "Write build as a mapping with a commands: list.")
        .flatMap(fields -> fields.required(BUILD_COMMANDS))
        .flatMap(commands -> commands(commands, BUILD_COMMANDS));
  }

  /**
   * Reads the environments, then checks their {@code dependsOn} lists together (names, cycles),
   * even when some environment has other problems.
   */
  private Optional<List<EnvironmentConfig>> environments(At at) {
    Map<String, At> names = new HashMap<>();
    List<PromotionOrder.Member> order = new ArrayList<>();
    Optional<List<At>> items =
        list(
            at,
            ENVIRONMENTS,
            "Write environments as a list with one '- name: ...' item per environment.",
            "Add an environment with name, region, account and stacks.");
    if (items.isEmpty()) {
      return Optional.empty();
    }
    Optional<List<EnvironmentConfig>> environments =
        allPresent(items.get(), item -> environment(item, names, order));
    boolean ordered = PromotionOrder.check(source, problems, order);
    return ordered ? environments : Optional.empty();
  }

  /**
   * Reads one environment and adds it to {@code order}, whatever its problems, so that the indexes
   * there are the environments' indexes.
   */
  private Optional<EnvironmentConfig> environment(
      At at, Map<String, At> names, List<PromotionOrder.Member> order) {
    Optional<Fields> fields =
        fields(
            at,
            ENVIRONMENT_KEYS,
            "Write each environment as a mapping with name, region, account and stacks.");
    if (fields.isEmpty()) {
      order.add(new PromotionOrder.Member(null, Optional.of(List.of())));
      return Optional.empty();
    }
    Fields env = fields.get();
    Optional<DependsOn> dependsOn =
        env.optional("dependsOn").map(field -> dependsOn(field, PromotionOrder.Noun.ENVIRONMENT));
    order.add(
        new PromotionOrder.Member(
            env.optional(ENVIRONMENT_NAME.name()).flatMap(ConfigWalker::plainString).orElse(null),
            dependsOn.map(DependsOn::items)));
    Optional<String> name =
        env.required(ENVIRONMENT_NAME).flatMap(field -> environmentName(field, names));
    Optional<String> region = env.required(REGION).flatMap(this::region);
    Optional<String> account = env.required(ACCOUNT).flatMap(this::account);
    Optional<List<StackDefinition>> stacks = env.required(STACKS).flatMap(this::stacks);
    Optional<List<String>> tests =
        env.optional("tests").map(this::tests).orElse(Optional.of(List.of()));
    Optional<Boolean> requiresApproval =
        env.optional("requiresApproval").map(this::flag).orElse(Optional.of(false));
    Optional<At> roleField = env.optional("deployRoleArn");
    Optional<String> deployRoleArn =
        roleField.flatMap(
            field ->
                checked(
                    field,
                    arn -> NameRules.deployRoleArn(arn, account, region),
                    "Use the ARN of a role in the environment's account, e.g. deployRoleArn:"
                        + " arn:aws:iam::"
                        + account.orElse("123456789012")
                        + ":role/aphex-deploy, or remove it to let cdk deploy use the CDK"
                        + " bootstrap roles."));
    Optional<String> pulumiWithoutRole =
        stacks
            .filter(list -> roleField.isEmpty())
            .flatMap(
                list ->
                    list.stream()
                        .filter(stack -> stack.engine() == StackEngine.PULUMI)
                        .map(StackDefinition::name)
                        .findFirst());
    pulumiWithoutRole.ifPresent(
        stack ->
            report(
                at,
                stack,
                "is a Pulumi stack, and " + EnvironmentConfig.PULUMI_NEEDS_DEPLOY_ROLE,
                "Add deployRoleArn: arn:aws:iam::"
                    + account.orElse("123456789012")
                    + ":role/<the role the stacks deploy with> to this environment, or deploy"
                    + " the stack with engine: cdk."));
    if (requiresApproval.isEmpty()
        || pulumiWithoutRole.isPresent()
        || (roleField.isPresent() && deployRoleArn.isEmpty())
        || name.isEmpty()
        || region.isEmpty()
        || account.isEmpty()
        || stacks.isEmpty()
        || tests.isEmpty()
        || dependsOn.filter(field -> !field.valid()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        new EnvironmentConfig(
            name.get(),
            region.get(),
            account.get(),
            stacks.get(),
            tests.get(),
            dependsOn.map(DependsOn::names),
            requiresApproval.get(),
            deployRoleArn));
  }

  /** Reads {@code true} or {@code false}, written so; YAML 1.1's yes, no, on and off are not. */
  private Optional<Boolean> flag(At at) {
    if (at.node() instanceof ScalarNode scalar
        && scalar.getTag().equals(Tag.BOOL)
        && (scalar.getValue().equals("true") || scalar.getValue().equals("false"))) {
      return Optional.of(Boolean.parseBoolean(scalar.getValue()));
    }
    report(
        at,
        raw(at.node()),
        "must be true or false",
        "Write " + at.path().substring(at.path().lastIndexOf('.') + 1) + ": true, or remove it.");
    return Optional.empty();
  }

  /**
   * A {@code dependsOn} as read: its string items without repeats, and whether it is valid as a
   * whole. When it is not a list, there are no items.
   */
  private record DependsOn(List<PromotionOrder.Item> items, boolean valid) {

    /** The names as written, for the config model. */
    List<String> names() {
      return items.stream().map(PromotionOrder.Item::name).toList();
    }
  }

  /**
   * Reads a {@code dependsOn} list, reporting a value that is not a list and items that are not
   * strings or are repeated. Whether the names exist is checked later by {@link PromotionOrder}.
   */
  private DependsOn dependsOn(At at, PromotionOrder.Noun noun) {
    if (!(at.node() instanceof SequenceNode sequence)) {
      wrongKind(
          at,
          "a list",
          "Write dependsOn as a list of "
              + noun.one()
              + " names, e.g. dependsOn: ["
              + noun.example()
              + "], or dependsOn: [] to depend on none.");
      return new DependsOn(List.of(), false);
    }
    Map<String, At> seen = new HashMap<>();
    List<PromotionOrder.Item> items = new ArrayList<>();
    boolean valid = true;
    for (int i = 0; i < sequence.getValue().size(); i++) {
      At item = at.item(i, sequence.getValue().get(i));
      if (isEmptyValue(item.node())) {
        report(
            item,
            "",
            "is empty; each item must be the name of " + noun.article(),
            "Write " + noun.article() + " name, or remove the empty item.");
        valid = false;
        continue;
      }
      Optional<String> name = string(item);
      if (name.isEmpty()) {
        valid = false;
        continue;
      }
      At first = seen.putIfAbsent(name.get(), item);
      if (first != null) {
        report(
            item,
            name.get(),
            "is already listed as " + first.path() + " (line " + first.line() + ")",
            "Remove the repeated item.");
        valid = false;
        continue;
      }
      items.add(new PromotionOrder.Item(name.get(), item.line(), item.path()));
    }
    return new DependsOn(items, valid);
  }

  /** The value of a scalar that YAML reads as a string, without reporting anything. */
  private static Optional<String> plainString(At at) {
    return at.node() instanceof ScalarNode scalar && STRING_TAGS.contains(scalar.getTag())
        ? Optional.of(scalar.getValue())
        : Optional.empty();
  }

  private Optional<String> environmentName(At at, Map<String, At> names) {
    return checked(
            at,
            value -> NameRules.dns1123Label(value, MAX_ENVIRONMENT_NAME),
            "Use lower-case letters, digits and '-', at most "
                + MAX_ENVIRONMENT_NAME
                + " characters, so that the stage name deploy-<name> stays within 63; e.g."
                + " name: prod-eu.")
        .filter(
            name ->
                unique(
                    names,
                    name,
                    at,
                    "environment names must be unique",
                    "Rename one of the two environments; each one becomes its own deploy-<name>"
                        + " stage."));
  }

  private Optional<String> region(At at) {
    return checked(at, NameRules::awsRegion, "Use an AWS region code, e.g. region: us-east-1.");
  }

  private Optional<String> account(At at) {
    String fix = "Write the 12-digit account ID in quotes, e.g. account: \"123456789012\".";
    if (!(at.node() instanceof ScalarNode scalar)) {
      wrongKind(at, "a string", fix);
      return Optional.empty();
    }
    String raw = scalar.getValue();
    if (scalar.isPlain() && UNQUOTED_ZERO_ACCOUNT.matcher(raw).matches()) {
      report(
          at,
          raw,
          "is unquoted, so YAML reads it as a number and drops the leading zero",
          "Quote it: account: \"" + raw + "\".");
      return Optional.empty();
    }
    return ruleHolds(at, raw, NameRules::awsAccount, fix);
  }

  /**
   * Reads the stacks of an environment, then checks their {@code dependsOn} lists together with the
   * rules of the environments' (names, cycles).
   */
  private Optional<List<StackDefinition>> stacks(At at) {
    Map<String, At> names = new HashMap<>();
    List<PromotionOrder.Member> order = new ArrayList<>();
    Optional<List<StackDefinition>> stacks =
        list(
                at,
                STACKS,
                "Write stacks as a list with one '- name: ...' item per stack.",
                "Add a stack with name and path, or remove the environment.")
            .flatMap(items -> allPresent(items, item -> stack(item, names, order)));
    boolean ordered = PromotionOrder.check(source, problems, order, PromotionOrder.Noun.STACK);
    return ordered ? stacks : Optional.empty();
  }

  private Optional<StackDefinition> stack(
      At at, Map<String, At> names, List<PromotionOrder.Member> order) {
    Optional<Fields> fields =
        fields(at, STACK_KEYS, "Write each stack as a mapping with name and path.");
    if (fields.isEmpty()) {
      order.add(new PromotionOrder.Member(null, Optional.of(List.of())));
      return Optional.empty();
    }
    Optional<DependsOn> dependsOn =
        fields
            .get()
            .optional("dependsOn")
            .map(field -> dependsOn(field, PromotionOrder.Noun.STACK));
    order.add(
        new PromotionOrder.Member(
            fields
                .get()
                .optional(STACK_NAME.name())
                .flatMap(ConfigWalker::plainString)
                .orElse(null),
            dependsOn.map(DependsOn::items)));
    Optional<StackEngine> engine =
        fields.get().optional("engine").map(this::engine).orElse(Optional.of(StackEngine.CDK));
    Optional<String> name =
        fields
            .get()
            .required(STACK_NAME)
            .flatMap(field -> stackName(field, engine.orElse(StackEngine.CDK), names));
    Optional<String> path = fields.get().required(STACK_PATH).flatMap(this::stackPath);
    if (name.isEmpty()
        || path.isEmpty()
        || engine.isEmpty()
        || dependsOn.filter(field -> !field.valid()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        new StackDefinition(name.get(), path.get(), dependsOn.map(DependsOn::names), engine.get()));
  }

  /** Reads {@code stacks[].engine}: {@code cdk} or {@code pulumi}, exactly so. */
  private Optional<StackEngine> engine(At at) {
    return string(at)
        .flatMap(
            value -> {
              Optional<StackEngine> engine = StackEngine.of(value);
              if (engine.isEmpty()) {
                report(
                    at,
                    value,
                    "is not a stack engine; the engines are " + StackEngine.keys(),
                    Suggestions.closest(value, StackEngine.keys())
                        .map(known -> "Write engine: " + known + ".")
                        .orElse("Write engine: cdk or engine: pulumi, or remove it for cdk."));
              }
              return engine;
            });
  }

  private Optional<String> stackName(At at, StackEngine engine, Map<String, At> names) {
    return checked(
            at,
            engine::checkName,
            engine == StackEngine.CDK
                ? "Use the stack name of the CDK app: letters, digits and '-', starting with a"
                    + " letter, e.g. name: MyAppStack."
                : "Use the Pulumi stack reference, e.g. name: prod or name: my-org/my-project/prod.")
        .filter(
            name ->
                unique(
                    names,
                    name,
                    at,
                    "stack names must be unique within an environment",
                    "Remove the repeated stack or rename it."));
  }

  private Optional<String> stackPath(At at) {
    return checked(
        at,
        path -> NameRules.repositoryPath(path).or(() -> argoExpression(path)),
        "Write the path relative to the repository root with '/' between directories, e.g."
            + " path: lib/my-app-stack.ts.");
  }

  private Optional<List<String>> tests(At at) {
    if (isEmptyValue(at.node())) {
      wrongKind(at, "a mapping", "Add commands: under tests, or remove tests.");
      return Optional.empty();
    }
    return fields(at, TESTS_KEYS, "Write tests as a mapping with a commands: list, or remove it.")
        .flatMap(fields -> fields.required(TEST_COMMANDS))
        .flatMap(commands -> commands(commands, TEST_COMMANDS));
  }

  private Optional<List<String>> commands(At at, Key key) {
    return list(
            at,
            key,
            "Write commands as a list with one '- ' item per shell command.",
            "Add a shell command, e.g. - \"npm ci\".")
        .flatMap(items -> allPresent(items, this::command));
  }

  private Optional<String> command(At at) {
    Optional<String> text = isEmptyValue(at.node()) ? Optional.of("") : string(at);
    return text.filter(command -> isValidCommand(at, command));
  }

  private boolean isValidCommand(At at, String command) {
    if (command.isBlank()) {
      report(
          at,
          command,
          "is empty or only whitespace",
          "Write the command, or remove the empty item.");
      return false;
    }
    boolean valid = true;
    Optional<Integer> control =
        command
            .codePoints()
            .filter(c -> Character.isISOControl(c) && c != '\t' && c != '\n')
            .boxed()
            .findFirst();
    if (control.isPresent()) {
      report(
          at,
          command,
          String.format(
              "contains the control character U+%04X; only tabs and line breaks are allowed",
              control.get()),
          "Remove the control character; check double-quoted strings for escapes such as \\0 or"
              + " \\e.");
      valid = false;
    }
    Optional<Integer> invisible =
        command
            .codePoints()
            .filter(c -> Character.getType(c) == Character.FORMAT)
            .boxed()
            .findFirst();
    if (invisible.isPresent()) {
      report(
          at,
          command,
          String.format(
              "contains the invisible formatting character U+%04X (%s), which can make the command"
                  + " look different from what runs",
              invisible.get(), Character.getName(invisible.get())),
          "Remove the character; retype the command rather than pasting it.");
      valid = false;
    }
    return valid;
  }

  /**
   * Argo evaluates {@code {{...}}} anywhere in a template. Paths are checked for it; commands are
   * not, since they travel in the targets ConfigMap, which Argo never evaluates.
   */
  private static Optional<String> argoExpression(String value) {
    return value.contains("{{")
        ? Optional.of("contains '{{', which Argo would evaluate as a template expression")
        : Optional.empty();
  }

  /**
   * Reads a mapping: reports keys that are not plain names, repeated or unknown, and returns the
   * known keys in file order with their first value.
   */
  private Optional<Fields> fields(At at, List<String> known, String shapeFix) {
    if (!(at.node() instanceof MappingNode mapping)) {
      wrongKind(at, "a mapping", shapeFix);
      return Optional.empty();
    }
    Map<String, At> fields = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        report(
            new At(at.path(), lineOf(tuple.getKeyNode()), tuple.getKeyNode()),
            source.snippet(tuple.getKeyNode()),
            "is not a valid key; keys must be plain names",
            "Use one of the known keys here: " + String.join(", ", known) + ".");
        continue;
      }
      At field = at.key(key, tuple.getValueNode());
      Integer firstLine = seen.putIfAbsent(key.getValue(), field.line());
      if (firstLine != null) {
        report(
            field,
            key.getValue(),
            "is given twice in this mapping (first on line " + firstLine + ")",
            "Keep one of the two and delete the other.");
      } else if (!known.contains(key.getValue())) {
        unknownKey(field, key.getValue(), known);
      } else {
        fields.put(key.getValue(), field);
      }
    }
    return Optional.of(new Fields(at, fields));
  }

  private void unknownKey(At field, String key, List<String> known) {
    String knownKeys = "the known keys here are " + String.join(", ", known) + ".";
    String fix =
        Suggestions.closest(key, known)
            .map(match -> "Did you mean '" + match + "'? Rename the key or remove it; " + knownKeys)
            .orElse("Remove the key; " + knownKeys);
    report(field, key, "is not a known key", fix);
  }

  private Optional<List<At>> list(At at, Key key, String shapeFix, String addFix) {
    if (!(at.node() instanceof SequenceNode sequence)) {
      wrongKind(at, "a list", shapeFix);
      return Optional.empty();
    }
    if (sequence.getValue().isEmpty()) {
      report(at, source.snippet(sequence), "is an empty list; " + key.need(), addFix);
      return Optional.empty();
    }
    List<At> items = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      items.add(at.item(i, sequence.getValue().get(i)));
    }
    return Optional.of(items);
  }

  /** Reads a string and checks it against a rule of {@link NameRules}' shape. */
  private Optional<String> checked(At at, Function<String, Optional<String>> rule, String fix) {
    return string(at).flatMap(value -> ruleHolds(at, value, rule, fix));
  }

  private Optional<String> ruleHolds(
      At at, String value, Function<String, Optional<String>> rule, String fix) {
    Optional<String> broken = rule.apply(value);
    broken.ifPresent(text -> report(at, value, text, fix));
    return broken.isPresent() ? Optional.empty() : Optional.of(value);
  }

  /**
   * Reads a string. A plain scalar that YAML resolves to a number, boolean or null is not one: the
   * user has to quote it, which also keeps the text exactly as written.
   */
  private Optional<String> string(At at) {
    if (!(at.node() instanceof ScalarNode scalar)) {
      wrongKind(at, "a string", "Write a single value instead of " + kind(at.node()) + ".");
      return Optional.empty();
    }
    if (STRING_TAGS.contains(scalar.getTag())) {
      return Optional.of(scalar.getValue());
    }
    report(
        at,
        scalar.getValue(),
        "must be a string, but YAML reads it as " + kind(scalar),
        "Quote it: " + quotedExample(at, scalar.getValue()) + ".");
    return Optional.empty();
  }

  /** Shows how the quoted value looks in place: {@code name: "123"} or {@code - "123"}. */
  private static String quotedExample(At at, String value) {
    String quoted = "\"" + value + "\"";
    if (at.path().endsWith("]")) {
      return "- " + quoted;
    }
    return at.path().substring(at.path().lastIndexOf('.') + 1) + ": " + quoted;
  }

  /** Reports a value that was given for a second time; returns whether it is the first. */
  private boolean unique(Map<String, At> seen, String value, At at, String rule, String fix) {
    At first = seen.putIfAbsent(value, at);
    if (first == null) {
      return true;
    }
    report(
        at,
        value,
        "is also the name of " + first.owner() + " (line " + first.line() + "); " + rule,
        fix);
    return false;
  }

  private void wrongKind(At at, String expected, String fix) {
    report(at, raw(at.node()), "must be " + expected + ", not " + kind(at.node()), fix);
  }

  private void report(At at, String value, String rule, String fix) {
    problems.add(at.line(), source.location(at.line(), at.path()), value, rule, fix);
  }

  private String raw(Node node) {
    return node instanceof ScalarNode scalar ? scalar.getValue() : source.snippet(node);
  }

  /** Names the kind of a node as users know it from YAML, e.g. "a list" or "a number". */
  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return "a number";
    }
    if (tag.equals(Tag.BOOL)) {
      return "a boolean";
    }
    if (tag.equals(Tag.NULL)) {
      return isEmptyValue(node) ? "empty" : "null";
    }
    return STRING_TAGS.contains(tag) ? "a string" : "a value of type " + tag.getValue();
  }

  /** Tells whether a node is a key with nothing after the colon, or a list item with nothing. */
  private static boolean isEmptyValue(Node node) {
    return node instanceof ScalarNode scalar
        && scalar.getTag().equals(Tag.NULL)
        && scalar.getValue().isEmpty();
  }

  private static int lineOf(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  /** Applies {@code check} to every item, so that all problems are reported, not only the first. */
  private static <T> Optional<List<T>> allPresent(List<At> items, Function<At, Optional<T>> check) {
    List<Optional<T>> results = items.stream().map(check).toList();
    if (results.stream().anyMatch(Optional::isEmpty)) {
      return Optional.empty();
    }
    return Optional.of(results.stream().map(Optional::get).toList());
  }
}
