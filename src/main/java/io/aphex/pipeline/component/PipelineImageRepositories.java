package io.aphex.pipeline.component;

import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.RepositoryPolicy;
import com.pulumi.aws.ecr.RepositoryPolicyArgs;
import com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.aphex.pipeline.images.EcrLifecyclePolicy;
import io.aphex.pipeline.images.ImageResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The ECR repositories that {@code containers/build.sh} publishes the builder and deployer images
 * to, in the central image account: for each repository, named {@code <name>-<repository>},
 *
 * <ul>
 *   <li>a {@code Repository} with immutable tags (a published version never changes under a running
 *       pipeline, and {@code build.sh} cannot overwrite one), scan on push and AES-256 encryption;
 *   <li>a {@code LifecyclePolicy} keeping the newest {@code keepVersions} versions ({@link
 *       EcrLifecyclePolicy});
 *   <li>with consumer accounts, the cross-account {@code RepositoryPolicy} of {@link EcrPullAccess}
 *       on the new repository, so that their clusters can pull.
 * </ul>
 *
 * <p>Create it with an aws provider for the image account and the region of {@code
 * containerImageRegion} (default {@code us-east-1}) in the component options' providers, exactly as
 * for {@link EcrPullAccess}; use {@link EcrPullAccess} instead for repositories that already exist.
 * The repositories are not force-deleted: destroying the stack fails while they hold images, rather
 * than deleting versions pipelines run.
 */
public final class PipelineImageRepositories extends ComponentResource {

  /** The Pulumi type token of the component. */
  public static final String TYPE = "aphex:index:PipelineImageRepositories";

  private final Output<List<String>> repositoryNames;
  private final Output<List<String>> repositoryUrls;

  /**
   * Creates the repositories with default resource options, that is with the default aws provider:
   * right only when the stack itself deploys into the image account and region.
   *
   * @param name the component name; children are named {@code <name>-<repository>}
   * @param args the validated args
   */
  public PipelineImageRepositories(String name, PipelineImageRepositoriesArgs args) {
    this(name, args, null);
  }

  /**
   * Creates the repositories.
   *
   * @param name the component name; children are named {@code <name>-<repository>}
   * @param args the validated args
   * @param options component options; put the image account's aws provider in its providers; null
   *     for none (the default aws provider)
   */
  public PipelineImageRepositories(
      String name, PipelineImageRepositoriesArgs args, @Nullable ComponentResourceOptions options) {
    super(TYPE, name, options);
    InvokeOptions invoke = InvokeOptions.builder().parent(this).build();
    CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();

    String lifecycle = EcrLifecyclePolicy.keepNewest(args.keepVersions());
    Optional<Output<String>> pullPolicy =
        args.pullAccess().map(pull -> EcrPullAccess.pullPolicy(name, pull, invoke));
    for (String repository : args.repositories()) {
      String childName = name + "-" + repository;
      // With consumers, the repository waits for their check, so a bad consumer creates nothing.
      Output<String> repositoryName =
          pullPolicy
              .map(policy -> policy.applyValue(checked -> repository))
              .orElseGet(() -> Output.of(repository));
      Repository created =
          new Repository(
              childName,
              RepositoryArgs.builder()
                  .name(repositoryName)
                  .imageTagMutability("IMMUTABLE")
                  .imageScanningConfiguration(
                      RepositoryImageScanningConfigurationArgs.builder().scanOnPush(true).build())
                  .encryptionConfigurations(
                      RepositoryEncryptionConfigurationArgs.builder()
                          .encryptionType("AES256")
                          .build())
                  .forceDelete(false)
                  .build(),
              child);
      new LifecyclePolicy(
          childName,
          LifecyclePolicyArgs.builder().repository(created.name()).policy(lifecycle).build(),
          child);
      pullPolicy.ifPresent(
          policy ->
              new RepositoryPolicy(
                  childName,
                  RepositoryPolicyArgs.builder().repository(created.name()).policy(policy).build(),
                  child));
    }

    AwsLocation location = AwsLocation.lookUp(invoke);
    this.repositoryNames = Output.of(args.repositories());
    this.repositoryUrls =
        Output.tuple(location.account(), location.region())
            .applyValue(
                t ->
                    args.repositories().stream()
                        .map(r -> ImageResolver.ecrRegistry(t.t1, t.t2) + "/" + r)
                        .toList());
    Map<String, Output<?>> outputs = new LinkedHashMap<>();
    outputs.put("repositoryNames", repositoryNames);
    outputs.put("repositoryUrls", repositoryUrls);
    registerOutputs(outputs);
  }

  /**
   * The repositories created.
   *
   * @return the repository names, in the order of {@link
   *     PipelineImageRepositoriesArgs#repositories()}
   */
  public Output<List<String>> repositoryNames() {
    return repositoryNames;
  }

  /**
   * Where {@code containers/build.sh} pushes: the repositories by the image convention, without
   * tag.
   *
   * @return {@code <account>.dkr.ecr.<region>.amazonaws.com/<repository>} per repository, in the
   *     same order
   */
  public Output<List<String>> repositoryUrls() {
    return repositoryUrls;
  }
}
