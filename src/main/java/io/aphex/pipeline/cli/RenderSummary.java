package io.aphex.pipeline.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.aphex.pipeline.plan.Plan;
import io.aphex.pipeline.plan.PlannedResource;
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
    for (PlannedResource r : result.resources()) {
      if (!r.type().startsWith("pulumi:pulumi:")) {
        byProvider.merge(r.type().substring(0, r.type().indexOf(':')), 1, Integer::sum);
      }
    }
    int resources = byProvider.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder out = new StringBuilder();
    out.append("Rendered stack '" + options.stack() + "' of project '" + project + "'");
    out.append(" offline (account " + account + ", region " + region + ").\n");
    out.append("  builder image:  " + result.outputs().get("builderImage") + "\n");
    out.append("  deployer image: " + result.outputs().get("deployerImage") + "\n");
    if (result.imageCheckSkipped()) {
      out.append("  image check:    skipped (offline; pulumi preview looks every ECR image up)\n");
    }
    out.append("  resources:      " + resources + " " + byProvider);
    out.append(", Kubernetes objects: " + objects.size() + "\n");
    for (Map<String, Object> o : objects) {
      if ("WorkflowTemplate".equals(o.get("kind"))) {
        int bytes = RenderFiles.json(RenderFiles.JSON.writer(), o).getBytes(UTF_8).length;
        out.append("  WorkflowTemplate: " + ((Map<?, ?>) o.get("metadata")).get("name"));
        out.append(", " + bytes + " bytes as compact JSON\n");
      }
    }
    out.append("  promotion:      " + promotion + "\n");
    List<String> paths = written.stream().map(f -> options.out().resolve(f).toString()).toList();
    out.append("  wrote:          " + String.join(", ", paths) + "\n");
    out.append(
        "Values shown as <deploy-time:...> are stand-ins for what only AWS knows at deploy time.\n");
    return out.toString();
  }
}
