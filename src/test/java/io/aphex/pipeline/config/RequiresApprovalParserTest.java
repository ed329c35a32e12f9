package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequiresApprovalParserTest {

  private static final String HEAD =
      "version: \"1.0\"\nbuild:\n  commands: [make]\nenvironments:\n"
          + "  - name: prod\n    region: us-east-1\n    account: \"123456789012\"\n"
          + "    stacks:\n      - name: App\n        path: app.ts\n";

  private static PipelineConfig parse(String yaml) {
    return PipelineConfigParser.parse("aphex-config.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void approvalIsOffUnlessRequested() {
    assertThat(parse(HEAD).environments().get(0).requiresApproval()).isFalse();
    assertThat(
            parse(HEAD + "    requiresApproval: false\n").environments().get(0).requiresApproval())
        .isFalse();
    assertThat(
            parse(HEAD + "    requiresApproval: true\n").environments().get(0).requiresApproval())
        .isTrue();
  }

  static Stream<Arguments> refusedValues() {
    String write = " Fix: Write requiresApproval: true or requiresApproval: false.";
    return Stream.of(
        Arguments.of("yes", "'yes' must be true or false, not a string." + write),
        Arguments.of(
            "\"true\"",
            "'true' is quoted, so YAML reads it as text; it must be true or false. Fix: Remove the"
                + " quotes: requiresApproval: true."),
        Arguments.of("1", "'1' must be true or false, not a whole number." + write),
        Arguments.of("[true]", "'[true]' must be true or false, not a list." + write));
  }

  @ParameterizedTest
  @MethodSource("refusedValues")
  void anythingButTrueOrFalseIsRefused(String value, String problem) {
    assertThatThrownBy(() -> parse(HEAD + "    requiresApproval: " + value + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 11, environments[0].requiresApproval: " + problem);
  }
}
