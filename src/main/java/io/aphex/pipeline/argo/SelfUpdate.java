package io.aphex.pipeline.argo;

import static java.util.Objects.requireNonNull;

import io.aphex.pipeline.config.PipelineConfigSource;
import java.util.Optional;

/**
 * How the {@code pipeline-deployment} stage updates the pipeline itself: it runs {@code pulumi up}
 * of the Pulumi project that declares this pipeline, at the pushed commit.
 *
 * @param projectDir the directory of the pipeline's Pulumi project, relative to the repository
 *     root; {@code "."} (the default of {@code selfUpdateProjectDir}) when {@code Pulumi.yaml} is
 *     at the root
 * @param stack the Pulumi stack to update, e.g. {@code prod} or {@code my-org/pipeline/prod}
 * @param backendUrl the {@code PULUMI_BACKEND_URL} for a self-managed backend such as {@code
 *     s3://my-state-bucket}; empty (the default) to use the CLI's default backend
 * @param accessTokenSecretName the name of a Kubernetes Secret in the workflow namespace whose key
 *     {@code token} becomes {@code PULUMI_ACCESS_TOKEN} through a {@code secretKeyRef}, so the
 *     token never appears in the WorkflowTemplate; empty (the default) for none
 * @param configSource the pipeline's {@code aphex-config.yaml} in the repository and its digest
 *     when rendered, which the {@code validate} stage compares with the pushed file; empty (the
 *     default) when unknown, e.g. a config built in code
 */
public record SelfUpdate(
    String projectDir,
    String stack,
    Optional<String> backendUrl,
    Optional<String> accessTokenSecretName,
    Optional<PipelineConfigSource> configSource) {

  /** Creates the settings; every component is required (use empty optionals for "none"). */
  public SelfUpdate {
    requireNonNull(projectDir, "projectDir");
    requireNonNull(stack, "stack");
    requireNonNull(backendUrl, "backendUrl");
    requireNonNull(accessTokenSecretName, "accessTokenSecretName");
    requireNonNull(configSource, "configSource");
  }
}
