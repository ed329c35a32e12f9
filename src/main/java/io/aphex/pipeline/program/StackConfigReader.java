package io.aphex.pipeline.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.pulumi.core.Output;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.component.AwsProviderConfig;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.InputFile;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.PipelineConfigLocation;
import io.aphex.pipeline.config.PipelineConfigParser;
import io.aphex.pipeline.config.PipelineConfigSource;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackConfigSchema;
import io.aphex.pipeline.config.StructuredConfigValues;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Turns the raw {@code aphex-pipeline:*} stack config strings into validated {@link
 * AphexPipelineArgs}, reading the pipeline config file the stack points at. Every problem of the
 * stack config and of the pipeline config is reported at once, each naming the key or file.
 */
public final class StackConfigReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_STACK_FILE_BYTES = 1 << 20;
  private static final Pattern STACK_KEY =
      Pattern.compile("^\\s+([\"']?)([A-Za-z0-9_.-]+:[^\"'\\s:]+)\\1\\s*:");

  private @Nullable Map<String, Integer> lines;

  private final Function<String, Optional<String>> values;
  private final Optional<Set<String>> presentKeys;
  private final Path projectDir;
  private final String stackName;
  private final String stackFile;
  private final Function<String, Optional<String>> awsValues;

  /**
   * Creates a reader.
   *
   * @param values the value of a key without namespace, e.g. {@code ctx.config()::get}
   * @param presentKeys every key set in the stack's namespace, when the caller knows them; used to
   *     report unknown keys (typos) instead of silently ignoring them
   * @param projectDir the directory of {@code Pulumi.yaml}; relative paths are resolved from it
   * @param stackName the stack name, to name {@code Pulumi.<stack>.yaml} in messages
   * @param awsValues the value of an {@code aws:} key without namespace, e.g. {@code
   *     ctx.config("aws")::get}, passed on to the component ({@link
   *     AphexPipelineArgs#awsProviderConfig()}); {@code key -> Optional.empty()} for none
   */
  public StackConfigReader(
      Function<String, Optional<String>> values,
      Optional<Set<String>> presentKeys,
      Path projectDir,
      String stackName,
      Function<String, Optional<String>> awsValues) {
    this.awsValues = awsValues;
    this.values = values;
    this.presentKeys = presentKeys;
    this.projectDir = projectDir;
    this.stackName = stackName;
    this.stackFile = "Pulumi." + stackName + ".yaml";
  }

  /**
   * Reads and validates everything.
   *
   * @return the args of the pipeline component
   * @throws ConfigException listing every problem found
   */
  public AphexPipelineArgs read() {
    List<Problem> problems = new ArrayList<>();
    presentKeys.ifPresent(keys -> reportMisspelledNamespaces(keys, problems));

    ObjectNode values = typedValues(problems);
    ObjectNode checked = values.deepCopy();
    // A blank required value is reported as missing by the args, and not again by its pattern.
    StackConfigKeys.all().stream()
        .filter(k -> k.required() && values.path(k.name()).asText("-").isBlank())
        .forEach(k -> checked.remove(k.name()));
    // An unknown key (a typo) is the schema's to report, with the key it most likely meant; in
    // name order, since the keys come as a set.
    presentKeys.orElse(Set.of()).stream()
        .sorted()
        .filter(k -> !StackConfigKeys.misspelledNamespace(k) && StackConfigKeys.find(k).isEmpty())
        .forEach(k -> checked.put(k, this.values.apply(k).orElse("")));
    Map<String, List<Problem>> refused = StackConfigSchema.check(checked);
    refused.forEach(
        (key, found) -> {
          values.remove(key);
          found.stream()
              .map(p -> p.location().equals(key) ? shownAsSet(p, key) : p)
              .map(this::asStackConfigProblem)
              .forEach(problems::add);
        });

    AphexPipelineArgs.Builder builder = AphexPipelineArgs.builder().selfUpdateStack(stackName);
    values.remove("pipelineConfig");
    values.properties().forEach(setting -> set(builder, setting.getKey(), setting.getValue()));
    Map<String, String> aws = new TreeMap<>();
    AwsProviderConfig.KEYS.forEach(key -> awsValues.apply(key).ifPresent(v -> aws.put(key, v)));
    builder.awsProviderConfig(aws);
    if (!refused.containsKey("pipelineConfig")) {
      readPipelineConfig(problems, builder).ifPresent(builder::pipelineConfig);
    }

    Optional<AphexPipelineArgs> args = Optional.empty();
    try {
      args = Optional.of(builder.build());
    } catch (ConfigException e) {
      e.problems().stream()
          // A key reported above is not reported again as missing; nor is the pipeline config.
          .filter(p -> p.value() != null || !refused.containsKey(p.location()))
          .filter(p -> !(p.location().equals("pipelineConfig") && p.value() == null))
          .map(this::asStackConfigProblem)
          .forEach(problems::add);
    }
    ConfigException.throwIfAny(problems);
    return args.orElseThrow();
  }

  /**
   * A key of a namespace that is a typo of this project's, which the schema allows as another
   * project's setting.
   */
  private void reportMisspelledNamespaces(Set<String> keys, List<Problem> problems) {
    keys.stream()
        .sorted()
        .filter(StackConfigKeys::misspelledNamespace)
        .forEach(
            k -> {
              String name = k.substring(k.indexOf(':') + 1);
              problems.add(
                  new Problem(
                      at(k),
                      k.substring(0, k.indexOf(':')),
                      "is a misspelling of the namespace '"
                          + StackConfigKeys.NAMESPACE
                          + "', so the setting would be silently ignored",
                      "did you mean '"
                          + StackConfigKeys.NAMESPACE
                          + ":"
                          + name
                          + "'? Run: pulumi config rm '"
                          + k
                          + "' && pulumi config set "
                          + name
                          + " <value>"));
            });
  }

  /** Reads the pipeline config file the stack names, once the schema has accepted its name. */
  private Optional<PipelineConfig> readPipelineConfig(
      List<Problem> problems, AphexPipelineArgs.Builder builder) {
    String configured =
        string("pipelineConfig")
            .or(() -> StackConfigKeys.find("pipelineConfig").flatMap(StackConfigKey::defaultValue))
            .orElseThrow();
    Optional<Path> inProject = PipelineConfigLocation.insideProject(projectDir, configured);
    if (inProject.isEmpty()) {
      problems.add(
          new Problem(
              location("pipelineConfig"),
              configured,
              "lies outside the project directory "
                  + projectDir.toAbsolutePath().normalize()
                  + " (links resolved); the pipeline definition must lie inside it, so that a"
                  + " render cannot read other files of the machine",
              "move the pipeline config into the project and run: pulumi config set pipelineConfig"
                  + " <its path relative to Pulumi.yaml>"));
      return Optional.empty();
    }
    Path file = projectDir.resolve(configured);
    try {
      byte[] bytes = PipelineConfigParser.read(file);
      PipelineConfig parsed;
      try {
        parsed = PipelineConfigParser.parse(displayName(file), bytes);
      } catch (ConfigException e) {
        throw PipelineConfigParser.mayBeAPipelineDefinition(bytes)
            ? e
            : new ConfigException(
                List.of(PipelineConfigParser.notAPipeline(displayName(file), bytes)));
      }
      builder.pipelineConfigSource(pipelineConfigSource(inProject.get(), bytes).orElse(null));
      return Optional.of(parsed);
    } catch (ConfigException e) {
      boolean fromKey = values.apply("pipelineConfig").filter(v -> !v.isBlank()).isPresent();
      e.problems().stream()
          .map(
              p ->
                  fromKey
                          && (p.location().equals(file.toString())
                              || p.rule().startsWith(PipelineConfigParser.NOT_A_PIPELINE))
                      ? new Problem(
                          location("pipelineConfig"),
                          configured,
                          "names " + file.toAbsolutePath().normalize() + ", which " + p.rule(),
                          p.rule().startsWith("does not exist")
                              ? "create that file, or run: pulumi config set pipelineConfig <path"
                                  + " of the pipeline config, relative to Pulumi.yaml>"
                              : "run: pulumi config set pipelineConfig <path of the pipeline's"
                                  + " aphex-config.yaml, relative to Pulumi.yaml>")
                      : p)
          .forEach(problems::add);
      return Optional.empty();
    }
  }

  private static String displayName(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  /**
   * Where the parsed pipeline config lies in the repository, which is where {@code
   * selfUpdateProjectDir} says this project lies, with the digest of the bytes that were parsed.
   */
  private Optional<PipelineConfigSource> pipelineConfigSource(Path inProject, byte[] bytes) {
    Path inRepository =
        Path.of(string("selfUpdateProjectDir").orElse(".")).resolve(inProject).normalize();
    if (inRepository.startsWith("..")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          PipelineConfigSource.of(inRepository.toString().replace('\\', '/'), bytes));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** An empty value of a key whose default is computed means "use the default". */
  private Optional<String> string(String key) {
    Optional<String> value = values.apply(key);
    boolean computedDefault =
        StackConfigKeys.find(key).flatMap(StackConfigKey::computedDefault).isPresent();
    return computedDefault ? value.filter(v -> !v.isBlank()) : value;
  }

  /**
   * The values of the keys that are set, typed as the schema describes them: {@code pulumi config
   * set} stores every top-level value as a string, so flags and whole numbers are parsed here (and
   * left as text when they do not parse, for the schema to report), and objects and lists are read
   * from their JSON text.
   */
  private ObjectNode typedValues(List<Problem> problems) {
    ObjectNode values = JSON.createObjectNode();
    for (StackConfigKey key : StackConfigKeys.all()) {
      Optional<String> raw = string(key.name());
      if (raw.isEmpty()) {
        continue;
      }
      String text = raw.get();
      String trimmed = text.trim();
      switch (key.type()) {
        case "boolean" ->
            values.set(
                key.name(),
                trimmed.equals("true") || trimmed.equals("false")
                    ? BooleanNode.valueOf(Boolean.parseBoolean(trimmed))
                    : TextNode.valueOf(text));
        case "integer" ->
            values.set(
                key.name(),
                trimmed.matches("[+-]?[0-9]{1,18}")
                    ? LongNode.valueOf(Long.parseLong(trimmed))
                    // Longer is out of every range: saturated, without the quadratic cost of a
                    // BigInteger of a megabyte of digits; problems show the value as set.
                    : trimmed.matches("[+-]?[0-9]+")
                        ? LongNode.valueOf(
                            trimmed.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE)
                        : TextNode.valueOf(text));
        case "object", "array" -> {
          if (!text.isBlank()) {
            Optional<JsonNode> read = StructuredConfigValues.read(text);
            boolean object = key.type().equals("object");
            if (read.isPresent() && (object ? read.get().isObject() : read.get().isArray())) {
              values.set(key.name(), read.get());
            } else {
              problems.add(asStackConfigProblem(StackConfigSchema.notStructured(key.name(), text)));
            }
          }
        }
        default -> values.set(key.name(), TextNode.valueOf(text));
      }
    }
    return values;
  }

  /** A key's own value is shown as it was set, not as the schema check typed it. */
  private Problem shownAsSet(Problem problem, String key) {
    return new Problem(
        problem.location(),
        values.apply(key).orElse(problem.value()),
        problem.rule(),
        problem.fix());
  }

  /**
   * Sets a value the schema has checked through the builder's setter of the same name, converted by
   * Jackson to the setter's plain type (not its Output overload): the schema's keys and the
   * builder's properties are the same names, so no key is bound by hand.
   */
  private static void set(AphexPipelineArgs.Builder builder, String key, JsonNode value) {
    Method setter =
        Arrays.stream(AphexPipelineArgs.Builder.class.getMethods())
            .filter(m -> m.getName().equals(key) && m.getParameterCount() == 1)
            .filter(m -> !m.getParameterTypes()[0].isArray())
            .filter(m -> !Output.class.isAssignableFrom(m.getParameterTypes()[0]))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("AphexPipelineArgs has no " + key));
    try {
      Object typed =
          JSON.convertValue(value, JSON.constructType(setter.getGenericParameterTypes()[0]));
      setter.invoke(builder, typed);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new IllegalStateException(
          key + " passed the stack-config schema but does not bind to " + setter, e);
    }
  }

  private Problem asStackConfigProblem(Problem problem) {
    String key = problem.location();
    if (key.startsWith("aws:")) {
      return problem.at(at(key));
    }
    Problem relocated = problem.at(location(key));
    // A missing required value's fix is the command that sets it, not the builder the args name.
    boolean unset =
        problem.value() == null
            || (problem.value().isBlank()
                && StackConfigKeys.find(key).map(StackConfigKey::required).orElse(false));
    return unset
        ? new Problem(
            relocated.location(),
            problem.value(),
            relocated.rule(),
            "run: pulumi config set " + key + " <value>")
        : relocated;
  }

  private String location(@Nullable String key) {
    return at(StackConfigKeys.NAMESPACE + ":" + key);
  }

  /**
   * Places a full key in the stack file, with the line it is set on when the stack file lies in the
   * project directory (it does, unless {@code pulumi --config-file} names another).
   */
  private String at(String fullKey) {
    String top = fullKey.split("[.\\[]", 2)[0];
    return stackFile
        + Optional.ofNullable(lines().get(top)).map(line -> " line " + line).orElse("")
        + ": "
        + fullKey;
  }

  /** The line of every key of the stack file, read once and only when a problem is reported. */
  private Map<String, Integer> lines() {
    if (lines == null) {
      lines = new HashMap<>();
      Path file = projectDir.resolve(stackFile);
      if (InputFile.notARegularFile(file).isEmpty()) {
        try {
          String text =
              new String(InputFile.readBounded(file, MAX_STACK_FILE_BYTES), StandardCharsets.UTF_8);
          int number = 0;
          for (String line : text.split("\n", -1)) {
            number++;
            Matcher key = STACK_KEY.matcher(line);
            if (key.find()) {
              lines.putIfAbsent(key.group(2), number);
            }
          }
        } catch (IOException e) {
          // Without the file, problems name the key only.
        }
      }
    }
    return lines;
  }
}
