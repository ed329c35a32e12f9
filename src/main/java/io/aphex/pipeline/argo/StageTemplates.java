package io.aphex.pipeline.argo;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackEngine;
import io.aphex.pipeline.config.StageSettings;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.images.StageTools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reusable stage templates: {@code build}, {@code pipeline-deployment}, {@code validate},
 * {@code deploy} and {@code test}. {@code deploy} and {@code test} take only the environment's name
 * as an input parameter and read the rest of its data from the pipeline's targets ConfigMap ({@link
 * PipelineTargets}), which {@code validate} mounts whole; everything else is fixed here.
 */
final class StageTemplates {

  /** The file that {@code deploy} writes and exports as its {@code stack-outputs} parameter. */
  static final String STACK_OUTPUTS_PATH = "/tmp/aphex/stack-outputs.json";

  private static final String TOKEN_FILE =
      "/var/run/secrets/eks.amazonaws.com/serviceaccount/token";

  private StageTemplates() {}

  /**
   * The retry strategy of a stage: retried when Kubernetes lost its pod (eviction, node failure),
   * with a backoff, but never when its own commands failed: a failed deployment needs a person, not
   * a rerun.
   *
   * @param limit how many retries; {@code pipeline.stages.<stage>.retries}, default 2
   */
  private static Map<String, Object> retryOnError(int limit) {
    Map<String, Object> backoff = new LinkedHashMap<>();
    backoff.put("duration", "30s");
    backoff.put("factor", "2");
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("limit", Integer.toString(limit));
    retry.put("retryPolicy", "OnError");
    retry.put("backoff", backoff);
    return retry;
  }

  private static final int DEFAULT_RETRIES = 2;

  /**
   * Applies {@code pipeline.stages.<stage>} to a stage template: its timeout, retries and container
   * resources, each the default when not set.
   */
  private static Map<String, Object> withSettings(
      Map<String, Object> template, Stage stage, StageSettings settings) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", template.get("name"));
    out.put(
        "activeDeadlineSeconds",
        Integer.toString(settings.timeoutSeconds().orElse(stage.timeoutSeconds())));
    int retries = settings.retries().orElse(DEFAULT_RETRIES);
    if (retries > 0) {
      out.put("retryStrategy", retryOnError(retries));
    }
    template.forEach(out::putIfAbsent);
    @SuppressWarnings("unchecked")
    Map<String, Object> container = (Map<String, Object>) out.get("container");
    container.put("resources", resources(settings));
    return out;
  }

  /**
   * Gives a stage that fetches the repository the GitHub token of {@link GitCredentials}: the
   * Secret as a read-only volume and {@code APHEX_GIT_TOKEN_FILE} naming the file, which the
   * prologue's {@code checkout} hands to git's credential helper.
   */
  @SuppressWarnings("unchecked")
  private static void withGitCredentials(Map<String, Object> template, String templateName) {
    Map<String, Object> container = (Map<String, Object>) template.get("container");
    List<Map<String, Object>> env =
        new ArrayList<>((List<Map<String, Object>>) container.get("env"));
    env.add(Map.of("name", "APHEX_GIT_TOKEN_FILE", "value", GitCredentials.TOKEN_FILE));
    container.put("env", env);
    List<Map<String, Object>> mounts = new ArrayList<>();
    if (container.get("volumeMounts") instanceof List<?> existing) {
      mounts.addAll((List<Map<String, Object>>) existing);
    }
    mounts.add(GitCredentials.mount());
    container.put("volumeMounts", mounts);
    List<Map<String, Object>> volumes = new ArrayList<>();
    if (template.get("volumes") instanceof List<?> existing) {
      volumes.addAll((List<Map<String, Object>>) existing);
    }
    volumes.add(GitCredentials.volume(templateName));
    template.put("volumes", volumes);
  }

  private static Map<String, Object> resources(StageSettings settings) {
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put("requests", settings.effectiveRequests());
    resources.put("limits", settings.effectiveLimits());
    return resources;
  }

  /**
   * Returns the stage templates in the order build, pipeline-deployment (unless {@code
   * pipeline.selfUpdate} is false), validate (unless {@code pipeline.validate} is false), deploy,
   * test, then the approval template when an environment needs one, then, with {@link
   * WorkflowTemplateSettings#reporting()}, the {@value Reporting#TEMPLATE} template; with
   * reporting, every stage template also gets its {@link PipelineMetrics}. Each stage gets its
   * {@code pipeline.stages} settings; the deploy-role step and variable are there only when an
   * environment has a {@code deployRoleArn}, the Pulumi login only when a stack uses Pulumi.
   *
   * @param settings the images, role, bucket, self-update and pod security settings
   * @param config the pipeline config
   * @return new template maps
   */
  static List<Map<String, Object>> all(WorkflowTemplateSettings settings, PipelineConfig config) {
    Target target =
        new Target(
            PipelineTargets.configMapName(settings.name(), config),
            config.environments().stream().anyMatch(e -> e.deployRoleArn().isPresent()),
            config.environments().stream().anyMatch(e -> e.uses(StackEngine.PULUMI)),
            settings.reporting());
    List<Map<String, Object>> templates = new ArrayList<>();
    templates.add(withSettings(build(settings, target), Stage.BUILD, config.stage("build")));
    if (config.selfUpdate()) {
      templates.add(
          withSettings(
              pipelineDeployment(settings),
              Stage.PIPELINE_DEPLOYMENT,
              config.stage("pipeline-deployment")));
    }
    if (config.validate()) {
      templates.add(
          withSettings(
              validate(
                  settings,
                  target,
                  requiredTools(config, settings.reporting().isPresent()),
                  config.selfUpdate()),
              Stage.VALIDATE,
              config.stage("validate")));
    }
    templates.add(withSettings(deploy(settings, target), Stage.DEPLOY, config.stage("deploy")));
    templates.add(withSettings(test(settings, target), Stage.TEST, config.stage("test")));
    templates.forEach(template -> withGitCredentials(template, settings.name()));
    if (config.environments().stream().anyMatch(EnvironmentConfig::requiresApproval)) {
      templates.add(ApprovalGate.template());
    }
    settings
        .reporting()
        .ifPresent(
            reporting -> {
              for (Map<String, Object> template : templates) {
                withMetrics(template, reporting);
              }
              Map<String, Object> report = report(settings, target, reporting);
              withGitCredentials(report, settings.name());
              templates.add(report);
            });
    return templates;
  }

  /** Adds the stage metrics to a stage template (not to the approval gate, which has no pod). */
  private static void withMetrics(Map<String, Object> template, Reporting reporting) {
    for (Stage stage : Stage.values()) {
      if (stage.templateName().equals(template.get("name"))) {
        boolean perEnvironment = stage == Stage.DEPLOY || stage == Stage.TEST;
        template.put(
            "metrics",
            PipelineMetrics.stage(
                reporting.pipeline(),
                stage,
                perEnvironment
                    ? "{{inputs.parameters.environment}}"
                    : PipelineMetrics.NO_ENVIRONMENT));
      }
    }
  }

  /** The inputs of the report template, each with its default: a hook or task sets the others. */
  private static final List<String[]> REPORT_INPUTS =
      List.of(
          new String[] {"event", null},
          new String[] {"environment", ""},
          new String[] {"status", ""},
          new String[] {"failures", "[]"});

  /**
   * The {@value Reporting#TEMPLATE} template: a small pod on the deployer image that runs {@code
   * report.sh} for one event ({@code start}, {@code approval} or {@code exit}). It always exits 0;
   * it is retried only when Kubernetes lost its pod.
   */
  private static Map<String, Object> report(
      WorkflowTemplateSettings settings, Target target, Reporting reporting) {
    EnvVars env =
        reportingEnv(new EnvVars().parameter("COMMIT_SHA", "workflow", "commit-sha"), reporting)
            .parameter("PUSHER", "workflow", "pusher")
            .configMap("APHEX_ENVIRONMENTS", target.configMap(), PipelineTargets.ENVIRONMENTS_KEY)
            .parameter("REPORT_EVENT", "inputs", "event")
            .parameter("REPORT_ENVIRONMENT", "inputs", "environment")
            .parameter("WORKFLOW_STATUS", "inputs", "status")
            .parameter("WORKFLOW_FAILURES", "inputs", "failures");
    reporting
        .notifications()
        .ifPresent(
            notifications ->
                env.optionalSecret(
                        "NOTIFY_URL",
                        notifications.webhookUrl().name(),
                        notifications.webhookUrl().key())
                    .literal("NOTIFY_ON", String.join(" ", notifications.events()))
                    .literal("NOTIFY_PAYLOAD", notifications.payload()));
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (String[] input : REPORT_INPUTS) {
      Map<String, Object> parameter = new LinkedHashMap<>();
      parameter.put("name", input[0]);
      if (input[1] != null) {
        parameter.put("default", input[1]);
      }
      inputs.add(parameter);
    }
    Map<String, Object> container =
        container(
            settings.deployerImage(),
            StageScripts.script(Stage.REPORT, false, true),
            Stage.REPORT,
            env,
            settings.podSecurity());
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put("requests", Map.of("cpu", "50m", "memory", "64Mi"));
    resources.put("limits", Map.of("memory", "256Mi"));
    container.put("resources", resources);
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("name", Stage.REPORT.templateName());
    template.put("activeDeadlineSeconds", Integer.toString(Stage.REPORT.timeoutSeconds()));
    template.put("retryStrategy", retryOnError(DEFAULT_RETRIES));
    template.put("inputs", Map.of("parameters", inputs));
    template.put("container", container);
    return template;
  }

  /**
   * What every reporting script needs besides the commit and the token (which {@link
   * GitCredentials} mounts): the API, the repository, and the workflow's name and namespace for its
   * Argo UI link.
   */
  private static EnvVars reportingEnv(EnvVars env, Reporting reporting) {
    env.literal("GITHUB_API_URL", Reporting.GITHUB_API_URL)
        .literal("GITHUB_REPOSITORY", reporting.repository());
    reporting.argoUiUrl().ifPresent(url -> env.literal("ARGO_UI_URL", url));
    return env.workflow("WORKFLOW_NAMESPACE", "namespace").workflow("WORKFLOW_NAME", "name");
  }

  /**
   * The {@code build} stage. Its commands come from the targets ConfigMap, where Argo never
   * evaluates <code>{{...}}</code>, so they reach the shell exactly as written.
   */
  private static Map<String, Object> build(WorkflowTemplateSettings settings, Target target) {
    EnvVars env =
        aws(settings)
            .literal("ARTIFACT_BUCKET", settings.artifactBucket())
            .parameter("COMMIT_SHA", "workflow", "commit-sha")
            .parameter("REPO_URL", "workflow", "repo-url")
            .configMap("BUILD_COMMANDS", target.configMap(), PipelineTargets.BUILD_COMMANDS_KEY);
    return template(
        Stage.BUILD,
        List.of(),
        container(settings.builderImage(), Stage.BUILD, env, settings.podSecurity()));
  }

  private static Map<String, Object> pipelineDeployment(WorkflowTemplateSettings settings) {
    SelfUpdate self = settings.selfUpdate();
    EnvVars env =
        aws(settings)
            .parameter("COMMIT_SHA", "workflow", "commit-sha")
            .parameter("REPO_URL", "workflow", "repo-url")
            .literal("PULUMI_PROJECT_DIR", self.projectDir())
            .literal("PULUMI_STACK", self.stack());
    pulumiLogin(env, self);
    return template(
        Stage.PIPELINE_DEPLOYMENT,
        List.of(),
        container(
            settings.deployerImage(), Stage.PIPELINE_DEPLOYMENT, env, settings.podSecurity()));
  }

  /**
   * Where the stages that work on one environment find its data.
   *
   * @param configMap the targets ConfigMap name
   * @param deployRoles whether some environment has a {@code deployRoleArn}: only then do the
   *     stages carry the variable and the step that assumes it
   * @param pulumi whether some stack deploys with Pulumi: only then does {@code deploy} carry the
   *     Pulumi backend and token
   * @param reporting how the pipeline reports back; with it, {@code deploy} and {@code test} report
   *     their environment's commit status
   */
  private record Target(
      String configMap, boolean deployRoles, boolean pulumi, Optional<Reporting> reporting) {

    /** Adds what the deploy and test scripts need to report the environment's status. */
    EnvVars reportingEnv(EnvVars env) {
      reporting.ifPresent(r -> StageTemplates.reportingEnv(env, r));
      return env;
    }

    String script(Stage stage) {
      return StageScripts.script(stage, deployRoles, reporting.isPresent());
    }
  }

  /**
   * The Pulumi backend and access token of {@code pulumiBackendUrl} and {@code
   * pulumiAccessTokenSecretName}, for a stage that runs {@code pulumi}.
   */
  private static void pulumiLogin(EnvVars env, SelfUpdate self) {
    self.backendUrl().ifPresent(url -> env.literal("PULUMI_BACKEND_URL", url));
    self.accessTokenSecretName()
        .ifPresent(secret -> env.secret("PULUMI_ACCESS_TOKEN", secret, "token"));
  }

  /** Where the {@code validate} stage mounts the targets ConfigMap, one file per key. */
  static final String TARGETS_MOUNT = "/etc/aphex/targets";

  /**
   * The tools the deployer image must have ({@link StageTools#deployer}): the ones every stage
   * runs, {@code kubectl} for the targets cleanup, {@code curl} when the pipeline reports back,
   * {@code npx} for CDK stacks and {@code pulumi} for Pulumi stacks or the pipeline's own update.
   */
  static String requiredTools(PipelineConfig config, boolean reporting) {
    return String.join(
        " ",
        StageTools.deployer(
            config.environments().stream().anyMatch(e -> e.uses(StackEngine.CDK)),
            config.selfUpdate()
                || config.environments().stream().anyMatch(e -> e.uses(StackEngine.PULUMI)),
            reporting));
  }

  /**
   * The {@code validate} stage: runs on the deployer image with the pod's own credentials and the
   * whole targets ConfigMap mounted read-only at {@value #TARGETS_MOUNT}. When the pipeline
   * config's source is known, it also gets its path and digest, to compare with the pushed file.
   */
  private static Map<String, Object> validate(
      WorkflowTemplateSettings settings, Target target, String tools, boolean selfUpdate) {
    EnvVars env =
        aws(settings)
            .parameter("COMMIT_SHA", "workflow", "commit-sha")
            .parameter("REPO_URL", "workflow", "repo-url")
            .literal("APHEX_TARGETS_DIR", TARGETS_MOUNT)
            .literal("APHEX_TOOLS", tools);
    settings
        .selfUpdate()
        .configSource()
        .ifPresent(
            source ->
                env.literal("APHEX_CONFIG_PATH", source.path())
                    .literal("APHEX_CONFIG_SHA256", source.sha256())
                    .literal("APHEX_SELF_UPDATE", Boolean.toString(selfUpdate)));
    if (target.pulumi()) {
      pulumiLogin(env, settings.selfUpdate());
    }
    Map<String, Object> container =
        container(settings.deployerImage(), Stage.VALIDATE, env, settings.podSecurity());
    Map<String, Object> mount = new LinkedHashMap<>();
    mount.put("name", "targets");
    mount.put("mountPath", TARGETS_MOUNT);
    mount.put("readOnly", true);
    container.put("volumeMounts", List.of(mount));
    Map<String, Object> template = template(Stage.VALIDATE, List.of(), container);
    template.put(
        "volumes",
        List.of(Map.of("name", "targets", "configMap", Map.of("name", target.configMap()))));
    return template;
  }

  private static Map<String, Object> deploy(WorkflowTemplateSettings settings, Target target) {
    EnvVars env =
        target(settings, target).target("APHEX_STACKS", target.configMap(), "stacks", false);
    if (target.pulumi()) {
      pulumiLogin(env, settings.selfUpdate());
    }
    if (target.reporting().isPresent()) {
      target.reportingEnv(env.target("APHEX_TESTS", target.configMap(), "tests", true));
    }
    Map<String, Object> template =
        template(
            Stage.DEPLOY,
            targetInputs(),
            container(
                settings.deployerImage(),
                target.script(Stage.DEPLOY),
                Stage.DEPLOY,
                env,
                settings.podSecurity()));
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("name", "stack-outputs");
    output.put("valueFrom", Map.of("path", STACK_OUTPUTS_PATH));
    template.put("outputs", Map.of("parameters", List.of(output)));
    template.put("synchronization", environmentLock(settings));
    return template;
  }

  /**
   * The mutex that lets one deployment of an environment run at a time, per pipeline: a second push
   * that reaches the same environment waits in line. Argo substitutes the environment into the
   * name; the lock lives in the workflow namespace and nothing cluster-wide is configured.
   */
  static Map<String, Object> environmentLock(WorkflowTemplateSettings settings) {
    return Map.of(
        "mutexes", List.of(Map.of("name", settings.name() + "-{{inputs.parameters.environment}}")));
  }

  private static Map<String, Object> test(WorkflowTemplateSettings settings, Target target) {
    EnvVars env =
        target(settings, target)
            .parameter("STACK_OUTPUTS", "inputs", "stack-outputs")
            .target("TEST_COMMANDS", target.configMap(), "tests", false);
    target.reportingEnv(env);
    return template(
        Stage.TEST,
        targetInputs("stack-outputs"),
        container(
            settings.deployerImage(),
            target.script(Stage.TEST),
            Stage.TEST,
            env,
            settings.podSecurity()));
  }

  /** The inputs of a stage that works on one environment: its name, then the stage's own. */
  private static List<Map<String, Object>> targetInputs(String... own) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    inputs.add(Map.of("name", "environment"));
    for (String input : own) {
      inputs.add(Map.of("name", input));
    }
    return inputs;
  }

  private static EnvVars aws(WorkflowTemplateSettings settings) {
    if (settings.identityMode() == IdentityMode.POD_IDENTITY) {
      return new EnvVars();
    }
    return new EnvVars()
        .literal("AWS_ROLE_ARN", settings.roleArn())
        .literal("AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE);
  }

  private static EnvVars target(WorkflowTemplateSettings settings, Target target) {
    EnvVars env =
        aws(settings)
            .target("AWS_REGION", target.configMap(), "region", false)
            .target("AWS_ACCOUNT", target.configMap(), "account", false);
    if (target.deployRoles()) {
      env.target("DEPLOY_ROLE_ARN", target.configMap(), "deploy-role", true);
    }
    return env.literal("ARTIFACT_BUCKET", settings.artifactBucket())
        .parameter("COMMIT_SHA", "workflow", "commit-sha")
        .parameter("REPO_URL", "workflow", "repo-url")
        .parameter("APHEX_ENVIRONMENT", "inputs", "environment");
  }

  private static Map<String, Object> template(
      Stage stage, List<Map<String, Object>> inputs, Map<String, Object> container) {
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("name", stage.templateName());
    if (!inputs.isEmpty()) {
      template.put("inputs", Map.of("parameters", inputs));
    }
    template.put("container", container);
    return template;
  }

  // command is always set: without it the emissary executor asks the registry for the image's
  // entrypoint, which fails for private ECR images (argo-workflows#12786).
  private static Map<String, Object> container(
      String image, Stage stage, EnvVars env, PodSecurity security) {
    return container(image, StageScripts.script(stage, false, false), stage, env, security);
  }

  private static Map<String, Object> container(
      String image, String script, Stage stage, EnvVars env, PodSecurity security) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("image", InertText.requireInert("image of " + stage.templateName(), image));
    container.put("command", List.of("/bin/bash", "-c"));
    container.put("args", List.of(script));
    container.put("env", env.toList());
    container.put("resources", resources(StageSettings.DEFAULTS));
    container.put("securityContext", security.containerSecurityContext());
    return container;
  }
}
