package io.aphex.pipeline.review;

import io.aphex.pipeline.argo.PipelineTargets;
import io.aphex.pipeline.argo.PodSecurity;
import io.aphex.pipeline.argo.SelfUpdate;
import io.aphex.pipeline.argo.WorkflowTemplateFactory;
import io.aphex.pipeline.argo.WorkflowTemplateSettings;
import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import io.aphex.pipeline.config.StackEngine;
import io.aphex.pipeline.iam.IdentityMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pipeline configs and the objects the generators build from them, for the review tests. */
final class ReviewFixtures {

  static final String BUILDER = "123456789012.dkr.ecr.us-east-1.amazonaws.com/builder:v1";
  static final String DEPLOYER = "123456789012.dkr.ecr.us-east-1.amazonaws.com/deployer:v1";

  private ReviewFixtures() {}

  static WorkflowTemplateSettings settings(String deployer) {
    return new WorkflowTemplateSettings(
        "aphex-pipeline-template",
        "argo",
        Map.of("app.kubernetes.io/name", "aphex-pipeline"),
        "workflow-executor",
        BUILDER,
        deployer,
        "arn:aws:iam::123456789012:role/workflow",
        "artifacts",
        new SelfUpdate(".", "dev", Optional.empty(), Optional.empty(), Optional.empty()),
        PodSecurity.defaults(),
        IdentityMode.IRSA,
        Optional.empty());
  }

  /** The WorkflowTemplate and targets ConfigMap, as plain maps, the way a render holds them. */
  static List<Map<String, Object>> objects(PipelineConfig config) {
    return objects(config, DEPLOYER);
  }

  static List<Map<String, Object>> objects(PipelineConfig config, String deployer) {
    WorkflowTemplateSettings settings = settings(deployer);
    return List.of(
        PipelineTargets.configMap(settings, config).toMap(),
        WorkflowTemplateFactory.build(settings, config).toMap());
  }

  static PipelineView view(PipelineConfig config) {
    return RenderReader.read(objects(config), Map.of());
  }

  static EnvironmentConfig environment(
      String name, Optional<List<String>> dependsOn, boolean approval, StackDefinition... stacks) {
    return new EnvironmentConfig(
        name,
        "eu-west-1",
        "210987654321",
        List.of(stacks),
        List.of(),
        dependsOn,
        approval,
        Optional.empty());
  }

  static StackDefinition stack(String name, String... dependsOn) {
    return new StackDefinition(
        name,
        "lib/" + name + ".ts",
        dependsOn.length == 0 ? Optional.empty() : Optional.of(List.of(dependsOn)));
  }

  /**
   * dev; staging after dev; prod-us (approval) and prod-eu both after staging; dr after prod-us
   * only. Staging's stacks deploy in two levels, Network first, then Data and App side by side.
   */
  static PipelineConfig fanOut() {
    return new PipelineConfig(
        "1.0",
        List.of("make"),
        List.of(
            new EnvironmentConfig(
                "dev", "us-east-1", "123456789012", List.of(stack("App")), List.of("npm test")),
            environment(
                "staging",
                Optional.empty(),
                false,
                stack("Network"),
                stack("Data", "Network"),
                stack("App", "Network")),
            environment("prod-us", Optional.of(List.of("staging")), true, stack("App")),
            environment("prod-eu", Optional.of(List.of("staging")), false, stack("App")),
            new EnvironmentConfig(
                "dr",
                "us-west-2",
                "210987654321",
                List.of(
                    new StackDefinition(
                        "my-org/app/dr", "infra/app", Optional.empty(), StackEngine.PULUMI)),
                List.of(),
                Optional.of(List.of("prod-us")),
                false,
                Optional.of("arn:aws:iam::210987654321:role/deployer"))));
  }
}
