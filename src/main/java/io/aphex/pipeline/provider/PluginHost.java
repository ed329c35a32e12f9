package io.aphex.pipeline.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugin package's entry point: serves {@code aphex:index:AphexPipeline} to the Pulumi engine,
 * as the SDK's {@code ComponentProviderHost} does, through {@link SdkComponentProvider}. The Java
 * language host runs it with the engine's address as the only argument besides logging flags
 * (pulumi-java
 * sdk/java/pulumi/src/main/java/com/pulumi/provider/internal/ComponentProviderHost.java).
 */
public final class PluginHost {

  private PluginHost() {}

  /**
   * Serves the provider until the engine shuts it down.
   *
   * @param args the engine address, possibly with {@code --logtostderr}, {@code -v=N}, {@code
   *     --logflow} and {@code --tracing <endpoint>}
   * @throws IOException when the gRPC server cannot start
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    SdkComponentProvider.serve(engineAddress(args));
  }

  /**
   * Finds the engine address among the arguments.
   *
   * @param args the arguments
   * @return the one argument that is not a logging flag
   * @throws IllegalArgumentException when there is none or more than one
   */
  static String engineAddress(String[] args) {
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--tracing")) {
        i++;
      } else if (!arg.equals("--logtostderr")
          && !arg.startsWith("-v=")
          && !arg.equals("--logflow")) {
        rest.add(arg);
      }
    }
    if (rest.size() != 1) {
      throw new IllegalArgumentException(
          "Expected the Pulumi engine's address as the only argument besides logging flags, got "
              + List.of(args));
    }
    return rest.get(0);
  }
}
