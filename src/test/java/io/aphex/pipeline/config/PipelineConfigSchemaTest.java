package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The published schema {@code schema/aphex-config.schema.json} and the parser agree: every config
 * the parser accepts is valid against the schema, and every case of the bad-input corpus that the
 * parser refuses for its shape (a type, a missing or unknown key, an enum, a pattern, a length or a
 * count) is invalid against it. The cases refused for a rule between values, or for the file and
 * its YAML, are listed here with the reason the schema cannot say it.
 *
 * <p>A file is read for the schema as an editor reads it (YAML 1.2, see {@link #data(String)}), so
 * that an unquoted {@code version: 1.0} or a quoted {@code retries: "3"} is the wrong type.
 */
// Pure: no Pulumi engine, no global state; runs beside the other classes.
@Execution(ExecutionMode.CONCURRENT)
class PipelineConfigSchemaTest {

  private static final Path SCHEMA = SampleConfigs.projectDir().resolve("schema");
  private static final String SCHEMA_FILE = "aphex-config.schema.json";
  private static final String SCHEMA_COMMENT = "# yaml-language-server: $schema=";
  private static final String CONFIG = "aphex-config.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema VALIDATOR = load();

  /** Corpus cases refused for their shape, which the schema says too. */
  private static final Set<String> SHAPE =
      Set.of(
          "01-config-empty-file",
          "02-config-comments-only",
          "05-config-top-level-is-a-list",
          "15-config-missing-version",
          "16-config-version-unquoted",
          "17-config-missing-build",
          "18-config-build-is-a-string",
          "19-config-build-commands-is-a-string",
          "20-config-missing-environments",
          "21-config-environments-is-a-string",
          "22-config-environments-empty-list",
          "23-config-environment-missing-name",
          "24-config-environment-missing-region",
          "25-config-environment-missing-account",
          "26-config-environment-missing-stacks",
          "27-config-stacks-is-a-mapping",
          "28-config-stack-missing-name",
          "29-config-stack-missing-path",
          "30-config-unknown-top-level-key-typo",
          "31-config-unknown-build-key",
          "32-config-unknown-environment-key",
          "33-config-unknown-stack-key",
          "34-config-unknown-tests-key",
          "35-config-account-is-a-boolean",
          "36-config-account-11-digits",
          "37-config-account-letters",
          "38-config-account-unquoted-leading-zero",
          "39-config-region-mars-1",
          "40-config-region-upper-case",
          "41-config-region-is-a-list",
          "42-config-env-name-57-chars",
          "43-config-env-name-upper-case",
          "44-config-env-name-underscore",
          "45-config-env-name-bom-and-zero-width-space",
          "48-config-stack-name-semicolon",
          "49-config-stack-name-command-substitution",
          "50-config-stack-name-backticks",
          "51-config-stack-name-space",
          "52-config-stack-name-newline",
          "54-config-command-carriage-return",
          "55-config-command-nul-escape",
          "56-config-command-right-to-left-override",
          "57-config-path-dotdot",
          "58-config-path-absolute",
          "59-config-several-problems",
          "98-both-files-bad",
          // Its dependsOn that is a string is a shape; its cycle, self-dependency and unknown name
          // are rules the schema cannot say.
          "99-config-depends-on-problems",
          "120-config-retries-quoted");

  /**
   * Corpus cases refused for a rule between values: the file is valid against the schema, which has
   * no way to say the rule, and the code checks it.
   */
  private static final Map<String, String> CODE_RULES =
      Map.of(
          "46-config-env-names-duplicate",
          "environment names are unique: uniqueItems compares whole items, not one key of them",
          "47-config-stack-names-duplicate",
          "stack names are unique within an environment: uniqueItems compares whole items",
          "116-config-region-typo",
          "the region is one this release knows or one named in APHEX_EXTRA_REGIONS where the"
              + " program runs, which a schema cannot read; the schema checks the shape and offers"
              + " the known regions as examples");

  /**
   * Corpus cases refused for the file or its YAML before the schema is checked; a schema sees only
   * the data a YAML reader makes of the file.
   */
  private static final Map<String, String> FILE_AND_YAML_RULES =
      Map.ofEntries(
          Map.entry("03-config-over-1-mib", "the file is larger than 1 MiB"),
          Map.entry("04-config-not-yaml", "the file is not YAML"),
          Map.entry("06-config-second-document", "the file holds a second YAML document"),
          Map.entry("07-config-non-utf8-byte", "the file is not UTF-8"),
          Map.entry("08-config-raw-nul-byte", "a character YAML does not allow in a file"),
          Map.entry("09-config-yaml-anchor-and-alias", "anchors and aliases, resolved by a reader"),
          Map.entry("10-config-yaml-merge-key", "a merge key, resolved by a reader"),
          Map.entry("11-config-yaml-tag", "a YAML tag"),
          Map.entry("12-config-billion-laughs", "anchors and aliases (an alias bomb)"),
          Map.entry("13-config-nested-too-deep", "nesting deeper than 20, refused before reading"),
          Map.entry("14-config-duplicate-environment-key", "a key given twice, which data lacks"),
          Map.entry("100-config-fifo", "a FIFO instead of a regular file"),
          Map.entry("105-config-command-lone-surrogate", "an escape of half a character"));

  private static Schema load() {
    String iri = "https://aphex.invalid/schema/" + SCHEMA_FILE;
    try {
      String text = Files.readString(SCHEMA.resolve(SCHEMA_FILE), StandardCharsets.UTF_8);
      SchemaRegistry registry =
          SchemaRegistry.withDialects(
              List.of(Dialects.getDraft7()),
              builder ->
                  builder
                      .schemas(Map.of(iri, text))
                      .schemaLoader(loader -> loader.fetchRemoteResources(false))
                      .schemaRegistryConfig(
                          SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
      return registry.getSchema(SchemaLocation.of(iri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Path> acceptedConfigs() throws IOException {
    Path root = SampleConfigs.projectDir();
    List<Path> configs = new ArrayList<>();
    configs.add(root.resolve(CONFIG));
    configs.add(SampleConfigs.predecessorSample().resolve(CONFIG));
    configs.add(SampleConfigs.predecessorSample().resolve("scale/aphex-config-50x3.yaml"));
    try (Stream<Path> examples = Files.list(root.resolve("examples"))) {
      examples
          .map(dir -> dir.resolve(CONFIG))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(configs::add);
    }
    return configs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedConfigs")
  void everyConfigTheParserAcceptsIsValidAgainstTheSchema(Path file) throws IOException {
    assertAccepted(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void theDocumentedExampleIsAcceptedAndValid() throws IOException {
    assertAccepted("docs/pipeline-config.md", documentedExample());
  }

  /** Values the parser accepts in forms the samples do not use. */
  @Test
  void theParsersLesserKnownFormsAreValid() {
    assertAccepted(
        "edges",
        """
        version: "1.0"
        build: {commands: ["npm ci", "echo 'tab\\tand\\nline break'"]}
        environments:
          - name: "0"
            region: us-gov-west-1
            account: 123456789012
            dependsOn: []
            deployRoleArn: arn:aws-us-gov:iam::123456789012:role/path/to/aphex-deploy
            stacks:
              - {name: prod, engine: pulumi, path: "infra/{payments}"}
              - {name: A-1, engine: cdk, path: lib/a..b/stack.ts, dependsOn: []}
            tests: {commands: [make test]}
          - name: 2024-01-01
            region: eu-west-1
            account: "012345678901"
            requiresApproval: false
            stacks: [{name: MyAppStack, path: lib}]
        pipeline:
          selfUpdate: true
          validate: false
          stages:
            build: {timeout: 90s, retries: 0}
            pipeline-deployment: {timeout: 24h}
            validate: {timeout: 1m}
            deploy: {timeout: 1h30m, retries: 10, resources: {requests: {cpu: 2, memory: 1073741824}}}
            test: {resources: {requests: {cpu: 0.25}, limits: {cpu: 1500m, memory: 8G}}}
        """);
  }

  static Stream<String> shapeCases() {
    return SHAPE.stream().sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapeCases")
  void everyShapeTheParserRefusesIsInvalidAgainstTheSchema(String name) throws IOException {
    String text = corpusConfig(name);

    assertThatThrownBy(() -> parse(text)).as(name).isInstanceOf(ConfigException.class);
    assertThat(errors(text)).as("schema errors of %s", name).isNotEmpty();
  }

  static Stream<String> codeRuleCases() {
    return CODE_RULES.keySet().stream().sorted();
  }

  /** Keeps the list honest: a case the schema learns to refuse moves to {@link #SHAPE}. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("codeRuleCases")
  void theRulesTheSchemaCannotSayAreLeftToTheCode(String name) throws IOException {
    String text = corpusConfig(name);

    assertThatThrownBy(() -> parse(text)).as(name).isInstanceOf(ConfigException.class);
    assertThat(errors(text)).as("schema errors of %s (%s)", name, CODE_RULES.get(name)).isEmpty();
  }

  @Test
  void everyCorpusCaseWithAPipelineConfigIsClassifiedOnce() throws IOException {
    Set<String> withConfig = new TreeSet<>();
    try (Stream<Path> cases = Files.list(corpusDir())) {
      cases
          .filter(
              dir ->
                  Files.exists(dir.resolve(CONFIG)) || Files.exists(dir.resolve(CONFIG + ".gen")))
          .forEach(dir -> withConfig.add(dir.getFileName().toString()));
    }
    List<String> classified = new ArrayList<>(SHAPE);
    classified.addAll(CODE_RULES.keySet());
    classified.addAll(FILE_AND_YAML_RULES.keySet());

    assertThat(new HashSet<>(classified)).hasSameSizeAs(classified);
    assertThat(new TreeSet<>(classified)).isEqualTo(withConfig);
    assertThat(List.of(SHAPE.size(), CODE_RULES.size(), FILE_AND_YAML_RULES.size()))
        .containsExactly(48, 3, 13);
  }

  @Test
  void aBrokenCopyOfTheSampleIsRefusedByBothAtTheSamePlaces() throws IOException {
    String sample = Files.readString(SampleConfigs.projectDir().resolve(CONFIG));
    String broken =
        sample
            .replaceFirst("account: \"123456789012\"", "account: \"12345\"")
            .replaceFirst("    tests:", "    test:")
            .replace("version: \"1.0\"", "version: 1.0");

    assertThatThrownBy(() -> parse(broken)).isInstanceOf(ConfigException.class);
    assertThat(errors(broken))
        .anySatisfy(error -> assertThat(error).startsWith("/version: "))
        .anySatisfy(error -> assertThat(error).startsWith("/environments/0/account: "))
        .anySatisfy(error -> assertThat(error).startsWith("/environments/0").contains("test"));
  }

  @Test
  void aPulumiStackWithoutADeployRoleIsInvalidAsTheParserRefusesIt() {
    String config =
        """
        version: "1.0"
        build: {commands: [npm ci]}
        environments:
          - name: dev
            region: us-east-1
            account: "123456789012"
            stacks: [{name: dev, engine: pulumi, path: infra}]
        """;

    assertThatThrownBy(() -> parse(config)).isInstanceOf(ConfigException.class);
    assertThat(errors(config)).anySatisfy(error -> assertThat(error).contains("deployRoleArn"));
    assertThat(
            errors(
                config.replace(
                    "stacks:", "deployRoleArn: arn:aws:iam::123456789012:role/d\n    stacks:")))
        .isEmpty();
  }

  @Test
  void theSampleAndTheDocumentedExampleNameTheSchemaOnTheirFirstLine() throws IOException {
    Path root = SampleConfigs.projectDir();
    String line = SCHEMA_COMMENT + "schema/" + SCHEMA_FILE;

    assertThat(Files.readAllLines(root.resolve(CONFIG)).get(0)).isEqualTo(line);
    assertThat(documentedExample().lines().findFirst()).contains(line);
    assertThat(root.resolve("schema/" + SCHEMA_FILE)).isRegularFile();
  }

  /** The schema's lists and defaults are the code's, so that the two cannot drift apart. */
  @Test
  void theSchemasValuesAndDefaultsAreTheCodes() throws IOException {
    JsonNode schema = JSON.readTree(SCHEMA.resolve(SCHEMA_FILE).toFile());
    JsonNode definitions = schema.get("definitions");
    JsonNode pipeline = schema.at("/properties/pipeline/properties");
    JsonNode stage = definitions.at("/stageSettings/properties");
    PipelineConfig minimal =
        parse(
            """
            version: "1.0"
            build: {commands: [npm ci]}
            environments: [{name: dev, region: us-east-1, account: "123456789012",
                            stacks: [{name: S, path: lib}]}]
            """);

    assertThat(names(schema.at("/properties/pipeline/properties/stages/properties")))
        .isEqualTo(StageSettings.STAGES);
    assertThat(names(definitions.at("/quantities/properties"))).isEqualTo(StageSettings.RESOURCES);
    assertThat(texts(definitions.at("/stack/properties/engine/enum")))
        .isEqualTo(Arrays.stream(StackEngine.values()).map(StackEngine::key).toList());
    assertThat(definitions.at("/stack/properties/engine/default").asText())
        .isEqualTo(StackEngine.CDK.key());
    // The first example is the one a fix shows; the others follow in order.
    List<String> regions = texts(definitions.at("/environment/properties/region/examples"));
    assertThat(regions.get(0)).isEqualTo("us-east-1");
    assertThat(regions.subList(1, regions.size()))
        .isEqualTo(AwsRegions.KNOWN.stream().filter(r -> !r.equals("us-east-1")).sorted().toList());
    assertThat(definitions.at("/environment/properties/name/maxLength").asInt())
        .isEqualTo(63 - "deploy-".length());
    assertThat(pipeline.at("/selfUpdate/default").asBoolean()).isEqualTo(minimal.selfUpdate());
    assertThat(pipeline.at("/validate/default").asBoolean()).isEqualTo(minimal.validate());
    assertThat(definitions.at("/environment/properties/requiresApproval/default").asBoolean())
        .isEqualTo(minimal.environments().get(0).requiresApproval());
    assertThat(stage.at("/retries/maximum").asInt()).isEqualTo(StageSettings.MAX_RETRIES);
    assertThat(JSON.convertValue(stage.at("/resources/properties/requests/default"), Map.class))
        .isEqualTo(StageSettings.DEFAULT_REQUESTS);
    assertThat(JSON.convertValue(stage.at("/resources/properties/limits/default"), Map.class))
        .isEqualTo(StageSettings.DEFAULT_LIMITS);
  }

  /**
   * The program validates with a draft-07 dialect of only the keywords the schema uses ({@link
   * ConfigSchema#KEYWORDS}); every other keyword in the schema must be an annotation, which no
   * validator reads. A keyword added to the schema without being added there fails here.
   */
  @Test
  void everyKeywordOfThePublishedSchemasIsValidatedOrAnAnnotation() throws IOException {
    Set<String> annotations =
        Set.of(
            "$schema",
            "title",
            "description",
            "default",
            "examples",
            "definitions",
            "then",
            "else",
            "x-computed-default",
            "x-rule",
            "x-fix");
    Set<String> validated = new TreeSet<>();
    PublishedSchemas.KEYWORDS.forEach(keyword -> validated.add(keyword.getValue()));
    Set<String> used = new TreeSet<>();
    collectKeywords(JSON.readTree(SCHEMA.resolve(SCHEMA_FILE).toFile()), used);
    collectKeywords(JSON.readTree(SCHEMA.resolve("stack-config.schema.json").toFile()), used);

    assertThat(used)
        .filteredOn(keyword -> !validated.contains(keyword) && !annotations.contains(keyword))
        .isEmpty();
    assertThat(validated)
        .contains("if", "additionalProperties", "patternProperties", "$ref", "items", "pattern");
  }

  /** The keywords of a schema: the names of its members, but not of the maps it holds. */
  private static void collectKeywords(JsonNode schema, Set<String> out) {
    if (schema.isArray()) {
      schema.forEach(item -> collectKeywords(item, out));
      return;
    }
    schema
        .fields()
        .forEachRemaining(
            entry -> {
              out.add(entry.getKey());
              if (Set.of("properties", "patternProperties", "definitions")
                  .contains(entry.getKey())) {
                entry.getValue().forEach(child -> collectKeywords(child, out));
              } else if (!Set.of("examples", "default", "enum", "const").contains(entry.getKey())
                  && entry.getValue().isContainerNode()) {
                collectKeywords(entry.getValue(), out);
              }
            });
  }

  /** What an editor shows while the file is written: every field is described, with examples. */
  @Test
  void everyFieldHasADescriptionAndExamples() throws IOException {
    JsonNode schema = JSON.readTree(SCHEMA.resolve(SCHEMA_FILE).toFile());
    List<String> fields = new ArrayList<>();
    collectFields(schema, "", fields);

    assertThat(fields).hasSizeGreaterThan(30);
    assertThat(fields)
        .filteredOn(
            field -> !schema.at(field).has("description") || !schema.at(field).has("examples"))
        .as("fields without a description or examples")
        .isEmpty();
  }

  /**
   * Collects the JSON pointers of every property and definition; the subschemas of {@code if},
   * {@code then} and {@code else} only refine fields described elsewhere.
   */
  private static void collectFields(JsonNode node, String pointer, List<String> out) {
    node.fields()
        .forEachRemaining(
            entry -> {
              String child = pointer + "/" + entry.getKey();
              if (Set.of("if", "then", "else").contains(entry.getKey())
                  || !entry.getValue().isObject()) {
                return;
              }
              if (Set.of("properties", "patternProperties", "definitions")
                  .contains(entry.getKey())) {
                entry
                    .getValue()
                    .fields()
                    .forEachRemaining(
                        field -> {
                          out.add(child + "/" + field.getKey());
                          collectFields(field.getValue(), child + "/" + field.getKey(), out);
                        });
              } else {
                collectFields(entry.getValue(), child, out);
              }
            });
  }

  private static void assertAccepted(String name, String text) {
    PipelineConfig config = parse(text);

    assertThat(config.environments()).as(name).isNotEmpty();
    assertThat(errors(text)).as("schema errors of %s", name).isEmpty();
  }

  private static PipelineConfig parse(String text) {
    return PipelineConfigParser.parse(CONFIG, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The schema's errors for a file, each as {@code <JSON pointer>: <message>}. */
  private static List<String> errors(String text) {
    return VALIDATOR.validate(data(text)).stream()
        .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
        .toList();
  }

  /**
   * The data a YAML 1.2 reader, as editors use, makes of a file: a plain scalar is resolved by the
   * core schema of YAML 1.2 (null, booleans, integers in decimal, octal {@code 0o} and hex {@code
   * 0x}, floats), everything else is text. So {@code 012345678901} is a number, as it is in an
   * editor, while {@code yes} and {@code 2024-01-01} are text.
   */
  private static JsonNode data(String text) {
    String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Node root =
        new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(withoutBom));
    return root == null ? NullNode.getInstance() : data(root);
  }

  private static JsonNode data(Node node) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (node instanceof MappingNode mapping) {
      ObjectNode object = nodes.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        object.set(((ScalarNode) tuple.getKeyNode()).getValue(), data(tuple.getValueNode()));
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = nodes.arrayNode();
      sequence.getValue().forEach(item -> array.add(data(item)));
      return array;
    }
    ScalarNode scalar = (ScalarNode) node;
    String value = scalar.getValue();
    if (!scalar.isPlain()) {
      return TextNode.valueOf(value);
    }
    if (value.matches("|~|null|Null|NULL")) {
      return NullNode.getInstance();
    }
    if (value.matches("true|True|TRUE|false|False|FALSE")) {
      return BooleanNode.valueOf(value.equalsIgnoreCase("true"));
    }
    if (value.matches("[-+]?[0-9]+")) {
      return BigIntegerNode.valueOf(new BigInteger(value));
    }
    if (value.matches("0o[0-7]+|0x[0-9a-fA-F]+")) {
      return BigIntegerNode.valueOf(
          new BigInteger(value.substring(2), value.charAt(1) == 'o' ? 8 : 16));
    }
    if (value.matches("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")) {
      return DecimalNode.valueOf(new BigDecimal(value));
    }
    return TextNode.valueOf(value);
  }

  private static Path corpusDir() {
    return SampleConfigs.projectDir().resolve("src/test/resources/bad-inputs");
  }

  private static String corpusConfig(String name) throws IOException {
    return Files.readString(corpusDir().resolve(name).resolve(CONFIG), StandardCharsets.UTF_8);
  }

  /** The first YAML block of {@code docs/pipeline-config.md}. */
  private static String documentedExample() throws IOException {
    String doc =
        Files.readString(
            SampleConfigs.projectDir().resolve("docs/pipeline-config.md"), StandardCharsets.UTF_8);
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    return doc.substring(start, doc.indexOf("```", start));
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
