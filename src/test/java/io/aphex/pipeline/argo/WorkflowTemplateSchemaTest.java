package io.aphex.pipeline.argo;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.schema.ManifestSchemas;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The generated WorkflowTemplate against the strict Argo Workflows bundle and CRD schemas. */
class WorkflowTemplateSchemaTest {

  @Test
  void sampleConfigTemplateIsValid() {
    assertValid(WorkflowTemplateFixtures.sample(), WorkflowTemplateFixtures.settings());
  }

  @Test
  void scaleConfigTemplateIsValid() {
    assertValid(WorkflowTemplateFixtures.scale(50), WorkflowTemplateFixtures.settings());
  }

  @Test
  void templateWithoutOptionalSelfUpdateSettingsIsValid() {
    assertValid(
        WorkflowTemplateFixtures.sample(),
        WorkflowTemplateFixtures.settings(
            new SelfUpdate(".", "prod", Optional.empty(), Optional.empty(), Optional.empty())));
  }

  @Test
  void templateWithEveryPodSecuritySettingChangedIsValid() {
    assertValid(
        WorkflowTemplateFixtures.sample(),
        WorkflowTemplateFixtures.settings(
            PodSecurity.defaults()
                .withFsGroup(0)
                .withRunAsNonRoot(true)
                .withRunAsUser(PodSecurity.MAX_ID)
                .withAllowPrivilegeEscalation(true)
                .withSeccompProfile(PodSecurity.SeccompProfile.UNCONFINED)
                .withReadOnlyRootFilesystem(true)
                .withDropAllCapabilities(false)));
  }

  @Test
  void
      templateWithApprovalDependenciesDeployRolesPulumiStacksStageSettingsAndNoSelfUpdateIsValid() {
    PipelineConfig sample = WorkflowTemplateFixtures.sample();
    java.util.List<EnvironmentConfig> environments = new java.util.ArrayList<>();
    for (EnvironmentConfig env : sample.environments()) {
      environments.add(
          new EnvironmentConfig(
              env.name(),
              env.region(),
              env.account(),
              java.util.List.of(
                  env.stacks().get(0),
                  new io.aphex.pipeline.config.StackDefinition(
                      "org/payments/" + env.name(),
                      "infra/payments",
                      Optional.of(java.util.List.of()),
                      io.aphex.pipeline.config.StackEngine.PULUMI)),
              env.testCommands(),
              Optional.of(java.util.List.of()),
              true,
              Optional.of("arn:aws:iam::" + env.account() + ":role/aphex-deploy")));
    }
    assertValid(
        new PipelineConfig(
            sample.version(),
            sample.buildCommands(),
            environments,
            false,
            java.util.Map.of(
                "deploy",
                new io.aphex.pipeline.config.StageSettings(
                    java.util.OptionalInt.of(60),
                    java.util.OptionalInt.of(0),
                    java.util.Map.of("cpu", "0.25", "memory", "128974848"),
                    java.util.Map.of("cpu", "1", "memory", "1Gi"))),
            true),
        WorkflowTemplateFixtures.settings());
  }

  private static void assertValid(PipelineConfig config, WorkflowTemplateSettings settings) {
    ManifestSchemas.get().assertValid(WorkflowTemplateFactory.build(settings, config).toMap());
  }
}
