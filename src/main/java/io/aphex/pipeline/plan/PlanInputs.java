package io.aphex.pipeline.plan;

import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.images.ImageSettings;
import java.util.Map;

/**
 * What the plan of one pipeline component is computed from: what its children are made of, every
 * value plain (what only AWS knows as {@link DeployTime} stand-ins, every secret {@value
 * DeployTime#SECRET}), and the settings the stack outputs and warnings come from.
 *
 * @param children what the children are made of, as the component gives them, with plain values:
 *     the cluster a {@code ClusterIdentity}, the images {@link ContainerImages}, the region and the
 *     bucket name {@code String}s
 * @param account the AWS account the stack deploys into
 * @param images the image settings, whose unpinned images are warned about
 * @param verifyImages whether the ECR images are looked up before the template is written
 * @param awsProviderConfig the stack's {@code aws:} settings, copied to the regional providers
 * @param trigger the trigger settings
 */
public record PlanInputs(
    PipelineChildren.Given children,
    String account,
    ImageSettings images,
    boolean verifyImages,
    Map<String, String> awsProviderConfig,
    TriggerSettings trigger) {}
