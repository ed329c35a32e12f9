package io.aphex.pipeline.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code aphex-config.yaml} into a {@link PipelineConfig}, checking everything the pipeline
 * relies on and reporting every problem with its line and key path.
 *
 * <p>The file is treated as untrusted input. It must be at most 1 MiB of UTF-8 (a byte order mark
 * is allowed) and plain YAML: one document, no anchors, aliases, merge keys or tags other than
 * {@code !!str}, and no more than 20 levels of nesting. YAML is only composed into nodes; no Java
 * object is ever constructed from it. Problems with the YAML itself are reported before the schema
 * is checked, because the schema cannot be checked reliably until they are fixed.
 *
 * <p>The shape of the file is checked against the published schema {@code
 * schema/aphex-config.schema.json} ({@link ConfigSchema}); the rules a schema cannot say are
 * checked in code ({@link ConfigRules}); every problem of both is reported at once.
 */
public final class PipelineConfigParser {

  /** The start of the rule of a problem about a file that is not a pipeline definition at all. */
  public static final String NOT_A_PIPELINE = "is not a pipeline definition";

  /** The largest config file accepted, in bytes. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final Pattern TOP_LEVEL_KEY =
      Pattern.compile(
          "(?m)^(\\xEF\\xBB\\xBF)?[-{ \\t]*[\"']?(version|build|environments)[\"']?[ \\t]*:");

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
    return parse(displayName(requireNonNull(file, "file")), read(file));
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
      throw new ConfigException(tooLarge(displayName, content.length));
    }
    Source source =
        new Source(displayName, StrictUtf8.decode(displayName, content, "Save the file as UTF-8."));
    Node root = YamlPreflight.compose(source, YamlPreflight.Dialect.PIPELINE_CONFIG);
    if (root == null
        || (root instanceof ScalarNode scalar && scalar.isPlain() && scalar.getValue().isEmpty())) {
      throw new ConfigException(
          new Problem(
              source.location(1, ""),
              null,
              "the file has no content (only comments or whitespace)",
              "Write the pipeline config: version: \"1.0\", a build mapping with commands and a"
                  + " list of environments."));
    }
    ProblemList problems = new ProblemList(displayName);
    ConfigData data = new ConfigData(source, root, problems);
    ConfigRules.check(source, data, problems, ConfigSchema.check(source, data, problems));
    ConfigException.throwIfAny(problems.toList());
    return ConfigRules.build(data.root());
  }

  /**
   * Reads the bytes of a config file, checking first that it is a regular file (a FIFO or device
   * would block the read forever) of at most {@link #MAX_BYTES}.
   *
   * @param file the config file
   * @return its bytes
   * @throws ConfigException naming the file when it is missing, not a regular file, unreadable or
   *     too large
   */
  public static byte[] read(Path file) {
    requireNonNull(file, "file");
    String absolute = file.toAbsolutePath().toString();
    Optional<String> notRegular = InputFile.notARegularFile(file);
    if (notRegular.isPresent()) {
      boolean missing = notRegular.get().equals("does not exist");
      throw new ConfigException(
          new Problem(
              file.toString(),
              absolute,
              notRegular.get(),
              missing
                  ? "Create the file, or pass the path of the pipeline's aphex-config.yaml."
                  : Files.isDirectory(file)
                      ? "Pass the path of the aphex-config.yaml file inside it."
                      : "Pass the path of the pipeline's aphex-config.yaml, a regular file."));
    }
    try {
      byte[] bytes = InputFile.readBounded(file, MAX_BYTES);
      if (bytes.length > MAX_BYTES) {
        throw new ConfigException(
            tooLarge(displayName(file), Math.max(bytes.length, Files.size(file))));
      }
      return bytes;
    } catch (IOException e) {
      throw new ConfigException(
          new Problem(
              file.toString(),
              absolute,
              "cannot be read (" + InputFile.reason(e) + ")",
              "Check that the file is readable by the user who runs Pulumi."));
    }
  }

  /**
   * Tells whether a file could be a pipeline definition: it is blank, or a line starts (after
   * indentation, a list dash or a brace) with one of the top-level keys. A program that reads the
   * file a stack names reports anything else, such as a credentials file, with {@link
   * #notAPipeline} instead of problems that quote its lines.
   *
   * @param content the file's bytes
   * @return false when the file is certainly not a pipeline definition
   */
  public static boolean mayBeAPipelineDefinition(byte[] content) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    return TOP_LEVEL_KEY.matcher(text).find()
        || text.lines()
            .map(String::strip)
            .allMatch(
                line ->
                    line.isEmpty()
                        || line.startsWith("#")
                        || line.equals("---")
                        || line.equals("..."));
  }

  /**
   * The problem of a file that is not a pipeline definition, which names its size and never its
   * contents.
   *
   * @param displayName the file's name
   * @param content the file's bytes
   * @return the problem
   */
  public static Problem notAPipeline(String displayName, byte[] content) {
    return new Problem(
        displayName,
        content.length + " bytes, not shown",
        NOT_A_PIPELINE
            + ": no line starts with version:, build: or environments:, so the file's"
            + " contents are not quoted here",
        "Point at the pipeline's aphex-config.yaml, which starts with version: \"1.0\".");
  }

  private static String displayName(Path file) {
    Path fileName = file.getFileName();
    return fileName == null ? file.toString() : fileName.toString();
  }

  private static Problem tooLarge(String displayName, long size) {
    return new Problem(
        displayName,
        size + " bytes",
        "is larger than the limit of 1 MiB (" + MAX_BYTES + " bytes)",
        "Check that this is the right file; a pipeline config is normally a few kilobytes.");
  }
}
