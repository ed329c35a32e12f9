package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest
  @ValueSource(strings = {"yes", "\"true\"", "1", "[true]"})
  void anythingButTrueOrFalseIsRefused(String value) {
    String shown = value.startsWith("\"") ? "true" : value;

    assertThatThrownBy(() -> parse(HEAD + "    requiresApproval: " + value + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 11, environments[0].requiresApproval: '"
                + shown
                + "' must be true or false. Fix: Write requiresApproval: true, or remove it.");
  }
}
