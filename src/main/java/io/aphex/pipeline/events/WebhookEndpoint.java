package io.aphex.pipeline.events;

import io.aphex.pipeline.events.WebhookServiceSettings.Type;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The human-facing outputs about the webhook: where GitHub should deliver, and what the user still
 * has to do. Every text is honest about what is not known yet (a load balancer address, an assigned
 * node port) and names the command that finds it, instead of showing a URL that does not resolve.
 */
public final class WebhookEndpoint {

  private static final Pattern BASE_URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*)?");

  private WebhookEndpoint() {}

  /**
   * The page of the repository's webhooks on GitHub.
   *
   * @param owner the GitHub user or organization
   * @param repo the repository name
   * @return {@code https://github.com/<owner>/<repo>/settings/hooks}
   */
  public static String githubSettingsUrl(String owner, String repo) {
    return "https://github.com/" + owner + "/" + repo + "/settings/hooks";
  }

  /**
   * The in-cluster URL of the webhook Service, without the endpoint path. It names the Service even
   * when the Service is disabled, because the EventSource needs some {@code webhook.url}.
   *
   * @param settings the trigger settings
   * @return {@code
   *     http://<eventSourceName>-eventsource-svc.<argoEventsNamespace>.svc.cluster.local:<port>}
   */
  public static String inClusterUrl(TriggerSettings settings) {
    return "http://%s.%s.svc.cluster.local:%d"
        .formatted(
            WebhookService.name(settings.eventSourceName()),
            settings.argoEventsNamespace(),
            settings.webhookService().port());
  }

  /**
   * The webhook URL GitHub should deliver to, or, where it is not known, how to find it.
   *
   * <ul>
   *   <li>a configured {@link TriggerSettings#webhookUrl()}: {@code <webhookUrl>/push}, which Argo
   *       Events registers itself;
   *   <li>a LoadBalancer with an address: {@code http://<address>:<port>/push} (an IPv6 address in
   *       brackets);
   *   <li>a LoadBalancer without one yet: the {@code kubectl get svc} command that shows it;
   *   <li>a NodePort: the URL pattern with the node port, or the command that shows the assigned
   *       one;
   *   <li>a ClusterIP: the in-cluster URL and that GitHub cannot reach it without an ingress;
   *   <li>no Service: what to expose.
   * </ul>
   *
   * @param settings the trigger settings
   * @param loadBalancerAddress the hostname or IP in the Service's {@code
   *     status.loadBalancer.ingress}, when there is one; blank counts as none
   * @return a URL or an instruction, as one line
   */
  public static String webhookUrl(TriggerSettings settings, Optional<String> loadBalancerAddress) {
    String push = GithubEventSource.ENDPOINT;
    if (settings.webhookUrl().isPresent()) {
      return settings.webhookUrl().get() + push;
    }
    WebhookServiceSettings service = settings.webhookService();
    String namespace = settings.argoEventsNamespace();
    String kubectl =
        "kubectl get svc " + WebhookService.name(settings.eventSourceName()) + " -n " + namespace;
    if (!service.enabled()) {
      return ("No webhook Service is created (webhookService.enabled is false): expose port %d of"
              + " the pods labelled %s=%s in namespace %s yourself (e.g. with an Ingress); the"
              + " webhook URL is then <that address>%s")
          .formatted(
              GithubEventSource.LISTEN_PORT,
              WebhookService.EVENTSOURCE_NAME_LABEL,
              settings.eventSourceName(),
              namespace,
              push);
    }
    String path = ":" + service.port() + push;
    if (service.type() == Type.LOAD_BALANCER) {
      return loadBalancerAddress
          .map(String::strip)
          .filter(address -> !address.isEmpty())
          .map(address -> "http://" + (isIpv6(address) ? "[" + address + "]" : address) + path)
          .orElse(
              ("The load balancer has no address yet. Run: %s (column EXTERNAL-IP); the webhook"
                      + " URL is then http://<EXTERNAL-IP>%s")
                  .formatted(kubectl, path));
    }
    String nodes = " for a node that GitHub can reach (kubectl get nodes -o wide)";
    if (service.type() == Type.NODE_PORT) {
      return service
          .nodePort()
          .map(nodePort -> "http://<node address>:" + nodePort + push + nodes)
          .orElse(
              ("Kubernetes assigns the node port. Run: %s -o jsonpath='{.spec.ports[0].nodePort}';"
                      + " the webhook URL is then http://<node address>:<node port>%s%s")
                  .formatted(kubectl, push, nodes));
    }
    return inClusterUrl(settings)
        + push
        + " (inside the cluster only: GitHub cannot reach a ClusterIP Service; put an ingress or"
        + " tunnel in front of it and set webhookUrl to its public address)";
  }

  /**
   * What the user has to do so that pushes reach the pipeline, as one paragraph.
   *
   * @param settings the trigger settings
   * @param loadBalancerAddress as for {@link #webhookUrl(TriggerSettings, Optional)}
   * @return with a {@link TriggerSettings#webhookUrl()}, where Argo Events registers the hook
   *     itself and where to see it; without one, how to add the hook on GitHub: page, payload URL,
   *     content type, secret and events
   */
  public static String instructions(
      TriggerSettings settings, Optional<String> loadBalancerAddress) {
    String page = githubSettingsUrl(settings.githubOwner(), settings.githubRepo());
    String url = webhookUrl(settings, loadBalancerAddress);
    String repository = settings.githubOwner() + "/" + settings.githubRepo();
    String namespace = settings.argoEventsNamespace();
    if (settings.webhookUrl().isPresent()) {
      return ("Argo Events registers the webhook %s on %s itself, with the token in Secret %s/%s;"
              + " check it at %s.")
          .formatted(url, repository, namespace, settings.tokenSecretName(), page);
    }
    String secret = settings.webhookSecretName();
    String key = GithubSecrets.WEBHOOK_SECRET_KEY;
    return ("Add a webhook at %s: Payload URL: %s. Content type: application/json. Secret: the"
            + " value of key %s in Secret %s/%s (kubectl get secret %s -n %s -o"
            + " jsonpath='{.data.%s}' | base64 -d). Events: %s")
        .formatted(
            page,
            url,
            key,
            namespace,
            secret,
            secret,
            namespace,
            key,
            settings.pullRequestEvents() ? "pushes and pull requests." : "just the push event.");
  }

  /**
   * Checks a configured webhook base URL: {@code http://} or {@code https://}, a host, an optional
   * port and path, and no query, fragment, whitespace or trailing '/' (Argo Events appends {@value
   * GithubEventSource#ENDPOINT} as is).
   *
   * @param value the URL to check
   * @return the broken rule, or empty
   */
  public static Optional<String> checkWebhookUrl(String value) {
    if (!redactUserInfo(value).equals(value)) {
      return Optional.of(
          "contains a user name or password before '@', which would be stored in plain text in"
              + " the EventSource and the stack outputs (GitHub deliveries are authenticated by the"
              + " webhook secret)");
    }
    return BASE_URL.matcher(value).matches() && !value.endsWith("/")
        ? Optional.empty()
        : Optional.of(
            "is not a webhook base URL (http:// or https://, a host, an optional port and path;"
                + " no query, fragment or trailing '/')");
  }

  /**
   * Masks the user information of a URL ({@code https://user:password@host} becomes {@code
   * https://***@host}), so that a problem message never shows a password.
   *
   * @param value a URL as the user wrote it
   * @return the URL without its user information
   */
  public static String redactUserInfo(String value) {
    return value.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\\s]*@", "$1***@");
  }

  /** IPv6 literals need brackets in a URL; host names and IPv4 addresses do not. */
  private static boolean isIpv6(String address) {
    return address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
  }
}
