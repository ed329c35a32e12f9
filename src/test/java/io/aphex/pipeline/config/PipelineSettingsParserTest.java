package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PipelineSettingsParserTest {

  private static final String BASE =
      "version: \"1.0\"\nbuild:\n  commands: [make]\nenvironments:\n"
          + "  - name: dev\n    region: us-east-1\n    account: \"123456789012\"\n"
          + "    stacks:\n      - name: App\n        path: app.ts\n";

  private static PipelineConfig parse(String yaml) {
    return PipelineConfigParser.parse("aphex-config.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void thePipelineUpdatesItselfUnlessTurnedOff() {
    assertThat(parse(BASE).selfUpdate()).isTrue();
    assertThat(parse(BASE + "pipeline:\n  selfUpdate: true\n").selfUpdate()).isTrue();
    assertThat(parse(BASE + "pipeline:\n  selfUpdate: false\n").selfUpdate()).isFalse();
  }

  @Test
  void selfUpdateMustBeTrueOrFalse() {
    assertThatThrownBy(() -> parse(BASE + "pipeline:\n  selfUpdate: no\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 12, pipeline.selfUpdate: 'no' must be true or false, not a "
                + "string. Fix: Write selfUpdate: true or selfUpdate: false.");
  }

  @Test
  void unknownPipelineSettingsAreRefused() {
    assertThatThrownBy(() -> parse(BASE + "pipeline:\n  selfUpdat: false\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 12, pipeline.selfUpdat: 'selfUpdat' is not a known key. Fix:"
                + " Did you mean 'selfUpdate'?");
  }

  @Test
  void theValidateStageRunsUnlessTurnedOff() {
    assertThat(parse(BASE).validate()).isTrue();
    assertThat(parse(BASE + "pipeline:\n  validate: true\n").validate()).isTrue();
    assertThat(parse(BASE + "pipeline:\n  validate: false\n").validate()).isFalse();
    assertThat(parse(BASE + "pipeline:\n  validate: false\n").selfUpdate()).isTrue();
  }

  @Test
  void validateMustBeTrueOrFalse() {
    assertThatThrownBy(() -> parse(BASE + "pipeline:\n  validate: \"yes\"\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 12, pipeline.validate: 'yes' must be true or false, not a "
                + "string. Fix: Write validate: true or validate: false.");
  }

  @Test
  void theValidateStageTakesStageSettingsLikeTheOthers() {
    PipelineConfig config =
        parse(BASE + "pipeline:\n  stages:\n    validate: {timeout: 5m, retries: 0}\n");

    assertThat(config.stage("validate").timeoutSeconds()).hasValue(300);
    assertThat(config.stage("validate").retries()).hasValue(0);
  }
}
