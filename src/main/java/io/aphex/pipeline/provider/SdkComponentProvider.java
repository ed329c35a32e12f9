package io.aphex.pipeline.provider;

import com.pulumi.provider.internal.ComponentProvider;
import com.pulumi.provider.internal.Metadata;
import com.pulumi.provider.internal.Provider;
import com.pulumi.provider.internal.ResourceProviderService;
import com.pulumi.provider.internal.models.ConstructRequest;
import com.pulumi.provider.internal.models.ConstructResponse;
import com.pulumi.provider.internal.models.GetSchemaRequest;
import com.pulumi.provider.internal.models.GetSchemaResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The one class of aphex-pipeline that uses the Pulumi SDK's internals: pulumi-java 1.36.1 serves
 * component providers only from {@code com.pulumi.provider.internal} (pulumi-java
 * sdk/java/pulumi/src/main/java/com/pulumi/provider/internal/ComponentProviderHost.java, which this
 * class does with {@link PluginSchema}'s descriptions added to the inferred schema). {@code
 * SdkComponentProviderTest} names every internal type, constructor and method used here, so that an
 * SDK upgrade that changes them fails that test by name instead of the plugin at run time.
 */
final class SdkComponentProvider implements Provider {

  private final ComponentProvider inferred =
      new ComponentProvider(
          new Metadata(PluginSchema.PACKAGE, PluginSchema.VERSION, "aphex-pipeline"),
          AphexPipeline.class.getPackage());

  /**
   * Serves the provider to the engine until the engine shuts it down.
   *
   * @param engineAddress the engine's gRPC address
   * @throws IOException when the gRPC server cannot start
   * @throws InterruptedException when interrupted while serving
   */
  static void serve(String engineAddress) throws IOException, InterruptedException {
    new ResourceProviderService(engineAddress, new SdkComponentProvider())
        .startAndBlockUntilShutdown();
  }

  /**
   * Returns the schema the provider serves.
   *
   * @return the inferred schema with {@link PluginSchema}'s descriptions, as JSON
   */
  static String schema() {
    return new SdkComponentProvider()
        .getSchema(new GetSchemaRequest(0, null, null))
        .join()
        .getSchema();
  }

  @Override
  public CompletableFuture<GetSchemaResponse> getSchema(GetSchemaRequest request) {
    return inferred
        .getSchema(request)
        .thenApply(response -> new GetSchemaResponse(PluginSchema.described(response.getSchema())));
  }

  @Override
  public CompletableFuture<ConstructResponse> construct(ConstructRequest request) {
    return inferred.construct(request);
  }
}
