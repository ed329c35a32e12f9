package io.aphex.pipeline.component;

import io.aphex.pipeline.plan.PluginVersions;

/**
 * The provider plugin versions the component asks the engine for, beyond those its SDK jars imply.
 *
 * <p>Each is defined once ({@link PluginVersions}), in {@code
 * com/aphex/pipeline/plugins/<name>/plugin.json}: the same file the Pulumi Java host's plugin
 * discovery reads ({@code com.pulumi.bootstrap.internal.Main packages}, pulumi-java {@code
 * sdk/java/pulumi/src/main/java/com/pulumi/bootstrap/internal/ PulumiPlugins.java} matches {@code
 * com/<namespace>/<name>/plugin.json} on the classpath), so that {@code pulumi up} and {@code
 * pulumi install} fetch these exact plugins up front.
 */
public final class ProviderPlugins {

  /**
   * The Kubernetes provider plugin of the explicit provider and of every Kubernetes object: 4.15.0.
   * The {@code com.pulumi:kubernetes} 4.0.0 SDK (the newest in our Maven repository) would imply
   * plugin 4.0.0, which replaces every Secret on each update (a permanent {@code stringData} diff,
   * pulumi-kubernetes #2507, fixed in 4.0.2 and 4.0.3) and can fail the first preview of objects
   * whose {@code metadata} or {@code stringData} is unknown (fixed in 4.0.1 and 4.8.1).
   */
  public static final String KUBERNETES = PluginVersions.KUBERNETES;

  /** The {@code random} provider plugin of the generated webhook secret: 4.16.7. */
  public static final String RANDOM = PluginVersions.RANDOM;

  private ProviderPlugins() {}
}
