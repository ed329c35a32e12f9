package io.aphex.pipeline.component;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.inputs.GetRegionArgs;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.aws.outputs.GetRegionResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;

/**
 * The account and region that a component's aws provider deploys into, known only at deploy time.
 *
 * @param account the 12-digit account ID of the caller
 * @param region the provider's region, e.g. {@code us-east-1}
 */
record AwsLocation(Output<String> account, Output<String> region) {

  /** Looks both up through the provider that {@code invoke} selects. */
  static AwsLocation lookUp(InvokeOptions invoke) {
    return new AwsLocation(
        AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.builder().build(), invoke)
            .applyValue(GetCallerIdentityResult::accountId),
        AwsFunctions.getRegion(GetRegionArgs.builder().build(), invoke)
            .applyValue(GetRegionResult::name));
  }
}
