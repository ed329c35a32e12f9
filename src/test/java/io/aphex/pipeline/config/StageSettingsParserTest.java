package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

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
        "aphex-config.yaml line 13, pipeline.stages.deploy.timeout: '90' is a number without a"
            + " unit. Fix: Write a duration with units, e.g. timeout: 90m, timeout: 3h or timeout:"
            + " 1h30m.");
  }

  @Test
  void aTimeoutThatIsNotADurationIsRefused() {
    refused(
        deploy("{timeout: 2 hours}"),
        "pipeline.stages.deploy.timeout: '2 hours' is not a duration (hours h, minutes m, seconds"
            + " s).");
  }

  @Test
  void aTimeoutOutsideOneMinuteToADayIsRefused() {
    refused(deploy("{timeout: 30s}"), "'30s' must be from 1m to 24h.");
    refused(deploy("{timeout: 25h}"), "'25h' must be from 1m to 24h.");
  }

  @Test
  void retriesMustBeAWholeNumberUpToTen() {
    String message =
        " must be a whole number from 0 to 10. Fix: Write e.g. retries: 1; 0 turns"
            + " retries off.";
    refused(deploy("{retries: 11}"), "pipeline.stages.deploy.retries: '11'" + message);
    refused(deploy("{retries: -1}"), "'-1'" + message);
    refused(
        deploy("{retries: \"2\"}"),
        "'\"2\"' is quoted, so YAML reads it as text; it must be a whole number from 0 to 10."
            + " Fix: Remove the quotes: retries: 2.");
  }

  @Test
  void aBadCpuQuantityIsRefused() {
    refused(
        deploy("{resources: {requests: {cpu: 1.5m}}}"),
        "pipeline.stages.deploy.resources.requests.cpu: '1.5m' is not a CPU quantity (cores such"
            + " as 2 or 0.5, or millicores such as 500m). Fix: Write cores or millicores, e.g.");
  }

  @Test
  void aBadMemoryQuantityIsRefused() {
    refused(
        deploy("{resources: {limits: {memory: 4GB}}}"),
        "pipeline.stages.deploy.resources.limits.memory: '4GB' is not a memory quantity (bytes"
            + " with a unit such as 512Mi, 4Gi or 1G). Fix: Write bytes with a unit, e.g. memory:"
            + " 2Gi.");
  }

  @Test
  void aZeroQuantityIsRefused() {
    refused(
        deploy("{resources: {requests: {cpu: 0m}}}"),
        "pipeline.stages.deploy.resources.requests.cpu: '0m' must be more than zero.");
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
