package io.aphex.pipeline.argo;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.ObjectMetadata;
import java.util.Map;

/**
 * The pipeline's own Argo artifact repository: a ConfigMap in the workflow namespace that the
 * WorkflowTemplate references through {@code spec.artifactRepositoryRef}, so that workflow logs are
 * archived to the pipeline's artifact bucket without touching the cluster-wide {@code
 * workflow-controller-configmap} (which other pipelines and teams share).
 */
public final class ArtifactRepository {

  /** The ConfigMap key holding the repository. */
  public static final String KEY = "artifact-repository";

  private ArtifactRepository() {}

  /**
   * The ConfigMap name of a pipeline.
   *
   * @param workflowTemplateName the WorkflowTemplate name
   * @return {@code <workflowTemplateName>-artifact-repository}
   */
  public static String configMapName(String workflowTemplateName) {
    return workflowTemplateName + "-" + KEY;
  }

  /**
   * The {@code spec.artifactRepositoryRef} of the WorkflowTemplate.
   *
   * @param workflowTemplateName the WorkflowTemplate name
   * @return {@code {configMap, key}}
   */
  static Map<String, Object> reference(String workflowTemplateName) {
    return Map.of("configMap", configMapName(workflowTemplateName), "key", KEY);
  }

  /**
   * Builds the ConfigMap. Logs go to {@code s3://<bucket>/logs/<workflow>/<pod>}, written with the
   * workflow pods' own IRSA credentials, which may write to the artifact bucket and nowhere else.
   *
   * @param settings the WorkflowTemplate settings (name, namespace, labels, bucket)
   * @param region the bucket's region
   * @return the ConfigMap
   */
  public static KubernetesObject configMap(WorkflowTemplateSettings settings, String region) {
    String repository =
        """
        archiveLogs: true
        s3:
          bucket: %s
          endpoint: s3.%s.amazonaws.com
          region: %s
          useSDKCreds: true
          keyFormat: "logs/{{workflow.name}}/{{pod.name}}"
        """
            .formatted(settings.artifactBucket(), region, region);
    return new KubernetesObject(
        "v1",
        "ConfigMap",
        ObjectMetadata.of(configMapName(settings.name()), settings.namespace(), settings.labels()),
        Map.of("data", Map.of(KEY, repository)));
  }
}
