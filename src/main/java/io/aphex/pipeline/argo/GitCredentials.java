package io.aphex.pipeline.argo;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.ObjectMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the stages fetch a private repository: the GitHub token lives in a Secret in the workflow
 * namespace, {@code <workflowTemplateName>-github-token} (key {@value #KEY}), which the component
 * keeps in sync with AWS Secrets Manager like the EventSource's token. Every stage mounts it
 * read-only at {@value #MOUNT_PATH} and its {@code checkout} points git's credential helper at the
 * file, for the repository's own host only. So the token never appears on a command line, in the
 * environment, in a log, in the template or in an output; git reads it when the server asks.
 *
 * <p>The volume is {@code optional}: without the Secret (or with an empty token) the stages clone
 * anonymously, which is all a public repository needs.
 */
public final class GitCredentials {

  /** The key of the token in the Secret. */
  public static final String KEY = "token";

  /** Where the stages mount the Secret. */
  public static final String MOUNT_PATH = "/etc/aphex/github";

  /** The token file the credential helper reads, {@code APHEX_GIT_TOKEN_FILE}. */
  public static final String TOKEN_FILE = MOUNT_PATH + "/" + KEY;

  /** The name of the volume in each stage template. */
  static final String VOLUME = "github-token";

  private static final String COMPONENT = "git-credentials";

  private GitCredentials() {}

  /**
   * The Secret's name.
   *
   * @param workflowTemplateName the WorkflowTemplate name
   * @return {@code <workflowTemplateName>-github-token}
   */
  public static String secretName(String workflowTemplateName) {
    return workflowTemplateName + "-github-token";
  }

  /**
   * The Opaque Secret in the workflow namespace, without data: the caller adds {@code stringData}
   * with key {@value #KEY} from a Pulumi secret at deploy time. It needs nothing known only at
   * deploy time, so it is created without waiting for the role or the bucket.
   *
   * @param workflowTemplateName the WorkflowTemplate name, which names the Secret
   * @param namespace the workflow namespace
   * @param templateLabels the WorkflowTemplate's labels; the component label becomes {@value
   *     #COMPONENT}
   * @return the {@code v1} {@code Secret}
   */
  public static KubernetesObject secret(
      String workflowTemplateName, String namespace, Map<String, String> templateLabels) {
    Map<String, String> labels = new LinkedHashMap<>(templateLabels);
    labels.put("app.kubernetes.io/component", COMPONENT);
    return new KubernetesObject(
        "v1",
        "Secret",
        ObjectMetadata.of(secretName(workflowTemplateName), namespace, labels),
        Map.of("type", "Opaque"));
  }

  /**
   * The stage pod's volume: the Secret, optional (Kubernetes' default mode, so any user reads it).
   */
  static Map<String, Object> volume(String workflowTemplateName) {
    Map<String, Object> secret =
        Map.of("secretName", secretName(workflowTemplateName), "optional", true);
    return Map.of("name", VOLUME, "secret", secret);
  }

  /** The stage container's read-only mount of {@link #volume}. */
  static Map<String, Object> mount() {
    return Map.of("name", VOLUME, "mountPath", MOUNT_PATH, "readOnly", true);
  }
}
