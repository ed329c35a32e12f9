package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads {@code aphex-config.yaml} into a {@link PipelineConfig}, checking everything the pipeline
 * relies on and reporting every problem with its line and key path.
 *
 * <p>The file is treated as untrusted input. It must be at most 1 MiB of UTF-8 (a byte order mark
 * is allowed) and plain YAML: one document, no anchors, aliases, merge keys or tags other than
 * {@code !!str}, and no more than 20 levels of nesting. YAML is only composed into nodes; no Java
 * object is ever constructed from it. Problems with the YAML itself are reported before the schema
 * is checked, because the schema cannot be checked reliably until they are fixed.
 */
public final class PipelineConfigParser {

  /** The largest config file accepted, in bytes. */
  public static final int MAX_BYTES = 1024 * 1024;

  private PipelineConfigParser() {}

  /**
   * Reads and checks a config file.
   *
   * @param file the config file; problems name it by its file name only
   * @return the pipeline config
   * @throws ConfigException when the file is missing, unreadable or invalid, with every problem
   *     found
   */
  public static PipelineConfig parse(Path file) {
    requireNonNull(file, "file");
    Path fileName = file.getFileName();
    String displayName = fileName == null ? file.toString() : fileName.toString();
    return parse(displayName, read(file, displayName));
  }

  /**
   * Checks the content of a config file.
   *
   * @param displayName the name used in problem locations, e.g. {@code aphex-config.yaml}
   * @param content the raw bytes of the file
   * @return the pipeline config
   * @throws ConfigException with every problem found
   */
  public static PipelineConfig parse(String displayName, byte[] content) {
    requireNonNull(displayName, "displayName");
    requireNonNull(content, "content");
    if (content.length > MAX_BYTES) {
      throw single(tooLarge(displayName, content.length));
    }
    Source source =
        new Source(displayName, StrictUtf8.decode(displayName, content, "Save the file as UTF-8."));
    ConfigException.throwIfAny(YamlPreflight.check(source, loaderOptions()));
    return ConfigWalker.walk(source, compose(source));
  }

  private static byte[] read(Path file, String displayName) {
    String absolute = file.toAbsolutePath().toString();
    if (!Files.exists(file)) {
      throw single(
          new Problem(
              file.toString(),
              absolute,
              "does not exist",
              "Create the file, or pass the path of the pipeline's aphex-config.yaml."));
    }
    if (Files.isDirectory(file)) {
      throw single(
          new Problem(
              file.toString(),
              absolute,
              "is a directory, not a file",
              "Pass the path of the aphex-config.yaml file inside it."));
    }
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw single(tooLarge(displayName, size));
      }
      try (InputStream in = Files.newInputStream(file)) {
        // One byte more than the limit, so that a file that grew since size() is still caught.
        return in.readNBytes(MAX_BYTES + 1);
      }
    } catch (IOException e) {
      throw single(
          new Problem(
              file.toString(),
              absolute,
              "cannot be read (" + reason(e) + ")",
              "Check that the file is readable by the user who runs Pulumi."));
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static Problem tooLarge(String displayName, long size) {
    return new Problem(
        displayName,
        size + " bytes",
        "is larger than the limit of 1 MiB (" + MAX_BYTES + " bytes)",
        "Check that this is the right file; a pipeline config is normally a few kilobytes.");
  }

  /** Builds the node tree only; no Java object is constructed from the YAML. */
  private static Node compose(Source source) {
    LoaderOptions options = loaderOptions();
    try {
      return new Composer(
              new ParserImpl(new StreamReader(source.text()), options), new Resolver(), options)
          .getSingleNode();
    } catch (YAMLException e) {
      throw single(YamlPreflight.problemFor(source, e));
    }
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMergeOnCompose(false);
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(YamlPreflight.MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    return options;
  }

  private static ConfigException single(Problem problem) {
    return new ConfigException(List.of(problem));
  }
}
