package example.twopipelines;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import io.aphex.pipeline.component.AphexPipeline;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.PipelineConfigParser;
import java.nio.file.Path;

/**
 * Two pipelines, one per repository, on the same cluster: the component names ({@code service-a},
 * {@code service-b}) name their Kubernetes objects, roles and buckets, so nothing is shared.
 */
public final class App {

  private App() {}

  /**
   * Runs the program.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Pulumi.run(ctx -> stack(ctx, Path.of("")));
  }

  /**
   * Defines the stack.
   *
   * @param ctx the Pulumi context
   * @param projectDir the directory of {@code Pulumi.yaml}
   */
  public static void stack(Context ctx, Path projectDir) {
    PipelineConfig pipeline = PipelineConfigParser.parse(projectDir.resolve("aphex-config.yaml"));
    for (String service : new String[] {"service-a", "service-b"}) {
      AphexPipeline aphex =
          new AphexPipeline(
              service,
              AphexPipelineArgs.builder()
                  .clusterName("company-pipelines")
                  .githubOwner("my-org")
                  .githubRepo(service)
                  .githubTokenSecretName("github-token")
                  .pipelineConfig(pipeline)
                  .selfUpdateStack(ctx.stackName())
                  .containerImageVersion("v1.0.1")
                  .build(),
              null);
      ctx.export(service + "-workflowTemplate", aphex.workflowTemplateName());
      ctx.export(service + "-webhookUrl", aphex.webhookUrl());
    }
  }
}
