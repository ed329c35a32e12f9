package io.aphex.pipeline.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import io.aphex.pipeline.config.StackEngine;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.schema.ManifestSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

// Pure: no Pulumi engine, no global state; runs beside the other classes.
@Execution(ExecutionMode.CONCURRENT)
class PipelineTargetsTest {

  private static final String ROLE = "arn:aws:iam::210987654321:role/deploy";

  /** Three stacks in two levels, one of them Pulumi, with a deploy role and tests. */
  private static PipelineConfig mixed() {
    return new PipelineConfig(
        "1.0",
        List.of("make"),
        List.of(
            new EnvironmentConfig(
                "prod-eu",
                "eu-west-1",
                "210987654321",
                List.of(
                    new StackDefinition("Network", "lib/network.ts"),
                    new StackDefinition(
                        "Data", "lib/data.ts", Optional.of(List.of("Network")), StackEngine.CDK),
                    new StackDefinition(
                        "acme/payments/prod-eu",
                        "infra/payments",
                        Optional.of(List.of("Network")),
                        StackEngine.PULUMI)),
                List.of("npm run smoke -- --url \"$URL\""),
                Optional.empty(),
                false,
                Optional.of(ROLE))));
  }

  @Test
  void theSampleHoldsEachEnvironmentsDataUnderItsName() {
    assertThat(PipelineTargets.data(WorkflowTemplateFixtures.sample()))
        .containsExactly(
            entry("environments", "dev staging prod"),
            entry("build-commands", "[\"npm install\",\"npm run build\",\"npm run package\"]"),
            entry("dev.region", "us-east-1"),
            entry("dev.account", "123456789012"),
            entry(
                "dev.stacks",
                "[[{\"name\":\"MyAppStack\",\"engine\":\"cdk\",\"path\":\"lib/my-app-stack.ts\"}]]"),
            entry("dev.tests", "[\"npm run test:integration\"]"),
            entry(
                "dev.check-role",
                "arn:aws:iam::123456789012:role/cdk-hnb659fds-deploy-role-123456789012-us-east-1"),
            entry("staging.region", "us-west-2"),
            entry("staging.account", "123456789012"),
            entry(
                "staging.stacks",
                "[[{\"name\":\"MyAppStack\",\"engine\":\"cdk\",\"path\":\"lib/my-app-stack.ts\"}]]"),
            entry("staging.tests", "[\"npm run test:e2e\"]"),
            entry(
                "staging.check-role",
                "arn:aws:iam::123456789012:role/cdk-hnb659fds-deploy-role-123456789012-us-west-2"),
            entry("prod.region", "us-east-1"),
            entry("prod.account", "987654321098"),
            entry(
                "prod.stacks",
                "[[{\"name\":\"MyAppStack\",\"engine\":\"cdk\",\"path\":\"lib/my-app-stack.ts\"}]]"),
            entry(
                "prod.check-role",
                "arn:aws:iam::987654321098:role/cdk-hnb659fds-deploy-role-987654321098-us-east-1"));
  }

  @Test
  void stacksAreGroupedIntoLevelsWithTheirEngineAndPathAndTheDeployRoleIsChecked() {
    Map<String, String> data = PipelineTargets.data(mixed());

    assertThat(data.get("prod-eu.stacks"))
        .isEqualTo(
            "[[{\"name\":\"Network\",\"engine\":\"cdk\",\"path\":\"lib/network.ts\"}],"
                + "[{\"name\":\"Data\",\"engine\":\"cdk\",\"path\":\"lib/data.ts\"},"
                + "{\"name\":\"acme/payments/prod-eu\",\"engine\":\"pulumi\","
                + "\"path\":\"infra/payments\"}]]");
    assertThat(data)
        .containsEntry("prod-eu.deploy-role", ROLE)
        .containsEntry("prod-eu.check-role", ROLE)
        .containsEntry("prod-eu.tests", "[\"npm run smoke -- --url \\\"$URL\\\"\"]");
  }

  @Test
  void theConfigMapIsImmutableLabelledAndNamedByItsContent() {
    KubernetesObject configMap =
        PipelineTargets.configMap(WorkflowTemplateFixtures.settings(), mixed());
    Map<String, Object> manifest = configMap.toMap();

    assertThat(configMap.metadata().name())
        .isEqualTo(PipelineTargets.configMapName("aphex-pipeline-template", mixed()))
        .matches("aphex-pipeline-template-targets-[0-9a-f]{10}");
    assertThat(configMap.metadata().namespace()).isEqualTo("argo");
    assertThat(configMap.metadata().labels())
        .containsEntry("app.kubernetes.io/component", "pipeline-targets");
    assertThat(manifest).containsEntry("immutable", true);
    assertThat(manifest.get("data")).isEqualTo(PipelineTargets.data(mixed()));
    ManifestSchemas.get().assertValid(manifest);
  }

  @Test
  void anyChangeOfTheDataGivesANewNameAndTheSameDataTheSameName() {
    String sample = PipelineTargets.configMapName("t", WorkflowTemplateFixtures.sample());
    PipelineConfig base = WorkflowTemplateFixtures.sample();
    List<EnvironmentConfig> environments = new ArrayList<>(base.environments());
    EnvironmentConfig prod = environments.get(2);
    environments.set(
        2,
        new EnvironmentConfig(
            prod.name(), "us-east-2", prod.account(), prod.stacks(), prod.testCommands()));
    PipelineConfig moved = new PipelineConfig(base.version(), base.buildCommands(), environments);

    assertThat(PipelineTargets.configMapName("t", WorkflowTemplateFixtures.sample()))
        .isEqualTo(sample);
    assertThat(PipelineTargets.configMapName("t", moved)).isNotEqualTo(sample);
    assertThat(
            PipelineTargets.configMapName(
                "t",
                new PipelineConfig(base.version(), List.of("make other"), base.environments())))
        .as("build commands live in the targets, where Argo never evaluates them")
        .isNotEqualTo(sample);
  }

  @Test
  void targetsThatAConfigMapCannotHoldAreRefused() {
    List<EnvironmentConfig> environments = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      environments.add(
          new EnvironmentConfig(
              "env-" + i,
              "us-east-1",
              "123456789012",
              List.of(new StackDefinition("App", "lib/app.ts")),
              List.of("x".repeat(2_000))));
    }
    PipelineConfig config = new PipelineConfig("1.0", List.of("make"), environments);

    assertThatThrownBy(() -> PipelineTargets.configMap(WorkflowTemplateFixtures.settings(), config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the pipeline's targets take "
                + PipelineTargets.dataBytes(config)
                + " bytes, more than the 1000000 a Kubernetes ConfigMap can hold; split the"
                + " environments over several pipelines");
  }
}
