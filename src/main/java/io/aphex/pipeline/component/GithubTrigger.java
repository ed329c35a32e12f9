package io.aphex.pipeline.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import io.aphex.pipeline.events.SensorRbac;
import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.events.WebhookEndpoint;
import io.aphex.pipeline.plan.PipelineObjects;
import io.aphex.pipeline.plan.PipelinePlan;
import java.util.Map;
import java.util.Optional;

/**
 * The outputs of a pipeline's trigger path: the webhook secret (read from AWS Secrets Manager, or
 * generated once by a {@link ChildResource#generatedPassword} child of the component, see {@link
 * io.aphex.pipeline.plan.PipelineChildren}) and where GitHub delivers pushes, from the webhook
 * Service's load balancer when there is one. The trigger path's objects are {@link
 * PipelineObjects#trigger()}.
 */
final class GithubTrigger {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TriggerSettings settings;
  private final Output<String> webhookSecret;
  private final Output<Optional<String>> loadBalancerAddress;

  /**
   * The trigger's outputs.
   *
   * @param settings the trigger settings
   * @param webhookSecret the webhook secret, a Pulumi secret
   * @param service the webhook Service, once registered, whose load balancer makes the webhook URL
   */
  GithubTrigger(
      TriggerSettings settings, Output<String> webhookSecret, Optional<ChildResource> service) {
    this.settings = settings;
    this.webhookSecret = webhookSecret;
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

  /** {@code status.loadBalancer.ingress[0]}: its hostname (AWS NLBs) or IP. */
  static Optional<String> loadBalancerAddress(Map<String, Object> status) {
    JsonNode first = JSON.valueToTree(status).at("/loadBalancer/ingress/0");
    JsonNode address = first.hasNonNull("hostname") ? first.get("hostname") : first.get("ip");
    return Optional.ofNullable(address).filter(a -> !a.isNull()).map(JsonNode::asText);
  }
}
