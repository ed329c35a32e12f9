package io.aphex.pipeline.events;

import static io.aphex.pipeline.events.GithubEventSource.LISTEN_PORT;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.ObjectMetadata;
import io.aphex.pipeline.kubernetes.StandardLabels;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Service that exposes the EventSource pods' webhook, as configured by {@link
 * WebhookServiceSettings}.
 */
public final class WebhookService {

  /**
   * The label Argo Events puts on the pods of an EventSource, with the EventSource name as value;
   * the Service selects the pods by it.
   */
  public static final String EVENTSOURCE_NAME_LABEL = "eventsource-name";

  /** The name of the Service port. */
  public static final String PORT_NAME = "webhook";

  private static final String COMPONENT = "eventsource-webhook";

  private WebhookService() {}

  /**
   * The name of the Service.
   *
   * @param eventSourceName the EventSource name
   * @return {@code <eventSourceName>-eventsource-svc}
   */
  public static String name(String eventSourceName) {
    return eventSourceName + "-eventsource-svc";
  }

  /**
   * Builds the Service in {@link TriggerSettings#argoEventsNamespace()}: the configured type, one
   * TCP port {@value #PORT_NAME} from the configured port to the pods' {@value
   * GithubEventSource#LISTEN_PORT} (with the node port of a NodePort Service when one is set),
   * selecting the pods labelled {@value #EVENTSOURCE_NAME_LABEL}: {@code <eventSourceName>}. Its
   * labels are the managed ones followed by the user's; its annotations are {@link
   * WebhookServiceSettings#serviceAnnotations()}.
   *
   * @param settings the trigger settings
   * @return the {@code v1} {@code Service}, or empty when the Service is disabled
   */
  public static Optional<KubernetesObject> build(TriggerSettings settings) {
    WebhookServiceSettings service = settings.webhookService();
    if (!service.enabled()) {
      return Optional.empty();
    }
    String name = name(settings.eventSourceName());
    Map<String, String> labels =
        new LinkedHashMap<>(StandardLabels.of(name, COMPONENT, settings.instance()));
    labels.putAll(service.labels());

    int servicePort = service.port();
    Map<String, Object> port =
        new HashMap<>(
            Map.of(
                "name", PORT_NAME,
                "port", servicePort,
                "targetPort", LISTEN_PORT,
                "protocol", "TCP"));
    if (service.type() == WebhookServiceSettings.Type.NODE_PORT) {
      service.nodePort().ifPresent(nodePort -> port.put("nodePort", nodePort));
    }
    Map<String, Object> spec =
        Map.of(
            "type", service.type().kubernetesName(),
            "ports", List.of(port),
            "selector", Map.of(EVENTSOURCE_NAME_LABEL, settings.eventSourceName()));
    return Optional.of(
        new KubernetesObject(
            "v1",
            "Service",
            new ObjectMetadata(
                name, settings.argoEventsNamespace(), labels, service.serviceAnnotations()),
            Map.of("spec", spec)));
  }
}
