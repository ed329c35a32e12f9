package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.WorkflowTemplateView.arguments;
import static io.aphex.pipeline.argo.WorkflowTemplateView.cast;
import static io.aphex.pipeline.argo.WorkflowTemplateView.container;
import static io.aphex.pipeline.argo.WorkflowTemplateView.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one DAG task of a generated WorkflowTemplate the way Argo and Kubernetes would, but locally:
 * it resolves the task's arguments and the template's env vars (one pass of Argo's <code>
 * {{...}}</code> substitution), applies the kubelet's expansion of {@code $(NAME)} and {@code $$}
 * to env values, command and args, then runs the container command with bash. {@code git}, {@code
 * aws}, {@code npx}, {@code npm} and {@code pulumi} are stubs that append their argv to {@link
 * #calls()}; {@code jq}, {@code base64} and coreutils are real. Apart from the copy that {@code git
 * clone} makes, the stubs run on bash builtins: a jq, awk or coreutils start in a stub costs more
 * than the stub's work (jq 1.6 takes 20-30 ms of CPU to start), and the stages call stubs often.
 */
final class StageSandbox {

  static final String COMMIT_SHA = "0123456789abcdef0123456789abcdef01234567";
  static final String REPO_URL = "https://github.com/my-org/my-repo.git";
  static final String WORKFLOW_NAME = "aphex-pipeline-x7k2p";
  static final String NAMESPACE = "argo";
  static final String PUSHER = "octocat";

  /**
   * Runs a template that no DAG task names, such as the exit handler: {@code run(view,
   * "template:cleanup-targets", ...)}.
   */
  static final String TEMPLATE_PREFIX = "template:";

  private static final Pattern EXPRESSION = Pattern.compile("\\{\\{([^{}]*)}}");

  // One write per call, so that stubs running in parallel never interleave their lines.
  private static final String RECORD =
      "#!/bin/bash\nset -euo pipefail\n"
          + "line=\"${0##*/}\"\n"
          + "for arg in \"$@\"; do line+=\" [$arg]\"; done\n"
          + "[[ -z \"${STUB_SHOW_PROFILE:-}\" ]] || line+=\" profile=${AWS_PROFILE:-none}\"\n"
          + "printf '%s\\n' \"$line\" >>\"$STUB_LOG\"\n";

  private static final String GIT =
      RECORD
          + "if [[ \"$1\" == clone ]]; then\n"
          + "  mkdir -p \"$3\"\n"
          + "  cp -R \"$STUB_REPO/.\" \"$3/\"\n"
          + "fi\n";

  /**
   * {@code aws sts get-caller-identity} answers with the account of the profile's {@code role_arn}
   * in {@code AWS_CONFIG_FILE}, or {@code STUB_STS_ACCOUNT}; it is denied for the profile named in
   * {@code STUB_STS_DENY}.
   */
  private static final String AWS =
      RECORD
          + "if [[ \"$1 $2\" == 'sts get-caller-identity' ]]; then\n"
          + "  if [[ \"${AWS_PROFILE:-}\" == \"${STUB_STS_DENY:-}\" ]]; then\n"
          + "    echo 'An error occurred (AccessDenied) when calling the AssumeRole operation' >&2\n"
          + "    exit 254\n"
          + "  fi\n"
          + "  role='' section=''\n"
          + "  while read -r key equals value; do\n"
          + "    if [[ \"$key\" == '['* ]]; then section=\"$key $equals\"; continue; fi\n"
          + "    if [[ \"$section\" == \"[profile ${AWS_PROFILE:-}]\" && \"$key\" == role_arn ]]; then role=\"$value\"; fi\n"
          + "  done <\"${AWS_CONFIG_FILE:-/dev/null}\"\n"
          + "  IFS=: read -r _ _ _ _ account _ <<<\"${role:-arn:aws:iam::000000000000:role/pod}\"\n"
          + "  printf '%s\\n' \"${STUB_STS_ACCOUNT:-$account}\"\n"
          + "fi\n"
          + "if [[ \"$1 $2\" == 's3 ls' ]]; then\n"
          + "  [[ -z \"${STUB_S3_LS_STATUS:-}\" ]] || exit \"$STUB_S3_LS_STATUS\"\n"
          + "  [[ -n \"${STUB_S3_LISTING:-}\" ]] || exit 1\n"
          + "  printf '%s\\n' \"$STUB_S3_LISTING\"\n"
          + "fi\n";

  private static final String NPX =
      RECORD
          + "shift 2\n"
          + "stacks=()\n"
          + "while (($#)) && [[ \"$1\" != --* ]]; do stacks+=(\"$1\"); shift; done\n"
          + "for stack in \"${stacks[@]}\"; do\n"
          + "  if [[ \"$stack\" == \"${STUB_FAIL_STACK:-}\" ]]; then\n"
          + "    echo \"stub: deploy of $stack failed\" >&2\n"
          + "    exit 3\n"
          + "  fi\n"
          + "done\n"
          + "outputs=''\n"
          + "while (($#)); do\n"
          + "  if [[ \"$1\" == --outputs-file ]]; then outputs=\"$2\"; fi\n"
          + "  shift\n"
          + "done\n"
          + "# Appends $1 to json as a JSON string, as jq -c writes it.\n"
          + "add_string() {\n"
          + "  local s=${1//\\\\/\\\\\\\\}\n"
          + "  s=${s//\\\"/\\\\\\\"}\n"
          + "  s=${s//$'\\n'/\\\\n}\n"
          + "  json+=\"\\\"$s\\\"\"\n"
          + "}\n"
          + "json=''\n"
          + "for stack in \"${stacks[@]}\"; do\n"
          + "  [[ -z \"$json\" ]] || json+=','\n"
          + "  add_string \"$stack\"\n"
          + "  json+=':{\"Url\":'\n"
          + "  add_string \"https://$stack.example\"\n"
          + "  json+=',\"Token\":'\n"
          + "  add_string 'p$$w$(AWS_REGION)'\n"
          + "  if [[ -n \"${STUB_OUTPUT_NOTE:-}\" ]]; then\n"
          + "    json+=',\"Note\":'\n"
          + "    add_string \"$STUB_OUTPUT_NOTE\"\n"
          + "  fi\n"
          + "  json+='}'\n"
          + "done\n"
          + "printf '{%s}' \"$json\" >\"$outputs\"\n";

  private static final String PULUMI =
      "#!/bin/bash\nset -euo pipefail\n"
          + "line=pulumi\n"
          + "for arg in \"$@\"; do line+=\" [$arg]\"; done\n"
          + "line+=\" cwd=$PWD backend=${PULUMI_BACKEND_URL:-} token=${PULUMI_ACCESS_TOKEN:-}\"\n"
          + "[[ -z \"${STUB_SHOW_PROFILE:-}\" ]] || line+=\" profile=${AWS_PROFILE:-none}\"\n"
          + "printf '%s\\n' \"$line\" >>\"$STUB_LOG\"\n"
          + "if [[ \"$1\" == up && \"${5:-}\" == \"${STUB_FAIL_STACK:-}\" ]]; then\n"
          + "  echo \"stub: pulumi up of $5 failed\" >&2\n"
          + "  exit 4\n"
          + "fi\n"
          + "if [[ \"$1 ${2:-}\" == 'stack output' ]]; then\n"
          + "  printf '{\"url\":\"https://%s.example\",\"dbPassword\":\"[secret]\"}\\n' \"$5\"\n"
          + "fi\n";

  /**
   * {@code curl} as the stage scripts call it: it reads its config (the secret header or URL) from
   * stdin into {@code curl-config.log}, logs one line {@code curl <METHOD> <url> <data>} and the
   * whole argv into {@code curl-argv.log}, and answers like GitHub: {@code STUB_GITHUB_POST_FILE}
   * (HTTP {@code STUB_GITHUB_POST_CODE}, default 201) for a POST, {@code STUB_GITHUB_GET_FILE}
   * (HTTP 200) for a GET. With {@code STUB_CURL_EXIT} it fails like an unreachable host.
   */
  private static final String CURL =
      "#!/bin/bash\nset -euo pipefail\n"
          + "config=\"$(</dev/stdin)\"\n"
          + "argv=curl\n"
          + "for arg in \"$@\"; do argv+=\" [$arg]\"; done\n"
          + "printf '%s\\n' \"$argv\" >>\"$STUB_LOG.curl-argv\"\n"
          + "printf '%s\\n' \"$config\" >>\"$STUB_LOG.curl-config\"\n"
          + "method=GET output=/dev/null writeout='' data='' url='' fail=false\n"
          + "while (($#)); do\n"
          + "  case \"$1\" in\n"
          + "    --request) method=\"$2\"; shift ;;\n"
          + "    --output) output=\"$2\"; shift ;;\n"
          + "    --write-out) writeout=\"$2\"; shift ;;\n"
          + "    --data) data=\"$2\"; [[ \"$method\" != GET ]] || method=POST; shift ;;\n"
          + "    --header|--config|--max-time|--retry) shift ;;\n"
          + "    --fail) fail=true ;;\n"
          + "    --*) ;;\n"
          + "    *) url=\"$1\" ;;\n"
          + "  esac\n"
          + "  shift\n"
          + "done\n"
          + "if [[ -z \"$url\" && \"$config\" =~ ^url\\ =\\ \\\"(.*)\\\"$ ]]; then url=\"${BASH_REMATCH[1]}\"; fi\n"
          + "printf 'curl %s %s %s\\n' \"$method\" \"$url\" \"$data\" >>\"$STUB_LOG\"\n"
          + "if [[ -n \"${STUB_CURL_EXIT:-}\" ]]; then\n"
          + "  printf '%s' \"${writeout:+000}\"\n"
          + "  echo \"curl: ($STUB_CURL_EXIT) Could not resolve host\" >&2\n"
          + "  exit \"$STUB_CURL_EXIT\"\n"
          + "fi\n"
          + "if [[ \"$method\" == GET ]]; then code=\"${STUB_GITHUB_GET_CODE:-200}\" file=\"${STUB_GITHUB_GET_FILE:-/dev/null}\"\n"
          + "else code=\"${STUB_GITHUB_POST_CODE:-201}\" file=\"${STUB_GITHUB_POST_FILE:-/dev/null}\"; fi\n"
          + "IFS= read -rd '' body <\"$file\" || true\n"
          + "printf '%s' \"$body\" >\"$output\"\n"
          + "[[ -z \"$writeout\" ]] || printf '%s' \"$code\"\n"
          + "if [[ \"$fail\" == true ]] && ((code >= 400)); then\n"
          + "  echo \"curl: (22) The requested URL returned error: $code\" >&2\n"
          + "  exit 22\n"
          + "fi\n";

  private final Path root;
  private final Map<String, String> extraEnv = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> configMaps = new HashMap<>();

  /**
   * Creates the sandbox: stub executables in {@code bin/}, an empty repository in {@code repo/}
   * that {@code git clone} copies to {@code workspace/}, and {@code out/} for stage outputs.
   */
  StageSandbox(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(bin());
    Files.createDirectories(repo());
    stub("git", GIT);
    stub("aws", AWS);
    stub("npx", NPX);
    stub("npm", RECORD);
    stub("pulumi", PULUMI);
    stub("curl", CURL);
    Files.writeString(repo().resolve("cdk.json"), "{\"app\": \"npx ts-node bin/app.ts\"}");
  }

  /**
   * Provides the targets ConfigMap of a config rendered with {@link
   * WorkflowTemplateFixtures#settings()}: to {@code configMapKeyRef}s, and as files in {@code
   * targets/}, where {@code validate} finds them as it would at its volume mount.
   */
  StageSandbox withTargets(io.aphex.pipeline.config.PipelineConfig config) throws IOException {
    Map<String, String> data = PipelineTargets.data(config);
    configMaps.put(PipelineTargets.configMapName("aphex-pipeline-template", config), data);
    Path mount = root.resolve("targets");
    Files.createDirectories(mount);
    for (Map.Entry<String, String> key : data.entrySet()) {
      Files.writeString(mount.resolve(key.getKey()), key.getValue(), StandardCharsets.UTF_8);
    }
    return withEnv("APHEX_TARGETS_DIR", mount.toString());
  }

  Path workspace() {
    return root.resolve("workspace");
  }

  Path outputDir() {
    return root.resolve("out");
  }

  Path repo() {
    return root.resolve("repo");
  }

  Path root() {
    return root;
  }

  /** Adds or replaces a stub executable in {@code bin/}, e.g. {@code kubectl}. */
  StageSandbox withStub(String name, String script) throws IOException {
    stub(name, script);
    return this;
  }

  /** Replaces the {@code git} stub with the real git, for a stage that clones for real. */
  StageSandbox withRealGit() throws IOException {
    Files.delete(bin().resolve("git"));
    return this;
  }

  /** Sets a variable for the stage process, e.g. a stub control or an override. */
  StageSandbox withEnv(String name, String value) {
    extraEnv.put(name, value);
    return this;
  }

  /** What curl read from stdin, its config, one line per line of config. */
  List<String> curlConfig() throws IOException {
    Path log = root.resolve("calls.log.curl-config");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** Every curl argv, one line per call: {@code curl [arg1] [arg2] ...}. */
  List<String> curlArgv() throws IOException {
    Path log = root.resolve("calls.log.curl-argv");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** The stub calls so far, one line per call: {@code name [arg1] [arg2] ...}. */
  List<String> calls() throws IOException {
    Path log = root.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /**
   * Runs a task.
   *
   * @param workflowTemplate the generated template
   * @param taskName e.g. {@code deploy-dev}, or {@link #TEMPLATE_PREFIX} and a template's name
   * @param references values of other expressions the task uses, such as <code>
   *     tasks.deploy-dev.outputs.parameters.stack-outputs</code> or a Secret as {@code
   *     secret:<name>/<key>}; they may override the workflow parameters {@code commit-sha} and
   *     {@code repo-url}
   */
  Run run(WorkflowTemplateView workflowTemplate, String taskName, Map<String, String> references)
      throws IOException, InterruptedException {
    if (taskName.startsWith(TEMPLATE_PREFIX)) {
      return runTemplate(
          workflowTemplate,
          taskName.substring(TEMPLATE_PREFIX.length()),
          Map.of(),
          references,
          taskName);
    }
    Map<String, Object> task = workflowTemplate.task(taskName);
    return runTemplate(
        workflowTemplate, (String) task.get("template"), arguments(task), references, taskName);
  }

  /**
   * Runs a template with the given arguments, as a lifecycle hook of the workflow would.
   *
   * @param workflowTemplate the generated template
   * @param templateName e.g. {@code report}
   * @param arguments the hook's arguments, before Argo's substitution
   * @param references values of the expressions the arguments use, e.g. {@code workflow.failures}
   */
  Run runTemplate(
      WorkflowTemplateView workflowTemplate,
      String templateName,
      Map<String, String> arguments,
      Map<String, String> references)
      throws IOException, InterruptedException {
    return runTemplate(workflowTemplate, templateName, arguments, references, templateName);
  }

  private Run runTemplate(
      WorkflowTemplateView workflowTemplate,
      String templateName,
      Map<String, String> taskArguments,
      Map<String, String> references,
      String taskName)
      throws IOException, InterruptedException {
    Map<String, String> known = new HashMap<>(references);
    known.putIfAbsent("workflow.parameters.commit-sha", COMMIT_SHA);
    known.putIfAbsent("workflow.parameters.repo-url", REPO_URL);
    known.putIfAbsent("workflow.parameters.pusher", PUSHER);
    known.putIfAbsent("workflow.namespace", NAMESPACE);

    Map<String, Object> template = workflowTemplate.template(templateName);
    inputDefaults(template).forEach((name, value) -> known.put("inputs.parameters." + name, value));
    known.putIfAbsent("workflow.name", WORKFLOW_NAME);
    taskArguments.forEach(
        (name, value) ->
            known.put(
                "inputs.parameters." + name, substituteGlobals(substitute(value, known), known)));

    Map<String, String> containerEnv = new LinkedHashMap<>();
    for (Map<String, Object> var : env(template)) {
      String value = resolve(var, known);
      if (value != null && var.containsKey("value")) {
        value = kubeletExpand(value, Map.copyOf(containerEnv));
      }
      if (value != null) {
        containerEnv.put((String) var.get("name"), value);
      }
    }
    List<String> command = new ArrayList<>();
    for (String part : command(template)) {
      command.add(kubeletExpand(part, containerEnv));
    }

    ProcessBuilder process = new ProcessBuilder(command);
    Map<String, String> environment = process.environment();
    environment.clear();
    environment.put("PATH", bin() + ":" + System.getenv("PATH"));
    environment.put("HOME", root.toString());
    environment.put("STUB_LOG", root.resolve("calls.log").toString());
    environment.put("STUB_REPO", repo().toString());
    environment.put("APHEX_WORKSPACE", workspace().toString());
    environment.put("APHEX_OUTPUT_DIR", outputDir().toString());
    environment.putAll(containerEnv);
    environment.putAll(extraEnv);

    Process bash = process.directory(root.toFile()).redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!bash.waitFor(60, TimeUnit.SECONDS)) {
      bash.destroyForcibly();
      throw new IllegalStateException("stage " + taskName + " did not finish:\n" + output);
    }
    return new Run(bash.exitValue(), output);
  }

  /** The result of a stage run: exit code and combined stdout/stderr. */
  record Run(int exitCode, String output) {}

  private static List<String> command(Map<String, Object> template) {
    List<String> command = new ArrayList<>(cast(container(template).get("command")));
    command.addAll(cast(container(template).get("args")));
    return command;
  }

  /**
   * The kubelet's expansion of container env values, command and args: {@code $$} becomes {@code
   * $}, {@code $(NAME)} becomes the value of a variable defined before, anything else stays.
   */
  private static String kubeletExpand(String input, Map<String, String> defined) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c == '$' && input.startsWith("$", i + 1)) {
        out.append('$');
        i += 2;
        continue;
      }
      int close = input.indexOf(')', i + 2);
      if (c == '$' && input.startsWith("(", i + 1) && close > 0) {
        String name = input.substring(i + 2, close);
        out.append(defined.getOrDefault(name, "$(" + name + ")"));
        i = close + 1;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** The defaults of the template's input parameters, which Argo uses when a task omits one. */
  private static Map<String, String> inputDefaults(Map<String, Object> template) {
    Map<String, String> defaults = new HashMap<>();
    if (template.get("inputs") instanceof Map<?, ?> inputs
        && inputs.get("parameters") instanceof List<?> parameters) {
      for (Object parameter : parameters) {
        Map<String, Object> declared = cast(parameter);
        if (declared.containsKey("default")) {
          defaults.put((String) declared.get("name"), (String) declared.get("default"));
        }
      }
    }
    return defaults;
  }

  /**
   * The value of an env var as the kubelet sets it; null when it reads an optional ConfigMap key
   * that is missing, which leaves the variable unset. Only literal values go through the kubelet's
   * expansion afterwards; values read from a ConfigMap or Secret reach the pod as they are.
   */
  private String resolve(Map<String, Object> var, Map<String, String> known) {
    if (var.containsKey("value")) {
      return substitute((String) var.get("value"), known);
    }
    Map<String, Object> valueFrom = cast(var.get("valueFrom"));
    if (valueFrom.containsKey("configMapKeyRef")) {
      Map<String, Object> ref = cast(valueFrom.get("configMapKeyRef"));
      Map<String, String> data = configMaps.get((String) ref.get("name"));
      if (data == null) {
        throw new IllegalArgumentException("no ConfigMap " + ref.get("name") + " in the sandbox");
      }
      String value = data.get(substitute((String) ref.get("key"), known));
      if (value == null && !Boolean.TRUE.equals(ref.get("optional"))) {
        throw new IllegalArgumentException("ConfigMap " + ref.get("name") + " has no " + ref);
      }
      return value;
    }
    Map<String, Object> ref = cast(valueFrom.get("secretKeyRef"));
    String secret = "secret:" + ref.get("name") + "/" + ref.get("key");
    if (Boolean.TRUE.equals(ref.get("optional")) && !known.containsKey(secret)) {
      return null;
    }
    return lookup(secret, known);
  }

  private static String substitute(String value, Map<String, String> known) {
    Matcher matcher = EXPRESSION.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(lookup(matcher.group(1), known)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * Argo's second pass over a template whose inputs are resolved (argo-workflows {@code
   * workflow/common/util.go} {@code SubstituteParams}): it marshals the template, input values
   * included, and replaces every known global such as <code>{{workflow.name}}</code>, leaving
   * unknown expressions as they are. So a task argument's value is evaluated again.
   */
  private static String substituteGlobals(String value, Map<String, String> known) {
    Matcher matcher = EXPRESSION.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String reference = matcher.group(1).strip();
      String replacement =
          reference.startsWith("workflow.") && known.containsKey(reference)
              ? known.get(reference)
              : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String lookup(String reference, Map<String, String> known) {
    String value = known.get(reference);
    if (value == null) {
      throw new IllegalArgumentException("nothing provides " + reference);
    }
    return value;
  }

  private Path bin() {
    return root.resolve("bin");
  }

  private void stub(String name, String script) throws IOException {
    Path file = bin().resolve(name);
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
