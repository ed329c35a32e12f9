package io.aphex.pipeline.plan;

import static io.aphex.pipeline.plan.PlannedObject.known;

import io.aphex.pipeline.argo.ArtifactRepository;
import io.aphex.pipeline.argo.GitCredentials;
import io.aphex.pipeline.argo.PipelineTargets;
import io.aphex.pipeline.argo.Reporting;
import io.aphex.pipeline.argo.WorkflowTemplateFactory;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.events.GithubEventSource;
import io.aphex.pipeline.events.GithubSecrets;
import io.aphex.pipeline.events.PipelineSensor;
import io.aphex.pipeline.events.SensorRbac;
import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.events.WebhookService;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.ObjectMetadata;
import io.aphex.pipeline.kubernetes.StandardLabels;
import io.aphex.pipeline.kubernetes.TargetsCleanupRbac;
import io.aphex.pipeline.kubernetes.WorkflowExecutor;
import io.aphex.pipeline.plan.PlannedObject.OfRoleArn;
import io.aphex.pipeline.plan.PlannedObject.OfTemplateSettings;
import io.aphex.pipeline.plan.PlannedObject.SecretSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Kubernetes object of a pipeline component, described once ({@link PlannedObject}): the
 * component ({@code io.aphex.pipeline.component.AphexPipeline}) registers these and the plan
 * ({@link PipelinePlan}) shows them. They come in four runs, in the order the component registers
 * them, between which it registers its other children.
 *
 * @param identity the workflow ServiceAccount; the Pod Identity association ({@value
 *     #POD_IDENTITY}) follows
 * @param executor the executor Role and RoleBinding; the regional AWS providers of the image check
 *     follow
 * @param workload the artifact repository, targets, cleanup RBAC, git credentials, WorkflowTemplate
 *     and, with notifications, their Secret; the generated webhook secret ({@value
 *     #WEBHOOK_SECRET_VALUE}) follows
 * @param trigger the trigger path: the GitHub token (with a {@code webhookUrl}) and webhook
 *     Secrets, the EventSource, the webhook Service ({@value #WEBHOOK_SERVICE}), the Sensor's RBAC
 *     and the Sensor
 */
public record PipelineObjects(
    List<PlannedObject> identity,
    List<PlannedObject> executor,
    List<PlannedObject> workload,
    List<PlannedObject> trigger) {

  /** Suffix of the name of the Pod Identity association, which the WorkflowTemplate waits for. */
  public static final String POD_IDENTITY = "-pod-identity";

  /** Suffix of the name of the generated webhook secret. */
  public static final String WEBHOOK_SECRET_VALUE = "-webhook-secret-value";

  /** Suffix of the name of the webhook Service, whose load balancer makes the webhook URL. */
  public static final String WEBHOOK_SERVICE = "-webhook-service";

  /** Copies the lists. */
  public PipelineObjects {
    identity = List.copyOf(identity);
    executor = List.copyOf(executor);
    workload = List.copyOf(workload);
    trigger = List.copyOf(trigger);
  }

  /**
   * Describes the objects of a pipeline.
   *
   * @param name the component name; objects are named {@code <name>-<part>}
   * @param mode how the workflow pods get their role (IRSA annotates the ServiceAccount)
   * @param namespace the workflow namespace
   * @param serviceAccountName the workflow ServiceAccount
   * @param instance the pipeline's instance name (labels)
   * @param templateName the WorkflowTemplate name
   * @param templateLabels the labels of the WorkflowTemplate and its git credentials Secret
   * @param config the pipeline definition
   * @param notifications the Secret and key of the notification webhook URL, when notifications are
   *     configured
   * @param trigger the trigger settings
   * @return the objects
   */
  public static PipelineObjects of(
      String name,
      IdentityMode mode,
      String namespace,
      String serviceAccountName,
      String instance,
      String templateName,
      Map<String, String> templateLabels,
      PipelineConfig config,
      Optional<Reporting.SecretKey> notifications,
      TriggerSettings trigger) {
    boolean irsa = mode == IdentityMode.IRSA;
    PlannedObject serviceAccount =
        PlannedObject.of(
            name + "-service-account",
            "v1",
            "ServiceAccount",
            new OfRoleArn(
                arn ->
                    WorkflowExecutor.serviceAccount(
                        namespace,
                        serviceAccountName,
                        instance,
                        irsa ? Optional.of(arn) : Optional.empty())));
    List<PlannedObject> executor =
        List.of(
            known(
                name + "-executor-role",
                WorkflowExecutor.role(namespace, serviceAccountName, instance)),
            known(
                name + "-executor-rolebinding",
                WorkflowExecutor.roleBinding(namespace, serviceAccountName, instance)));

    List<PlannedObject> workload = new ArrayList<>();
    workload.add(
        PlannedObject.of(
            name + "-artifact-repository",
            "v1",
            "ConfigMap",
            new OfTemplateSettings(ArtifactRepository::configMap)));
    // Kept when replaced: a running workflow still reads the targets it started with.
    workload.add(
        PlannedObject.of(
                name + "-pipeline-targets",
                "v1",
                "ConfigMap",
                new OfTemplateSettings(
                    (settings, region) -> PipelineTargets.configMap(settings, config)))
            .retained());
    String[] cleanupParts = {
      "-targets-cleanup-service-account", "-targets-cleanup-role", "-targets-cleanup-rolebinding"
    };
    List<KubernetesObject> cleanupRbac = TargetsCleanupRbac.all(namespace, templateName, instance);
    for (int i = 0; i < cleanupRbac.size(); i++) {
      workload.add(known(name + cleanupParts[i], cleanupRbac.get(i)));
    }
    workload.add(
        known(
                name + "-git-credentials",
                GitCredentials.secret(templateName, namespace, templateLabels))
            .withSecret(GitCredentials.KEY, SecretSource.GITHUB_TOKEN));
    List<String> templateNeeds = new ArrayList<>(List.of(serviceAccount.name()));
    if (!irsa) {
      templateNeeds.add(name + POD_IDENTITY);
    }
    executor.forEach(o -> templateNeeds.add(o.name()));
    workload.forEach(o -> templateNeeds.add(o.name()));
    PlannedObject workflowTemplate =
        PlannedObject.of(
                name + "-workflow-template",
                "argoproj.io/v1alpha1",
                "WorkflowTemplate",
                new OfTemplateSettings(
                    (settings, region) -> WorkflowTemplateFactory.build(settings, config)))
            .after(templateNeeds);
    workload.add(workflowTemplate);
    notifications.ifPresent(
        key ->
            workload.add(
                known(
                        name + "-notifications",
                        new KubernetesObject(
                            "v1",
                            "Secret",
                            ObjectMetadata.of(
                                key.name(),
                                namespace,
                                StandardLabels.of(key.name(), "reporting-credentials", instance)),
                            Map.of("type", "Opaque")))
                    .withSecret(key.key(), SecretSource.NOTIFICATION_URL)));
    return new PipelineObjects(
        List.of(serviceAccount), executor, workload, trigger(name, trigger, workflowTemplate));
  }

  private static List<PlannedObject> trigger(
      String name, TriggerSettings settings, PlannedObject workflowTemplate) {
    List<PlannedObject> trigger = new ArrayList<>();
    // The EventSource reads the token only to register the hook, which needs a webhookUrl.
    if (settings.webhookUrl().isPresent()) {
      trigger.add(
          known(name + "-github-token", GithubSecrets.tokenSecret(settings))
              .withSecret(GithubSecrets.TOKEN_KEY, SecretSource.GITHUB_TOKEN));
    }
    trigger.add(
        known(name + "-webhook-secret", GithubSecrets.webhookSecret(settings))
            .withSecret(GithubSecrets.WEBHOOK_SECRET_KEY, SecretSource.WEBHOOK_SECRET));
    PlannedObject eventSource =
        known(name + "-event-source", GithubEventSource.build(settings))
            .after(trigger.stream().map(PlannedObject::name).toList());
    trigger.add(eventSource);
    WebhookService.build(settings)
        .ifPresent(
            service ->
                trigger.add(
                    known(name + WEBHOOK_SERVICE, service).after(List.of(eventSource.name()))));
    List<String> sensorNeeds =
        new ArrayList<>(List.of(workflowTemplate.name(), eventSource.name()));
    String[] rbacParts = {"-sensor-service-account", "-sensor-role", "-sensor-rolebinding"};
    List<KubernetesObject> rbac = SensorRbac.all(settings);
    for (int i = 0; i < rbac.size(); i++) {
      trigger.add(known(name + rbacParts[i], rbac.get(i)));
      sensorNeeds.add(name + rbacParts[i]);
    }
    trigger.add(known(name + "-sensor", PipelineSensor.build(settings)).after(sensorNeeds));
    return trigger;
  }
}
