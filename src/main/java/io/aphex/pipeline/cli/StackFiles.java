package io.aphex.pipeline.cli;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.InputFile;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StrictUtf8;
import io.aphex.pipeline.config.YamlPreflight;
import io.aphex.pipeline.plan.DeployTime;
import io.aphex.pipeline.program.StackConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The stack config as the Pulumi CLI would hand it to the program: the project's declared defaults
 * from {@code Pulumi.yaml}, overridden by {@code Pulumi.<stack>.yaml}.
 *
 * @param projectName the project name from {@code Pulumi.yaml}
 * @param config full keys ({@code namespace:key}) to string values; objects and lists as JSON
 * @param secretKeys the full keys whose values are encrypted ({@code secure:}) and so unknown
 *     offline
 * @param projectKeys the keys of the {@code aphex-pipeline} namespace, without the namespace, and
 *     those of a misspelled namespace whole ({@link StackConfigKeys#projectKeys})
 */
record StackFiles(
    String projectName,
    Map<String, String> config,
    Set<String> secretKeys,
    Set<String> projectKeys) {

  private static final int MAX_BYTES = 1 << 20;

  /**
   * Reads both files from the project directory.
   *
   * @param projectDir the directory of {@code Pulumi.yaml}
   * @param stack the stack name
   * @return the stack config
   * @throws ConfigException naming the file, when a file is missing or malformed
   */
  static StackFiles read(Path projectDir, String stack) {
    Path projectFile = projectDir.resolve("Pulumi.yaml");
    Path stackFile = projectDir.resolve("Pulumi." + stack + ".yaml");
    Map<String, Object> project =
        load(projectFile, "the Pulumi project file (run from the project directory or pass --cwd)");
    Map<String, Object> stackYaml =
        load(stackFile, "the stack file (create it with 'pulumi stack init " + stack + "')");
    Object name = project.get("name");
    if (!(name instanceof String projectName) || projectName.isBlank()) {
      throw new ConfigException(
          new Problem(
              projectFile + ": name",
              String.valueOf(name),
              "is not a project name",
              "set 'name: aphex-pipeline'"));
    }
    Map<String, String> config = new TreeMap<>();
    Set<String> secrets = new LinkedHashSet<>();
    mapping(project.get("config"), projectFile + ": config")
        .forEach(
            (key, declaration) -> {
              if (declaration instanceof Map<?, ?> d && d.containsKey("default")) {
                config.put(fullKey(projectName, key), scalarOrJson(d.get("default")));
              }
            });
    List<Problem> keyProblems = new ArrayList<>();
    Map<String, String> writtenAs = new LinkedHashMap<>();
    mapping(stackYaml.get("config"), stackFile + ": config")
        .forEach(
            (key, value) -> {
              String full = fullKey(projectName, key);
              // A key given both without and with the project's namespace: the Pulumi CLI would
              // silently keep the last. A namespace that is a typo of the project's is
              // StackConfigReader's to report, as for a stack run by the Pulumi CLI.
              String earlier = writtenAs.putIfAbsent(full, key);
              if (earlier != null) {
                keyProblems.add(
                    new Problem(
                        stackFile + ": " + key,
                        value instanceof String || value instanceof Number
                            ? value.toString()
                            : "...",
                        "is the same setting as '"
                            + earlier
                            + "' above it; the Pulumi CLI would keep only one of the two values",
                        "keep one: delete one of the two lines, or run: pulumi config rm '"
                            + key
                            + "'"));
              }
              if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("secure")) {
                if (full.startsWith(StackConfigKeys.NAMESPACE + ":")) {
                  throw new ConfigException(
                      new Problem(
                          stackFile + ": " + full,
                          "secure: ...",
                          "is encrypted, which the offline render cannot decrypt; no aphex-pipeline"
                              + " setting is a secret (the GitHub token and the webhook secret are"
                              + " read from AWS Secrets Manager)",
                          "store it as plain text: pulumi config set " + key + " <value>"));
                }
                secrets.add(full);
                config.put(full, DeployTime.SECRET);
              } else {
                config.put(full, scalarOrJson(value));
              }
            });
    ConfigException.throwIfAny(keyProblems);
    return new StackFiles(
        projectName, config, secrets, StackConfigKeys.projectKeys(config.keySet()));
  }

  private static String fullKey(String projectName, String key) {
    return key.contains(":") ? key : projectName + ":" + key;
  }

  private static Map<String, Object> load(Path file, String what) {
    Optional<String> notRegular = InputFile.notARegularFile(file);
    if (notRegular.isPresent()) {
      boolean missing = notRegular.get().equals("does not exist");
      throw new ConfigException(
          new Problem(
              file.toString(),
              missing ? null : String.valueOf(file.getFileName()),
              missing ? "does not exist; it is " + what : notRegular.get() + "; it must be " + what,
              missing ? "check --cwd and --stack" : "replace it with a regular file"));
    }
    byte[] bytes;
    try {
      bytes = InputFile.readBounded(file, MAX_BYTES);
      if (bytes.length > MAX_BYTES) {
        long size = Math.max(bytes.length, Files.size(file));
        throw new ConfigException(
            new Problem(file.toString(), size + " bytes", "is larger than 1 MiB", "trim the file"));
      }
    } catch (IOException e) {
      throw new ConfigException(
          new Problem(
              file.toString(),
              String.valueOf(file.getFileName()),
              "cannot be read (" + InputFile.reason(e) + ")",
              "check that the file is readable by the user who runs the render"));
    }
    String text = StrictUtf8.decode(file.toString(), bytes, "save the file as UTF-8");
    Node root = YamlPreflight.compose(file.toString(), text, YamlPreflight.Dialect.PULUMI_FILE);
    try {
      return root instanceof MappingNode top
          ? texts(top, true)
          : mapping(value(root), file.toString());
    } catch (MarkedYAMLException e) {
      // Left to the constructor: keys that are equal only as values (1 and 01), a merge of a
      // scalar.
      Mark mark = e.getProblemMark();
      throw new ConfigException(
          new Problem(
              file + " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1),
              lineAt(text, mark),
              "cannot be read as YAML values: " + e.getProblem(),
              "correct the value here; keep one of two equal keys, merge ('<<') only mappings"));
    }
  }

  /**
   * The entries of a mapping: a scalar stays the text the user wrote, as the Pulumi CLI reads it
   * (only null is typed); a list or mapping keeps the YAML types of its values. At the top, the
   * {@code config} mapping is read the same way.
   */
  private static Map<String, Object> texts(MappingNode node, boolean top) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (NodeTuple tuple : node.getValue()) {
      String key = String.valueOf(value(tuple.getKeyNode()));
      Node value = tuple.getValueNode();
      boolean config = top && key.equals("config") && value instanceof MappingNode;
      out.put(key, config ? texts((MappingNode) value, false) : value(value));
    }
    return out;
  }

  @Nullable
  private static Object value(@Nullable Node node) {
    if (node == null || node.getTag().equals(Tag.NULL)) {
      return null;
    }
    return node instanceof ScalarNode scalar ? scalar.getValue() : new Values().of(node);
  }

  /** Constructs lists, mappings and YAML 1.1 scalars from nodes the pre-flight has checked. */
  private static final class Values extends SafeConstructor {
    Values() {
      super(YamlPreflight.loaderOptions());
      setAllowDuplicateKeys(false); // not taken from the options, unlike in Yaml's constructor
    }

    Object of(Node node) {
      return constructDocument(node);
    }
  }

  /** The line of a mark, without its indentation. */
  private static String lineAt(String text, Mark mark) {
    return text.lines().skip(mark.getLine()).findFirst().map(String::strip).orElse("");
  }

  private static Map<String, Object> mapping(Object node, String where) {
    if (node == null) {
      return Map.of();
    }
    if (!(node instanceof Map<?, ?> map)) {
      throw new ConfigException(
          new Problem(
              where,
              scalarOrJson(node),
              "is " + (node instanceof List ? "a list" : "a single value") + ", not a mapping",
              "write it as 'key: value' lines"));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static String scalarOrJson(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof Map || value instanceof List
        ? RenderFiles.json(RenderFiles.JSON.writer(), value)
        : String.valueOf(value);
  }
}
