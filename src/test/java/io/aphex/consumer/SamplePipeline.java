package io.aphex.consumer;

import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.PipelineConfigParser;
import java.nio.charset.StandardCharsets;

/** What a consumer's tests pass: one build, one environment, the README's settings. */
final class SamplePipeline {

  private SamplePipeline() {}

  /** The README's library example for one repository, on the cluster company-pipelines. */
  static AphexPipelineArgs.Builder args(String repository) {
    return AphexPipelineArgs.builder()
        .clusterName("company-pipelines")
        .githubOwner("my-org")
        .githubRepo(repository)
        .githubTokenSecretName("github-token")
        .pipelineConfig(config())
        .selfUpdateStack("dev");
  }

  static PipelineConfig config() {
    return PipelineConfigParser.parse(
        "aphex-config.yaml",
        String.join(
                "\n",
                "version: '1.0'",
                "build:",
                "  commands: ['npm ci', 'npm run build']",
                "environments:",
                "  - name: dev",
                "    region: us-east-1",
                "    account: '123456789012'",
                "    stacks:",
                "      - name: AppStack",
                "        path: lib/app-stack.ts",
                "")
            .getBytes(StandardCharsets.UTF_8));
  }
}
