package io.aphex.pipeline.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The arguments the language host passes to a plugin, parsed as the SDK's ComponentProviderHost
 * parses them (pulumi-java
 * sdk/java/pulumi/src/main/java/com/pulumi/provider/internal/ComponentProviderHost.java).
 */
class PluginHostTest {

  @Test
  void findsTheEngineAddressAmongLoggingFlags() {
    assertThat(
            PluginHost.engineAddress(
                new String[] {
                  "--logtostderr",
                  "-v=9",
                  "--tracing",
                  "http://trace:1234",
                  "127.0.0.1:53211",
                  "--logflow"
                }))
        .isEqualTo("127.0.0.1:53211");
  }

  @Test
  void refusesNoAddressOrTwo() {
    assertThatThrownBy(() -> PluginHost.engineAddress(new String[] {"--logtostderr"}))
        .hasMessageContaining("Expected the Pulumi engine's address");
    assertThatThrownBy(() -> PluginHost.engineAddress(new String[] {"a:1", "b:2"}))
        .hasMessageContaining("[a:1, b:2]");
  }
}
