package io.aphex.pipeline.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The published stack-config schema {@code schema/stack-config.schema.json} is the one definition
 * of every setting: the sample stacks are valid against it, the shapes the reader refuses are
 * invalid against it, {@code Pulumi.yaml} declares exactly its keys, types, defaults and
 * descriptions, and its literal defaults are the component's.
 */
class StackConfigSchemaTest {

  private static final Path ROOT = SampleConfigs.projectDir();
  private static final String SCHEMA_LINE = "# yaml-language-server: $schema=";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema SCHEMA = load();

  @TempDir Path projectDir;

  private static Schema load() {
    String iri = "https://aphex.invalid/schema/stack-config.schema.json";
    try {
      String text =
          Files.readString(ROOT.resolve("schema/stack-config.schema.json"), StandardCharsets.UTF_8);
      return SchemaRegistry.withDialects(
              List.of(Dialects.getDraft7()),
              builder ->
                  builder
                      .schemas(Map.of(iri, text))
                      .schemaLoader(loader -> loader.fetchRemoteResources(false)))
          .getSchema(SchemaLocation.of(iri));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The stacks of the stack-config program; the library examples have namespaces of their own. */
  static Stream<Path> sampleStacks() {
    return Stream.of(
        ROOT.resolve("Pulumi.dev.yaml"), ROOT.resolve("examples/stack-config/Pulumi.dev.yaml"));
  }

  @ParameterizedTest
  @MethodSource("sampleStacks")
  void everySampleStackPointsEditorsAtTheSchemaAndIsValidAgainstIt(Path stack) throws IOException {
    String text = Files.readString(stack);
    assertThat(text).as(stack.toString()).startsWith(SCHEMA_LINE);
    String named = text.lines().findFirst().orElseThrow().substring(SCHEMA_LINE.length());
    assertThat(stack.getParent().resolve(named).normalize())
        .as("the schema the editor line names")
        .isEqualTo(ROOT.resolve("schema/stack-config.schema.json").normalize());
    Object data = new Yaml().load(text);
    assertThat(errors(JSON.valueToTree(data))).as(stack.toString()).isEmpty();
  }

  @Test
  void everyKeyAsPulumiConfigSetStoresItIsValid() {
    Map<String, Object> config = new LinkedHashMap<>(required());
    config.put("githubBranch", "release/2.x");
    config.put("importArtifactBucket", "true");
    config.put("artifactRetentionDays", "30");
    config.put("verifyImages", false);
    config.put("identityMode", "podIdentity");
    config.put("podSecurity", "{\"runAsNonRoot\":true,\"runAsUser\":1000}");
    config.put("webhookService", Map.of("type", "NodePort", "nodePort", 30080));
    config.put("additionalPolicyArns", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    config.put("notificationEvents", "[\"failure\",\"success\"]");
    config.put("aws:region", "eu-west-1");

    assertThat(errors(stack(config))).isEmpty();
  }

  static Stream<Arguments> refusedShapes() {
    return Stream.of(
        Arguments.of("githubBrnach", "main", "/config"),
        Arguments.of("verifyImages", "yes", "/config/aphex-pipeline:verifyImages"),
        Arguments.of(
            "artifactRetentionDays", "ninety", "/config/aphex-pipeline:artifactRetentionDays"),
        Arguments.of("artifactRetentionDays", 0, "/config/aphex-pipeline:artifactRetentionDays"),
        Arguments.of("identityMode", "IRSA", "/config/aphex-pipeline:identityMode"),
        Arguments.of(
            "podSecurity", Map.of("runAsNonroot", true), "/config/aphex-pipeline:podSecurity"),
        Arguments.of(
            "podSecurity",
            Map.of("seccompProfile", "Localhost"),
            "/config/aphex-pipeline:podSecurity/seccompProfile"),
        Arguments.of(
            "webhookService",
            Map.of("type", "Ingress"),
            "/config/aphex-pipeline:webhookService/type"),
        Arguments.of(
            "webhookService", Map.of("port", 70000), "/config/aphex-pipeline:webhookService/port"),
        Arguments.of(
            "notificationEvents", List.of("deploy"), "/config/aphex-pipeline:notificationEvents/0"),
        Arguments.of(
            "additionalPolicyArns",
            List.of("AmazonS3FullAccess"),
            "/config/aphex-pipeline:additionalPolicyArns/0"));
  }

  @ParameterizedTest
  @MethodSource("refusedShapes")
  void aShapeTheReaderRefusesIsInvalidAgainstTheSchema(String key, Object value, String where)
      throws IOException {
    Map<String, Object> config = new LinkedHashMap<>(required());
    config.put(key, value);

    assertThat(errors(stack(config))).as(key + "=" + value).anyMatch(e -> e.startsWith(where));
    Files.copy(
        SampleConfigs.predecessorSample().resolve("aphex-config.yaml"),
        projectDir.resolve("aphex-config.yaml"));
    Map<String, String> raw = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : config.entrySet()) {
      raw.put(
          e.getKey(), e.getValue() instanceof String s ? s : JSON.writeValueAsString(e.getValue()));
    }
    StackConfigReader reader =
        new StackConfigReader(
            k -> Optional.ofNullable(raw.get(k)),
            Optional.of(raw.keySet()),
            projectDir,
            "dev",
            k -> Optional.empty());
    assertThatThrownBy(reader::read).isInstanceOf(ConfigException.class);
  }

  @Test
  void aMissingRequiredKeyIsInvalid() {
    Map<String, Object> config = new LinkedHashMap<>(required());
    config.remove("clusterName");

    assertThat(errors(stack(config))).anyMatch(e -> e.contains("aphex-pipeline:clusterName"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void pulumiYamlDeclaresEveryKeyAsTheSchemaDefinesIt() throws IOException {
    Map<String, Object> project =
        new Yaml().load(Files.readString(ROOT.resolve("Pulumi.yaml"), StandardCharsets.UTF_8));
    assertThat(project)
        .containsEntry("name", StackConfigKeys.NAMESPACE)
        .containsEntry("runtime", "java");
    Map<String, Map<String, Object>> declared =
        (Map<String, Map<String, Object>>) project.get("config");

    Map<String, String> expected = new LinkedHashMap<>();
    for (StackConfigKey key : StackConfigKeys.all()) {
      if (key.type().equals("object")) {
        continue; // Pulumi project config cannot declare object types.
      }
      String defaultValue =
          key.required() ? "<none>" : key.defaultValue().map(d -> "=" + d).orElse("=");
      String description =
          key.description() + key.computedDefault().map(c -> " Empty means " + c + ".").orElse("");
      expected.put(key.name(), key.type() + " default" + defaultValue + " | " + description);
    }
    Map<String, String> actual = new LinkedHashMap<>();
    declared.forEach(
        (name, d) ->
            actual.put(
                name,
                d.get("type")
                    + " default"
                    + (d.containsKey("default") ? "=" + defaultText(d.get("default")) : "<none>")
                    + " | "
                    + d.get("description")));
    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  @Test
  void theConfigurationPageHasARowForEveryKey() throws IOException {
    String page = Files.readString(ROOT.resolve("docs/configuration.md"));

    for (StackConfigKey key : StackConfigKeys.all()) {
      assertThat(page).as(key.name()).contains("| `" + key.name() + "` |");
    }
  }

  /** A literal default of the schema is what the component uses when the key is not set. */
  @Test
  void theSchemasLiteralDefaultsAreTheComponentsDefaults() throws Exception {
    AphexPipelineArgs args =
        new StackConfigReader(
                k -> Optional.ofNullable(required().get(k)).map(String::valueOf),
                Optional.empty(),
                SampleConfigs.projectDir(),
                "dev",
                k -> Optional.empty())
            .read();
    int checked = 0;
    for (StackConfigKey key : StackConfigKeys.all()) {
      if (key.defaultValue().isEmpty() || key.name().equals("pipelineConfig")) {
        continue;
      }
      Object holder = args;
      Method accessor;
      try {
        accessor = AphexPipelineArgs.class.getMethod(key.name());
      } catch (NoSuchMethodException e) {
        holder = args.plainImages().orElseThrow();
        accessor = ImageSettings.class.getMethod(key.name());
      }
      assertThat(asConfigText(accessor.invoke(holder)))
          .as(key.name())
          .isEqualTo(key.defaultValue().get());
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(14);
  }

  private static String asConfigText(Object value) {
    if (value instanceof IdentityMode mode) {
      return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(mode, String.class);
    }
    if (value instanceof List<?> list) {
      return "[" + String.join(", ", list.stream().map(String::valueOf).toList()) + "]";
    }
    if (value instanceof com.pulumi.core.Output<?>) {
      throw new AssertionError("a key with a literal default must have a plain accessor");
    }
    return String.valueOf(value);
  }

  private static String defaultText(Object value) {
    return value instanceof List<?> list
        ? "[" + String.join(", ", list.stream().map(String::valueOf).toList()) + "]"
        : String.valueOf(value);
  }

  private static Map<String, Object> required() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("clusterName", "company-pipelines");
    config.put("githubOwner", "my-org");
    config.put("githubRepo", "my-repo");
    config.put("githubTokenSecretName", "github-token");
    return config;
  }

  private static JsonNode stack(Map<String, Object> config) {
    Map<String, Object> namespaced = new LinkedHashMap<>();
    config.forEach(
        (k, v) -> namespaced.put(k.contains(":") ? k : StackConfigKeys.NAMESPACE + ":" + k, v));
    return JSON.valueToTree(Map.of("config", namespaced));
  }

  private static List<String> errors(JsonNode stack) {
    return SCHEMA.validate(stack).stream()
        .map((Error e) -> e.getInstanceLocation() + ": " + e.getMessage())
        .toList();
  }
}
