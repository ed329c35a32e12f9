package io.aphex.pipeline.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * The deploy-time side of a pipeline's trigger path: the address of the webhook Service's load
 * balancer, from which {@link AphexPipeline} makes the webhook URL ({@code
 * events.WebhookEndpoint}). The trigger path's objects are {@link
 * io.aphex.pipeline.plan.PipelineObjects#trigger()}.
 */
final class GithubTrigger {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GithubTrigger() {}

  /** {@code status.loadBalancer.ingress[0]}: its hostname (AWS NLBs) or IP. */
  static Optional<String> loadBalancerAddress(Map<String, Object> status) {
    JsonNode first = JSON.valueToTree(status).at("/loadBalancer/ingress/0");
    JsonNode address = first.hasNonNull("hostname") ? first.get("hostname") : first.get("ip");
    return Optional.ofNullable(address).filter(a -> !a.isNull()).map(JsonNode::asText);
  }
}
