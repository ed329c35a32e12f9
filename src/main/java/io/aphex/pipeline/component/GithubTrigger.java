package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.events.GithubEventSource;
import io.aphex.pipeline.events.GithubSecrets;
import io.aphex.pipeline.events.PipelineSensor;
import io.aphex.pipeline.events.SensorRbac;
import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.events.WebhookEndpoint;
import io.aphex.pipeline.events.WebhookService;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.plan.PipelinePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trigger path of a pipeline, created as children of the pipeline component: the GitHub token
 * and webhook secret as Kubernetes Secrets, the GitHub EventSource, the webhook Service, the
 * Sensor's ServiceAccount and RBAC, and the Sensor that creates a Workflow on every push to the
 * branch. The objects come from the pure builders of {@code io.aphex.pipeline.events}; this class
 * only registers them and supplies the secret values at deploy time.
 */
final class GithubTrigger {

  private final TriggerSettings settings;
  private final Output<String> webhookSecret;
  private final Output<Optional<String>> loadBalancerAddress;

  GithubTrigger(
      String name,
      AphexPipelineArgs args,
      InvokeOptions invoke,
      Resource parent,
      CustomResourceOptions inCluster,
      Resource workflowTemplate,
      Output<String> token) {
    this.settings = args.trigger();
    this.webhookSecret =
        args.githubWebhookSecretName()
            .map(
                secretName ->
                    SecretsManagerJson.read(
                        secretName,
                        GithubSecrets.WEBHOOK_SECRET_KEY,
                        "githubWebhookSecretName",
                        invoke))
            .orElseGet(
                () ->
                    new GeneratedPassword(
                            name + "-webhook-secret-value",
                            CustomResourceOptions.builder().parent(parent).build())
                        .result());

    List<Resource> eventSourceNeeds = new ArrayList<>();
    // The EventSource reads the token only to register the hook, which needs a webhookUrl.
    if (settings.webhookUrl().isPresent()) {
      eventSourceNeeds.add(
          secret(
              name + "-github-token",
              GithubSecrets.tokenSecret(settings),
              GithubSecrets.TOKEN_KEY,
              token,
              inCluster));
    }
    eventSourceNeeds.add(
        secret(
            name + "-webhook-secret",
            GithubSecrets.webhookSecret(settings),
            GithubSecrets.WEBHOOK_SECRET_KEY,
            webhookSecret,
            inCluster));
    KubernetesResource eventSource =
        register(
            name + "-event-source",
            GithubEventSource.build(settings),
            after(inCluster, eventSourceNeeds.toArray(Resource[]::new)));
    Optional<KubernetesResource> service =
        WebhookService.build(settings)
            .map(
                object ->
                    register(name + "-webhook-service", object, after(inCluster, eventSource)));

    List<Resource> sensorNeeds = new ArrayList<>(List.of(workflowTemplate, eventSource));
    String[] rbacParts = {"-sensor-service-account", "-sensor-role", "-sensor-rolebinding"};
    List<KubernetesObject> rbac = SensorRbac.all(settings);
    for (int i = 0; i < rbac.size(); i++) {
      sensorNeeds.add(register(name + rbacParts[i], rbac.get(i), inCluster));
    }
    register(
        name + "-sensor",
        PipelineSensor.build(settings),
        after(inCluster, sensorNeeds.toArray(Resource[]::new)));

    this.loadBalancerAddress =
        service
            .map(s -> s.status().applyValue(GithubTrigger::loadBalancerAddress))
            .orElse(Output.of(Optional.empty()));
  }

  Output<String> webhookUrl() {
    return loadBalancerAddress.applyValue(a -> WebhookEndpoint.webhookUrl(settings, a));
  }

  Output<String> instructions() {
    return loadBalancerAddress.applyValue(a -> WebhookEndpoint.instructions(settings, a));
  }

  Output<String> webhookSecret() {
    return webhookSecret;
  }

  String githubSettingsUrl() {
    return WebhookEndpoint.githubSettingsUrl(settings.githubOwner(), settings.githubRepo());
  }

  String sensorServiceAccountName() {
    return SensorRbac.serviceAccountName(settings.sensorName());
  }

  String serviceType() {
    return PipelinePlan.webhookServiceType(settings);
  }

  private static KubernetesResource secret(
      String name,
      KubernetesObject object,
      String key,
      Output<String> value,
      CustomResourceOptions options) {
    return new KubernetesResource(
        name, object.apiVersion(), object.kind(), Output.of(object), Map.of(key, value), options);
  }

  private static KubernetesResource register(
      String name, KubernetesObject object, CustomResourceOptions options) {
    return new KubernetesResource(
        name, object.apiVersion(), object.kind(), Output.of(object), options);
  }

  private static CustomResourceOptions after(CustomResourceOptions base, Resource... needs) {
    return CustomResourceOptions.merge(
        base, CustomResourceOptions.builder().dependsOn(needs).build());
  }

  /** {@code status.loadBalancer.ingress[0]}: its hostname (AWS NLBs) or IP. */
  @SuppressWarnings("unchecked")
  static Optional<String> loadBalancerAddress(Map<String, Object> status) {
    Object loadBalancer = status.get("loadBalancer");
    if (!(loadBalancer instanceof Map<?, ?> lb)
        || !(lb.get("ingress") instanceof List<?> ingress)
        || ingress.isEmpty()
        || !(ingress.get(0) instanceof Map<?, ?> first)) {
      return Optional.empty();
    }
    Object address = first.get("hostname") != null ? first.get("hostname") : first.get("ip");
    return Optional.ofNullable(address).map(String::valueOf);
  }
}
