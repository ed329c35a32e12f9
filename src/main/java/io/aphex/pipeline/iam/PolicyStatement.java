package io.aphex.pipeline.iam;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One statement of an IAM policy document.
 *
 * @param sid the statement ID, a short name saying what the statement is for
 * @param effect {@code Allow} or {@code Deny}
 * @param principal the principal block of a trust or resource policy, e.g. {@code {"Federated":
 *     "<arn>"}}; empty for identity policies
 * @param actions the actions, in the order written
 * @param resources the resource ARNs; empty for trust policies
 * @param conditions operator to (key to value), e.g. {@code StringEquals -> {<issuer>:aud ->
 *     sts.amazonaws.com}}
 */
public record PolicyStatement(
    String sid,
    String effect,
    Map<String, Object> principal,
    List<String> actions,
    List<String> resources,
    Map<String, Map<String, String>> conditions) {

  /** Creates the statement; collections are copied. */
  public PolicyStatement {
    requireNonNull(sid, "sid");
    requireNonNull(effect, "effect");
    principal = new LinkedHashMap<>(principal);
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = new LinkedHashMap<>(conditions);
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

  /**
   * Returns the statement in IAM's JSON shape; a single action or resource is written as a list all
   * the same, which IAM accepts and which keeps diffs stable when a second one is added.
   *
   * @return an ordered map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Sid", sid);
    out.put("Effect", effect);
    if (!principal.isEmpty()) {
      out.put("Principal", principal);
    }
    out.put("Action", actions);
    if (!resources.isEmpty()) {
      out.put("Resource", resources);
    }
    if (!conditions.isEmpty()) {
      out.put("Condition", conditions);
    }
    return out;
  }
}
