package io.aphex.pipeline.cli;

import io.aphex.pipeline.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The short report {@code ./aphex render} prints on stdout. */
final class RenderSummary {

  private RenderSummary() {}

  static String of(
      String project,
      RenderOptions options,
      String account,
      String region,
      Plan result,
      List<Map<String, Object>> objects,
      String promotion,
      List<String> written) {
    Map<String, Integer> byProvider = new TreeMap<>();
    result.resources().stream()
        .filter(r -> !r.type().startsWith("pulumi:pulumi:"))
        .forEach(
            r -> byProvider.merge(r.type().substring(0, r.type().indexOf(':')), 1, Integer::sum));
    StringBuilder out = new StringBuilder();
    out.append("Rendered stack '")
        .append(options.stack())
        .append("' of project '")
        .append(project)
        .append("' offline (account ")
        .append(account)
        .append(", region ")
        .append(region)
        .append(").\n");
    out.append("  builder image:  ").append(result.outputs().get("builderImage")).append('\n');
    out.append("  deployer image: ").append(result.outputs().get("deployerImage")).append('\n');
    if (result.imageCheckSkipped()) {
      out.append("  image check:    skipped (offline; pulumi preview looks every ECR image up)\n");
    }
    out.append("  resources:      ")
        .append(byProvider.values().stream().mapToInt(Integer::intValue).sum())
        .append(' ')
        .append(byProvider)
        .append(", Kubernetes objects: ")
        .append(objects.size())
        .append('\n');
    objects.stream()
        .filter(o -> "WorkflowTemplate".equals(o.get("kind")))
        .forEach(
            o ->
                out.append("  WorkflowTemplate: ")
                    .append(((Map<?, ?>) o.get("metadata")).get("name"))
                    .append(", ")
                    .append(compactJsonBytes(o))
                    .append(" bytes as compact JSON\n"));
    out.append("  promotion:      ").append(promotion).append('\n');
    out.append("  wrote:          ")
        .append(
            String.join(
                ", ", written.stream().map(f -> options.out().resolve(f).toString()).toList()))
        .append('\n');
    out.append(
        "Values shown as <deploy-time:...> are stand-ins for what only AWS knows at deploy time.\n");
    return out.toString();
  }

  private static int compactJsonBytes(Map<String, Object> object) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .writeValueAsString(object)
          .getBytes(StandardCharsets.UTF_8)
          .length;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
