package io.aphex.pipeline.argo;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackEngine;
import io.aphex.pipeline.config.StageSettings;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.images.StageTools;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The reusable stage templates: {@code build}, {@code pipeline-deployment}, {@code validate},
 * {@code deploy} and {@code test}. {@code deploy} and {@code test} take only the environment's name
 * as an input parameter and read the rest of its data from the pipeline's targets ConfigMap ({@link
 * PipelineTargets}), which {@code validate} mounts whole; everything else is fixed here.
 *
 * <p>Every stage pod gets the GitHub token of {@link GitCredentials}: the Secret as a read-only
 * volume and {@code APHEX_GIT_TOKEN_FILE} naming the file, which the prologue's {@code checkout}
 * hands to git's credential helper.
 */
final class StageTemplates {

  /** The file that {@code deploy} writes and exports as its {@code stack-outputs} parameter. */
  static final String STACK_OUTPUTS_PATH = "/tmp/aphex/stack-outputs.json";

  /** Where the {@code validate} stage mounts the targets ConfigMap, one file per key. */
  static final String TARGETS_MOUNT = "/etc/aphex/targets";

  /**
   * The settings of the small pods that only call an API, whatever {@code pipeline.stages} says:
   * little CPU and memory, and for the report the timeout of its {@link Stage} and the default
   * retries (the targets cleanup takes only the resources: it is never retried).
   */
  static final StageSettings SMALL_POD =
      new StageSettings(
          OptionalInt.empty(),
          OptionalInt.empty(),
          Map.of("cpu", "50m", "memory", "64Mi"),
          Map.of("memory", "256Mi"));

  private static final String TOKEN_FILE =
      "/var/run/secrets/eks.amazonaws.com/serviceaccount/token";

  /** The retries of a stage unless {@code pipeline.stages.<stage>.retries} says otherwise. */
  private static final int DEFAULT_RETRIES = 2;

  /** The environment a stage that works on one environment gets as its input. */
  private static final String ENVIRONMENT = "{{inputs.parameters.environment}}";

  private final WorkflowTemplateSettings settings;
  private final PipelineConfig config;

  /** The name of the targets ConfigMap. */
  private final String targets;

  /**
   * Whether some environment has a {@code deployRoleArn}: only then do the stages carry the
   * variable and the step that assumes it.
   */
  private final boolean deployRoles;

  /**
   * Whether some stack deploys with Pulumi: only then do {@code validate} and {@code deploy} carry
   * the Pulumi backend and token.
   */
  private final boolean pulumi;

  private StageTemplates(WorkflowTemplateSettings settings, PipelineConfig config) {
    this.settings = settings;
    this.config = config;
    this.targets = PipelineTargets.configMapName(settings.name(), config);
    this.deployRoles = config.environments().stream().anyMatch(e -> e.deployRoleArn().isPresent());
    this.pulumi = uses(config, StackEngine.PULUMI);
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
    return new StageTemplates(settings, config).all();
  }

  private List<Map<String, Object>> all() {
    List<Map<String, Object>> templates = new ArrayList<>();
    templates.add(template(Stage.BUILD, build(), Map.of()));
    if (config.selfUpdate()) {
      templates.add(template(Stage.PIPELINE_DEPLOYMENT, pipelineDeployment(), Map.of()));
    }
    if (config.validate()) {
      templates.add(template(Stage.VALIDATE, validate(), Map.of()));
    }
    Map<String, Object> output =
        Map.of("name", "stack-outputs", "valueFrom", Map.of("path", STACK_OUTPUTS_PATH));
    templates.add(
        template(
            Stage.DEPLOY,
            deploy(),
            Map.of(
                "inputs", parameters("environment"),
                "outputs", Map.of("parameters", List.of(output)),
                "synchronization", environmentLock())));
    templates.add(
        template(Stage.TEST, test(), Map.of("inputs", parameters("environment", "stack-outputs"))));
    if (config.environments().stream().anyMatch(EnvironmentConfig::requiresApproval)) {
      templates.add(ApprovalGate.template());
    }
    settings.reporting().ifPresent(reporting -> templates.add(report(reporting)));
    return templates;
  }

  /**
   * The tools the deployer image must have ({@link StageTools#deployer}): the ones every stage
   * runs, {@code kubectl} for the targets cleanup, {@code curl} when the pipeline reports back,
   * {@code npx} for CDK stacks and {@code pulumi} for Pulumi stacks or the pipeline's own update.
   */
  static String requiredTools(PipelineConfig config, boolean reporting) {
    return String.join(
        " ",
        StageTools.deployer(
            uses(config, StackEngine.CDK),
            config.selfUpdate() || uses(config, StackEngine.PULUMI),
            reporting));
  }

  private static boolean uses(PipelineConfig config, StackEngine engine) {
    return config.environments().stream().anyMatch(e -> e.uses(engine));
  }

  /**
   * The {@code build} stage's variables. Its commands come from the targets ConfigMap, where Argo
   * never evaluates <code>{{...}}</code>, so they reach the shell exactly as written.
   */
  private EnvVars build() {
    return aws()
        .literal("ARTIFACT_BUCKET", settings.artifactBucket())
        .checkout()
        .configMap("BUILD_COMMANDS", targets, PipelineTargets.BUILD_COMMANDS_KEY, false);
  }

  private EnvVars pipelineDeployment() {
    SelfUpdate self = settings.selfUpdate();
    return pulumiLogin(
        aws()
            .checkout()
            .literal("PULUMI_PROJECT_DIR", self.projectDir())
            .literal("PULUMI_STACK", self.stack()));
  }

  /**
   * The {@code validate} stage's variables: the pod's own credentials and where the targets are
   * mounted. When the pipeline config's source is known, it also gets its path and digest, to
   * compare with the pushed file.
   */
  private EnvVars validate() {
    EnvVars env =
        aws()
            .checkout()
            .literal("APHEX_TARGETS_DIR", TARGETS_MOUNT)
            .literal("APHEX_TOOLS", requiredTools(config, settings.reporting().isPresent()));
    settings
        .selfUpdate()
        .configSource()
        .ifPresent(
            source ->
                env.literal("APHEX_CONFIG_PATH", source.path())
                    .literal("APHEX_CONFIG_SHA256", source.sha256())
                    .literal("APHEX_SELF_UPDATE", Boolean.toString(config.selfUpdate())));
    return pulumi ? pulumiLogin(env) : env;
  }

  private EnvVars deploy() {
    EnvVars env = target().target("APHEX_STACKS", targets, "stacks", false);
    if (pulumi) {
      pulumiLogin(env);
    }
    if (settings.reporting().isPresent()) {
      reportingEnv(env.target("APHEX_TESTS", targets, "tests", true));
    }
    return env;
  }

  /**
   * The mutex that lets one deployment of an environment run at a time, per pipeline: a second push
   * that reaches the same environment waits in line. Argo substitutes the environment into the
   * name; the lock lives in the workflow namespace and nothing cluster-wide is configured.
   */
  private Map<String, Object> environmentLock() {
    return Map.of("mutexes", List.of(Map.of("name", settings.name() + "-" + ENVIRONMENT)));
  }

  private EnvVars test() {
    return reportingEnv(
        target()
            .parameter("STACK_OUTPUTS", "inputs", "stack-outputs")
            .target("TEST_COMMANDS", targets, "tests", false));
  }

  /**
   * The {@value Reporting#TEMPLATE} template: a small pod on the deployer image that runs {@code
   * report.sh} for one event ({@code start}, {@code approval} or {@code exit}). It always exits 0;
   * it is retried only when Kubernetes lost its pod. Its inputs other than {@code event} have
   * defaults: a hook or task sets the others.
   */
  private Map<String, Object> report(Reporting reporting) {
    EnvVars env =
        reportingEnv(new EnvVars().parameter("COMMIT_SHA", "workflow", "commit-sha"))
            .parameter("PUSHER", "workflow", "pusher")
            .configMap("APHEX_ENVIRONMENTS", targets, PipelineTargets.ENVIRONMENTS_KEY, false)
            .parameter("REPORT_EVENT", "inputs", "event")
            .parameter("REPORT_ENVIRONMENT", "inputs", "environment")
            .parameter("WORKFLOW_STATUS", "inputs", "status")
            .parameter("WORKFLOW_FAILURES", "inputs", "failures");
    reporting
        .notifications()
        .ifPresent(
            notifications ->
                env.secret(
                        "NOTIFY_URL",
                        notifications.webhookUrl().name(),
                        notifications.webhookUrl().key(),
                        true)
                    .literal("NOTIFY_ON", String.join(" ", notifications.events()))
                    .literal("NOTIFY_PAYLOAD", notifications.payload()));
    List<Map<String, Object>> inputs =
        List.of(
            Map.of("name", "event"),
            Map.of("name", "environment", "default", ""),
            Map.of("name", "status", "default", ""),
            Map.of("name", "failures", "default", "[]"));
    return template(Stage.REPORT, env, Map.of("inputs", Map.of("parameters", inputs)));
  }

  /**
   * A template's pod: the builder image for {@code build}, the deployer image for the rest; its
   * script; the GitHub token mounted, and for {@code validate} the targets at {@value
   * #TARGETS_MOUNT}; the pod security; the timeout, retries and container resources of {@code
   * pipeline.stages.<stage>} (each the default when not set), or {@link #SMALL_POD} for the report;
   * and, with reporting, the metrics of every stage but the report.
   *
   * <p>A stage is retried when Kubernetes lost its pod (eviction, node failure), with a backoff,
   * but never when its own commands failed: a failed deployment needs a person, not a rerun. {@code
   * command} is always set: without it the emissary executor asks the registry for the image's
   * entrypoint, which fails for private ECR images (argo-workflows#12786).
   *
   * @param own the template's own fields: inputs, outputs, synchronization
   */
  private Map<String, Object> template(Stage stage, EnvVars env, Map<String, Object> own) {
    List<Map<String, Object>> mounts = new ArrayList<>();
    List<Map<String, Object>> volumes = new ArrayList<>();
    if (stage == Stage.VALIDATE) {
      mounts.add(Map.of("name", "targets", "mountPath", TARGETS_MOUNT, "readOnly", true));
      volumes.add(Map.of("name", "targets", "configMap", Map.of("name", targets)));
    }
    mounts.add(GitCredentials.mount());
    volumes.add(GitCredentials.volume(settings.name()));
    String image = stage == Stage.BUILD ? settings.builderImage() : settings.deployerImage();
    StageSettings stageSettings =
        stage == Stage.REPORT ? SMALL_POD : config.stage(stage.templateName());
    Map<String, Object> container =
        Map.of(
            "image", InertText.requireInert("image of " + stage.templateName(), image),
            "command", List.of("/bin/bash", "-c"),
            "args", List.of(StageScripts.script(stage, deployRoles, reporting().isPresent())),
            "env", env.literal("APHEX_GIT_TOKEN_FILE", GitCredentials.TOKEN_FILE).toList(),
            "resources", resources(stageSettings),
            "securityContext", settings.podSecurity().containerSecurityContext(),
            "volumeMounts", mounts);
    String timeout =
        Integer.toString(stageSettings.timeoutSeconds().orElse(stage.timeoutSeconds()));
    Map<String, Object> template = new HashMap<>(own);
    template.putAll(
        Map.of(
            "name", stage.templateName(),
            "activeDeadlineSeconds", timeout,
            "container", container,
            "volumes", volumes));
    int retries = stageSettings.retries().orElse(DEFAULT_RETRIES);
    if (retries > 0) {
      template.put(
          "retryStrategy",
          Map.of(
              "limit", Integer.toString(retries),
              "retryPolicy", "OnError",
              "backoff", Map.of("duration", "30s", "factor", "2")));
    }
    boolean perEnvironment = stage == Stage.DEPLOY || stage == Stage.TEST;
    String environment = perEnvironment ? ENVIRONMENT : PipelineMetrics.NO_ENVIRONMENT;
    reporting()
        .filter(reporting -> stage != Stage.REPORT)
        .ifPresent(
            reporting ->
                template.put(
                    "metrics", PipelineMetrics.stage(reporting.pipeline(), stage, environment)));
    return template;
  }

  /**
   * The container resources of a pod: the requests and limits of its settings over the defaults.
   */
  static Map<String, Object> resources(StageSettings settings) {
    return Map.of("requests", settings.effectiveRequests(), "limits", settings.effectiveLimits());
  }

  /** The {@code parameters} of a template's inputs, by name. */
  private static Map<String, Object> parameters(String... names) {
    return Map.of("parameters", Stream.of(names).map(name -> Map.of("name", name)).toList());
  }

  private Optional<Reporting> reporting() {
    return settings.reporting();
  }

  private EnvVars aws() {
    EnvVars env = new EnvVars();
    return settings.identityMode() == IdentityMode.POD_IDENTITY
        ? env
        : env.literal("AWS_ROLE_ARN", settings.roleArn())
            .literal("AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE);
  }

  /** What {@code deploy} and {@code test} read about the environment they work on. */
  private EnvVars target() {
    EnvVars env =
        aws()
            .target("AWS_REGION", targets, "region", false)
            .target("AWS_ACCOUNT", targets, "account", false);
    if (deployRoles) {
      env.target("DEPLOY_ROLE_ARN", targets, "deploy-role", true);
    }
    return env.literal("ARTIFACT_BUCKET", settings.artifactBucket())
        .checkout()
        .parameter("APHEX_ENVIRONMENT", "inputs", "environment");
  }

  /**
   * The Pulumi backend and access token of {@code pulumiBackendUrl} and {@code
   * pulumiAccessTokenSecretName}, for a stage that runs {@code pulumi}.
   */
  private EnvVars pulumiLogin(EnvVars env) {
    SelfUpdate self = settings.selfUpdate();
    self.backendUrl().ifPresent(url -> env.literal("PULUMI_BACKEND_URL", url));
    self.accessTokenSecretName()
        .ifPresent(secret -> env.secret("PULUMI_ACCESS_TOKEN", secret, "token", false));
    return env;
  }

  /**
   * With reporting, adds what every reporting script needs besides the commit and the token (which
   * {@link GitCredentials} mounts): the API, the repository, and the workflow's name and namespace
   * for its Argo UI link.
   */
  private EnvVars reportingEnv(EnvVars env) {
    reporting()
        .ifPresent(
            reporting -> {
              env.literal("GITHUB_API_URL", Reporting.GITHUB_API_URL)
                  .literal("GITHUB_REPOSITORY", reporting.repository());
              reporting.argoUiUrl().ifPresent(url -> env.literal("ARGO_UI_URL", url));
              env.workflow("WORKFLOW_NAMESPACE", "namespace").workflow("WORKFLOW_NAME", "name");
            });
    return env;
  }
}
