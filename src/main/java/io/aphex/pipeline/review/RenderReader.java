package io.aphex.pipeline.review;

import static com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.config.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a {@link PipelineView} back from what a render produced: the Kubernetes objects of {@code
 * manifests.yaml} and the resources and outputs of {@code plan.json}. It reads the objects that run
 * (the WorkflowTemplate's {@code main} DAG and the targets ConfigMap its stages read), never the
 * config they came from, so the view cannot disagree with the template, and a render made by an
 * earlier version of {@code ./aphex} reads the same way.
 */
public final class RenderReader {

  /**
   * The largest render file read back: a render of 1,000 environments writes about 1.5 MB of {@code
   * plan.json}; the bound leaves room for any pipeline and refuses what is no render.
   */
  static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

  private static final String APPROVAL_TEMPLATE = "approve";
  private static final String APPROVAL_PREFIX = APPROVAL_TEMPLATE + "-";

  /** The JSON mapper of the package. */
  static final ObjectMapper JSON = new ObjectMapper();

  private static final String TARGETS_COMPONENT = "pipeline-targets";

  private RenderReader() {}

  /**
   * Reads the render in a directory, without writing anything.
   *
   * @param dir a directory written by {@code ./aphex render}
   * @return the view
   * @throws UnreadableRenderException naming the directory or file when it is missing, not a render
   *     or unparsable
   */
  public static PipelineView read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UnreadableRenderException(
          Files.exists(dir)
              ? dir + " is a file, not a render directory"
              : "%s does not exist; render the earlier version there first (./aphex render --out %s)"
                  .formatted(dir, dir));
    }
    Path manifests = dir.resolve("manifests.yaml");
    Path plan = dir.resolve("plan.json");
    String manifestsText = readRenderFile(dir, manifests);
    String planText = readRenderFile(dir, plan);
    try {
      return read(parseManifests(manifests, manifestsText), parsePlan(plan, planText));
    } catch (UnreadableRenderException e) {
      throw new UnreadableRenderException(dir + ": " + e.getMessage());
    }
  }

  /**
   * Reads one file of an earlier render with the checks every input file gets: it must be a regular
   * file (a FIFO would make the diff wait forever) and at most {@value #MAX_FILE_BYTES} bytes.
   */
  private static String readRenderFile(Path dir, Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new UnreadableRenderException(
          dir + " is not a render of ./aphex render: it has no " + file.getFileName());
    }
    InputFile.notARegularFile(file)
        .ifPresent(
            rule -> {
              throw new UnreadableRenderException(file + " " + rule);
            });
    try {
      byte[] bytes = InputFile.readBounded(file, MAX_FILE_BYTES);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new UnreadableRenderException(
            file + " is larger than " + MAX_FILE_BYTES + " bytes, which no render writes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnreadableRenderException("cannot read " + file + " (" + InputFile.reason(e) + ")");
    }
  }

  /**
   * Parses {@code manifests.yaml}.
   *
   * @param file the file, for messages
   * @param text its content
   * @return the objects, in file order
   * @throws UnreadableRenderException when it is not YAML documents of Kubernetes objects
   */
  public static List<Map<String, Object>> parseManifests(Path file, String text) {
    List<Map<String, Object>> objects = new ArrayList<>();
    try {
      for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
        if (document == null) {
          continue;
        }
        if (!(document instanceof Map<?, ?> map) || !map.containsKey("kind")) {
          throw new UnreadableRenderException(
              file + " holds a document that is no Kubernetes object");
        }
        objects.add(map(map));
      }
    } catch (UnreadableRenderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UnreadableRenderException(
          file + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    return objects;
  }

  /**
   * Parses {@code plan.json}.
   *
   * @param file the file, for messages
   * @param text its content
   * @return the plan: {@code resources} and {@code outputs}
   * @throws UnreadableRenderException when it is not a JSON object
   */
  public static Map<String, Object> parsePlan(Path file, String text) {
    try {
      return JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new UnreadableRenderException(
          file + " is not a JSON object: " + firstLine(e.getOriginalMessage()));
    }
  }

  /**
   * Reads the view from parsed render files.
   *
   * @param objects the Kubernetes objects ({@code manifests.yaml})
   * @param plan the plan ({@code plan.json}); an empty map gives a view without permissions
   * @return the view
   * @throws UnreadableRenderException when there is not exactly one WorkflowTemplate with a DAG, or
   *     its targets ConfigMap is missing or incomplete
   */
  public static PipelineView read(List<Map<String, Object>> objects, Map<String, Object> plan) {
    List<Map<String, Object>> templates =
        objects.stream().filter(o -> "WorkflowTemplate".equals(o.get("kind"))).toList();
    if (templates.size() != 1) {
      throw new UnreadableRenderException(
          "holds " + templates.size() + " WorkflowTemplates; a pipeline render holds exactly one");
    }
    Map<String, Object> template = templates.get(0);
    String name = string(map(template.get("metadata")).get("name"));
    Map<String, Object> spec = map(template.get("spec"));
    List<Map<String, Object>> specTemplates = maps(spec.get("templates"));
    String entrypoint = string(spec.get("entrypoint"));
    Map<String, Object> dag =
        specTemplates.stream()
            .filter(t -> entrypoint.equals(t.get("name")) && t.get("dag") != null)
            .map(t -> map(t.get("dag")))
            .findFirst()
            .orElseThrow(
                () ->
                    new UnreadableRenderException(
                        "WorkflowTemplate %s has no DAG entrypoint '%s'"
                            .formatted(name, entrypoint)));
    List<PipelineView.Task> tasks = new ArrayList<>();
    for (Map<String, Object> task : maps(dag.get("tasks"))) {
      tasks.add(
          new PipelineView.Task(
              string(task.get("name")),
              string(task.get("template")),
              environmentArgument(task),
              strings(task.get("dependencies"))));
    }
    Map<String, String> images = new LinkedHashMap<>();
    for (Map<String, Object> t : specTemplates) {
      for (String holder : List.of("container", "script")) {
        Object image = map(t.get(holder)).get("image");
        if (image != null) {
          images.put(string(t.get("name")), string(image));
        }
      }
    }
    return new PipelineView(
        name,
        List.copyOf(tasks),
        environments(name, targets(objects, name), tasks),
        Collections.unmodifiableMap(images),
        Permissions.of(objects, plan));
  }

  private static Map<String, String> targets(List<Map<String, Object>> objects, String template) {
    List<Map<String, Object>> found =
        objects.stream()
            .filter(o -> "ConfigMap".equals(o.get("kind")))
            .filter(
                o -> {
                  Map<String, Object> metadata = map(o.get("metadata"));
                  return TARGETS_COMPONENT.equals(
                          map(metadata.get("labels")).get("app.kubernetes.io/component"))
                      && string(metadata.get("name")).startsWith(template + "-targets-");
                })
            .toList();
    if (found.size() != 1) {
      throw new UnreadableRenderException(
          "holds %d targets ConfigMaps of WorkflowTemplate %s (%s-targets-<hash>); expected exactly one"
              .formatted(found.size(), template, template));
    }
    Map<String, String> data = new LinkedHashMap<>();
    map(found.get(0).get("data")).forEach((k, v) -> data.put(k, string(v)));
    return data;
  }

  private static List<PipelineView.Environment> environments(
      String template, Map<String, String> data, List<PipelineView.Task> tasks) {
    String listed = required(data, template, "environments");
    Map<String, String> environmentOfTask = new LinkedHashMap<>();
    // Each environment's tasks in DAG order, grouped once: looking them up per environment made a
    // render of 1,000 environments quadratic.
    Map<String, List<PipelineView.Task>> tasksOf = new LinkedHashMap<>();
    for (PipelineView.Task t : tasks) {
      t.environment()
          .ifPresent(
              e -> {
                environmentOfTask.put(t.name(), e);
                tasksOf.computeIfAbsent(e, k -> new ArrayList<>()).add(t);
              });
    }
    List<PipelineView.Environment> environments = new ArrayList<>();
    for (String name : listed.split(" ")) {
      if (name.isEmpty()) {
        continue;
      }
      List<PipelineView.Task> own = tasksOf.getOrDefault(name, List.of());
      // What the environment runs after: the other environments its tasks wait for (the first of
      // them may be the deploy, the approval gate or the report before it).
      List<String> after = new ArrayList<>();
      own.stream()
          .flatMap(t -> t.dependencies().stream())
          .map(environmentOfTask::get)
          .filter(e -> e != null && !e.equals(name) && !after.contains(e))
          .forEach(after::add);
      environments.add(
          new PipelineView.Environment(
              name,
              required(data, template, name + ".region"),
              required(data, template, name + ".account"),
              Optional.ofNullable(data.get(name + ".deploy-role")),
              required(data, template, name + ".check-role"),
              own.stream().anyMatch(t -> t.template().equals(APPROVAL_TEMPLATE)),
              List.copyOf(after),
              json(data, template, name + ".stacks", new TypeReference<>() {}),
              data.containsKey(name + ".tests")
                  ? json(data, template, name + ".tests", new TypeReference<>() {})
                  : List.of()));
    }
    return List.copyOf(environments);
  }

  /** Binds a JSON value of the targets ConfigMap; keys a later render adds are ignored. */
  private static <T> T json(
      Map<String, String> data, String template, String key, TypeReference<T> type) {
    try {
      return JSON.readerFor(type)
          .without(FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(required(data, template, key));
    } catch (JsonProcessingException e) {
      throw new UnreadableRenderException(
          "the targets ConfigMap of " + template + " has an unreadable " + key);
    }
  }

  private static String required(Map<String, String> data, String template, String key) {
    String value = data.get(key);
    if (value == null) {
      throw new UnreadableRenderException(
          "the targets ConfigMap of " + template + " has no key '" + key + "'");
    }
    return value;
  }

  /**
   * The environment a task works on: its {@code environment} argument, or for an approval gate,
   * whose only input is the approver (so that the Argo UI can resume it), its name {@code
   * approve-<environment>}.
   */
  private static Optional<String> environmentArgument(Map<String, Object> task) {
    for (Map<String, Object> parameter : maps(map(task.get("arguments")).get("parameters"))) {
      if ("environment".equals(parameter.get("name"))) {
        return Optional.of(string(parameter.get("value")));
      }
    }
    String name = string(task.get("name"));
    if (APPROVAL_TEMPLATE.equals(task.get("template")) && name.startsWith(APPROVAL_PREFIX)) {
      return Optional.of(name.substring(APPROVAL_PREFIX.length()));
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static List<Map<String, Object>> maps(Object value) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> out.add(map(item)));
    }
    return out;
  }

  static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> out.add(string(item)));
    }
    return out;
  }

  static String string(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.split("\n", 2)[0];
  }
}
