package io.aphex.pipeline.component;

import io.aphex.pipeline.plan.PipelineObjects;
import io.aphex.pipeline.plan.PipelinePlan;
import io.aphex.pipeline.plan.PlanInputs;
import java.util.Optional;

/**
 * The inputs of a {@link PipelinePlan} for an {@link AphexPipeline}: its effective args as plain
 * values, with the component's own derivations of them (trigger, WorkflowTemplate and reporting
 * settings), so that the plan and the component decide from the same functions. The plan is that of
 * a component created as the stack-config program creates it: with default resource options, so it
 * makes its own Kubernetes provider (a provider handed over in the options is not planned), and
 * with every arg a plain value.
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
    return new PlanInputs(
        name,
        account,
        region,
        args.identityMode(),
        args.argoNamespace(),
        args.serviceAccountName(),
        args.workflowTemplateName(),
        args.knownClusterName().orElseThrow(() -> notPlain("clusterName")),
        plainOrAbsent(
            args.oidcProviderArn().isPresent(), args.knownOidcProviderArn(), "oidcProviderArn"),
        plainOrAbsent(args.oidcIssuerUrl().isPresent(), args.knownOidcIssuerUrl(), "oidcIssuerUrl"),
        args.plainImages().orElseThrow(() -> notPlain("the image settings")),
        args.verifyImages(),
        args.awsProviderConfig(),
        args.artifactBucketName().orElse(args.artifactBucketPrefix() + account + "-" + region),
        args.importArtifactBucket(),
        args.artifactRetentionDays(),
        args.pipelineConfig(),
        args.additionalPolicyArns(),
        args.githubWebhookSecretName().isEmpty(),
        args.trigger(),
        objects(name, args),
        (images, roleArn, bucket) ->
            AphexPipeline.workflowTemplateSettings(args, images, roleArn, bucket));
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
