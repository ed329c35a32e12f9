package io.aphex.pipeline.cli;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import io.aphex.pipeline.plan.Plan;
import io.aphex.pipeline.plan.PlannedResource;
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
    Map<String, Long> byProvider =
        result.resources().stream()
            .map(PlannedResource::type)
            .filter(type -> !type.startsWith("pulumi:pulumi:"))
            .collect(
                groupingBy(type -> type.substring(0, type.indexOf(':')), TreeMap::new, counting()));
    String imageCheck =
        result.imageCheckSkipped()
            ? "  image check:    skipped (offline; pulumi preview looks every ECR image up)\n"
            : "";
    StringBuilder templates = new StringBuilder();
    objects.stream()
        .filter(o -> "WorkflowTemplate".equals(o.get("kind")))
        .forEach(
            o ->
                templates.append(
                    "  WorkflowTemplate: %s, %d bytes as compact JSON\n"
                        .formatted(
                            ((Map<?, ?>) o.get("metadata")).get("name"),
                            RenderFiles.json(RenderFiles.JSON.writer(), o)
                                .getBytes(StandardCharsets.UTF_8)
                                .length)));
    return """
        Rendered stack '%s' of project '%s' offline (account %s, region %s).
          builder image:  %s
          deployer image: %s
        %s  resources:      %d %s, Kubernetes objects: %d
        %s  promotion:      %s
          wrote:          %s
        Values shown as <deploy-time:...> are stand-ins for what only AWS knows at deploy time.
        """
        .formatted(
            options.stack(),
            project,
            account,
            region,
            result.outputs().get("builderImage"),
            result.outputs().get("deployerImage"),
            imageCheck,
            byProvider.values().stream().mapToLong(Long::longValue).sum(),
            byProvider,
            objects.size(),
            templates,
            promotion,
            String.join(
                ", ", written.stream().map(f -> options.out().resolve(f).toString()).toList()));
  }
}
