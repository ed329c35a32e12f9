package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One mapping serves both published schemas: the same broken rule is worded alike in {@code
 * aphex-config.yaml} and in a stack setting, and only where the problem is and how the fix is
 * written differ (a line of YAML, a value to set).
 */
class SchemaProblemsTest {

  private static final String CONFIG =
      """
      version: "1.0"
      build:
        commands: ["npm ci"]
      environments:
        - name: dev
          region: us-east-1
          account: "123456789012"
          stacks:
            - {name: App, path: lib/app.ts%s}
      pipeline:
        stages:
          deploy: {retries: %s}
      """;

  static Stream<Arguments> sameRule() {
    return Stream.of(
        Arguments.of(
            config("", ", engine: Pulumi"),
            setting("identityMode", "podidentity"),
            "is not one of the allowed values: ",
            "(case-sensitive)"),
        Arguments.of(
            config("\"3\"", ""),
            setting("webhookService", Map.of("port", "8080")),
            "is quoted, so YAML reads it as text; it must be a whole number",
            ""),
        Arguments.of(
            config("11", ""), setting("webhookService", Map.of("port", 0)), "must be from ", ""),
        Arguments.of(
            config("1", ", enginee: cdk"),
            setting("podSecurity", Map.of("runAsNonroot", true)),
            "is not a known key",
            ""));
  }

  @ParameterizedTest
  @MethodSource("sameRule")
  void aRuleIsWordedAlikeInBothInputs(
      Problem inConfig, Problem inSetting, String rule, String end) {
    assertThat(inConfig.rule()).startsWith(rule).endsWith(end);
    assertThat(inSetting.rule()).startsWith(rule).endsWith(end);
  }

  @Test
  void aDidYouMeanComesFirstInBothFixes() {
    Problem inConfig = config("1", ", enginee: cdk");
    Problem inSetting = setting("podSecurity", Map.of("runAsNonroot", true));

    assertThat(inConfig.fix())
        .isEqualTo(
            "Did you mean 'engine'? Rename the key or remove it; the known keys here are name,"
                + " path, dependsOn, engine.");
    assertThat(inSetting.fix())
        .startsWith(
            "Did you mean 'runAsNonRoot'? Rename podSecurity.runAsNonroot to"
                + " podSecurity.runAsNonRoot; the known keys here are fsGroup,");
  }

  /** The one problem of the sample config with a stack's extra fields and the deploy retries. */
  private static Problem config(String retries, String stackFields) {
    String text = CONFIG.formatted(stackFields, retries.isEmpty() ? "1" : retries);
    ConfigException e =
        catchThrowableOfType(
            () ->
                PipelineConfigParser.parse(
                    "aphex-config.yaml", text.getBytes(StandardCharsets.UTF_8)),
            ConfigException.class);
    assertThat(e).as(text).isNotNull();
    assertThat(e.problems()).as(text).hasSize(1);
    return e.problems().get(0);
  }

  private static Problem setting(String key, Object value) {
    return StackConfigSchema.checkSetting(key, value).stream().findFirst().orElseThrow();
  }
}
