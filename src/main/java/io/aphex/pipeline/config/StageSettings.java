package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What {@code pipeline.stages.<stage>} changes for one kind of stage ({@code build}, {@code
 * pipeline-deployment}, {@code deploy} or {@code test}); everything left out keeps its default.
 *
 * @param timeoutSeconds the stage's {@code activeDeadlineSeconds}; default one hour, two for {@code
 *     deploy}
 * @param retries how often a stage whose pod Kubernetes lost is retried ({@code retryStrategy} with
 *     {@code retryPolicy: OnError}, so a failed command is never rerun); default 2, 0 for none
 * @param requests the container's resource requests by name ({@code cpu}, {@code memory}), as
 *     written; merged over {@link #DEFAULT_REQUESTS}
 * @param limits the container's resource limits by name, as written; merged over {@link
 *     #DEFAULT_LIMITS}
 */
public record StageSettings(
    OptionalInt timeoutSeconds,
    OptionalInt retries,
    Map<String, String> requests,
    Map<String, String> limits) {

  /** The stage kinds that {@code pipeline.stages} may configure. */
  public static final List<String> STAGES =
      List.of("build", "pipeline-deployment", "validate", "deploy", "test");

  /** The resources a stage may request or be limited to. */
  public static final List<String> RESOURCES = List.of("cpu", "memory");

  /**
   * Requests that let npm, the CDK and Pulumi run without being starved: {@code cpu: 500m}, {@code
   * memory: 1Gi}.
   */
  public static final Map<String, String> DEFAULT_REQUESTS = Map.of("cpu", "500m", "memory", "1Gi");

  /**
   * A memory limit that stops one runaway build from taking a node ({@code memory: 4Gi}); no CPU
   * limit, which would only throttle.
   */
  public static final Map<String, String> DEFAULT_LIMITS = Map.of("memory", "4Gi");

  /** Settings that change nothing. */
  public static final StageSettings DEFAULTS =
      new StageSettings(OptionalInt.empty(), OptionalInt.empty(), Map.of(), Map.of());

  /** The shortest timeout: one minute. */
  public static final int MIN_TIMEOUT_SECONDS = 60;

  /** The longest timeout: 24 hours. */
  public static final int MAX_TIMEOUT_SECONDS = 86_400;

  /** The most retries. */
  public static final int MAX_RETRIES = 10;

  /**
   * Creates the settings; the maps are copied.
   *
   * @throws IllegalArgumentException when a value breaks a rule that the config parser reports with
   *     its line: a timeout outside {@value #MIN_TIMEOUT_SECONDS}..{@value #MAX_TIMEOUT_SECONDS}
   *     seconds, retries outside 0..{@value #MAX_RETRIES}, a resource other than cpu or memory, or
   *     a malformed quantity (a request above its limit is reported by the parser)
   */
  public StageSettings {
    requireNonNull(timeoutSeconds, "timeoutSeconds");
    requireNonNull(retries, "retries");
    requests = Map.copyOf(requests);
    limits = Map.copyOf(limits);
    timeoutSeconds.ifPresent(
        t -> require(t >= MIN_TIMEOUT_SECONDS && t <= MAX_TIMEOUT_SECONDS, "timeout " + t + "s"));
    retries.ifPresent(r -> require(r >= 0 && r <= MAX_RETRIES, "retries " + r));
    for (Map<String, String> quantities : List.of(requests, limits)) {
      quantities.forEach(
          (resource, value) ->
              require(
                  RESOURCES.contains(resource)
                      && ResourceQuantities.check(resource, value).isEmpty(),
                  resource + " " + value));
    }
  }

  private static void require(boolean holds, String what) {
    if (!holds) {
      throw new IllegalArgumentException(
          "stage setting " + what + " breaks the rules of pipeline.stages (see StageSettings)");
    }
  }

  /**
   * Returns the requests the container gets: the written ones over the defaults.
   *
   * @return {@code cpu} then {@code memory}, each when set
   */
  public Map<String, String> effectiveRequests() {
    return merged(DEFAULT_REQUESTS, requests);
  }

  /**
   * Returns the limits the container gets: the written ones over the defaults, except that a
   * default memory limit below a written memory request rises to the request, since Kubernetes
   * refuses a request above its limit.
   *
   * @return the limits by name, {@code cpu} before {@code memory}
   */
  public Map<String, String> effectiveLimits() {
    Map<String, String> effective = merged(DEFAULT_LIMITS, limits);
    String request = effectiveRequests().get("memory");
    if (!limits.containsKey("memory")
        && ResourceQuantities.compare("memory", request, effective.get("memory")) > 0) {
      effective.put("memory", request);
    }
    return effective;
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> over) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String resource : RESOURCES) {
      String value = over.getOrDefault(resource, base.get(resource));
      if (value != null) {
        out.put(resource, value);
      }
    }
    return out;
  }
}
