package io.aphex.consumer;

import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.PipelineConfigParser;
import java.nio.charset.StandardCharsets;

/** The pipeline definition a consumer's tests use: one build, one environment. */
final class SamplePipeline {

  private SamplePipeline() {}

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
