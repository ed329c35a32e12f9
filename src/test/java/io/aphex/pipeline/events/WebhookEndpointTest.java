package io.aphex.pipeline.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.events.WebhookServiceSettings.Type;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {

  private static final WebhookServiceSettings DEFAULTS = WebhookServiceSettings.defaults();

  @Test
  void theGithubSettingsPageOfTheRepository() {
    assertThat(WebhookEndpoint.githubSettingsUrl("my-org", "my-repo"))
        .isEqualTo("https://github.com/my-org/my-repo/settings/hooks");
  }

  @Test
  void theInClusterUrlUsesTheServicePort() {
    assertThat(WebhookEndpoint.inClusterUrl(TriggerFixtures.sample()))
        .isEqualTo("http://github-eventsource-svc.argo-events.svc.cluster.local:12000");
    assertThat(WebhookEndpoint.inClusterUrl(TriggerFixtures.custom()))
        .isEqualTo("http://app1-github-eventsource-svc.events.svc.cluster.local:8080");
  }

  @Test
  void aConfiguredWebhookUrlIsRegisteredAutomatically() {
    TriggerSettings settings = TriggerFixtures.withWebhookUrl("https://hooks.example.com/aphex");

    assertThat(WebhookEndpoint.webhookUrl(settings, Optional.of("ignored.elb.amazonaws.com")))
        .isEqualTo("https://hooks.example.com/aphex/push");
    assertThat(WebhookEndpoint.instructions(settings, Optional.empty()))
        .isEqualTo(
            "Argo Events registers the webhook https://hooks.example.com/aphex/push on"
                + " my-org/my-repo itself, with the token in Secret argo-events/github-access;"
                + " check it at https://github.com/my-org/my-repo/settings/hooks.");
  }

  @Test
  void aLoadBalancerWithAnAddressGivesTheUrl() {
    TriggerSettings settings = TriggerFixtures.sample();

    assertThat(WebhookEndpoint.webhookUrl(settings, Optional.of("abc.elb.us-east-1.amazonaws.com")))
        .isEqualTo("http://abc.elb.us-east-1.amazonaws.com:12000/push");
    assertThat(WebhookEndpoint.webhookUrl(settings, Optional.of("203.0.113.7")))
        .isEqualTo("http://203.0.113.7:12000/push");
    assertThat(WebhookEndpoint.webhookUrl(settings, Optional.of("2001:db8::7")))
        .isEqualTo("http://[2001:db8::7]:12000/push");
    assertThat(
            WebhookEndpoint.webhookUrl(
                TriggerFixtures.withService(DEFAULTS.withPort(80)), Optional.of("lb.example.com")))
        .isEqualTo("http://lb.example.com:80/push");
  }

  @Test
  void aLoadBalancerWithoutAnAddressNamesTheCommandThatShowsIt() {
    String expected =
        "The load balancer has no address yet. Run: kubectl get svc github-eventsource-svc -n"
            + " argo-events (column EXTERNAL-IP); the webhook URL is then"
            + " http://<EXTERNAL-IP>:12000/push";

    assertThat(WebhookEndpoint.webhookUrl(TriggerFixtures.sample(), Optional.empty()))
        .isEqualTo(expected);
    assertThat(WebhookEndpoint.webhookUrl(TriggerFixtures.sample(), Optional.of(" ")))
        .isEqualTo(expected);
  }

  @Test
  void aNodePortGivesTheNodePortOrHowToFindIt() {
    assertThat(
            WebhookEndpoint.webhookUrl(
                TriggerFixtures.withService(DEFAULTS.withType(Type.NODE_PORT).withNodePort(30120)),
                Optional.empty()))
        .isEqualTo(
            "http://<node address>:30120/push for a node that GitHub can reach (kubectl get"
                + " nodes -o wide)");
    assertThat(
            WebhookEndpoint.webhookUrl(
                TriggerFixtures.withService(DEFAULTS.withType(Type.NODE_PORT)), Optional.empty()))
        .isEqualTo(
            "Kubernetes assigns the node port. Run: kubectl get svc github-eventsource-svc -n"
                + " argo-events -o jsonpath='{.spec.ports[0].nodePort}'; the webhook URL is then"
                + " http://<node address>:<node port>/push for a node that GitHub can reach"
                + " (kubectl get nodes -o wide)");
  }

  @Test
  void aClusterIpGivesTheInClusterUrlAndSaysGithubCannotReachIt() {
    assertThat(
            WebhookEndpoint.webhookUrl(
                TriggerFixtures.withService(DEFAULTS.withType(Type.CLUSTER_IP)),
                Optional.of("ignored")))
        .isEqualTo(
            "http://github-eventsource-svc.argo-events.svc.cluster.local:12000/push (inside the"
                + " cluster only: GitHub cannot reach a ClusterIP Service; put an ingress or"
                + " tunnel in front of it and set webhookUrl to its public address)");
  }

  @Test
  void noServiceSaysWhatToExpose() {
    assertThat(
            WebhookEndpoint.webhookUrl(
                TriggerFixtures.withService(DEFAULTS.withEnabled(false)), Optional.empty()))
        .isEqualTo(
            "No webhook Service is created (webhookService.enabled is false): expose port 12000"
                + " of the pods labelled eventsource-name=github in namespace argo-events"
                + " yourself (e.g. with an Ingress); the webhook URL is then <that address>/push");
  }

  @Test
  void manualInstructionsNameThePageTheUrlTheSecretAndTheEvents() {
    assertThat(
            WebhookEndpoint.instructions(
                TriggerFixtures.sample(), Optional.of("abc.elb.us-east-1.amazonaws.com")))
        .isEqualTo(
            "Add a webhook at https://github.com/my-org/my-repo/settings/hooks: Payload URL:"
                + " http://abc.elb.us-east-1.amazonaws.com:12000/push. Content type:"
                + " application/json. Secret: the value of key secret in Secret"
                + " argo-events/github-webhook-secret (kubectl get secret github-webhook-secret"
                + " -n argo-events -o jsonpath='{.data.secret}' | base64 -d). Events: pushes and"
                + " pull requests.");
    assertThat(
            WebhookEndpoint.instructions(
                TriggerFixtures.withPullRequestEvents(false), Optional.of("lb")))
        .endsWith("Events: just the push event.");
  }

  @Test
  void webhookBaseUrlsAreChecked() {
    for (String good :
        new String[] {
          "https://hooks.example.com", "http://203.0.113.7:12000", "https://example.com/a/b"
        }) {
      assertThat(WebhookEndpoint.checkWebhookUrl(good)).as(good).isEmpty();
    }
    for (String bad :
        new String[] {
          "https://hooks.example.com/",
          "hooks.example.com",
          "ftp://x",
          "https://x/a?b=c",
          "https://x/#a",
          "https://x y",
          "https://"
        }) {
      assertThat(WebhookEndpoint.checkWebhookUrl(bad))
          .as(bad)
          .contains(
              "is not a webhook base URL (http:// or https://, a host, an optional port and"
                  + " path; no query, fragment or trailing '/')");
    }
  }
}
