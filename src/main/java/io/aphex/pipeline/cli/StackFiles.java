package io.aphex.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.program.StackConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The stack config as the Pulumi CLI would hand it to the program: the project's declared defaults
 * from {@code Pulumi.yaml}, overridden by {@code Pulumi.<stack>.yaml}.
 *
 * @param projectName the project name from {@code Pulumi.yaml}
 * @param config full keys ({@code namespace:key}) to string values; objects and lists as JSON
 * @param secretKeys the full keys whose values are encrypted ({@code secure:}) and so unknown
 *     offline
 * @param projectKeys the keys of the {@code aphex-pipeline} namespace, without the namespace
 */
record StackFiles(
    String projectName,
    Map<String, String> config,
    Set<String> secretKeys,
    Set<String> projectKeys) {

  private static final ObjectMapper JSON = new ObjectMapper();
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
          List.of(
              new Problem(
                  projectFile + ": name",
                  String.valueOf(name),
                  "is not a project name",
                  "set 'name: aphex-pipeline'")));
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
    mapping(stackYaml.get("config"), stackFile + ": config")
        .forEach(
            (key, value) -> {
              String full = fullKey(projectName, key);
              if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("secure")) {
                if (full.startsWith(StackConfigKeys.NAMESPACE + ":")) {
                  throw new ConfigException(
                      List.of(
                          new Problem(
                              stackFile + ": " + full,
                              "secure: ...",
                              "is encrypted, which the offline render cannot decrypt; no"
                                  + " aphex-pipeline setting is a secret (the GitHub token and the"
                                  + " webhook secret are read from AWS Secrets Manager)",
                              "store it as plain text: pulumi config set " + key + " <value>")));
                }
                secrets.add(full);
                config.put(full, RecordingMonitor.SECRET);
              } else {
                config.put(full, scalarOrJson(value));
              }
            });
    Set<String> projectKeys = new LinkedHashSet<>();
    String prefix = StackConfigKeys.NAMESPACE + ":";
    config.keySet().stream()
        .filter(k -> k.startsWith(prefix))
        .forEach(k -> projectKeys.add(k.substring(prefix.length())));
    return new StackFiles(projectName, config, secrets, projectKeys);
  }

  private static String fullKey(String projectName, String key) {
    return key.contains(":") ? key : projectName + ":" + key;
  }

  private static Map<String, Object> load(Path file, String what) {
    List<Problem> problems = new ArrayList<>();
    try {
      if (!Files.isRegularFile(file)) {
        problems.add(
            new Problem(
                file.toString(), null, "does not exist; it is " + what, "check --cwd and --stack"));
      } else if (Files.size(file) > MAX_BYTES) {
        problems.add(
            new Problem(
                file.toString(),
                Files.size(file) + " bytes",
                "is larger than 1 MiB",
                "trim the file"));
      } else {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        Object parsed =
            new Yaml(
                    new SafeConstructor(options),
                    new Representer(new DumperOptions()),
                    new DumperOptions(),
                    options,
                    new TextScalars())
                .load(Files.readString(file));
        if (parsed == null) {
          return Map.of();
        }
        return mapping(parsed, file.toString());
      }
    } catch (ConfigException e) {
      throw e;
    } catch (MarkedYAMLException e) {
      problems.add(
          new Problem(
              file + " line " + (e.getProblemMark().getLine() + 1),
              null,
              "is not valid YAML (" + e.getProblem() + ")",
              "correct the YAML syntax at that line"));
    } catch (IOException | RuntimeException e) {
      problems.add(
          new Problem(
              file.toString(), null, "cannot be read (" + e.getMessage() + ")", "check the file"));
    }
    throw new ConfigException(problems);
  }

  private static Map<String, Object> mapping(Object node, String where) {
    if (node == null) {
      return Map.of();
    }
    if (!(node instanceof Map<?, ?> map)) {
      throw new ConfigException(
          List.of(
              new Problem(
                  where,
                  String.valueOf(node),
                  "is not a mapping",
                  "write it as 'key: value' lines")));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /**
   * Plain scalars stay the text the user wrote, as the Pulumi CLI reads them; only null is typed.
   */
  private static final class TextScalars extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }

  private static String scalarOrJson(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map || value instanceof List) {
      try {
        return JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.valueOf(value);
  }
}
