package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

// Pure: no Pulumi engine, no global state; runs beside the other classes.
@Execution(ExecutionMode.CONCURRENT)
class StageSettingsParserTest {

  private static final String BASE =
      "version: \"1.0\"\nbuild:\n  commands: [make]\nenvironments:\n"
          + "  - name: dev\n    region: us-east-1\n    account: \"123456789012\"\n"
          + "    stacks:\n      - name: App\n        path: app.ts\n";

  private static PipelineConfig parse(String yaml) {
    return PipelineConfigParser.parse("aphex-config.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static String deploy(String settings) {
    return BASE + "pipeline:\n  stages:\n    deploy: " + settings + "\n";
  }

  private static void refused(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void withoutStagesEveryStageKeepsItsDefaults() {
    PipelineConfig config = parse(BASE);

    assertThat(config.stages()).isEmpty();
    assertThat(config.stage("deploy")).isEqualTo(StageSettings.DEFAULTS);
    assertThat(StageSettings.DEFAULTS.effectiveRequests())
        .containsExactly(Map.entry("cpu", "500m"), Map.entry("memory", "1Gi"));
    assertThat(StageSettings.DEFAULTS.effectiveLimits())
        .containsExactly(Map.entry("memory", "4Gi"));
  }

  /**
   * A quantity of a megabyte of digits, as a number or as text, is refused like any other bad
   * quantity; reading it exactly would cost quadratic time (a BigDecimal of a million digits).
   */
  @Test
  void aQuantityOfAMegabyteOfDigitsIsRefused() {
    String digits = "9".repeat(1 << 19);
    for (String cpu : List.of(digits, "\"" + digits + "\"")) {
      refused(
          deploy("{resources: {requests: {cpu: " + cpu + "}, limits: {cpu: 1}}}"),
          "aphex-config.yaml line 13, pipeline.stages.deploy.resources.requests.cpu: '"
              + "9".repeat(120)
              + "...' does not fit the rule for cpu: CPU in cores (2, 0.5, at most three"
              + " decimals) or millicores (500m); more than zero. Fix: Write e.g. cpu: 500m.");
    }
  }

  /**
   * The quantities the schema accepts are read, not refused by the code behind it: 15 digits before
   * the point and three after it, and a number with zeros past the third decimal (both once failed
   * the check of StageSettings with an IllegalArgumentException).
   */
  @Test
  void theLargestQuantitiesTheSchemaAcceptsAreRead() {
    StageSettings deploy =
        parse(
                deploy(
                    "{resources: {requests: {cpu: \"999999999999999.999\", memory: 999999999999999},"
                        + " limits: {memory: 999999999999999Ti}}}"))
            .stage("deploy");

    assertThat(deploy.effectiveRequests())
        .containsExactly(
            Map.entry("cpu", "999999999999999.999"), Map.entry("memory", "999999999999999"));
    assertThat(deploy.effectiveLimits()).containsExactly(Map.entry("memory", "999999999999999Ti"));
    assertThat(parse(deploy("{resources: {requests: {cpu: 0.0010}}}")).stage("deploy").requests())
        .containsExactly(Map.entry("cpu", "0.001"));
  }

  @Test
  void timeoutRetriesAndResourcesAreRead() {
    StageSettings deploy =
        parse(
                deploy(
                    "{timeout: 1h30m, retries: 0, resources: {requests: {cpu: 2, memory: 2Gi},"
                        + " limits: {cpu: 2500m, memory: 6Gi}}}"))
            .stage("deploy");

    assertThat(deploy.timeoutSeconds()).isEqualTo(OptionalInt.of(5400));
    assertThat(deploy.retries()).isEqualTo(OptionalInt.of(0));
    assertThat(deploy.effectiveRequests())
        .containsExactly(Map.entry("cpu", "2"), Map.entry("memory", "2Gi"));
    assertThat(deploy.effectiveLimits())
        .containsExactly(Map.entry("cpu", "2500m"), Map.entry("memory", "6Gi"));
  }

  @Test
  void aMemoryRequestAboveTheDefaultLimitRaisesTheLimit() {
    StageSettings build =
        parse(BASE + "pipeline:\n  stages:\n    build: {resources: {requests: {memory: 8Gi}}}\n")
            .stage("build");

    assertThat(build.effectiveLimits()).containsExactly(Map.entry("memory", "8Gi"));
  }

  @Test
  void aTimeoutWithoutAUnitIsRefused() {
    refused(
        deploy("{timeout: 90}"),
        "aphex-config.yaml line 13, pipeline.stages.deploy.timeout: '90' must be a string, not a "
            + "whole number. Fix: Write e.g. timeout: 90m.");
  }

  @Test
  void aTimeoutThatIsNotADurationIsRefused() {
    refused(
        deploy("{timeout: 2 hours}"),
        "aphex-config.yaml line 13, pipeline.stages.deploy.timeout: '2 hours' does not fit the "
            + "rule for timeout: the stage's timeout (activeDeadlineSeconds), hours h, minutes m and "
            + "seconds s, from 1m to 24h. Default 1h; 2h for deploy, 15m for validate. Fix: Write "
            + "e.g. timeout: 90m.");
  }

  @Test
  void aTimeoutOutsideOneMinuteToADayIsRefused() {
    refused(deploy("{timeout: 30s}"), "'30s' must be from 1m to 24h.");
    refused(deploy("{timeout: 25h}"), "'25h' must be from 1m to 24h.");
  }

  @Test
  void retriesMustBeAWholeNumberUpToTen() {
    String message =
        " must be from 0 to 10: how often a stage whose pod Kubernetes lost is retried (retryPolicy"
            + " OnError, so a failed command is never rerun); 0 turns retries off. An unquoted whole"
            + " number. Fix: Write e.g. retries: 0.";
    refused(deploy("{retries: 11}"), "pipeline.stages.deploy.retries: '11'" + message);
    refused(deploy("{retries: -1}"), "'-1'" + message);
    refused(
        deploy("{retries: \"2\"}"),
        "'2' is quoted, so YAML reads it as text; it must be a whole number. Fix: Remove the"
            + " quotes: retries: 2.");
  }

  @Test
  void aBadCpuQuantityIsRefused() {
    refused(
        deploy("{resources: {requests: {cpu: 1.5m}}}"),
        "aphex-config.yaml line 13, pipeline.stages.deploy.resources.requests.cpu: '1.5m' does not "
            + "fit the rule for cpu: CPU in cores (2, 0.5, at most three decimals) or millicores "
            + "(500m); more than zero. Fix: Write e.g. cpu: 500m.");
  }

  @Test
  void aBadMemoryQuantityIsRefused() {
    refused(
        deploy("{resources: {limits: {memory: 4GB}}}"),
        "aphex-config.yaml line 13, pipeline.stages.deploy.resources.limits.memory: '4GB' does not "
            + "fit the rule for memory: memory in bytes, with a binary (Ki, Mi, Gi, Ti) or decimal "
            + "(k, M, G, T) unit; more than zero. Fix: Write e.g. memory: 1Gi.");
  }

  @Test
  void aZeroQuantityIsRefused() {
    refused(
        deploy("{resources: {requests: {cpu: 0m}}}"),
        "aphex-config.yaml line 13, pipeline.stages.deploy.resources.requests.cpu: '0m' does not "
            + "fit the rule for cpu: CPU in cores (2, 0.5, at most three decimals) or millicores "
            + "(500m); more than zero. Fix: Write e.g. cpu: 500m.");
  }

  @Test
  void aRequestAboveAWrittenLimitIsRefused() {
    refused(
        deploy("{resources: {requests: {memory: 8Gi}, limits: {memory: 2Gi}}}"),
        "pipeline.stages.deploy.resources: 'requests.memory 8Gi, limits.memory 2Gi' asks for more"
            + " memory than its limit, which Kubernetes refuses. Fix: Raise limits.memory to at"
            + " least 8Gi or lower the request.");
  }

  @Test
  void anUnknownStageOrSettingIsRefusedWithTheClosestName() {
    refused(
        BASE + "pipeline:\n  stages:\n    deplyo: {timeout: 3h}\n",
        "pipeline.stages.deplyo: 'deplyo' is not a known key. Fix: Did you mean 'deploy'?");
    refused(deploy("{timout: 3h}"), "'timout' is not a known key. Fix: Did you mean 'timeout'?");
  }

  @Test
  void settingsBuiltInCodeFollowTheSameRules() {
    assertThatThrownBy(
            () -> new StageSettings(OptionalInt.of(59), OptionalInt.empty(), Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "stage setting timeout 59s breaks the rules of pipeline.stages (see StageSettings)");
    assertThatThrownBy(
            () -> new StageSettings(OptionalInt.empty(), OptionalInt.of(11), Map.of(), Map.of()))
        .hasMessageContaining("retries 11");
    assertThatThrownBy(
            () ->
                new StageSettings(
                    OptionalInt.empty(), OptionalInt.empty(), Map.of("gpu", "1"), Map.of()))
        .hasMessageContaining("gpu 1");
    assertThatThrownBy(
            () ->
                new StageSettings(
                    OptionalInt.empty(), OptionalInt.empty(), Map.of(), Map.of("memory", "4GB")))
        .hasMessageContaining("memory 4GB");
  }
}
