package io.aphex.pipeline.component;

import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.DeploymentInstance;
import io.aphex.pipeline.argo.ArtifactRepository;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.plan.PipelineObjects;
import io.aphex.pipeline.plan.PlannedObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.stream.Stream;

/**
 * The physical names a pipeline takes in the cluster and the account, and the rule that no two
 * pipelines of one program take the same one.
 *
 * <p>A library user's component name becomes the pipeline name when {@code pipelineName} is not
 * set, so two components with different names get disjoint Kubernetes, IAM and S3 names without any
 * setting. Only the component name {@value AphexPipelineArgs#DEFAULT_NAME_PREFIX} (the one the
 * stack-config program uses) keeps the predecessor's names ({@code workflow-executor}, {@code
 * github}, ...), so existing stacks keep their objects.
 */
final class PipelineNames {

  /** Claims per running program: a program is one Pulumi deployment. */
  private static final Map<DeploymentInstance, Map<String, String>> CLAIMS = new WeakHashMap<>();

  private PipelineNames() {}

  /**
   * The args with the pipeline name the component name implies.
   *
   * @param componentName the component's Pulumi name
   * @param args the args as given
   * @return {@code args} when it sets {@code pipelineName} or the component is named {@value
   *     AphexPipelineArgs#DEFAULT_NAME_PREFIX}; otherwise a copy with {@code pipelineName} = {@code
   *     componentName}
   * @throws IllegalArgumentException when the component name is not a valid pipeline name
   */
  static AphexPipelineArgs effectiveArgs(String componentName, AphexPipelineArgs args) {
    if (args.pipelineName().isPresent()
        || componentName.equals(AphexPipelineArgs.DEFAULT_NAME_PREFIX)) {
      return args;
    }
    List<String> problems = AphexPipelineArgsRules.pipelineNameProblems(componentName);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "AphexPipeline '"
              + componentName
              + "': without a pipelineName, the component name names the pipeline's Kubernetes,"
              + " IAM and S3 objects, and '"
              + componentName
              + "' "
              + String.join("; ", problems)
              + ". Fix: name the component with lower-case letters, digits and '-' (at most "
              + AphexPipelineArgs.MAX_PIPELINE_NAME
              + " characters, starting with a letter), or set pipelineName(...) in its args.");
    }
    return AphexPipelineArgs.builder(args).pipelineName(componentName).build();
  }

  /**
   * Every name the pipeline takes outside Pulumi's own namespace of logical names: the Kubernetes
   * objects (kind, namespace and name) and the artifact bucket. IAM roles and policies are
   * auto-named by Pulumi from the component name and need no claim.
   *
   * @param args the effective args
   * @param objects the pipeline's objects; of those made from the WorkflowTemplate settings, the
   *     WorkflowTemplate and its artifact repository ConfigMap are claimed by their names
   * @return one line per name, e.g. {@code ServiceAccount argo/workflow-executor}
   */
  static List<String> of(AphexPipelineArgs args, PipelineObjects objects) {
    List<String> names = new ArrayList<>();
    Stream.of(objects.identity(), objects.executor(), objects.workload(), objects.trigger())
        .flatMap(List::stream)
        .<KubernetesObject>mapMulti(
            (planned, known) -> {
              if (planned.content() instanceof PlannedObject.Known k) {
                known.accept(k.object());
              } else if (planned.content() instanceof PlannedObject.OfRoleArn ofRole) {
                known.accept(ofRole.object().apply(""));
              }
            })
        .forEach(o -> names.add(identity(o.kind(), o.metadata().namespace(), o.metadata().name())));
    String namespace = args.argoNamespace();
    names.add(identity("WorkflowTemplate", namespace, args.workflowTemplateName()));
    names.add(
        identity(
            "ConfigMap", namespace, ArtifactRepository.configMapName(args.workflowTemplateName())));
    names.add(
        "S3 bucket "
            + args.artifactBucketName().orElse(args.artifactBucketPrefix() + "<account>-<region>"));
    return names;
  }

  private static String identity(String kind, String namespace, String name) {
    return kind + " " + namespace + "/" + name;
  }

  /**
   * Records the pipeline's names for the running program, refusing any that another pipeline of the
   * same program already took.
   *
   * @param componentName the claiming component
   * @param names the names, from {@link #of}
   * @throws IllegalArgumentException naming both components and every shared name
   */
  static void claim(String componentName, List<String> names) {
    DeploymentInstance program = Deployment.getInstance();
    synchronized (CLAIMS) {
      Map<String, String> taken = CLAIMS.computeIfAbsent(program, p -> new HashMap<>());
      Map<String, List<String>> clashes = new TreeMap<>();
      for (String name : names) {
        String owner = taken.get(name);
        if (owner != null) {
          clashes.computeIfAbsent(owner, o -> new ArrayList<>()).add(name);
        }
      }
      if (!clashes.isEmpty()) {
        Map.Entry<String, List<String>> first = clashes.entrySet().iterator().next();
        throw new IllegalArgumentException(
            "AphexPipeline '"
                + componentName
                + "' would create "
                + String.join(", ", first.getValue())
                + ", which AphexPipeline '"
                + first.getKey()
                + "' of the same program already creates; two pipelines would overwrite each"
                + " other's objects. Fix: give each a different pipelineName (or leave"
                + " pipelineName unset and give the components different names), and do not set"
                + " the same serviceAccountName, workflowTemplateName, eventSourceName, sensorName"
                + " or artifactBucketName on both.");
      }
      names.forEach(n -> taken.put(n, componentName));
    }
  }
}
