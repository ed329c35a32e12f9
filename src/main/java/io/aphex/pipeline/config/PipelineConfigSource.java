package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where a pipeline's {@code aphex-config.yaml} lives in the repository and what it held when the
 * pipeline was rendered, so that the {@code validate} stage can tell when a push has changed it
 * since.
 *
 * @param path the file's path relative to the repository root, e.g. {@code aphex-config.yaml} or
 *     {@code infra/aphex-config.yaml}
 * @param sha256 the SHA-256 of the file's bytes, 64 lower-case hexadecimal digits
 */
public record PipelineConfigSource(String path, String sha256) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /**
   * Creates the source.
   *
   * @throws IllegalArgumentException when the path is not a repository path ({@link
   *     NameRules#repositoryPath}) or the digest is not 64 lower-case hexadecimal digits
   */
  public PipelineConfigSource {
    requireNonNull(path, "path");
    requireNonNull(sha256, "sha256");
    NameRules.repositoryPath(path)
        .ifPresent(
            rule -> {
              throw new IllegalArgumentException("pipeline config path '" + path + "' " + rule);
            });
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 '" + sha256 + "' is not 64 lower-case hexadecimal digits");
    }
  }

  /**
   * Describes a file by its content.
   *
   * @param path the file's path relative to the repository root
   * @param content the file's bytes, as parsed
   * @return the source with the content's SHA-256
   */
  public static PipelineConfigSource of(String path, byte[] content) {
    try {
      return new PipelineConfigSource(
          path, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
