package io.aphex.pipeline.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.plan.PluginVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The Pulumi Java host asks a Maven project for its plugins by running exactly {@link #COMMAND} in
 * the project directory ({@code ./mvnw} when present, else {@code mvn}) and parsing the whole of
 * stdout as JSON (pulumi-java {@code pkg/internal/executors/executor_maven.go}, {@code
 * pkg/cmd/pulumi-language-java/main.go} {@code determinePulumiPackages}); when that fails it
 * silently installs nothing up front. The bootstrap main ({@code
 * sdk/java/pulumi/src/main/java/com/pulumi/bootstrap/internal/Main.java}) only answers when {@code
 * packages} reaches it as an argument, which the pom's {@code <commandlineArgs>${mainArgs}} does;
 * {@code .mvn/jvm.config} stops Maven's jansi console from writing its ANSI reset code to stdout.
 */
@Execution(ExecutionMode.CONCURRENT)
class PluginDiscoveryTest {

  static final List<String> COMMAND =
      List.of(
          "-Dorg.slf4j.simpleLogger.logFile=System.err",
          "--no-transfer-progress",
          "compile",
          "exec:java",
          "-DmainClass=com.pulumi.bootstrap.internal.Main",
          "-DmainArgs=packages");

  private static final ObjectMapper STRICT_JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Test
  void theHostsCommandPrintsOnlyJsonNamingEveryPluginTheProgramUses() throws Exception {
    Path project = Path.of("").toAbsolutePath();
    Path stderr = Files.createTempFile("plugin-discovery", ".log");
    List<String> command = new ArrayList<>();
    command.add(Files.isExecutable(project.resolve("mvnw")) ? "./mvnw" : "mvn");
    command.addAll(COMMAND);
    Process process =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectError(stderr.toFile())
            .start();
    byte[] stdout = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
    String text = new String(stdout, StandardCharsets.UTF_8);

    assertThat(text).as("stdout").doesNotContain("\u001b");
    assertThat(plugins(text))
        .containsExactlyInAnyOrder(
            plugin("aws", com.pulumi.aws.Utilities.getVersion()),
            plugin("kubernetes", com.pulumi.kubernetes.Utilities.getVersion()),
            plugin("kubernetes", PluginVersions.KUBERNETES),
            plugin("random", PluginVersions.RANDOM));
    Files.delete(stderr);
  }

  private static List<Map<String, Object>> plugins(String stdout) throws IOException {
    return STRICT_JSON.readValue(stdout, new TypeReference<>() {});
  }

  private static Map<String, Object> plugin(String name, String version) {
    return Map.of("resource", true, "name", name, "version", version);
  }
}
