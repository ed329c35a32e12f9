package io.aphex.pipeline.provider;

import io.aphex.pipeline.program.PulumiProgram;

/**
 * The main class of this Maven project ({@code mainClass} in the pom), for both roles of the
 * repository: without arguments, as {@code pulumi up} runs a program, the stack-config program
 * ({@link PulumiProgram}); with the engine's address, as the language host runs the plugin package
 * of {@code PulumiPlugin.yaml} through the pom's {@code mainArgs}, the component provider ({@link
 * PluginHost}). It lives here, after both, so that the program does not depend on the plugin.
 */
public final class ProjectMain {

  private ProjectMain() {}

  /**
   * Runs the program or serves the plugin.
   *
   * @param args none for the program; the engine address and logging flags for the plugin
   * @throws Exception when the plugin's server fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      PluginHost.main(args);
    } else {
      PulumiProgram.main(args);
    }
  }
}
