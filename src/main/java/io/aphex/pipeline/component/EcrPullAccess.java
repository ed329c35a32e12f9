package io.aphex.pipeline.component;

import com.pulumi.aws.ecr.RepositoryPolicy;
import com.pulumi.aws.ecr.RepositoryPolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.iam.EcrRepositoryPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Lets other AWS accounts pull the pipeline images from the central image account: one ECR
 * repository policy ({@link EcrRepositoryPolicy}) on each existing repository, named {@code
 * <name>-<repository>}. The repositories themselves are not created or changed otherwise; a
 * repository has one policy, so this replaces any policy it had.
 *
 * <p>Create it in the <em>image account</em>: pass an aws provider for that account through the
 * component options' providers. Its children and its lookups (account and region, which decide the
 * policy's partition and catch the image account listed as its own consumer) all use that provider
 * ({@code Provider}, {@code ProviderArgs} and {@code ProviderAssumeRoleArgs} are those of {@code
 * com.pulumi.aws} and {@code com.pulumi.aws.inputs}):
 *
 * <pre>{@code
 * Provider imageAccount =
 *     new Provider(
 *         "image-account",
 *         ProviderArgs.builder()
 *             .region("us-east-1")
 *             .assumeRole(
 *                 ProviderAssumeRoleArgs.builder()
 *                     .roleArn("arn:aws:iam::987654321098:role/ecr-admin")
 *                     .build())
 *             .build());
 * new EcrPullAccess(
 *     "pipeline-images",
 *     EcrPullAccessArgs.builder().consumerAccountIds(List.of("123456789012")).build(),
 *     ComponentResourceOptions.builder().providers(imageAccount).build());
 * }</pre>
 *
 * <p>Why this is needed: the kubelet pulls a pod's images with the <em>node role</em> of the
 * consuming cluster, not with the pod's IRSA role. So the consuming account's node role needs ECR
 * read permissions of its own (the managed {@code AmazonEC2ContainerRegistryReadOnly} policy), and
 * this repository policy lets that account into the image account's repositories; without both,
 * pods stay in {@code ImagePullBackOff}. The ECR policy of the pipeline's IRSA role serves tools
 * inside the pods, never the image pull itself.
 *
 * <p>The consumers are checked again when the lookups answer: a consumer that is the image account
 * itself (usually because the provider was forgotten and the stack's own account was used) or a
 * role of another partition fails the deployment with an {@link RunException} listing every
 * problem, and no repository policy is written.
 */
public final class EcrPullAccess extends ComponentResource {

  /** The Pulumi type token of the component. */
  public static final String TYPE = "aphex:index:EcrPullAccess";

  private final Output<List<String>> repositoryNames;
  private final Output<List<String>> consumerAccountIds;

  /**
   * Creates the pull access with default resource options, that is with the default aws provider:
   * right only when the stack itself deploys into the image account.
   *
   * @param name the component name; children are named {@code <name>-<repository>}
   * @param args the validated args
   */
  public EcrPullAccess(String name, EcrPullAccessArgs args) {
    this(name, args, null);
  }

  /**
   * Creates the pull access.
   *
   * @param name the component name; children are named {@code <name>-<repository>}
   * @param args the validated args
   * @param options component options; put the image account's aws provider in its providers; null
   *     for none (the default aws provider)
   */
  public EcrPullAccess(
      String name, EcrPullAccessArgs args, @Nullable ComponentResourceOptions options) {
    super(TYPE, name, options);
    InvokeOptions invoke = InvokeOptions.builder().parent(this).build();
    CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();

    Output<String> policy = pullPolicy(name, args, invoke);
    for (String repository : args.repositories()) {
      new RepositoryPolicy(
          name + "-" + repository,
          RepositoryPolicyArgs.builder().repository(repository).policy(policy).build(),
          child);
    }

    this.repositoryNames = Output.of(args.repositories());
    this.consumerAccountIds =
        Output.of(args.consumerAccountIds().stream().distinct().sorted().toList());
    Map<String, Output<?>> outputs = new LinkedHashMap<>();
    outputs.put("repositoryNames", repositoryNames);
    outputs.put("consumerAccountIds", consumerAccountIds);
    registerOutputs(outputs);
  }

  /**
   * The repository policy of the consumers in {@code args}, once the account and region of the
   * provider that {@code invoke} selects are known; it fails the deployment as described above.
   */
  static Output<String> pullPolicy(String name, EcrPullAccessArgs args, InvokeOptions invoke) {
    AwsLocation location = AwsLocation.lookUp(invoke);
    return Output.tuple(location.account(), location.region())
        .applyValue(t -> policyJson(name, args, t.t1, t.t2));
  }

  private static String policyJson(
      String name, EcrPullAccessArgs args, String imageAccount, String region) {
    List<Problem> problems =
        EcrRepositoryPolicy.check(
            imageAccount, region, args.consumerAccountIds(), args.consumerRoleArns());
    if (!problems.isEmpty()) {
      StringBuilder message =
          new StringBuilder("EcrPullAccess ")
              .append(name)
              .append(": no repository policy for image account ")
              .append(imageAccount)
              .append(" in ")
              .append(region)
              .append(":");
      for (int i = 0; i < problems.size(); i++) {
        message.append("\n  ").append(i + 1).append(". ").append(problems.get(i).message());
      }
      throw new RunException(message.toString());
    }
    return EcrRepositoryPolicy.allowPull(
            imageAccount, region, args.consumerAccountIds(), args.consumerRoleArns())
        .toJson();
  }

  /**
   * The repositories that got the pull policy.
   *
   * @return the repository names, in the order of {@link EcrPullAccessArgs#repositories()}
   */
  public Output<List<String>> repositoryNames() {
    return repositoryNames;
  }

  /**
   * The accounts that may pull.
   *
   * @return the 12-digit account IDs, sorted and without duplicates
   */
  public Output<List<String>> consumerAccountIds() {
    return consumerAccountIds;
  }
}
