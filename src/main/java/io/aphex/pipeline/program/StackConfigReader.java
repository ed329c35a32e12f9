package io.aphex.pipeline.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.argo.PodSecurity;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.component.AwsProviderConfig;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.PipelineConfigLocation;
import io.aphex.pipeline.config.PipelineConfigParser;
import io.aphex.pipeline.config.PipelineConfigSource;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.Suggestions;
import io.aphex.pipeline.events.WebhookServiceSettings;
import io.aphex.pipeline.iam.IdentityMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * Turns the raw {@code aphex-pipeline:*} stack config strings into validated {@link
 * AphexPipelineArgs}, reading the pipeline config file the stack points at. Every problem of the
 * stack config and of the pipeline config is reported at once, each naming the key or file.
 */
public final class StackConfigReader {

  private static final ObjectMapper JSON = new ObjectMapper();

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
   */
  public StackConfigReader(
      Function<String, Optional<String>> values,
      Optional<Set<String>> presentKeys,
      Path projectDir,
      String stackName) {
    this(values, presentKeys, projectDir, stackName, key -> Optional.empty());
  }

  /**
   * Creates a reader that also passes the stack's {@code aws:} provider settings on to the
   * component ({@link AphexPipelineArgs#awsProviderConfig()}).
   *
   * @param values the value of a key without namespace, e.g. {@code ctx.config()::get}
   * @param presentKeys every key set in the stack's namespace, when the caller knows them
   * @param projectDir the directory of {@code Pulumi.yaml}; relative paths are resolved from it
   * @param stackName the stack name, to name {@code Pulumi.<stack>.yaml} in messages
   * @param awsValues the value of an {@code aws:} key without namespace, e.g. {@code
   *     ctx.config("aws")::get}
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
    presentKeys.ifPresent(keys -> reportUnknownKeys(keys, problems));

    AphexPipelineArgs.Builder builder = AphexPipelineArgs.builder();
    string("pipelineName").ifPresent(builder::pipelineName);
    string("eventSourceName").ifPresent(builder::eventSourceName);
    string("sensorName").ifPresent(builder::sensorName);
    string("workflowNamePrefix").ifPresent(builder::workflowNamePrefix);
    string("githubWebhookSecretName").ifPresent(builder::githubWebhookSecretName);
    string("webhookUrl").ifPresent(builder::webhookUrl);
    bool("pullRequestEvents", problems).ifPresent(builder::pullRequestEvents);
    bool("requireImmutableImages", problems).ifPresent(builder::requireImmutableImages);
    bool("verifyImages", problems).ifPresent(builder::verifyImages);
    stringList("additionalPolicyArns", problems).ifPresent(builder::additionalPolicyArns);
    string("webhookService").ifPresent(json -> webhookService(json, builder, problems));
    string("podSecurity").ifPresent(json -> podSecurity(json, builder, problems));
    string("identityMode").ifPresent(mode -> identityMode(mode, builder, problems));
    string("clusterName").ifPresent(builder::clusterName);
    string("githubOwner").ifPresent(builder::githubOwner);
    string("githubRepo").ifPresent(builder::githubRepo);
    string("githubTokenSecretName").ifPresent(builder::githubTokenSecretName);
    string("githubBranch").ifPresent(builder::githubBranch);
    string("argoNamespace").ifPresent(builder::argoNamespace);
    string("argoEventsNamespace").ifPresent(builder::argoEventsNamespace);
    string("serviceAccountName").ifPresent(builder::serviceAccountName);
    string("workflowTemplateName").ifPresent(builder::workflowTemplateName);
    string("artifactBucketName").ifPresent(builder::artifactBucketName);
    bool("importArtifactBucket", problems).ifPresent(builder::importArtifactBucket);
    integer("artifactRetentionDays", problems).ifPresent(builder::artifactRetentionDays);
    string("containerImageAccount").ifPresent(builder::containerImageAccount);
    string("containerImageRegion").ifPresent(builder::containerImageRegion);
    string("containerImageVersion").ifPresent(builder::containerImageVersion);
    string("builderImage").ifPresent(builder::builderImage);
    string("deployerImage").ifPresent(builder::deployerImage);
    string("selfUpdateProjectDir").ifPresent(builder::selfUpdateProjectDir);
    builder.selfUpdateStack(string("selfUpdateStack").orElse(stackName));
    string("pulumiBackendUrl").ifPresent(builder::pulumiBackendUrl);
    string("pulumiAccessTokenSecretName").ifPresent(builder::pulumiAccessTokenSecretName);
    Map<String, String> aws = new TreeMap<>();
    AwsProviderConfig.KEYS.forEach(key -> awsValues.apply(key).ifPresent(v -> aws.put(key, v)));
    builder.awsProviderConfig(aws);
    string("argoUiUrl").ifPresent(builder::argoUiUrl);
    string("notificationWebhookSecretName").ifPresent(builder::notificationWebhookSecretName);
    stringList("notificationEvents", problems).ifPresent(builder::notificationEvents);
    string("notificationPayload").ifPresent(builder::notificationPayload);
    readPipelineConfig(problems, builder).ifPresent(builder::pipelineConfig);

    Optional<AphexPipelineArgs> args = Optional.empty();
    try {
      args = Optional.of(builder.build());
    } catch (ConfigException e) {
      e.problems().stream()
          .filter(p -> !(p.location().equals("pipelineConfig") && p.value() == null))
          .map(this::asStackConfigProblem)
          .forEach(problems::add);
    }
    ConfigException.throwIfAny(problems);
    return args.orElseThrow();
  }

  private void reportUnknownKeys(Set<String> keys, List<Problem> problems) {
    List<String> known = StackConfigKeys.all().stream().map(StackConfigKey::name).toList();
    keys.stream()
        .sorted()
        .filter(StackConfigKeys::misspelledNamespace)
        .forEach(
            k -> {
              String name = k.substring(k.indexOf(':') + 1);
              problems.add(
                  new Problem(
                      stackFile + ": " + k,
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
    keys.stream()
        .sorted()
        .filter(k -> !StackConfigKeys.misspelledNamespace(k))
        .filter(k -> StackConfigKeys.find(k).isEmpty())
        .forEach(
            k ->
                problems.add(
                    new Problem(
                        location(k),
                        values.apply(k).orElse(""),
                        "is not a setting of aphex-pipeline",
                        Suggestions.closest(k, known)
                            .map(
                                s ->
                                    "did you mean '"
                                        + s
                                        + "'? Run: pulumi config rm "
                                        + k
                                        + " && pulumi config set "
                                        + s
                                        + " <value>")
                            .orElse(
                                "remove it with 'pulumi config rm "
                                    + k
                                    + "'; docs/configuration.md lists every key"))));
  }

  private Optional<PipelineConfig> readPipelineConfig(
      List<Problem> problems, AphexPipelineArgs.Builder builder) {
    String configured = string("pipelineConfig").orElse(StackConfigKeys.DEFAULT_PIPELINE_CONFIG);
    Optional<String> broken = PipelineConfigLocation.check(configured);
    if (broken.isPresent()) {
      problems.add(
          new Problem(
              location("pipelineConfig"),
              configured,
              broken.get(),
              "run: pulumi config set pipelineConfig aphex-config.yaml (a path relative to"
                  + " Pulumi.yaml), or remove the key for the default"));
      return Optional.empty();
    }
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

  private Optional<Integer> integer(String key, List<Problem> problems) {
    Optional<String> raw = values.apply(key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(raw.get().trim()));
    } catch (NumberFormatException e) {
      if (raw.get().trim().matches("[+-]?[0-9]+")) {
        // A whole number beyond an int is out of range, not of the wrong type.
        problems.add(
            new Problem(
                location(key),
                raw.get(),
                "is outside 1 to 3650 days",
                "use a whole number of days such as 90: pulumi config set " + key + " 90"));
        return Optional.empty();
      }
      problems.add(
          new Problem(
              location(key),
              raw.get(),
              "is not a whole number",
              "run: pulumi config set " + key + " 90"));
      return Optional.empty();
    }
  }

  private Optional<List<String>> stringList(String key, List<Problem> problems) {
    Optional<String> raw = values.apply(key).filter(v -> !v.isBlank());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(raw.get());
      List<String> items = new ArrayList<>();
      if (node != null && node.isArray()) {
        for (JsonNode item : node) {
          if (!item.isTextual()) {
            throw new IOException("not a string");
          }
          items.add(item.asText());
        }
        return Optional.of(items);
      }
    } catch (IOException e) {
      // reported below
    }
    problems.add(
        new Problem(
            location(key),
            raw.get(),
            "is not a list of strings",
            "run: pulumi config set --path '" + key + "[0]' <value>"));
    return Optional.empty();
  }

  private Optional<Boolean> bool(String key, List<Problem> problems) {
    Optional<String> raw = values.apply(key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String value = raw.get().trim();
    if (value.equals("true") || value.equals("false")) {
      return Optional.of(Boolean.parseBoolean(value));
    }
    problems.add(
        new Problem(
            location(key),
            raw.get(),
            "is not true or false",
            "run: pulumi config set " + key + " true"));
    return Optional.empty();
  }

  private void webhookService(
      String json, AphexPipelineArgs.Builder builder, List<Problem> problems) {
    WebhookServiceSettings.ParseResult parsed = WebhookServiceSettings.fromConfig(json);
    parsed.problems().stream().map(this::asStackConfigProblem).forEach(problems::add);
    parsed.settings().ifPresent(builder::webhookService);
  }

  private void identityMode(
      String mode, AphexPipelineArgs.Builder builder, List<Problem> problems) {
    Optional<IdentityMode> parsed = IdentityMode.fromConfigName(mode);
    if (parsed.isPresent()) {
      builder.identityMode(parsed.get());
      return;
    }
    List<String> names =
        Arrays.stream(IdentityMode.values()).map(IdentityMode::configName).toList();
    problems.add(
        new Problem(
            location("identityMode"),
            mode,
            "is not one of " + String.join(", ", names),
            Suggestions.closest(mode, names)
                .map(s -> "did you mean '" + s + "'? Run: pulumi config set identityMode " + s)
                .orElse("run: pulumi config set identityMode irsa")));
  }

  private void podSecurity(String json, AphexPipelineArgs.Builder builder, List<Problem> problems) {
    PodSecurity.ParseResult parsed = PodSecurity.fromConfig(json);
    parsed.problems().stream().map(this::asStackConfigProblem).forEach(problems::add);
    parsed.settings().ifPresent(builder::podSecurity);
  }

  private Problem asStackConfigProblem(Problem problem) {
    String key = problem.location();
    if (key.startsWith("aws:")) {
      return problem.at(stackFile + ": " + key);
    }
    Problem relocated = problem.at(location(key));
    return problem.value() == null
        ? new Problem(
            relocated.location(),
            null,
            relocated.rule(),
            "run: pulumi config set " + key + " <value>, " + relocated.fix())
        : relocated;
  }

  private String location(@Nullable String key) {
    return stackFile + ": " + StackConfigKeys.NAMESPACE + ":" + key;
  }
}
