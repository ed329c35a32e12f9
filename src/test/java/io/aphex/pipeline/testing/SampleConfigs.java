package io.aphex.pipeline.testing;

import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The reference sample pipeline and where the shared reference files are. */
public final class SampleConfigs {

  private SampleConfigs() {}

  /**
   * The pipeline of {@code shared/reference/original-sample/aphex-config.yaml}, built in code.
   *
   * @return dev, staging and prod with one stack each; tests on dev and staging
   */
  public static PipelineConfig referenceSample() {
    return new PipelineConfig(
        "1.0",
        List.of("npm install", "npm run build", "npm run package"),
        List.of(
            new EnvironmentConfig(
                "dev",
                "us-east-1",
                "123456789012",
                List.of(new StackDefinition("MyAppStack", "lib/my-app-stack.ts")),
                List.of("npm run test:integration")),
            new EnvironmentConfig(
                "staging",
                "us-west-2",
                "123456789012",
                List.of(new StackDefinition("MyAppStack", "lib/my-app-stack.ts")),
                List.of("npm run test:e2e")),
            new EnvironmentConfig(
                "prod",
                "us-east-1",
                "987654321098",
                List.of(new StackDefinition("MyAppStack", "lib/my-app-stack.ts")),
                List.of())));
  }

  /**
   * Args with every required property set to the reference sample's values (cluster {@code
   * company-pipelines}, {@code my-org/my-repo}, token secret {@code github-token}, stack {@code
   * dev}) and every other property at its default.
   *
   * @return a builder that builds
   */
  public static AphexPipelineArgs.Builder sampleArgs() {
    return AphexPipelineArgs.builder()
        .clusterName("company-pipelines")
        .githubOwner("my-org")
        .githubRepo("my-repo")
        .githubTokenSecretName("github-token")
        .selfUpdateStack("dev")
        .pipelineConfig(referenceSample());
  }

  /**
   * The predecessor's synthesized sample kept in the repository ({@code
   * src/test/resources/upstream/predecessor-sample}, see its README for provenance).
   *
   * @return the directory
   * @throws IllegalStateException when it does not exist; tests must not skip silently
   */
  public static Path predecessorSample() {
    Path dir = projectDir().resolve("src/test/resources/upstream/predecessor-sample");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "The predecessor's sample " + dir + " is missing from the clone.");
    }
    return dir;
  }

  /**
   * The project root (the directory holding {@code pom.xml}).
   *
   * @return the directory
   */
  public static Path projectDir() {
    Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (here != null && !Files.exists(here.resolve("pom.xml"))) {
      here = here.getParent();
    }
    if (here == null) {
      throw new IllegalStateException("no pom.xml above " + System.getProperty("user.dir"));
    }
    return here;
  }
}
