package io.aphex.pipeline.iam;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An IAM policy document (version {@code 2012-10-17}) as plain data, written as JSON by Jackson in
 * IAM's shape: {@code {"Version":"2012-10-17","Statement":[...]}}. The keys of the principal and
 * condition maps are written sorted, whatever map they came in.
 *
 * @param statements the statements, in order
 */
@JsonPropertyOrder({"Version", "Statement"})
public record PolicyDocument(@JsonProperty("Statement") List<PolicyStatement> statements) {

  private static final ObjectWriter JSON =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build().writer();

  /** Creates the document; the list is copied. */
  public PolicyDocument {
    statements = List.copyOf(statements);
  }

  /**
   * Creates a document from statements.
   *
   * @param statements the statements
   * @return the document
   */
  public static PolicyDocument of(PolicyStatement... statements) {
    return new PolicyDocument(List.of(statements));
  }

  /**
   * Returns the policy language version.
   *
   * @return {@code 2012-10-17}
   */
  @JsonProperty("Version")
  public String version() {
    return "2012-10-17";
  }

  /**
   * Returns the compact JSON text that IAM receives; the same document always gives the same text,
   * so Pulumi sees no spurious diffs.
   *
   * @return the policy JSON
   */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
