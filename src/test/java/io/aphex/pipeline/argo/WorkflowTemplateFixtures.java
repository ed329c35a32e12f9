package io.aphex.pipeline.argo;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import io.aphex.pipeline.config.StackEngine;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.testing.SampleConfigs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pipeline configs and settings shared by the tests of this package. */
final class WorkflowTemplateFixtures {

  static final String ROLE_ARN = "arn:aws:iam::123456789012:role/aphex-workflow";
  static final String BUCKET = "aphex-artifacts-123456789012";
  static final String BUILDER = "123456789012.dkr.ecr.us-east-1.amazonaws.com/aphex-builder:1.0.0";
  static final String DEPLOYER =
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/aphex-deployer:1.0.0";

  private static final List<String> SCALE_REGIONS =
      List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1", "eu-central-1");

  private WorkflowTemplateFixtures() {}

  /** The values of shared/reference/original-sample/aphex-config.yaml. */
  static PipelineConfig sample() {
    return SampleConfigs.referenceSample();
  }

  /**
   * The shape of shared/reference/original-sample/scale/aphex-config-50x3.yaml with {@code count}
   * environments: three stacks and one test command each.
   */
  static PipelineConfig scale(int count) {
    List<StackDefinition> stacks =
        List.of(
            new StackDefinition("NetworkStack", "lib/networkstack.ts"),
            new StackDefinition("DataStack", "lib/datastack.ts"),
            new StackDefinition("AppStack", "lib/appstack.ts"));
    List<EnvironmentConfig> environments = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = String.format("env-%02d", i);
      environments.add(
          new EnvironmentConfig(
              name,
              SCALE_REGIONS.get(i % SCALE_REGIONS.size()),
              String.format("1000000000%02d", i),
              stacks,
              List.of("npm run test:integration -- --env " + name)));
    }
    return new PipelineConfig("1.0", List.of("npm ci", "npm run build"), environments);
  }

  /** A config with one environment, for the script behaviour tests. */
  static PipelineConfig single(
      List<String> buildCommands, List<String> stackNames, List<String> testCommands) {
    List<StackDefinition> stacks = new ArrayList<>();
    for (String stack : stackNames) {
      stacks.add(new StackDefinition(stack, "lib/" + stack + ".ts"));
    }
    return new PipelineConfig(
        "1.0",
        buildCommands,
        List.of(new EnvironmentConfig("dev", "eu-west-1", "123456789012", stacks, testCommands)));
  }

  /** The deploy role of {@link #dev}'s account that the tests use. */
  static final String DEV_DEPLOY_ROLE = "arn:aws:iam::123456789012:role/deployer";

  /**
   * A config with the one environment of {@link #single} ({@code dev}, eu-west-1, 123456789012) and
   * these stacks, tests and deploy role.
   */
  static PipelineConfig dev(
      List<StackDefinition> stacks, List<String> testCommands, Optional<String> deployRoleArn) {
    return new PipelineConfig(
        "1.0",
        List.of("echo made"),
        List.of(
            new EnvironmentConfig(
                "dev",
                "eu-west-1",
                "123456789012",
                stacks,
                testCommands,
                Optional.empty(),
                false,
                deployRoleArn)));
  }

  /** The same config with {@code pipeline.selfUpdate: false}. */
  static PipelineConfig withoutSelfUpdate(PipelineConfig config) {
    return new PipelineConfig(
        config.version(), config.buildCommands(), config.environments(), false, Map.of(), true);
  }

  /** A Pulumi stack deployed after the stack before it. */
  static StackDefinition pulumi(String name, String path) {
    return new StackDefinition(name, path, Optional.empty(), StackEngine.PULUMI);
  }

  static WorkflowTemplateSettings settings() {
    return settings(
        new SelfUpdate(
            "infra",
            "prod",
            Optional.of("s3://aphex-state"),
            Optional.of("pulumi-access-token"),
            Optional.empty()));
  }

  static WorkflowTemplateSettings settings(PodSecurity podSecurity) {
    return settings(settings().selfUpdate(), podSecurity, Optional.empty());
  }

  static WorkflowTemplateSettings settings(SelfUpdate selfUpdate) {
    return settings(selfUpdate, PodSecurity.defaults(), Optional.empty());
  }

  /** The fixture settings with IRSA and the given self-update, pod security and reporting. */
  static WorkflowTemplateSettings settings(
      SelfUpdate selfUpdate, PodSecurity podSecurity, Optional<Reporting> reporting) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "aphex-pipeline");
    labels.put("app.kubernetes.io/managed-by", "pulumi");
    return new WorkflowTemplateSettings(
        "aphex-pipeline-template",
        "argo",
        labels,
        "workflow-executor",
        BUILDER,
        DEPLOYER,
        ROLE_ARN,
        BUCKET,
        selfUpdate,
        podSecurity,
        IdentityMode.IRSA,
        reporting);
  }
}
