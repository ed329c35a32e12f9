package io.aphex.pipeline.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM policy document (version {@code 2012-10-17}) as plain data.
 *
 * @param statements the statements, in order
 */
public record PolicyDocument(List<PolicyStatement> statements) {

  private static final ObjectMapper JSON = new ObjectMapper();

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
   * Returns the document as an ordered map.
   *
   * @return {@code {"Version": "2012-10-17", "Statement": [...]}}
   */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Version", "2012-10-17");
    out.put("Statement", statements.stream().map(PolicyStatement::toMap).toList());
    return out;
  }

  /**
   * Returns the compact JSON text that IAM receives; the same document always gives the same text,
   * so Pulumi sees no spurious diffs.
   *
   * @return the policy JSON
   */
  public String toJson() {
    try {
      return JSON.writeValueAsString(toMap());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
