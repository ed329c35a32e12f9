/**
 * What {@code pulumi up} registers for a pipeline, as plain data: every resource (type token,
 * logical name, parent, inputs, resource options) and the stack outputs, computed by pure functions
 * from the validated args, the account and the region ({@link
 * io.aphex.pipeline.plan.PipelinePlan}). {@code ./aphex render} serializes it without the Pulumi
 * engine. Values only AWS knows at deploy time are readable stand-ins ({@link
 * io.aphex.pipeline.plan.DeployTime}); secrets are {@value
 * io.aphex.pipeline.plan.DeployTime#SECRET}. The component's Kubernetes objects are described once
 * ({@link io.aphex.pipeline.plan.PipelineObjects}): the component registers that description and
 * the plan shows it. The other shared descriptions here ({@link
 * io.aphex.pipeline.plan.ArtifactBucketInputs}, {@link io.aphex.pipeline.plan.WorkflowRoleInputs},
 * {@link io.aphex.pipeline.plan.RandomPasswordInputs}, {@link
 * io.aphex.pipeline.plan.KubernetesInputs}) are what the component registers too, by type token
 * with these very input maps, so each input is described once (the regional aws providers' inputs,
 * {@link io.aphex.pipeline.plan.AwsProviderInputs}, come from the same schema as the component's);
 * a test runs the component under the SDK's engine and asserts that it registers exactly the plan.
 * Pure Java, no Pulumi types.
 */
package io.aphex.pipeline.plan;
