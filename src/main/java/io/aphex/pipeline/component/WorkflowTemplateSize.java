package io.aphex.pipeline.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.argo.WorkflowTemplateFactory;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.images.ImageReference;

/**
 * The size a pipeline's WorkflowTemplate will have, measured before anything is created: the
 * template is built from the args with stand-ins, at least as long as the real values, for what
 * only AWS knows (the role ARN, the bucket name, the image references).
 */
final class WorkflowTemplateSize {

  /**
   * Kubernetes' limit on one object: the API server refuses requests over about 1.5 MiB (etcd's
   * default request limit); the component keeps every object within 1 MiB.
   */
  static final int MAX_OBJECT_BYTES = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMAGE =
      "123456789012.dkr.ecr.ap-southeast-7.amazonaws.com/aphex-pipeline-deployer@sha256:"
          + "0".repeat(64);
  private static final String ROLE_ARN = "arn:aws-us-gov:iam::123456789012:role/" + "r".repeat(64);
  private static final String BUCKET = "b".repeat(63);

  private WorkflowTemplateSize() {}

  /**
   * Measures the WorkflowTemplate of valid args.
   *
   * @param args args that pass every other rule
   * @return its size as compact JSON, in bytes
   */
  static int bytes(AphexPipelineArgs args) {
    ImageReference image = ImageReference.parse(IMAGE);
    try {
      return JSON.writeValueAsBytes(
              WorkflowTemplateFactory.build(
                      AphexPipeline.workflowTemplateSettings(
                          args, new ContainerImages(image, image), ROLE_ARN, BUCKET),
                      args.pipelineConfig())
                  .toMap())
          .length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
