package io.aphex.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.InputFile;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StrictUtf8;
import io.aphex.pipeline.config.Suggestions;
import io.aphex.pipeline.plan.DeployTime;
import io.aphex.pipeline.program.StackConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
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

  /**
   * Namespaces of the providers and of Pulumi itself that a stack of this project uses; a namespace
   * close to the project's name that is not one of these is a typo.
   */
  private static final Set<String> PROVIDER_NAMESPACES = Set.of("aws", "kubernetes", "pulumi");

  private static final int MAX_BYTES = 1 << 20;
  private static final int MAX_ALIASES = 20;
  private static final int MAX_DEPTH = 20;

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
    List<Problem> keyProblems = new ArrayList<>();
    Map<String, String> writtenAs = new LinkedHashMap<>();
    mapping(stackYaml.get("config"), stackFile + ": config")
        .forEach(
            (key, value) -> {
              String full = fullKey(projectName, key);
              keyProblem(stackFile, projectName, key, full, writtenAs, value)
                  .ifPresent(keyProblems::add);
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
                config.put(full, DeployTime.SECRET);
              } else if (!(value == null
                  || value instanceof String
                  || value instanceof Number
                  || value instanceof Boolean
                  || value instanceof Map
                  || value instanceof List)) {
                throw single(
                    new Problem(
                        stackFile + ": " + full,
                        tagOf(value),
                        "is a YAML tag; a stack config value is plain text, a mapping or a list",
                        "remove the tag: pulumi config set " + key + " <value>"));
              } else {
                config.put(full, scalarOrJson(value));
              }
            });
    if (!keyProblems.isEmpty()) {
      throw new ConfigException(keyProblems);
    }
    Set<String> projectKeys = new LinkedHashSet<>();
    String prefix = StackConfigKeys.NAMESPACE + ":";
    config.keySet().stream()
        .filter(k -> k.startsWith(prefix))
        .forEach(k -> projectKeys.add(k.substring(prefix.length())));
    return new StackFiles(projectName, config, secrets, projectKeys);
  }

  private static String tagOf(Object value) {
    if (value instanceof byte[]) {
      return "!!binary";
    }
    if (value instanceof Set) {
      return "!!set";
    }
    return value instanceof java.util.Date ? "!!timestamp" : value.getClass().getSimpleName();
  }

  /**
   * Finds what the Pulumi CLI would silently get wrong about a key: a namespace that is a typo of
   * the project's (the setting would be ignored), or a key given both without and with the
   * project's namespace (the last would win).
   */
  private static Optional<Problem> keyProblem(
      Path stackFile,
      String projectName,
      String key,
      String full,
      Map<String, String> writtenAs,
      Object value) {
    String shown = value instanceof String || value instanceof Number ? value.toString() : "...";
    int colon = key.indexOf(':');
    if (colon > 0) {
      String namespace = key.substring(0, colon);
      String name = key.substring(colon + 1);
      if (!namespace.equals(projectName)
          && !PROVIDER_NAMESPACES.contains(namespace)
          && Suggestions.closest(namespace, List.of(projectName)).isPresent()) {
        return Optional.of(
            new Problem(
                stackFile + ": " + key,
                shown,
                "is in the namespace '"
                    + namespace
                    + "', which is neither this project's ('"
                    + projectName
                    + "') nor a provider's, so the setting would be silently ignored",
                "did you mean '"
                    + projectName
                    + ":"
                    + name
                    + "'? Run: pulumi config rm '"
                    + key
                    + "' && pulumi config set "
                    + name
                    + " <value>"));
      }
    }
    String earlier = writtenAs.putIfAbsent(full, key);
    if (earlier != null) {
      return Optional.of(
          new Problem(
              stackFile + ": " + key,
              shown,
              "is the same setting as '"
                  + earlier
                  + "' above it; the Pulumi CLI would keep only one of the two values",
              "keep one: delete one of the two lines, or run: pulumi config rm '" + key + "'"));
    }
    return Optional.empty();
  }

  private static String fullKey(String projectName, String key) {
    return key.contains(":") ? key : projectName + ":" + key;
  }

  private static Map<String, Object> load(Path file, String what) {
    Optional<String> notRegular = InputFile.notARegularFile(file);
    if (notRegular.isPresent()) {
      boolean missing = notRegular.get().equals("does not exist");
      throw single(
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
        throw single(
            new Problem(file.toString(), size + " bytes", "is larger than 1 MiB", "trim the file"));
      }
    } catch (IOException e) {
      throw single(
          new Problem(
              file.toString(),
              String.valueOf(file.getFileName()),
              "cannot be read (" + InputFile.reason(e) + ")",
              "check that the file is readable by the user who runs the render"));
    }
    String text = StrictUtf8.decode(file.toString(), bytes, "save the file as UTF-8");
    StackYamlEvents.check(file.toString(), text)
        .ifPresent(
            p -> {
              throw single(p);
            });
    Object parsed;
    Object typed;
    try {
      parsed = yaml(new TextScalars()).load(text);
      // Values inside a mapping or list keep their YAML types, as the Pulumi CLI passes them.
      typed = yaml(new Resolver()).load(text);
    } catch (DuplicateKeyException e) {
      String key = String.valueOf(e.getProblem()).replaceFirst("^found duplicate key ", "");
      throw single(
          new Problem(
              file + " line " + (e.getProblemMark().getLine() + 1),
              lineAt(text, e.getProblemMark()),
              "repeats the key " + key + " of this mapping; the Pulumi CLI refuses duplicate keys",
              "keep one of the two lines and delete the other"));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      String problem = String.valueOf(e.getProblem());
      if (e.getContextMark() != null && (mark == null || lineAt(text, mark).isEmpty())) {
        mark = e.getContextMark();
        problem = e.getContext() + ", " + problem;
      }
      throw single(
          new Problem(
              file + " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1),
              lineAt(text, mark),
              "is not valid YAML: " + problem,
              "correct the YAML syntax here; check the indentation, the quotes and the brackets"));
    } catch (YAMLException e) {
      throw single(limitProblem(file, text, e));
    } catch (IllegalArgumentException e) {
      // SnakeYAML decodes an explicit !!binary value while constructing it, and throws this
      // (not a YAMLException) when the text is no Base64.
      throw single(
          new Problem(
              file.toString(),
              String.valueOf(e.getMessage()),
              "was reported while decoding a value with an explicit YAML tag such as !!binary; a"
                  + " stack config value is plain text, a mapping or a list",
              "remove the tag and write the value as text: pulumi config set <key> <value>"));
    }
    if (parsed == null) {
      return Map.of();
    }
    Map<String, Object> values = mapping(parsed, file.toString());
    if (typed instanceof Map<?, ?> typedMap
        && typedMap.get("config") instanceof Map<?, ?> typedConfig
        && values.get("config") instanceof Map<?, ?> textConfig) {
      Map<Object, Object> merged = new LinkedHashMap<>();
      textConfig.forEach(
          (key, value) ->
              merged.put(
                  key,
                  value instanceof Map || value instanceof List ? typedConfig.get(key) : value));
      Map<String, Object> out = new LinkedHashMap<>(values);
      out.put("config", merged);
      return out;
    }
    return values;
  }

  private static Yaml yaml(Resolver resolver) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setAllowDuplicateKeys(false);
    return new Yaml(
        new SafeConstructor(options),
        new Representer(new DumperOptions()),
        new DumperOptions(),
        options,
        resolver);
  }

  /**
   * Finds where a file breaks a limit of the YAML loader (aliases of lists and mappings, nesting),
   * which the loader reports without a line.
   */
  private static Problem limitProblem(Path file, String text, YAMLException e) {
    Set<String> collectionAnchors = new HashSet<>();
    int aliases = 0;
    int depth = 0;
    try {
      Parser parser = new ParserImpl(new StreamReader(text), new LoaderOptions());
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        Event event = parser.getEvent();
        if (event instanceof CollectionStartEvent start) {
          if (start.getAnchor() != null) {
            collectionAnchors.add(start.getAnchor());
          }
          if (++depth > MAX_DEPTH) {
            return new Problem(
                file + " line " + (event.getStartMark().getLine() + 1),
                lineAt(text, event.getStartMark()),
                "is nested more than " + MAX_DEPTH + " lists or mappings deep",
                "remove the extra nesting");
          }
        } else if (event instanceof CollectionEndEvent) {
          depth--;
        } else if (event instanceof AliasEvent alias
            && collectionAnchors.contains(alias.getAnchor())
            && ++aliases > MAX_ALIASES) {
          return new Problem(
              file + " line " + (event.getStartMark().getLine() + 1),
              "*" + alias.getAnchor(),
              "is alias number "
                  + aliases
                  + " of a list or mapping; at most "
                  + MAX_ALIASES
                  + " are read, because each can expand the file many times over (an alias bomb)",
              "write the values out in full instead of reusing them with '&' and '*'");
        }
      }
    } catch (YAMLException ignored) {
      // Fall through to the loader's own message.
    }
    return new Problem(
        file.toString(),
        String.valueOf(e.getMessage()),
        "was reported while reading the file as YAML",
        "correct the file");
  }

  /** The line of a mark, without its indentation. */
  private static String lineAt(String text, Mark mark) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    return mark.getLine() < lines.length ? lines[mark.getLine()].strip() : "";
  }

  private static ConfigException single(Problem problem) {
    return new ConfigException(List.of(problem));
  }

  private static Map<String, Object> mapping(Object node, String where) {
    if (node == null) {
      return Map.of();
    }
    if (!(node instanceof Map<?, ?> map)) {
      throw single(
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
