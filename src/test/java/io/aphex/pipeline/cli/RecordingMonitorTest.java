package io.aphex.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.core.internal.Urn;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
}
