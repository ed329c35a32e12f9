package io.aphex.pipeline.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How structured stack config values are written and shown: the JSON text Pulumi passes for a key
 * set with {@code pulumi config set --path KEY.FIELD VALUE}, and the {@code --path} syntax of a
 * field.
 */
public final class StructuredConfigValues {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private StructuredConfigValues() {}

  /**
   * Reads the JSON text of a structured value strictly: one value, no duplicate keys.
   *
   * @param text the raw config value
   * @return the value, or empty when the text is not such JSON
   */
  public static Optional<JsonNode> read(String text) {
    try {
      return Optional.ofNullable(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes the {@code --path} of a value inside a key, quoted for the shell when it needs brackets,
   * e.g. {@code webhookService.port}, {@code 'webhookService.labels["example.com/a"]'} or {@code
   * 'notificationEvents[0]'}.
   *
   * @param key the stack config key
   * @param segments the field names and list indexes below it, outermost first
   * @return the path
   */
  public static String path(String key, List<?> segments) {
    StringBuilder path = new StringBuilder(key);
    boolean brackets = false;
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        path.append('[').append(index).append(']');
        brackets = true;
      } else if (PLAIN_KEY.matcher(segment.toString()).matches()) {
        path.append('.').append(segment);
      } else {
        path.append("[\"").append(segment).append("\"]");
        brackets = true;
      }
    }
    return brackets ? "'" + path + "'" : path.toString();
  }

  /**
   * Shows a value as the user wrote it: strings without quotes, everything else as JSON.
   *
   * @param value the value
   * @return the text
   */
  public static String shown(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
