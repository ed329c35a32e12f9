package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;
import io.aphex.pipeline.plan.PluginVersions;
import io.aphex.pipeline.plan.RandomPasswordInputs;

/**
 * A password generated once by the Pulumi {@code random} provider and kept in the stack's state
 * from then on: every later {@code pulumi up} (including the pipeline's own {@code
 * pipeline-deployment} stage) sends the same inputs, so the provider never generates it again.
 *
 * <p>The {@code com.pulumi:random} Java SDK is only a typed wrapper around this resource type; it
 * is not available in every Maven repository, so the resource is registered directly by its type
 * token. The engine fetches the {@code random} plugin ({@link PluginVersions#RANDOM}) like any
 * other provider plugin. Both secret outputs of the provider, {@code result} and {@code
 * bcryptHash}, are marked secret in the options, so that neither reaches the state or a display in
 * plain text even when the provider's own schema is not consulted.
 */
@ResourceType(type = RandomPasswordInputs.TYPE)
final class GeneratedPassword extends CustomResource {

  @Export(name = "result", refs = String.class)
  private Output<String> result;

  GeneratedPassword(String name, CustomResourceOptions options) {
    super(
        RandomPasswordInputs.TYPE,
        name,
        new Args(),
        CustomResourceOptions.merge(
            CustomResourceOptions.builder()
                .version(PluginVersions.RANDOM)
                .additionalSecretOutputs(RandomPasswordInputs.SECRET_OUTPUTS)
                .build(),
            options));
  }

  /**
   * The generated value, a Pulumi secret.
   *
   * @return the password
   */
  Output<String> result() {
    return result.asSecret();
  }

  /** Fixed inputs: any change here would make the provider generate a new value. */
  private static final class Args extends ResourceArgs {
    @Import(name = "length", required = true)
    private final Output<Integer> length = Output.of(RandomPasswordInputs.LENGTH);

    @Import(name = "special", required = true)
    private final Output<Boolean> special = Output.of(RandomPasswordInputs.SPECIAL);
  }
}
