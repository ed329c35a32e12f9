package io.aphex.pipeline.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The provider plugin versions the resources are registered with, each read from the {@code
 * plugin.json} that the Pulumi Java host's plugin discovery reads too ({@code
 * com/<namespace>/<name>/plugin.json} on the classpath, pulumi-java {@code
 * sdk/java/pulumi/src/main/java/com/pulumi/bootstrap/internal/PulumiPlugins.java}): the project's
 * own for Kubernetes and random, the aws SDK jar's for aws. The project's own are the plugins the
 * component asks the engine for beyond those its SDK jars imply; as the host's discovery reads
 * them, {@code pulumi up} and {@code pulumi install} fetch these exact plugins up front.
 */
public final class PluginVersions {

  /**
   * The Kubernetes provider plugin of the explicit provider and of every Kubernetes object: 4.15.0.
   * The {@code com.pulumi:kubernetes} 4.0.0 SDK (the newest in our Maven repository) would imply
   * plugin 4.0.0, which replaces every Secret on each update (a permanent {@code stringData} diff,
   * pulumi-kubernetes #2507, fixed in 4.0.2 and 4.0.3) and can fail the first preview of objects
   * whose {@code metadata} or {@code stringData} is unknown (fixed in 4.0.1 and 4.8.1).
   */
  public static final String KUBERNETES = version("/com/aphex/pipeline/plugins/kubernetes/");

  /** The {@code random} provider plugin of the generated webhook secret: 4.16.7. */
  public static final String RANDOM = version("/com/aphex/pipeline/plugins/random/");

  /** The aws provider plugin, the one the {@code com.pulumi:aws} SDK jar names: 6.83.0. */
  public static final String AWS = version("/com/pulumi/aws/");

  private PluginVersions() {}

  private static String version(String dir) {
    String path = dir + "plugin.json";
    try (InputStream in = PluginVersions.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      JsonNode json = new ObjectMapper().readTree(in);
      return json.path("version").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    }
  }
}
