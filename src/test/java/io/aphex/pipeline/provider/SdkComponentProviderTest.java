package io.aphex.pipeline.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.provider.internal.ComponentProvider;
import org.junit.jupiter.api.Test;

/**
 * {@link SdkComponentProvider} is the one class that uses the Pulumi SDK's internals, which an SDK
 * upgrade may change without notice. This test fails on any upgrade, by name, so that whoever
 * upgrades re-reads the internals it uses before the plugin ships; {@link PluginSchemaTest} then
 * proves the schema and construction through them.
 */
class SdkComponentProviderTest {

  /** The pulumi-java release whose internals {@link SdkComponentProvider} was written against. */
  private static final String READ_AGAINST = "pulumi-1.36.1.jar";

  @Test
  void theSdkIsTheReleaseWhoseInternalsTheProviderWasWrittenAgainst() {
    String jar =
        ComponentProvider.class.getProtectionDomain().getCodeSource().getLocation().getPath();

    assertThat(jar)
        .as(
            "com.pulumi:pulumi changed. SdkComponentProvider uses com.pulumi.provider.internal"
                + " (ComponentProvider, Metadata, Provider, ResourceProviderService,"
                + " GetSchemaRequest/Response, ConstructRequest/Response): compare them with"
                + " pulumi-java sdk/java/pulumi/src/main/java/com/pulumi/provider/internal/ of the"
                + " new release, run PluginSchemaTest and PluginDiscoveryTest, then update"
                + " READ_AGAINST")
        .endsWith("/" + READ_AGAINST);
  }
}
