package io.aphex.pipeline.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rules for where the stack's {@code pipelineConfig} may point: a path inside the project
 * directory, also once symbolic links are resolved. Renders run in CI on pull requests, so a stack
 * file must not be able to make the program read (and quote in its errors) other files of the
 * machine, such as {@code /etc/shadow} or {@code ../secret/credentials}.
 */
public final class PipelineConfigLocation {

  private PipelineConfigLocation() {}

  /**
   * Resolves the configured path against the project directory and tells where it lies inside it.
   *
   * @param projectDir the directory of {@code Pulumi.yaml}
   * @param configured the value of {@code pipelineConfig}, which the stack-config schema accepted
   * @return the path relative to the project directory, or empty when the path, or the file it
   *     links to, lies outside the project directory
   */
  public static Optional<Path> insideProject(Path projectDir, String configured) {
    Path project = projectDir.toAbsolutePath().normalize();
    Path file = project.resolve(configured).normalize();
    if (!file.startsWith(project)) {
      return Optional.empty();
    }
    if (Files.exists(file)) {
      try {
        Path real = file.toRealPath();
        if (!real.startsWith(project.toRealPath())) {
          return Optional.empty();
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.of(project.relativize(file));
  }
}
