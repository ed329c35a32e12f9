package io.aphex.pipeline.argo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Keeps data from being rewritten on its way into a stage pod. Argo substitutes every <code>
 * {{...}}</code> in a template, and Kubernetes expands {@code $(NAME)} and turns {@code $$} into
 * {@code $} in container env values and args. Data either must not contain those characters or is
 * encoded so that it does not.
 */
final class InertText {

  private static final ObjectMapper JSON = new ObjectMapper();

  private InertText() {}

  /**
   * Returns {@code value} unchanged when neither Argo nor Kubernetes would rewrite it.
   *
   * @param what names the value in the error message, e.g. {@code env AWS_ROLE_ARN}
   * @param value the literal placed into the template
   * @return {@code value}
   * @throws IllegalArgumentException when the value contains <code>{{</code> or {@code $}
   */
  static String requireInert(String what, String value) {
    if (value.contains("{{") || value.contains("$")) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' contains '{{' or '$', which Argo or Kubernetes would substitute; it must be a"
              + " plain value");
    }
    return value;
  }

  /**
   * Encodes strings as a compact JSON array in which every {@code $} and <code>{</code> is written
   * as the escape <code>&#92;u0024</code> or <code>&#92;u007b</code>; {@code jq} decodes them back.
   * Outside its strings a JSON array of strings has neither character, so this is always valid
   * JSON.
   *
   * @param values the strings, e.g. the user's build commands
   * @return e.g. <code>["npm ci","echo &#92;u0024HOME"]</code>
   */
  static String jsonArray(List<String> values) {
    try {
      return JSON.writeValueAsString(values).replace("$", "\\u0024").replace("{", "\\u007b");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON-serializable", e);
    }
  }
}
