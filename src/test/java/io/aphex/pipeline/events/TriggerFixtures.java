package io.aphex.pipeline.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Trigger settings of the reference sample, and JSON helpers for exact comparisons. */
final class TriggerFixtures {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private TriggerFixtures() {}

  /**
   * The settings that correspond to the predecessor's sample: default names, owner {@code my-org},
   * repo {@code my-repo}, branch {@code main}, both events, no webhook URL and the default Service.
   */
  static TriggerSettings sample() {
    return sample(true, Optional.empty(), WebhookServiceSettings.defaults());
  }

  static TriggerSettings withService(WebhookServiceSettings service) {
    return sample(true, Optional.empty(), service);
  }

  static TriggerSettings withWebhookUrl(String url) {
    return sample(true, Optional.of(url), WebhookServiceSettings.defaults());
  }

  static TriggerSettings withPullRequestEvents(boolean pullRequestEvents) {
    return sample(pullRequestEvents, Optional.empty(), WebhookServiceSettings.defaults());
  }

  /** The sample with the three settings the tests vary. */
  private static TriggerSettings sample(
      boolean pullRequestEvents, Optional<String> webhookUrl, WebhookServiceSettings service) {
    return new TriggerSettings(
        "argo",
        "argo-events",
        TriggerSettings.DEFAULT_EVENT_SOURCE_NAME,
        TriggerSettings.DEFAULT_SENSOR_NAME,
        "aphex-pipeline-template",
        TriggerSettings.DEFAULT_WORKFLOW_NAME_PREFIX,
        "my-org",
        "my-repo",
        "main",
        pullRequestEvents,
        webhookUrl,
        GithubSecrets.defaultTokenSecretName(TriggerSettings.DEFAULT_EVENT_SOURCE_NAME),
        GithubSecrets.defaultWebhookSecretName(TriggerSettings.DEFAULT_EVENT_SOURCE_NAME),
        "aphex-pipeline-template",
        service);
  }

  /** Other names everywhere, to see that each one lands where it belongs. */
  static TriggerSettings custom() {
    return new TriggerSettings(
        "wf",
        "events",
        "app1-github",
        "app1-sensor",
        "app1-template",
        "app1-run-",
        "acme",
        "shop",
        "release-1.2",
        false,
        Optional.empty(),
        "app1-github-access",
        "app1-github-webhook-secret",
        "app1",
        WebhookServiceSettings.defaults().withPort(8080));
  }

  /** An ordered map from alternating keys and values. */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  /**
   * Serializes with the keys sorted, as the render writes them: a Kubernetes object has no field
   * order, and the generators' maps keep none.
   */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses JSON, e.g. the expected object of a test, to compare it with {@link #json(Object)}.
   *
   * @param json a JSON object
   * @return the object as maps and lists
   */
  static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a file of {@code shared/reference/original-sample}, keeping field order. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> predecessor(String file) {
    Path path = SampleConfigs.predecessorSample().resolve(file);
    try {
      return JSON.readValue(path.toFile(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
