package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.core.Output;
import io.aphex.pipeline.testing.SampleConfigs;
import org.junit.jupiter.api.Test;

/**
 * What a plan can be made from. That a plan equals what the component registers is {@code
 * PlanOracleTest}'s part.
 */
class PipelinePlanInputsTest {

  @Test
  void anArgGivenAsAnOutputCannotBePlannedAndSaysWhich() {
    AphexPipelineArgs args =
        SampleConfigs.sampleArgs().clusterName(Output.of("made-in-the-program")).build();

    assertThatThrownBy(
            () -> PipelinePlanInputs.of("aphex-pipeline", args, "123456789012", "us-east-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "clusterName is an Output, known only at deploy time; a plan needs plain values");
  }

  @Test
  void theComponentNameNamesThePipelineAsTheComponentDoes() {
    var inputs =
        PipelinePlanInputs.of(
            "team-a", SampleConfigs.sampleArgs().build(), "123456789012", "us-east-1");

    assertThat(inputs.children().workflowTemplateName()).isEqualTo("team-a-template");
    assertThat(inputs.children().bucketName()).isEqualTo("team-a-artifacts-123456789012-us-east-1");
  }
}
