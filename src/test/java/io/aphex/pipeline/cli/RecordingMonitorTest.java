package io.aphex.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.core.internal.Urn;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import pulumirpc.Resource.RegisterResourceRequest;

class RecordingMonitorTest {

  private static final String STACK =
      "urn:pulumi:dev::aphex-pipeline::pulumi:pulumi:Stack::aphex-pipeline-dev";

  @Test
  void noParentIsEmpty() {
    assertThat(RecordingMonitor.parentOf("")).isEmpty();
  }

  @Test
  void stackIsItsTypeAndName() {
    assertThat(RecordingMonitor.parentOf(STACK))
        .isEqualTo("pulumi:pulumi:Stack::aphex-pipeline-dev");
  }

  @Test
  void resourceDirectlyUnderTheStackIsItsTypeAndName() {
    assertThat(
            RecordingMonitor.parentOf(
                "urn:pulumi:dev::aphex-pipeline::aphex:index:AphexPipeline::aphex-pipeline"))
        .isEqualTo("aphex:index:AphexPipeline::aphex-pipeline");
  }

  @Test
  void nestedResourceIsItsOwnTypeWithoutTheParentTypes() {
    assertThat(
            RecordingMonitor.parentOf(
                "urn:pulumi:dev::aphex-pipeline::pulumi:pulumi:Stack$aphex:index:AphexPipeline"
                    + "$aws:iam/role:Role::aphex-pipeline-workflow-role"))
        .isEqualTo("aws:iam/role:Role::aphex-pipeline-workflow-role");
  }

  @Test
  void providerUnderTheComponentIsItsProviderTypeAndName() {
    assertThat(
            RecordingMonitor.parentOf(
                "urn:pulumi:dev::aphex-pipeline::aphex:index:AphexPipeline"
                    + "$pulumi:providers:kubernetes::aphex-pipeline-k8s"))
        .isEqualTo("pulumi:providers:kubernetes::aphex-pipeline-k8s");
  }

  @Test
  void defaultProviderIsItsProviderTypeAndName() {
    assertThat(
            RecordingMonitor.parentOf(
                "urn:pulumi:dev::aphex-pipeline::pulumi:providers:aws::default_6_83_0"))
        .isEqualTo("pulumi:providers:aws::default_6_83_0");
  }

  @Test
  void kubernetesTypesWithDotsAndSlashesKeepTheirWholeToken() {
    assertThat(
            RecordingMonitor.parentOf(
                "urn:pulumi:prod.eu::aphex-pipeline::aphex:index:AphexPipeline"
                    + "$kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
                    + "::aphex-pipeline-executor-rolebinding"))
        .isEqualTo(
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding::aphex-pipeline-executor-rolebinding");
  }

  @Test
  void namesWithSingleColonsAndDollarsStayWhole() {
    assertThat(
            RecordingMonitor.parentOf(
                "urn:pulumi:dev::aphex-pipeline::aphex:index:AphexPipeline::team:a$b"))
        .isEqualTo("aphex:index:AphexPipeline::team:a$b");
  }

  @Test
  void urnsMadeByTheSdkReadBackAsTheirParentsTypeAndName() {
    String component =
        Urn.create(
            "dev",
            "aphex-pipeline",
            Optional.of(STACK),
            "aphex:index:AphexPipeline",
            "aphex-pipeline");
    String provider =
        Urn.create(
            "dev",
            "aphex-pipeline",
            Optional.of(component),
            "pulumi:providers:kubernetes",
            "aphex-pipeline-k8s");
    String bucket =
        Urn.create(
            "dev",
            "aphex-pipeline",
            Optional.of(component),
            "aws:s3/bucketV2:BucketV2",
            "aphex-pipeline-artifacts");

    assertThat(RecordingMonitor.parentOf(component))
        .isEqualTo("aphex:index:AphexPipeline::aphex-pipeline");
    assertThat(RecordingMonitor.parentOf(provider))
        .isEqualTo("pulumi:providers:kubernetes::aphex-pipeline-k8s");
    assertThat(RecordingMonitor.parentOf(bucket))
        .isEqualTo("aws:s3/bucketV2:BucketV2::aphex-pipeline-artifacts");
  }

  @Test
  void optionsNotSetAreLeftOut() {
    assertThat(RecordingMonitor.options(RegisterResourceRequest.newBuilder().build())).isEmpty();
  }

  @Test
  void everyOptionThatChangesWhatTheEngineDoesIsRecordedUnderItsPlanName() {
    String provider =
        "urn:pulumi:dev::aphex-pipeline::aphex:index:AphexPipeline"
            + "$pulumi:providers:kubernetes::aphex-pipeline-k8s::04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    RegisterResourceRequest request =
        RegisterResourceRequest.newBuilder()
            .setProvider(provider)
            .setVersion("4.15.0")
            .addDependencies(
                "urn:pulumi:dev::aphex-pipeline::aphex:index:AphexPipeline"
                    + "$aws:s3/bucketV2:BucketV2::aphex-pipeline-artifacts")
            .addDependencies(
                "urn:pulumi:dev::aphex-pipeline::aphex:index:AphexPipeline"
                    + "$aws:iam/role:Role::aphex-pipeline-workflow-role")
            .setProtect(true)
            .setRetainOnDelete(true)
            .setDeleteBeforeReplace(true)
            .setDeleteBeforeReplaceDefined(true)
            .addAdditionalSecretOutputs("result")
            .addIgnoreChanges("tags")
            .addReplaceOnChanges("spec")
            .setImportId("my-bucket")
            .build();

    Map<String, Object> options = RecordingMonitor.options(request);

    assertThat(options)
        .containsExactly(
            Map.entry("provider", "pulumi:providers:kubernetes::aphex-pipeline-k8s"),
            Map.entry("version", "4.15.0"),
            Map.entry(
                "dependsOn",
                List.of(
                    "aws:iam/role:Role::aphex-pipeline-workflow-role",
                    "aws:s3/bucketV2:BucketV2::aphex-pipeline-artifacts")),
            Map.entry("protect", true),
            Map.entry("retainOnDelete", true),
            Map.entry("deleteBeforeReplace", true),
            Map.entry("additionalSecretOutputs", List.of("result")),
            Map.entry("ignoreChanges", List.of("tags")),
            Map.entry("replaceOnChanges", List.of("spec")),
            Map.entry("import", "my-bucket"));
  }

  @Test
  void deleteBeforeReplaceSetToFalseIsRecordedBecauseItOverridesTheProvider() {
    assertThat(
            RecordingMonitor.options(
                RegisterResourceRequest.newBuilder()
                    .setDeleteBeforeReplace(false)
                    .setDeleteBeforeReplaceDefined(true)
                    .build()))
        .containsExactly(Map.entry("deleteBeforeReplace", false));
  }
}
