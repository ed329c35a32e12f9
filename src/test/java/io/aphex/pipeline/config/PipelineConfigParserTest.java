package io.aphex.pipeline.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Pure: no Pulumi engine, no global state; runs beside the other classes.
@Execution(ExecutionMode.CONCURRENT)
class PipelineConfigParserTest {

  private static final String FILE = "aphex-config.yaml";

  /** Lines 1 to 5 of most test files; the first environment starts on line 6. */
  private static final String HEADER =
      """
      version: "1.0"
      build:
        commands:
          - npm ci
      environments:
      """;

  /** A valid environment (lines 6 to 11 after {@link #HEADER}). */
  private static final String DEV =
      """
        - name: dev
          region: us-east-1
          account: "123456789012"
          stacks:
            - name: AppStack
              path: lib/app-stack.ts
      """;

  @Nested
  class ValidFiles {

    @Test
    void referenceSampleParsesToTheExactValues() {
      PipelineConfig config =
          PipelineConfigParser.parse(SampleConfigs.predecessorSample().resolve(FILE));

      StackDefinition app = new StackDefinition("MyAppStack", "lib/my-app-stack.ts");
      assertThat(config)
          .isEqualTo(
              new PipelineConfig(
                  "1.0",
                  List.of("npm install", "npm run build", "npm run package"),
                  List.of(
                      new EnvironmentConfig(
                          "dev",
                          "us-east-1",
                          "123456789012",
                          List.of(app),
                          List.of("npm run test:integration")),
                      new EnvironmentConfig(
                          "staging",
                          "us-west-2",
                          "123456789012",
                          List.of(app),
                          List.of("npm run test:e2e")),
                      new EnvironmentConfig(
                          "prod", "us-east-1", "987654321098", List.of(app), List.of()))));
      assertThat(config.environments().get(2).hasTests()).isFalse();
    }

    @Test
    void scaleSampleParsesTo50EnvironmentsOf3Stacks() {
      PipelineConfig config =
          PipelineConfigParser.parse(
              SampleConfigs.predecessorSample().resolve("scale/aphex-config-50x3.yaml"));

      List<String> regions =
          List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1", "eu-central-1");
      List<StackDefinition> stacks =
          List.of(
              new StackDefinition("NetworkStack", "lib/networkstack.ts"),
              new StackDefinition("DataStack", "lib/datastack.ts"),
              new StackDefinition("AppStack", "lib/appstack.ts"));
      List<EnvironmentConfig> expected = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String name = String.format("env-%02d", i);
        expected.add(
            new EnvironmentConfig(
                name,
                regions.get(i % regions.size()),
                String.format("1000000000%02d", i),
                stacks,
                List.of("npm run test:integration -- --env " + name)));
      }
      assertThat(config.buildCommands()).containsExactly("npm ci", "npm run build");
      assertThat(config.environments()).containsExactlyElementsOf(expected);
    }

    @Test
    void acceptsAnUnquotedTwelveDigitAccountWithoutLeadingZero() {
      PipelineConfig config = parse(HEADER + DEV.replace("\"123456789012\"", "123456789012"));

      assertThat(config.environments().get(0).account()).isEqualTo("123456789012");
    }

    @Test
    void acceptsAByteOrderMarkAndWindowsLineEndings() {
      byte[] text = (HEADER + DEV).replace("\n", "\r\n").getBytes(UTF_8);
      byte[] withBom = new byte[text.length + 3];
      withBom[0] = (byte) 0xEF;
      withBom[1] = (byte) 0xBB;
      withBom[2] = (byte) 0xBF;
      System.arraycopy(text, 0, withBom, 3, text.length);

      PipelineConfig config = PipelineConfigParser.parse(FILE, withBom);

      assertThat(config.version()).isEqualTo("1.0");
      assertThat(config.environments().get(0).stacks())
          .containsExactly(new StackDefinition("AppStack", "lib/app-stack.ts"));
    }

    @Test
    void acceptsAnEnvironmentNameOf56Characters() {
      String name = "e".repeat(56);

      PipelineConfig config = parse(HEADER + DEV.replace("name: dev", "name: " + name));

      assertThat(config.environments().get(0).name()).isEqualTo(name);
    }

    @Test
    void keepsMultiLineCommandsAndExplicitStringTags() {
      String yaml =
          """
          version: !!str 1.0
          build:
            commands:
              - |
                npm ci
                npm run build
          environments:
          """
              + DEV;

      PipelineConfig config = parse(yaml);

      assertThat(config.version()).isEqualTo("1.0");
      assertThat(config.buildCommands()).containsExactly("npm ci\nnpm run build\n");
    }
  }

  @Nested
  class YamlRules {

    @Test
    void rejectsInvalidUtf8() {
      byte[] content = "version: \"1.0\"\nbuild: \"x\"\n".getBytes(UTF_8);
      content[23] = (byte) 0xFF;

      assertThat(problems(content))
          .containsExactly(
              "aphex-config.yaml line 2, byte offset 23: '0xff' is not valid UTF-8. Fix: Save the"
                  + " file as UTF-8.");
    }

    @Test
    void rejectsCharactersThatYamlDoesNotAllow() {
      assertThat(problems("version: \"1.0\"\nbuild: a\u0007b\n"))
          .containsExactly(
              "aphex-config.yaml line 2, column 9: '\\u0007' is a special character that YAML does"
                  + " not allow in a file. Fix: Remove the character.");
    }

    @Test
    void reportsASyntaxErrorWithLineAndColumn() {
      String yaml =
          """
          version: "1.0"
          build:
            commands: [npm ci
          environments: []
          """;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 4, column 13: 'environments: []' is not valid YAML: expected"
                  + " ',' or ']', but got :. Fix: Correct the YAML syntax here; check the"
                  + " indentation, the quotes and the brackets.");
    }

    @ParameterizedTest
    @MethodSource("io.aphex.pipeline.config.PipelineConfigParserTest#emptyFiles")
    void rejectsAFileWithoutContent(String yaml) {
      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 1, top level: is missing; the file has no content (only"
                  + " comments or whitespace). Fix: Write the pipeline config: version: \"1.0\", a"
                  + " build mapping with commands and a list of environments.");
    }

    @Test
    void rejectsASecondDocument() {
      assertThat(problems(HEADER + DEV + "---\nversion: \"1.0\"\n"))
          .containsExactly(
              "aphex-config.yaml line 12, column 1: '---' starts a second YAML document; the file"
                  + " must hold exactly one. Fix: Remove the '---' line and what follows it, or"
                  + " merge the two documents into one.");
    }

    @Test
    void rejectsAnchorsButNotTheirAliasesAgain() {
      String yaml =
          """
          version: "1.0"
          build:
            commands: &cmds
              - npm ci
          environments:
            - name: dev
              tests:
                commands: *cmds
          """;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 3, column 13, build.commands: '&cmds' defines an anchor; anchors and aliases"
                  + " are not supported. Fix: Write the values out in full in each place instead"
                  + " of reusing them with '&' and '*'.");
    }

    @Test
    void rejectsAnAliasWithoutAnchor() {
      assertThat(problems("version: \"1.0\"\nbuild: *nowhere\n"))
          .containsExactly(
              "aphex-config.yaml line 2, column 8, build: '*nowhere' is an alias of an anchor that is not"
                  + " defined before it; anchors and aliases are not supported. Fix: Write the"
                  + " values out in full in each place instead of reusing them with '&' and '*'.");
    }

    @Test
    void rejectsTags() {
      String yaml =
          """
          version: !!float "1.0"
          build: !custom
            commands: [npm ci]
          environments: !!python/object/apply:os.system ["id"]
          """;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 1, column 10, version: '!!float' is a YAML tag, which aphex-config"
                  + " does not support. Fix: Remove the tag; quote the value if it must be read as"
                  + " text.",
              "aphex-config.yaml line 2, column 8, build: '!custom' is a YAML tag, which aphex-config"
                  + " does not support. Fix: Remove the tag; quote the value if it must be read as"
                  + " text.",
              "aphex-config.yaml line 4, column 15, environments: '!!python/object/apply:os.system' is a YAML"
                  + " tag, which aphex-config does not support. Fix: Remove the tag; quote the"
                  + " value if it must be read as text.");
    }

    @Test
    void rejectsMergeKeys() {
      String yaml =
          HEADER
              + """
                - name: dev
                  <<: {region: us-east-1}
              """;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 7, column 5, environments[0].<<: '<<' is a merge key; merge keys are not"
                  + " supported. Fix: Write the merged keys out in full in this mapping.");
    }

    @Test
    void rejectsNestingDeeperThan20() {
      String yaml = "version: \"1.0\"\nbuild: " + "[".repeat(20) + "]".repeat(20) + "\n";

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 2, column 27, build"
                  + "[0]".repeat(19)
                  + ": 'build: "
                  + "[".repeat(20)
                  + "]".repeat(20)
                  + "' is nested more than 20 lists or mappings deep. Fix: Remove the extra"
                  + " nesting; a valid config is at most 5 levels deep.");
    }
  }

  static Stream<String> emptyFiles() {
    return Stream.of("", "\n\n", "# only a comment\n", "---\n");
  }

  @Nested
  class KeyRules {

    @Test
    void topLevelMustBeAMapping() {
      assertThat(problems("- version: \"1.0\"\n"))
          .containsExactly(
              "aphex-config.yaml line 1, top level: '- version: \"1.0\"' must be a mapping, not a "
                  + "list. Fix: Write the file as a mapping with the keys version, build, "
                  + "environments, pipeline.");
    }

    @Test
    void unknownKeySuggestsTheClosestKnownKey() {
      String yaml =
          HEADER
              + """
                - name: dev
                  regoin: us-east-1
                  region: us-east-1
                  account: "123456789012"
                  stacks: [{name: AppStack, path: lib/app-stack.ts}]
              """;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 7, environments[0].regoin: 'regoin' is not a known key."
                  + " Fix: Did you mean 'region'? Rename the key or remove it; the known keys here"
                  + " are name, region, account, stacks, tests, dependsOn,"
                  + " requiresApproval, deployRoleArn.");
    }

    @Test
    void unknownKeyWithoutACloseMatchListsTheKnownKeys() {
      assertThat(problems(HEADER + DEV + "notifications: slack\n"))
          .containsExactly(
              "aphex-config.yaml line 12, notifications: 'notifications' is not a known key. Fix:"
                  + " Remove the key; the known keys here are version, build, environments,"
                  + " pipeline.");
    }

    @Test
    void duplicateKeysAreReportedWithBothLines() {
      String yaml =
          HEADER
              + """
                - name: dev
                  region: us-east-1
                  account: "123456789012"
                  region: eu-west-1
                  stacks: [{name: AppStack, path: lib/app-stack.ts}]
              """;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 9, environments[0].region: 'region' is given twice in this"
                  + " mapping (first on line 7). Fix: Keep one of the two and delete the other.");
    }

    @Test
    void keysMustBePlainNames() {
      assertThat(problems(HEADER + DEV + "? [a, b]\n: c\n"))
          .containsExactly(
              "aphex-config.yaml line 12, top level: '[a, b]' is not a valid key; keys must be "
                  + "plain names. Fix: Write a plain name, such as region, as the key.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.aphex.pipeline.config.PipelineConfigParserTest#missingKeys")
    void requiredKeyIsMissing(String key, String yaml, String message) {
      assertThat(problems(yaml)).containsExactly(message);
    }

    @Test
    void keyWithoutValueIsMissingAtItsOwnLine() {
      assertThat(problems(HEADER + DEV.replace("region: us-east-1", "region:")))
          .containsExactly(
              "aphex-config.yaml line 7, environments[0].region: is missing; it needs a value: the "
                  + "AWS region of the environment. Fix: Write e.g. region: us-east-1.");
    }
  }

  static Stream<Arguments> missingKeys() {
    String stack = "[{name: AppStack, path: lib/app-stack.ts}]";
    return Stream.of(
        Arguments.of(
            "version",
            "build: {commands: [npm ci]}\nenvironments:\n" + DEV,
            "aphex-config.yaml line 1, version: is missing; it is required: the config format "
                + "version. Fix: Add version: \"1.0\" at the top level."),
        Arguments.of(
            "build",
            "version: \"1.0\"\nenvironments:\n" + DEV,
            "aphex-config.yaml line 1, build: is missing; it is required: the build stage: its "
                + "shell commands run in order in the repository root, then ./artifacts is uploaded "
                + "for the later stages. Fix: Add build: {commands: [npm ci, npm run build]} at the "
                + "top level."),
        Arguments.of(
            "build.commands",
            "version: \"1.0\"\nbuild: {}\nenvironments:\n" + DEV,
            "aphex-config.yaml line 2, build.commands: is missing; it is required: the shell "
                + "commands of the build stage, run in order in one bash shell with errexit and "
                + "pipefail; at least one. Fix: Add commands: [npm ci, npm run build] under build."),
        Arguments.of(
            "environments",
            "version: \"1.0\"\nbuild: {commands: [npm ci]}\n",
            "aphex-config.yaml line 1, environments: is missing; it is required: the deployment "
                + "targets, in file order; at least one. Fix: Add environments: [{name: dev, region: "
                + "us-east-1, account: \"123456789012\", stacks: [{name: MyAppStack, path: "
                + "lib/my-app-stack.ts}]}] at the top level."),
        Arguments.of(
            "environment name",
            HEADER + "  - {region: us-east-1, account: \"123456789012\", stacks: " + stack + "}\n",
            "aphex-config.yaml line 6, environments[0].name: is missing; it is required: the "
                + "environment name, unique in the file: a DNS-1123 label of at most 56 characters "
                + "(lower-case letters, digits and '-'), so that the task deploy-<name> stays within "
                + "63. Fix: Add name: dev under environments[0]."),
        Arguments.of(
            "region",
            HEADER + "  - {name: dev, account: \"123456789012\", stacks: " + stack + "}\n",
            "aphex-config.yaml line 6, environments[0].region: is missing; it is required: the AWS "
                + "region of the environment. Fix: Add region: us-east-1 under environments[0]."),
        Arguments.of(
            "account",
            HEADER + "  - {name: dev, region: us-east-1, stacks: " + stack + "}\n",
            "aphex-config.yaml line 6, environments[0].account: is missing; it is required: the "
                + "12-digit AWS account ID. Fix: Add account: \"123456789012\" under environments[0]."),
        Arguments.of(
            "stacks",
            HEADER + "  - {name: dev, region: us-east-1, account: \"123456789012\"}\n",
            "aphex-config.yaml line 6, environments[0].stacks: is missing; it is required: the "
                + "stacks deployed in this environment; at least one. Fix: Add stacks: [{name: "
                + "MyAppStack, path: lib/my-app-stack.ts}] under environments[0]."),
        Arguments.of(
            "stack name",
            HEADER
                + "  - {name: dev, region: us-east-1, account: \"123456789012\", stacks: [{path: a.ts}]}\n",
            "aphex-config.yaml line 6, environments[0].stacks[0].name: is missing; it is required: "
                + "the stack's name. Fix: Add name: MyAppStack under environments[0].stacks[0]."),
        Arguments.of(
            "stack path",
            HEADER
                + "  - {name: dev, region: us-east-1, account: \"123456789012\", stacks: [{name: A}]}\n",
            "aphex-config.yaml line 6, environments[0].stacks[0].path: is missing; it is required: "
                + "the stack's path, relative to the repository root, with '/' between directories: "
                + "for the CDK the stack's source file or directory (cdk deploy runs in the nearest "
                + "directory at or above it holding cdk.json); for Pulumi the project directory (the "
                + "one holding Pulumi.yaml). Fix: Add path: lib/my-app-stack.ts under "
                + "environments[0].stacks[0]."),
        Arguments.of(
            "tests.commands",
            HEADER + DEV + "    tests: {}\n",
            "aphex-config.yaml line 12, environments[0].tests.commands: is missing; it is "
                + "required: the test commands, run in order in one bash shell; at least one. Fix: "
                + "Add commands: [npm run test:integration] under environments[0].tests."));
  }

  @Nested
  class TypeRules {

    @Test
    void mappingExpected() {
      String yaml = "version: \"1.0\"\nbuild: npm ci\nenvironments:\n  - dev\n";

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 2, build: 'npm ci' must be a mapping, not a string. Fix: "
                  + "Write build as a mapping with the keys commands.",
              "aphex-config.yaml line 4, environments[0]: 'dev' must be a mapping, not a string. "
                  + "Fix: Write each item of environments as a mapping with the keys name, region, "
                  + "account, stacks, tests, dependsOn, requiresApproval, deployRoleArn.");
    }

    /** Found by the long fuzz run: a deleted "- name:" line leaves a mapping where a list was. */
    @Test
    void aMappingWhereTheListOfStacksOrEnvironmentsBelongs() {
      String stacks =
          HEADER
              + "  - name: dev\n    region: us-east-1\n    account: \"123456789012\"\n"
              + "    stacks:\n        path: lib/app.ts\n";
      String environments =
          "version: \"1.0\"\nbuild:\n  commands: [npm ci]\nenvironments:\n  name: dev\n";

      assertThat(problems(stacks))
          .containsExactly(
              "aphex-config.yaml line 9, environments[0].stacks: 'path: lib/app.ts' must be a"
                  + " list, not a mapping. Fix: Write e.g. stacks: [{name: MyAppStack, path:"
                  + " lib/my-app-stack.ts}].");
      assertThat(problems(environments))
          .containsExactly(
              "aphex-config.yaml line 4, environments: 'name: dev' must be a list, not a mapping."
                  + " Fix: Write e.g. environments: [{name: dev, region: us-east-1, account:"
                  + " \"123456789012\", stacks: [{name: MyAppStack, path:"
                  + " lib/my-app-stack.ts}]}].");
    }

    @Test
    void listExpected() {
      String yaml = "version: \"1.0\"\nbuild:\n  commands: npm ci\nenvironments:\n" + DEV;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 3, build.commands: 'npm ci' must be a list, not a string. "
                  + "Fix: Write e.g. commands: [npm ci, npm run build].");
    }

    @Test
    void stringExpected() {
      assertThat(problems(HEADER + DEV.replace("name: dev", "name: [dev, prod]")))
          .containsExactly(
              "aphex-config.yaml line 6, environments[0].name: '[dev, prod]' must be a string, not "
                  + "a list. Fix: Write e.g. name: dev.");
    }

    @Test
    void unquotedNumberWhereStringExpected() {
      assertThat(problems(HEADER + DEV.replace("name: AppStack", "name: 123")))
          .containsExactly(
              "aphex-config.yaml line 10, environments[0].stacks[0].name: '123' must be a string, "
                  + "but YAML reads it unquoted as a number. Fix: Quote it: name: \"123\".");
    }

    @Test
    void testsMustBeAMapping() {
      assertThat(problems(HEADER + DEV + "    tests:\n"))
          .containsExactly(
              "aphex-config.yaml line 12, environments[0].tests: is missing; it needs a value: the "
                  + "test-<name> stage, run after the deployment with the stacks' outputs in "
                  + "STACK_OUTPUTS. Fix: Write e.g. tests: {commands: [npm run test:integration]}.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.aphex.pipeline.config.PipelineConfigParserTest#emptyLists")
    void listMustNotBeEmpty(String list, String yaml, String message) {
      assertThat(problems(yaml)).containsExactly(message);
    }
  }

  static Stream<Arguments> emptyLists() {
    return Stream.of(
        Arguments.of(
            "build.commands",
            "version: \"1.0\"\nbuild:\n  commands: []\nenvironments:\n" + DEV,
            "aphex-config.yaml line 3, build.commands: '[]' is an empty list; at least one item is "
                + "needed: shell commands, run in order in one bash shell (so cd and export carry "
                + "over); at least one. Fix: Add an item, e.g. commands: [npm ci, npm run build]."),
        Arguments.of(
            "environments",
            "version: \"1.0\"\nbuild: {commands: [npm ci]}\nenvironments: []\n",
            "aphex-config.yaml line 3, environments: '[]' is an empty list; at least one item is "
                + "needed: the deployment targets, in file order; at least one. Fix: Add an item, "
                + "e.g. environments: [{name: dev, region: us-east-1, account: \"123456789012\", "
                + "stacks: [{name: MyAppStack, path: lib/my-app-stack.ts}]}]."),
        Arguments.of(
            "stacks",
            HEADER + "  - {name: dev, region: us-east-1, account: \"123456789012\", stacks: []}\n",
            "aphex-config.yaml line 6, environments[0].stacks: '[]' is an empty list; at least one "
                + "item is needed: the stacks deployed in this environment; at least one. Fix: Add "
                + "an item, e.g. stacks: [{name: MyAppStack, path: lib/my-app-stack.ts}]."),
        Arguments.of(
            "tests.commands",
            HEADER + DEV + "    tests:\n      commands: []\n",
            "aphex-config.yaml line 13, environments[0].tests.commands: '[]' is an empty list; at "
                + "least one item is needed: shell commands, run in order in one bash shell (so cd "
                + "and export carry over); at least one. Fix: Add an item, e.g. commands: [npm ci, "
                + "npm run build]."));
  }

  @Nested
  class ValueRules {

    @Test
    void unquotedVersionMustBeQuoted() {
      assertThat(problems(HEADER.replace("\"1.0\"", "1.0") + DEV))
          .containsExactly(
              "aphex-config.yaml line 1, version: '1.0' must be a string, but YAML reads it "
                  + "unquoted as a number. Fix: Quote it: version: \"1.0\".");
    }

    @Test
    void versionMustBeSupported() {
      assertThat(problems(HEADER.replace("\"1.0\"", "\"99\"") + DEV))
          .containsExactly(
              "aphex-config.yaml line 1, version: '99' is not one of the allowed values: 1.0. Fix: "
                  + "Write version: \"1.0\".");
    }

    @Test
    void environmentNameMustBeADns1123Label() {
      assertThat(problems(HEADER + DEV.replace("name: dev", "name: Prod_Env")))
          .containsExactly(
              "aphex-config.yaml line 6, environments[0].name: 'Prod_Env' does not fit the rule "
                  + "for name: the environment name, unique in the file: a DNS-1123 label of at most "
                  + "56 characters (lower-case letters, digits and '-'), so that the task "
                  + "deploy-<name> stays within 63. Fix: Write e.g. name: dev.");
    }

    @Test
    void environmentNameMustLeaveRoomForTheDeployPrefix() {
      String name = "e".repeat(57);

      assertThat(problems(HEADER + DEV.replace("name: dev", "name: " + name)))
          .containsExactly(
              "aphex-config.yaml line 6, environments[0].name: '"
                  + name
                  + "' is 57 characters long, more than the 56 allowed: the environment name, unique"
                  + " in the file: a DNS-1123 label of at most 56 characters (lower-case letters,"
                  + " digits and '-'), so that the task deploy-<name> stays within 63. Fix: Write e.g."
                  + " name: dev.");
    }

    @Test
    void environmentNamesMustBeUnique() {
      assertThat(problems(HEADER + DEV + DEV))
          .containsExactly(
              "aphex-config.yaml line 12, environments[1].name: 'dev' is also the name of"
                  + " environments[0] (line 6); environment names must be unique. Fix: Rename one"
                  + " of the two environments; each one becomes its own deploy-<name> stage.");
    }

    @Test
    void regionMustBeAnAwsRegion() {
      assertThat(problems(HEADER + DEV.replace("us-east-1", "mars-1")))
          .containsExactly(
              "aphex-config.yaml line 7, environments[0].region: 'mars-1' does not fit the rule "
                  + "for region: the AWS region of the environment. It must be one this release "
                  + "knows (the examples), or one named in the environment variable "
                  + "APHEX_EXTRA_REGIONS where the program runs. Fix: Write e.g. region: us-east-1.");
    }

    @Test
    void unquotedAccountWithLeadingZeroMustBeQuoted() {
      assertThat(problems(HEADER + DEV.replace("\"123456789012\"", "012345678901")))
          .containsExactly(
              "aphex-config.yaml line 8, environments[0].account: '012345678901' must be a string, "
                  + "but YAML reads it unquoted as a number. Fix: Quote it: account: "
                  + "\"012345678901\".");
    }

    @Test
    void accountMustHaveTwelveDigits() {
      assertThat(problems(HEADER + DEV.replace("\"123456789012\"", "\"12\"")))
          .containsExactly(
              "aphex-config.yaml line 8, environments[0].account: '12' does not fit the rule for "
                  + "account: the 12-digit AWS account ID. Quote it: YAML reads an unquoted "
                  + "012345678901 as a number and drops the leading zero. Fix: Write e.g. account: "
                  + "\"123456789012\".");
    }

    @Test
    void stackNameMustBeACloudFormationName() {
      assertThat(problems(HEADER + DEV.replace("name: AppStack", "name: \"A; rm -rf /\"")))
          .containsExactly(
              "aphex-config.yaml line 10, environments[0].stacks[0].name: 'A; rm -rf /' does not "
                  + "fit the rule for name: the stack's name. For the CDK, the stack name the CDK "
                  + "app knows (letters, digits and '-', starting with a letter, at most 128 "
                  + "characters). For Pulumi, the stack reference pulumi up --stack takes: <stack>, "
                  + "<org>/<stack> or <org>/<project>/<stack>. Unique within the environment. Fix: "
                  + "Write e.g. name: MyAppStack.");
    }

    @Test
    void stackNameMustHaveAtMost128Characters() {
      String name = "S".repeat(129);

      assertThat(problems(HEADER + DEV.replace("name: AppStack", "name: " + name)))
          .containsExactly(
              "aphex-config.yaml line 10, environments[0].stacks[0].name: '"
                  + "S".repeat(120)
                  + "...' is 129 characters long, more than the 128 allowed: the stack's name. For the CDK, the stack"
                  + " name the CDK app knows (letters, digits and '-', starting with a letter, at most"
                  + " 128 characters). For Pulumi, the stack reference pulumi up --stack takes:"
                  + " <stack>, <org>/<stack> or <org>/<project>/<stack>. Unique within the"
                  + " environment. Fix: Write e.g. name: MyAppStack.");
    }

    @Test
    void stackNamesMustBeUniqueWithinAnEnvironment() {
      String stacks =
          """
                - name: AppStack
                  path: lib/other-stack.ts
          """;

      assertThat(problems(HEADER + DEV + stacks))
          .containsExactly(
              "aphex-config.yaml line 12, environments[0].stacks[1].name: 'AppStack' is also the"
                  + " name of environments[0].stacks[0] (line 10); stack names must be unique"
                  + " within an environment. Fix: Remove the repeated stack or rename it.");
    }

    @Test
    void sameStackNameInAnotherEnvironmentIsFine() {
      PipelineConfig config = parse(HEADER + DEV + DEV.replace("name: dev", "name: prod"));

      assertThat(config.environments()).extracting(EnvironmentConfig::name).contains("prod");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.aphex.pipeline.config.PipelineConfigParserTest#badPaths")
    void stackPathMustBeRelativeInsideTheRepository(String path, String shown) {
      assertThat(problems(HEADER + DEV.replace("path: lib/app-stack.ts", "path: " + path)))
          .containsExactly(
              "aphex-config.yaml line 11, environments[0].stacks[0].path: "
                  + shown
                  + " "
                  + "does not fit the rule for path: the stack's path, relative to the repository root, with '/' between"
                  + " directories: for the CDK the stack's source file or directory (cdk deploy runs"
                  + " in the nearest directory at or above it holding cdk.json); for Pulumi the"
                  + " project directory (the one holding Pulumi.yaml). No '..' segment, no leading"
                  + " '/', no backslash, no control character, no '{{'. Fix: Write e.g. path:"
                  + " lib/my-app-stack.ts.");
    }

    @Test
    void commandMustBeAString() {
      assertThat(problems(HEADER.replace("- npm ci", "- true") + DEV))
          .containsExactly(
              "aphex-config.yaml line 4, build.commands[0]: 'true' must be a string, but YAML "
                  + "reads it unquoted as a boolean. Fix: Quote it: - \"true\".");
    }

    @Test
    void commandMustNotBeEmpty() {
      assertThat(problems(HEADER.replace("- npm ci", "- npm ci\n    -\n    - \"  \"") + DEV))
          .containsExactly(
              "aphex-config.yaml line 5, build.commands[1]: is missing; it needs a value: one "
                  + "shell command, run as written: not blank, no control characters other than tab "
                  + "and line break, no invisible formatting characters (such as U+202E, the "
                  + "right-to-left override). Fix: Write e.g. - npm ci.",
              "aphex-config.yaml line 6, build.commands[2]: '  ' does not fit the rule for an item "
                  + "of commands: one shell command, run as written: not blank, no control "
                  + "characters other than tab and line break, no invisible formatting characters "
                  + "(such as U+202E, the right-to-left override). Fix: Write e.g. - npm ci.");
    }

    @Test
    void commandMustNotContainControlCharacters() {
      assertThat(problems(HEADER.replace("- npm ci", "- \"npm ci\\0\"") + DEV))
          .containsExactly(
              "aphex-config.yaml line 4, build.commands[0]: 'npm ci\\u0000' does not fit the rule "
                  + "for an item of commands: one shell command, run as written: not blank, no "
                  + "control characters other than tab and line break, no invisible formatting "
                  + "characters (such as U+202E, the right-to-left override). Fix: Write e.g. - npm "
                  + "ci.");
    }

    @Test
    void commandsWithDoubleBracesAreKeptAsWritten() {
      PipelineConfig config =
          parse(
              HEADER.replace("- npm ci", "- \"docker ps --format '{{.Names}}'\"")
                  + DEV
                  + "    tests:\n      commands: ['helm template . --set x={{ .Values.y }}']\n");

      assertThat(config.buildCommands()).containsExactly("docker ps --format '{{.Names}}'");
      assertThat(config.environments().get(0).testCommands())
          .containsExactly("helm template . --set x={{ .Values.y }}");
    }
  }

  static Stream<Arguments> badPaths() {
    return Stream.of(
        Arguments.of("\"\"", "''"),
        Arguments.of("/lib/app.ts", "'/lib/app.ts'"),
        Arguments.of("'lib\\app.ts'", "'lib\\app.ts'"),
        Arguments.of("lib/../../etc", "'lib/../../etc'"),
        Arguments.of("\"lib/\\napp.ts\"", "'lib/\\napp.ts'"),
        Arguments.of("\"lib/{{x}}.ts\"", "'lib/{{x}}.ts'"));
  }

  /**
   * An environment like {@link #DEV} named {@code name}, with {@code dependsOn: <dependsOn>} on its
   * last line when {@code dependsOn} is not null: 6 lines, or 7 with the dependsOn line.
   */
  private static String env(String name, String dependsOn) {
    return DEV.replace("name: dev", "name: " + name)
        + (dependsOn == null ? "" : "    dependsOn: " + dependsOn + "\n");
  }

  @Nested
  class Dependencies {

    @Test
    void withoutDependsOnEachEnvironmentDependsOnTheOneBefore() {
      PipelineConfig config =
          parse(HEADER + env("dev", null) + env("staging", null) + env("prod", null));

      assertThat(config.environments()).allMatch(env -> env.dependsOn().isEmpty());
      assertThat(dependencies(config))
          .containsExactly(List.of(), List.of("dev"), List.of("staging"));
    }

    @Test
    void explicitDependsOnReplacesTheDefault() {
      PipelineConfig config =
          parse(HEADER + env("dev", null) + env("staging", null) + env("prod", "[dev]"));

      assertThat(config.environments().get(2).dependsOn()).contains(List.of("dev"));
      assertThat(dependencies(config)).containsExactly(List.of(), List.of("dev"), List.of("dev"));
    }

    @Test
    void emptyDependsOnMeansNoDependency() {
      PipelineConfig config = parse(HEADER + env("dev", null) + env("sandbox", "[]"));

      assertThat(config.environments().get(1).dependsOn()).contains(List.of());
      assertThat(dependencies(config)).containsExactly(List.of(), List.of());
    }

    @Test
    void firstEnvironmentMayDependOnALaterOne() {
      PipelineConfig config = parse(HEADER + env("dev", "[prod]") + env("prod", "[]"));

      assertThat(dependencies(config)).containsExactly(List.of("prod"), List.of());
    }

    @Test
    void diamondParsesToTheExactValues() {
      String yaml =
          HEADER
              + env("dev", null)
              + env("us", null)
              + env("eu", "[dev]")
              + env("prod", null)
              + """
                  dependsOn:
                    - us
                    - eu
              """;

      PipelineConfig config = parse(yaml);

      StackDefinition app = new StackDefinition("AppStack", "lib/app-stack.ts");
      assertThat(config.environments())
          .containsExactly(
              new EnvironmentConfig("dev", "us-east-1", "123456789012", List.of(app), List.of()),
              new EnvironmentConfig(
                  "us",
                  "us-east-1",
                  "123456789012",
                  List.of(app),
                  List.of(),
                  Optional.empty(),
                  false,
                  Optional.empty()),
              new EnvironmentConfig(
                  "eu",
                  "us-east-1",
                  "123456789012",
                  List.of(app),
                  List.of(),
                  Optional.of(List.of("dev")),
                  false,
                  Optional.empty()),
              new EnvironmentConfig(
                  "prod",
                  "us-east-1",
                  "123456789012",
                  List.of(app),
                  List.of(),
                  Optional.of(List.of("us", "eu")),
                  false,
                  Optional.empty()));
      assertThat(dependencies(config))
          .containsExactly(List.of(), List.of("dev"), List.of("dev"), List.of("us", "eu"));
    }

    @Test
    void dependsOnMustBeAList() {
      assertThat(problems(HEADER + env("dev", null) + env("prod", "dev")))
          .containsExactly(
              "aphex-config.yaml line 18, environments[1].dependsOn: 'dev' must be a list, not a "
                  + "string. Fix: Write e.g. dependsOn: [dev].");
    }

    @Test
    void dependsOnWithoutValueIsNotAList() {
      assertThat(problems(HEADER + env("dev", null) + env("prod", "")))
          .containsExactly(
              "aphex-config.yaml line 18, environments[1].dependsOn: is missing; it needs a value: "
                  + "the names of the environments deployed (and tested) before this one, each once; "
                  + "no cycles. Fix: Write e.g. dependsOn: [dev].");
    }

    @Test
    void itemsMustBeStrings() {
      String yaml =
          HEADER
              + env("dev", null)
              + env("prod", null)
              + """
                  dependsOn:
                    - 1
                    - {name: dev}
                    -
              """;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 19, environments[1].dependsOn[0]: '1' must be a string, but "
                  + "YAML reads it unquoted as a number. Fix: Quote it: - \"1\".",
              "aphex-config.yaml line 20, environments[1].dependsOn[1]: '{name: dev}' must be a "
                  + "string, not a mapping. Fix: Write e.g. - ....",
              "aphex-config.yaml line 21, environments[1].dependsOn[2]: is missing; it needs a "
                  + "value: . Fix: Write e.g. - ....");
    }

    @Test
    void unknownNameSuggestsTheClosestEnvironment() {
      assertThat(
              problems(HEADER + env("dev", null) + env("staging", null) + env("prod", "[stagin]")))
          .containsExactly(
              "aphex-config.yaml line 24, environments[2].dependsOn[0]: 'stagin' is not the name of"
                  + " an environment in this file. Fix: Did you mean 'staging'? Use the name of"
                  + " another environment: dev, staging.");
    }

    @Test
    void unknownNameWithoutACloseMatchListsTheEnvironments() {
      assertThat(problems(HEADER + env("dev", "[production]") + env("prod", null)))
          .containsExactly(
              "aphex-config.yaml line 12, environments[0].dependsOn[0]: 'production' is not the"
                  + " name of an environment in this file. Fix: Use the name of another"
                  + " environment: prod.");
    }

    @Test
    void unknownNameListsAtMostTenEnvironments() {
      StringBuilder yaml = new StringBuilder(HEADER);
      for (int i = 0; i < 12; i++) {
        yaml.append(env("env-" + i, null));
      }
      yaml.append(env("last", "[qa]"));

      assertThat(problems(yaml.toString()))
          .containsExactly(
              "aphex-config.yaml line 84, environments[12].dependsOn[0]: 'qa' is not the name of an"
                  + " environment in this file. Fix: Use the name of another environment: env-0,"
                  + " env-1, env-2, env-3, env-4, env-5, env-6, env-7, env-8, env-9 and 2 more.");
    }

    @Test
    void environmentCannotDependOnItself() {
      assertThat(problems(HEADER + env("dev", "[dev]")))
          .containsExactly(
              "aphex-config.yaml line 12, environments[0].dependsOn[0]: 'dev' is the name of this"
                  + " environment; an environment cannot depend on itself. Fix: Remove the item;"
                  + " list only the environments that must be deployed before this one.");
    }

    @Test
    void namesMustNotRepeat() {
      assertThat(problems(HEADER + env("dev", null) + env("prod", "[dev, dev]")))
          .containsExactly(
              "aphex-config.yaml line 18, environments[1].dependsOn: '[dev, dev]' lists the same "
                  + "item more than once; each item may be listed once. Fix: Remove the repeated "
                  + "item.");
    }

    @Test
    void cycleThroughDefaultDependenciesIsReportedOnceInFileOrder() {
      assertThat(problems(HEADER + env("dev", "[prod]") + env("staging", null) + env("prod", null)))
          .containsExactly(
              "aphex-config.yaml line 12, environments[0].dependsOn[0]: 'prod' forms a cycle: dev"
                  + " -> prod -> staging -> dev, so none of these environments can be deployed;"
                  + " prod -> staging and staging -> dev are default dependencies (an environment"
                  + " without dependsOn depends on the one before it). Fix: Remove one of these"
                  + " dependencies; to break a default one, give that environment its own"
                  + " dependsOn.");
    }

    @Test
    void everySeparateCycleIsReported() {
      String yaml =
          HEADER
              + env("a", "[b]")
              + env("b", "[a]")
              + env("c", "[]")
              + env("d", "[e, c]")
              + env("e", "[d]");

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 12, environments[0].dependsOn[0]: 'b' forms a cycle: a -> b"
                  + " -> a, so none of these environments can be deployed. Fix: Remove one of these"
                  + " dependencies.",
              "aphex-config.yaml line 33, environments[3].dependsOn[0]: 'e' forms a cycle: d -> e"
                  + " -> d, so none of these environments can be deployed. Fix: Remove one of these"
                  + " dependencies.");
    }

    @Test
    void longCycleIsShortened() {
      StringBuilder yaml = new StringBuilder(HEADER).append(env("e0", "[e19]"));
      for (int i = 1; i < 20; i++) {
        yaml.append(env("e" + i, null));
      }

      assertThat(problems(yaml.toString()))
          .containsExactly(
              "aphex-config.yaml line 12, environments[0].dependsOn[0]: 'e19' forms a cycle: e0 ->"
                  + " e19 -> e18 -> e17 -> e16 -> ... (11 more) -> e4 -> e3 -> e2 -> e1 -> e0, so"
                  + " none of these environments can be deployed; 19 of these are default"
                  + " dependencies (an environment without dependsOn depends on the one before it)."
                  + " Fix: Remove one of these dependencies; to break a default one, give that"
                  + " environment its own dependsOn.");
    }

    @Test
    void dependenciesAreCheckedAlongWithOtherProblems() {
      String yaml =
          HEADER
              + env("dev", "[prod]")
              + env("staging", "[dev, qa]").replace("us-east-1", "mars-1")
              + env("prod", null);

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 12, environments[0].dependsOn[0]: 'prod' forms a cycle: dev"
                  + " -> prod -> staging -> dev, so none of these environments can be deployed;"
                  + " prod -> staging is a default dependency (an environment without dependsOn"
                  + " depends on the one before it). Fix: Remove one of these dependencies; to"
                  + " break a default one, give that environment its own dependsOn.",
              "aphex-config.yaml line 14, environments[1].region: 'mars-1' does not fit the rule "
                  + "for region: the AWS region of the environment. It must be one this release "
                  + "knows (the examples), or one named in the environment variable "
                  + "APHEX_EXTRA_REGIONS where the program runs. Fix: Write e.g. region: us-east-1.",
              "aphex-config.yaml line 19, environments[1].dependsOn[1]: 'qa' is not the name of an"
                  + " environment in this file. Fix: Use the name of another environment: dev,"
                  + " prod.");
    }

    // The timeouts here and in HostileInput guard against a hang (an unbounded expansion or
    // search), not a speed goal, so they leave room for a busy machine; bench/ measures speed.
    @Test
    @Timeout(60)
    void manyEnvironmentsAndNamesAreCheckedUpToTheProblemLimit() {
      StringBuilder yaml = new StringBuilder(HEADER).append(env("e0", "[e5999, x0, x1]"));
      for (int i = 1; i < 6000; i++) {
        yaml.append(env("e" + i, i % 2 == 0 ? null : "[e" + (i - 1) + ", y" + i + "]"));
      }

      List<String> problems = problems(yaml.toString());

      assertThat(problems).hasSize(ProblemList.LIMIT + 1);
      assertThat(problems.get(0))
          .startsWith("aphex-config.yaml line 12, environments[0].dependsOn[1]: 'x0' is not the");
    }

    @Test
    @Timeout(60)
    void cycleThroughThousandsOfEnvironmentsIsFoundWithoutDeepRecursion() {
      StringBuilder yaml = new StringBuilder(HEADER).append(env("e0", "[e5999]"));
      for (int i = 1; i < 6000; i++) {
        yaml.append(env("e" + i, null));
      }

      assertThat(problems(yaml.toString()))
          .containsExactly(
              "aphex-config.yaml line 12, environments[0].dependsOn[0]: 'e5999' forms a cycle: e0"
                  + " -> e5999 -> e5998 -> e5997 -> e5996 -> ... (5991 more) -> e4 -> e3 -> e2 ->"
                  + " e1 -> e0, so none of these environments can be deployed; 5999 of these are"
                  + " default dependencies (an environment without dependsOn depends on the one"
                  + " before it). Fix: Remove one of these dependencies; to break a default one,"
                  + " give that environment its own dependsOn.");
    }

    /** The dependencies of every environment. */
    private static List<List<String>> dependencies(PipelineConfig config) {
      return IntStream.range(0, config.environments().size())
          .mapToObj(config::dependenciesAt)
          .toList();
    }
  }

  @Nested
  class ManyProblems {

    /**
     * The work a hostile file causes is bounded by what is reported, not by its size: of a MiB of
     * broken items (about 350,000), each is checked and counted, but only the first {@value
     * ProblemList#LIMIT} are described, and the whole report stays a few kilobytes. No wall-clock
     * bound: the time of a run is measured by the benchmark, not asserted here.
     */
    @Test
    void aMebibyteOfBrokenItemsIsCountedButOnlyTheFirstHundredDescribed() {
      StringBuilder yaml = new StringBuilder(HEADER.replace("environments:", "environments: ["));
      int items = 1;
      while (yaml.length() < PipelineConfigParser.MAX_BYTES - 10) {
        yaml.append("[],");
        items++;
      }
      yaml.append("[]]\n");

      List<String> problems = problems(yaml.toString());

      assertThat(problems).hasSize(ProblemList.LIMIT + 1);
      assertThat(problems.get(0))
          .isEqualTo(
              "aphex-config.yaml line 6, environments[0]: '[]' must be a mapping, not a list. Fix: "
                  + "Write each item of environments as a mapping with the keys name, region, "
                  + "account, stacks, tests, dependsOn, requiresApproval, deployRoleArn.");
      assertThat(problems.get(ProblemList.LIMIT))
          .isEqualTo(
              "aphex-config.yaml: '"
                  + (items - ProblemList.LIMIT)
                  + " more' problems were found but not listed; only the first 100 are shown. Fix:"
                  + " Correct the problems above and check again.");
      assertThat(String.join("\n", problems).length()).isLessThan(25_000);
    }

    @Test
    void reportsEveryProblemInFileOrder() {
      String yaml =
          """
          version: 1.0
          build:
            comands: [npm ci]
          environments:
            - name: Dev
              region: us-east-1
              account: 012345678901
              stacks: []
            - name: prod
              region: eu-west-1
              account: "987654321098"
              stacks:
                - name: AppStack
                  path: /abs/app.ts
          """;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 1, version: '1.0' must be a string, but YAML reads it "
                  + "unquoted as a number. Fix: Quote it: version: \"1.0\".",
              "aphex-config.yaml line 2, build.commands: is missing; it is required: the shell "
                  + "commands of the build stage, run in order in one bash shell with errexit and "
                  + "pipefail; at least one. Fix: Add commands: [npm ci, npm run build] under build.",
              "aphex-config.yaml line 3, build.comands: 'comands' is not a known key. Fix: Did you"
                  + " mean 'commands'? Rename the key or remove it; the known keys here are"
                  + " commands.",
              "aphex-config.yaml line 5, environments[0].name: 'Dev' does not fit the rule for "
                  + "name: the environment name, unique in the file: a DNS-1123 label of at most 56 "
                  + "characters (lower-case letters, digits and '-'), so that the task deploy-<name> "
                  + "stays within 63. Fix: Write e.g. name: dev.",
              "aphex-config.yaml line 7, environments[0].account: '012345678901' must be a string, "
                  + "but YAML reads it unquoted as a number. Fix: Quote it: account: "
                  + "\"012345678901\".",
              "aphex-config.yaml line 8, environments[0].stacks: '[]' is an empty list; at least "
                  + "one item is needed: the stacks deployed in this environment; at least one. Fix: "
                  + "Add an item, e.g. stacks: [{name: MyAppStack, path: lib/my-app-stack.ts}].",
              "aphex-config.yaml line 14, environments[1].stacks[0].path: '/abs/app.ts' does not "
                  + "fit the rule for path: the stack's path, relative to the repository root, with "
                  + "'/' between directories: for the CDK the stack's source file or directory (cdk "
                  + "deploy runs in the nearest directory at or above it holding cdk.json); for "
                  + "Pulumi the project directory (the one holding Pulumi.yaml). No '..' segment, no "
                  + "leading '/', no backslash, no control character, no '{{'. Fix: Write e.g. path: "
                  + "lib/my-app-stack.ts.");
    }

    @Test
    void listsAtMost100ProblemsAndCountsTheRest() {
      StringBuilder yaml = new StringBuilder("version: \"1.0\"\nbuild:\n  commands:\n");
      for (int i = 0; i < 150; i++) {
        yaml.append("    - ").append(i).append('\n');
      }
      yaml.append("environments:\n").append(DEV);

      List<String> problems = problems(yaml.toString());

      assertThat(problems).hasSize(101);
      assertThat(problems.get(0))
          .isEqualTo(
              "aphex-config.yaml line 4, build.commands[0]: '0' must be a string, but YAML reads "
                  + "it unquoted as a number. Fix: Quote it: - \"0\".");
      assertThat(problems.get(100))
          .isEqualTo(
              "aphex-config.yaml: '50 more' problems were found but not listed; only the first 100"
                  + " are shown. Fix: Correct the problems above and check again.");
    }
  }

  @Nested
  class FileInput {

    @TempDir Path dir;

    @Test
    void missingFileIsNamedAsGiven() {
      Path file = dir.resolve("nowhere/aphex-config.yaml");

      assertThat(problems(file))
          .containsExactly(
              file
                  + ": '"
                  + file.toAbsolutePath()
                  + "' does not exist. Fix: Create the file, or pass the path of the pipeline's"
                  + " aphex-config.yaml.");
    }

    @Test
    void directoryIsNotAFile() {
      assertThat(problems(dir))
          .containsExactly(
              dir
                  + ": '"
                  + dir.toAbsolutePath()
                  + "' is a directory, not a file. Fix: Pass the path of the aphex-config.yaml"
                  + " file inside it.");
    }

    @Test
    void problemsNameTheFileByItsFileName() throws IOException {
      Path file = Files.writeString(dir.resolve("pipeline.yaml"), HEADER);

      assertThat(problems(file))
          .containsExactly(
              "pipeline.yaml line 5, environments: is missing; it needs a value: the deployment "
                  + "targets, in file order; at least one. Fix: Write e.g. environments: [{name: "
                  + "dev, region: us-east-1, account: \"123456789012\", stacks: [{name: MyAppStack, "
                  + "path: lib/my-app-stack.ts}]}].");
    }

    @Test
    void largeFileIsRejectedBeforeItIsRead() throws IOException {
      Path file = Files.write(dir.resolve(FILE), new byte[PipelineConfigParser.MAX_BYTES + 1]);

      assertThat(problems(file))
          .containsExactly(
              "aphex-config.yaml: '1048577 bytes' is larger than the limit of 1 MiB (1048576"
                  + " bytes). Fix: Check that this is the right file; a pipeline config is normally"
                  + " a few kilobytes.");
    }
  }

  @Nested
  @Timeout(60)
  class HostileInput {

    @Test
    void billionLaughsIsRejectedWithoutExpandingAliases() {
      StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
      String previous = "a";
      for (String anchor : List.of("b", "c", "d", "e", "f", "g", "h", "i")) {
        yaml.append(anchor).append(": &").append(anchor).append(" [");
        yaml.append(String.join(",", Collections.nCopies(9, "*" + previous)));
        yaml.append("]\n");
        previous = anchor;
      }

      List<String> problems = problems(yaml.toString());

      assertThat(problems).hasSize(9);
      assertThat(problems)
          .allMatch(message -> message.contains("anchors and aliases are not supported"));
    }

    @Test
    void recursiveAliasIsRejectedWithoutFollowingIt() {
      String yaml = HEADER + DEV + "    tests:\n      commands: &x [*x, *x]\n";

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 13, column 17, environments[0].tests.commands: '&x' defines an anchor; anchors and aliases"
                  + " are not supported. Fix: Write the values out in full in each place instead"
                  + " of reusing them with '&' and '*'.");
    }

    @Test
    void deepBlockNestingIsRejected() {
      StringBuilder yaml = new StringBuilder("version: \"1.0\"\n");
      String indent = "";
      for (int level = 0; level < 30; level++) {
        yaml.append(indent).append("k:\n");
        indent += "  ";
      }
      yaml.append(indent).append("v\n");

      assertThat(problems(yaml.toString()))
          .containsExactly(
              "aphex-config.yaml line 22, column 41, "
                  + "k.".repeat(19)
                  + "k: 'k:' is nested more than 20 lists or mappings"
                  + " deep. Fix: Remove the extra nesting; a valid config is at most 5 levels"
                  + " deep.");
    }

    @Test
    void deepFlowNestingIsRejected() {
      String nested = "[{a: ".repeat(15) + "x" + "}]".repeat(15);

      assertThat(problems("version: " + nested + "\n"))
          .containsExactly(
              "aphex-config.yaml line 1, column 56, version"
                  + "[0].a".repeat(9)
                  + "[0]: 'version: "
                  + nested
                  + "' is nested more than 20 lists or mappings deep. Fix: Remove the extra"
                  + " nesting; a valid config is at most 5 levels deep.");
    }

    @Test
    void twoMebibytesAreRejectedBeforeParsing() {
      String yaml = HEADER + DEV + "# " + "x".repeat(2 * 1024 * 1024) + "\n";
      int size = yaml.getBytes(UTF_8).length;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml: '"
                  + size
                  + " bytes' is larger than the limit of 1 MiB (1048576 bytes). Fix: Check that"
                  + " this is the right file; a pipeline config is normally a few kilobytes.");
    }

    @Test
    void binaryGarbageIsRejectedAsInvalidUtf8() {
      byte[] content = new byte[4096];
      new Random(42).nextBytes(content);

      assertThat(problems(content)).singleElement().asString().contains("is not valid UTF-8");
    }

    @Test
    void truncatedUtf8SequenceAtTheEndIsRejected() {
      byte[] content = "version: \"1.0\u00e9".getBytes(UTF_8);
      byte[] truncated = Arrays.copyOf(content, content.length - 1);

      assertThat(problems(truncated))
          .containsExactly(
              "aphex-config.yaml line 1, byte offset 13: '0xc3' is not valid UTF-8. Fix: Save the"
                  + " file as UTF-8.");
    }

    @Test
    void duplicateKeysAreProblemsNotExceptions() {
      String yaml = HEADER + DEV + "build: {commands: [rm -rf /]}\nversion: \"1.0\"\n";

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 12, build: 'build' is given twice in this mapping (first on"
                  + " line 2). Fix: Keep one of the two and delete the other.",
              "aphex-config.yaml line 13, version: 'version' is given twice in this mapping (first"
                  + " on line 1). Fix: Keep one of the two and delete the other.");
    }

    @Test
    void keysStayShortAndOnOneLineInLocations() {
      String yaml = HEADER + DEV + "\"bad\\nkey\": 1\n" + "? " + "k".repeat(100_000) + "\n: 1\n";

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 12, bad\\u000akey: 'bad\\nkey' is not a known key. Fix: Remove "
                  + "the key; the known keys here are version, build, environments, pipeline.",
              "aphex-config.yaml line 13, "
                  + "k".repeat(60)
                  + "...: '"
                  + "k".repeat(120)
                  + "...' is not a known key. Fix: Remove the key; the known keys here are version,"
                  + " build, environments, pipeline.");
    }

    @Test
    void mergeKeyWithAliasIsRejected() {
      String yaml =
          """
          base: &base {region: us-east-1}
          environments:
            - <<: *base
          """;

      assertThat(problems(yaml))
          .containsExactly(
              "aphex-config.yaml line 1, column 7, base: '&base' defines an anchor; anchors and aliases"
                  + " are not supported. Fix: Write the values out in full in each place instead"
                  + " of reusing them with '&' and '*'.",
              "aphex-config.yaml line 3, column 5, environments[0].<<: '<<' is a merge key; merge keys are not"
                  + " supported. Fix: Write the merged keys out in full in this mapping.");
    }

    @Test
    void javaAndPythonObjectTagsAreRejected() {
      String yaml =
          """
          version: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x"]]]]
          build: !!python/object/apply:os.system ["id"]
          """;

      assertThat(problems(yaml))
          .hasSize(4)
          .allMatch(message -> message.contains("is a YAML tag, which aphex-config does not"));
    }
  }

  private static PipelineConfig parse(String yaml) {
    return PipelineConfigParser.parse(FILE, yaml.getBytes(UTF_8));
  }

  private static List<String> problems(String yaml) {
    return problems(yaml.getBytes(UTF_8));
  }

  private static List<String> problems(byte[] content) {
    try {
      PipelineConfigParser.parse(FILE, content);
    } catch (ConfigException e) {
      return messages(e);
    }
    return fail("expected a ConfigException");
  }

  private static List<String> problems(Path file) {
    try {
      PipelineConfigParser.parse(file);
    } catch (ConfigException e) {
      return messages(e);
    }
    return fail("expected a ConfigException");
  }

  private static List<String> messages(ConfigException e) {
    return e.problems().stream().map(Problem::message).toList();
  }
}
