package io.aphex.pipeline.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code pulumi up} would register for a stack.
 *
 * @param resources every resource, in the order the program constructs them
 * @param outputs the stack outputs by name, sorted, secrets replaced by {@value DeployTime#SECRET}
 * @param warnings the warnings the program logs, as {@code pulumi up} would print them
 * @param imageCheckSkipped whether the program looks ECR images up ({@code verifyImages}), which
 *     offline is answered without checking
 */
public record Plan(
    List<PlannedResource> resources,
    Map<String, Object> outputs,
    List<String> warnings,
    boolean imageCheckSkipped) {

  /** Copies the lists and the map, keeping their order. */
  public Plan {
    resources = List.copyOf(resources);
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    warnings = List.copyOf(warnings);
  }
}
