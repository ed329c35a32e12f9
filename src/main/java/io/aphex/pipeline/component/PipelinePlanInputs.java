package io.aphex.pipeline.component;

import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.images.ImageResolver;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.plan.DeployTime;
import io.aphex.pipeline.plan.PipelineChildren;
import io.aphex.pipeline.plan.PipelineObjects;
import io.aphex.pipeline.plan.PipelinePlan;
import io.aphex.pipeline.plan.PlanInputs;
import io.aphex.pipeline.plan.PlannedObject.SecretSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inputs of a {@link PipelinePlan} for an {@link AphexPipeline}: its effective args as plain
 * values, with the component's own derivations of them (trigger, WorkflowTemplate and reporting
 * settings), so that the plan and the component decide from the same functions. The plan is that of
 * a component created as the stack-config program creates it: with default resource options, so it
 * makes its own Kubernetes provider (a provider handed over in the options is not planned), and
 * with every arg a plain value. What the children are made of ({@link #children}) is derived from
 * the args here once, for the plan (plain values) and the component ({@code Output}s) alike.
 */
public final class PipelinePlanInputs {

  private PipelinePlanInputs() {}

  /**
   * Derives the inputs.
   *
   * @param name the component name
   * @param requested the args as given to the component
   * @param account the AWS account the stack deploys into
   * @param region the AWS region the stack deploys into
   * @return the inputs
   * @throws IllegalArgumentException when an arg is an {@code Output} (the plan needs every value
   *     before deploy), or as {@link AphexPipeline}'s constructor for a component name that cannot
   *     name the pipeline
   */
  public static PlanInputs of(
      String name, AphexPipelineArgs requested, String account, String region) {
    AphexPipelineArgs args = PipelineNames.effectiveArgs(name, requested);
    if (!args.additionalPolicyArnOutputs().isEmpty()) {
      throw notPlain("additionalPolicyArns");
    }
    String clusterName = args.knownClusterName().orElseThrow(() -> notPlain("clusterName"));
    ImageSettings images = args.plainImages().orElseThrow(() -> notPlain("the image settings"));
    ContainerImages resolved = ImageResolver.resolve(images, account);
    Map<SecretSource, Object> secrets = new EnumMap<>(SecretSource.class);
    for (SecretSource source : SecretSource.values()) {
      secrets.put(source, DeployTime.SECRET);
    }
    if (args.githubWebhookSecretName().isEmpty()) {
      secrets.remove(SecretSource.WEBHOOK_SECRET);
    }
    PipelineChildren.Given children =
        children(
            name,
            args,
            objects(name, args),
            clusterName,
            PipelinePlan.cluster(
                clusterName,
                account,
                region,
                args.identityMode(),
                plainOrAbsent(
                    args.oidcIssuerUrl().isPresent(), args.knownOidcIssuerUrl(), "oidcIssuerUrl"),
                plainOrAbsent(
                    args.oidcProviderArn().isPresent(),
                    args.knownOidcProviderArn(),
                    "oidcProviderArn")),
            resolved,
            region,
            args.artifactBucketName().orElse(args.artifactBucketPrefix() + account + "-" + region),
            List.of(),
            secrets,
            (roleArn, bucket, ecrProviders) ->
                AphexPipeline.workflowTemplateSettings(
                    args, resolved, (String) roleArn, (String) bucket));
    return new PlanInputs(
        children, account, images, args.verifyImages(), args.awsProviderConfig(), args.trigger());
  }

  /**
   * What the children of a component are made of: its effective args, and the values given here,
   * plain for a plan and {@code Output}s for the component.
   *
   * @param name the component name
   * @param args the effective args
   * @param objects the Kubernetes objects ({@link #objects})
   * @param clusterName the cluster's name
   * @param cluster the cluster
   * @param images the resolved images
   * @param region the region
   * @param bucketName the artifact bucket's name
   * @param policyArnValues the {@code additionalPolicyArns} given as Outputs, checked
   * @param secrets the secret values
   * @param settings the WorkflowTemplate settings
   * @return what the children are made of
   */
  static PipelineChildren.Given children(
      String name,
      AphexPipelineArgs args,
      PipelineObjects objects,
      Object clusterName,
      Object cluster,
      Object images,
      Object region,
      Object bucketName,
      List<Object> policyArnValues,
      Map<SecretSource, Object> secrets,
      PipelineChildren.TemplateSettings settings) {
    return new PipelineChildren.Given(
        name,
        args.identityMode(),
        args.argoNamespace(),
        args.serviceAccountName(),
        args.workflowTemplateName(),
        args.pipelineConfig(),
        args.additionalPolicyArns(),
        policyArnValues,
        clusterName,
        cluster,
        images,
        region,
        bucketName,
        args.artifactBucketName().filter(b -> args.importArtifactBucket()),
        args.artifactRetentionDays(),
        objects,
        args.verifyImages() ? PipelinePlan.ecrRegions(args.imagesKnownBeforeDeploy()) : List.of(),
        secrets,
        settings);
  }

  /**
   * The Kubernetes objects of a component, as it registers them and its plan shows them.
   *
   * @param name the component name
   * @param args the effective args
   * @return the objects
   */
  static PipelineObjects objects(String name, AphexPipelineArgs args) {
    return PipelineObjects.of(
        name,
        args.identityMode(),
        args.argoNamespace(),
        args.serviceAccountName(),
        args.instanceName(),
        args.workflowTemplateName(),
        AphexPipeline.templateLabels(args),
        args.pipelineConfig(),
        args.notificationWebhookSecretName().map(secret -> PipelineReporting.notificationUrl(args)),
        args.trigger());
  }

  private static Optional<String> plainOrAbsent(
      boolean given, Optional<String> plain, String property) {
    if (given && plain.isEmpty()) {
      throw notPlain(property);
    }
    return plain;
  }

  private static IllegalArgumentException notPlain(String property) {
    return new IllegalArgumentException(
        property + " is an Output, known only at deploy time; a plan needs plain values");
  }
}
