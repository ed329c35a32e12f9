package io.aphex.pipeline.iam;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One statement of an IAM policy document, written by Jackson in IAM's JSON shape ({@code Sid},
 * {@code Effect}, {@code Principal}, {@code Action}, {@code Resource}, {@code Condition}, in that
 * order, the empty ones left out). A single action or resource is written as a list all the same,
 * which IAM accepts and which keeps diffs stable when a second one is added.
 *
 * @param sid the statement ID, a short name saying what the statement is for
 * @param effect {@code Allow} or {@code Deny}
 * @param principal the principal block of a trust or resource policy, e.g. {@code {"Federated":
 *     "<arn>"}}; empty for identity policies
 * @param actions the actions, in the order written
 * @param resources the resource ARNs; empty for trust policies
 * @param conditions operator to (key to value), e.g. {@code StringEquals -> {<issuer>:aud ->
 *     sts.amazonaws.com}}; written with the keys sorted
 */
@JsonPropertyOrder({"Sid", "Effect", "Principal", "Action", "Resource", "Condition"})
public record PolicyStatement(
    @JsonProperty("Sid") String sid,
    @JsonProperty("Effect") String effect,
    @JsonProperty("Principal") @JsonInclude(NON_EMPTY) Map<String, Object> principal,
    @JsonProperty("Action") List<String> actions,
    @JsonProperty("Resource") @JsonInclude(NON_EMPTY) List<String> resources,
    @JsonProperty("Condition") @JsonInclude(NON_EMPTY)
        Map<String, Map<String, String>> conditions) {

  /** Creates the statement; collections are copied. */
  public PolicyStatement {
    requireNonNull(sid, "sid");
    requireNonNull(effect, "effect");
    principal = Map.copyOf(principal);
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = Map.copyOf(conditions);
  }

  /**
   * An {@code Allow} statement of an identity policy: these actions on these resources.
   *
   * @param sid the statement ID
   * @param actions the actions
   * @param resources the resource ARNs
   * @return the statement
   */
  public static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
    return new PolicyStatement(sid, "Allow", Map.of(), actions, resources, Map.of());
  }
}
