package io.aphex.pipeline.component;

import static io.aphex.pipeline.component.AphexPipelineTest.sampleArgs;
import static io.aphex.pipeline.component.PipelineDeployment.at;
import static io.aphex.pipeline.component.PipelineDeployment.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.aphex.pipeline.argo.PipelineTargets;
import io.aphex.pipeline.events.WebhookServiceSettings;
import io.aphex.pipeline.events.WebhookServiceSettings.Type;
import io.aphex.pipeline.schema.ManifestSchemas;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import io.aphex.pipeline.testing.AphexPipelineMocks.Registration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The trigger path as the component registers it: secrets, EventSource, Service, Sensor, RBAC. */
class GithubTriggerTest {

  private static final String RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
  private static final String SERVICE = "kubernetes:core/v1:Service";
  private static final String LB = AphexPipelineMocks.LOAD_BALANCER;
  private static final String SETTINGS_URL = "https://github.com/my-org/my-repo/settings/hooks";
  private static final String IN_CLUSTER_URL =
      "http://github-eventsource-svc.argo-events.svc.cluster.local:12000";

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void tokenSecretsHoldTheSecretsManagerTokenAndWebhookSecretTheGeneratedValue() {
    PipelineDeployment d = PipelineDeployment.sample();

    assertThat(d.kubernetesObject("Secret", "aphex-pipeline-git-credentials"))
        .isEqualTo(gitCredentials(Map.of("token", AphexPipelineMocks.GITHUB_TOKEN)));
    assertThat(d.kubernetesObject("Secret", "aphex-pipeline-webhook-secret"))
        .isEqualTo(
            secret(
                "github-webhook-secret",
                "aphex-pipeline",
                Map.of("secret", AphexPipelineMocks.GENERATED_SECRET)));
    PipelineDeployment withUrl =
        PipelineDeployment.of(sampleArgs().webhookUrl("https://hooks.example.com").build());
    assertThat(withUrl.kubernetesObject("Secret", "aphex-pipeline-github-token"))
        .isEqualTo(
            secret(
                "github-access",
                "aphex-pipeline",
                Map.of("token", AphexPipelineMocks.GITHUB_TOKEN)));
    OutputData<String> webhookSecret = data(d.pipeline.webhookSecret());
    assertThat(webhookSecret.isSecret()).isTrue();
    assertThat(webhookSecret.getValueNullable()).isEqualTo(AphexPipelineMocks.GENERATED_SECRET);
  }

  @Test
  void noOtherOutputCarriesTheTokenOrTheWebhookSecret() {
    PipelineDeployment d = PipelineDeployment.sample();

    List<Output<String>> plainOutputs =
        List.of(
            d.pipeline.workflowRoleArn(),
            d.pipeline.serviceAccountName(),
            d.pipeline.artifactBucketName(),
            d.pipeline.workflowTemplateName(),
            d.pipeline.builderImage(),
            d.pipeline.deployerImage(),
            d.pipeline.webhookUrl(),
            d.pipeline.webhookInstructions(),
            d.pipeline.githubWebhookSettingsUrl(),
            d.pipeline.sensorServiceAccountName(),
            d.pipeline.webhookServiceType());
    for (Output<String> output : plainOutputs) {
      OutputData<String> data = data(output);
      assertThat(data.isSecret()).isFalse();
      assertThat(data.getValueNullable())
          .doesNotContain(AphexPipelineMocks.GITHUB_TOKEN)
          .doesNotContain(AphexPipelineMocks.GENERATED_SECRET);
    }
  }

  @Test
  void generatedWebhookSecretIsRegisteredWithTheSameNameAndFixedInputsOnEveryUpdate() {
    List<Registration> passwords = new ArrayList<>();
    List<Object> webhookSecretData = new ArrayList<>();
    List<AphexPipelineArgs> updates =
        List.of(
            sampleArgs().build(),
            sampleArgs()
                .githubBranch("release")
                .containerImageVersion("v2.0.0")
                .pullRequestEvents(true)
                .webhookService(WebhookServiceSettings.defaults().withType(Type.CLUSTER_IP))
                .build(),
            sampleArgs().build());
    for (AphexPipelineArgs args : updates) {
      PipelineDeployment d = PipelineDeployment.of(args);
      passwords.addAll(d.mocks.ofType(RANDOM_PASSWORD));
      webhookSecretData.add(
          d.kubernetesObject("Secret", "aphex-pipeline-webhook-secret").get("stringData"));
      PulumiTest.cleanup();
    }

    // The engine diffs new inputs against the stored ones: equal inputs mean no replacement, so
    // the random provider keeps the stored value instead of generating a new one.
    assertThat(passwords.stream().map(r -> List.of(r.type(), r.name(), r.inputs())))
        .containsOnly(
            List.of(
                RANDOM_PASSWORD,
                "aphex-pipeline-webhook-secret-value",
                Map.of("length", 48.0, "special", false)))
        .hasSize(3);
    assertThat(webhookSecretData)
        .containsOnly(Map.of("secret", AphexPipelineMocks.GENERATED_SECRET))
        .hasSize(3);
  }

  @Test
  void webhookSecretFromSecretsManagerReplacesTheGeneratedOne() {
    AphexPipelineMocks mocks =
        new AphexPipelineMocks().withSecret("team-a/webhook", "{\"secret\":\"s3cr3t\"}");

    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs().githubWebhookSecretName("team-a/webhook").build(), mocks);

    assertThat(d.mocks.ofType(RANDOM_PASSWORD)).isEmpty();
    assertThat(d.kubernetesObject("Secret", "aphex-pipeline-webhook-secret"))
        .isEqualTo(secret("github-webhook-secret", "aphex-pipeline", Map.of("secret", "s3cr3t")));
    assertThat(d.kubernetesObject("Secret", "aphex-pipeline-git-credentials"))
        .isEqualTo(gitCredentials(Map.of("token", AphexPipelineMocks.GITHUB_TOKEN)));
    OutputData<String> webhookSecret = data(d.pipeline.webhookSecret());
    assertThat(webhookSecret.isSecret()).isTrue();
    assertThat(webhookSecret.getValueNullable()).isEqualTo("s3cr3t");
  }

  static Stream<Arguments> secretsWithoutTheirKey() {
    return Stream.of(
        Arguments.of(
            "webhook secret without key 'secret'",
            "team-a/webhook",
            "{\"other\":\"s3cr3t\"}",
            "AWS Secrets Manager secret 'team-a/webhook' (from githubWebhookSecretName) must be a"
                + " JSON object with a non-empty string key 'secret'. Fix: aws secretsmanager"
                + " put-secret-value --secret-id team-a/webhook --secret-string"
                + " '{\"secret\":\"...\"}'"),
        Arguments.of(
            "webhook secret that is not JSON",
            "team-a/webhook",
            "s3cr3t",
            "AWS Secrets Manager secret 'team-a/webhook' (from githubWebhookSecretName) must be a"
                + " JSON object with a non-empty string key 'secret'. Fix: aws secretsmanager"
                + " put-secret-value --secret-id team-a/webhook --secret-string"
                + " '{\"secret\":\"...\"}'"),
        Arguments.of(
            "token secret without key 'token'",
            "github-token",
            "{\"access_token\":\"s3cr3t\"}",
            "AWS Secrets Manager secret 'github-token' (from githubTokenSecretName) must be a"
                + " JSON object with a non-empty string key 'token'. Fix: aws secretsmanager"
                + " put-secret-value --secret-id github-token --secret-string"
                + " '{\"token\":\"...\"}'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretsWithoutTheirKey")
  void secretsManagerSecretWithoutItsKeyFailsTheDeploymentWithoutShowingTheValue(
      String example, String secretName, String secretString, String message) {
    AphexPipelineMocks mocks =
        new AphexPipelineMocks()
            .withSecret("team-a/webhook", "{\"secret\":\"w3bh00k\"}")
            .withSecret(secretName, secretString);

    TestResult result =
        runExpectingFailure(sampleArgs().githubWebhookSecretName("team-a/webhook").build(), mocks);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.exceptions()).isNotEmpty();
    for (Throwable e : result.exceptions()) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      assertThat(root).isInstanceOf(com.pulumi.exceptions.RunException.class).hasMessage(message);
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cr3t");
      }
    }
    assertThat(String.join("\n", result.errors())).doesNotContain("s3cr3t");
  }

  static Stream<Arguments> deployments() {
    return Stream.of(
        Arguments.of("defaults", sampleArgs()),
        Arguments.of("pipelineName team-a", sampleArgs().pipelineName("team-a")),
        Arguments.of(
            "webhookUrl and pull requests",
            sampleArgs().webhookUrl("https://hooks.example.com").pullRequestEvents(true)),
        Arguments.of(
            "NodePort",
            sampleArgs()
                .webhookService(
                    WebhookServiceSettings.defaults()
                        .withType(Type.NODE_PORT)
                        .withNodePort(30080))),
        Arguments.of(
            "ClusterIP with labels and annotations",
            sampleArgs()
                .webhookService(
                    WebhookServiceSettings.defaults()
                        .withType(Type.CLUSTER_IP)
                        .withLabels(Map.of("team", "platform"))
                        .withAnnotations(Map.of("example.com/owner", "platform")))),
        Arguments.of(
            "Service disabled",
            sampleArgs().webhookService(WebhookServiceSettings.defaults().withEnabled(false))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void everyKubernetesObjectMatchesItsSchema(String example, AphexPipelineArgs.Builder args) {
    PipelineDeployment d = PipelineDeployment.of(args.build());

    List<Map<String, Object>> objects = kubernetesObjects(d);
    // 3 executor and artifact objects, targets, git credentials, 3 cleanup RBAC, template,
    // webhook Secret, EventSource, Service, 3 sensor RBAC, Sensor; the token Secret in the events
    // namespace only with a webhookUrl.
    int expected = 17;
    if (example.equals("Service disabled")) {
      expected--;
    }
    if (example.startsWith("webhookUrl")) {
      expected++;
    }
    assertThat(objects).hasSize(expected);
    for (Map<String, Object> object : objects) {
      if (object.get("kind").equals("Secret")) {
        assertThat(object.get("stringData")).isInstanceOf(Map.class);
      }
      ManifestSchemas.get().assertValid(object);
    }
  }

  @Test
  void defaultLoadBalancerGivesTheWebhookUrlOfItsAddress() {
    PipelineDeployment d = PipelineDeployment.sample();

    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", "github-eventsource-svc");
    metadata.put("namespace", "argo-events");
    metadata.put(
        "labels", labels("github-eventsource-svc", "eventsource-webhook", "aphex-pipeline"));
    metadata.put("annotations", Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"));
    assertThat(d.kubernetesObject("Service", "aphex-pipeline-webhook-service"))
        .isEqualTo(
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                metadata,
                "spec",
                Map.of(
                    "type",
                    "LoadBalancer",
                    "ports",
                    List.of(port(12000)),
                    "selector",
                    Map.of("eventsource-name", "github"))));
    assertThat(value(d.pipeline.webhookUrl())).isEqualTo("http://" + LB + ":12000/push");
    assertThat(value(d.pipeline.webhookInstructions()))
        .isEqualTo(
            "Add a webhook at "
                + SETTINGS_URL
                + ": Payload URL: http://"
                + LB
                + ":12000/push. Content type: application/json. Secret: the value of key secret"
                + " in Secret argo-events/github-webhook-secret (kubectl get secret"
                + " github-webhook-secret -n argo-events -o jsonpath='{.data.secret}' | base64"
                + " -d). Events: just the push event.");
    assertThat(value(d.pipeline.webhookServiceType())).isEqualTo("LoadBalancer");
  }

  @Test
  void loadBalancerWithoutAnAddressYetGivesTheCommandThatShowsIt() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs().build(), new AphexPipelineMocks().withoutLoadBalancerAddress());

    assertThat(value(d.pipeline.webhookUrl()))
        .isEqualTo(
            "The load balancer has no address yet. Run: kubectl get svc github-eventsource-svc -n"
                + " argo-events (column EXTERNAL-IP); the webhook URL is then"
                + " http://<EXTERNAL-IP>:12000/push");
  }

  /**
   * {@code status.loadBalancer.ingress[0]} of a Service as the Kubernetes API gives it
   * (kubernetes/api/core/v1 LoadBalancerIngress: {@code hostname} for AWS load balancers, {@code
   * ip} for others); anything else is no address yet.
   */
  @Test
  void theLoadBalancerAddressIsTheFirstIngressHostnameElseItsIp() {
    Map<String, Object> ip = new LinkedHashMap<>();
    ip.put("hostname", null);
    ip.put("ip", "203.0.113.7");
    assertThat(
            GithubTrigger.loadBalancerAddress(ingress(Map.of("hostname", "a.elb.com", "ip", "x"))))
        .contains("a.elb.com");
    assertThat(GithubTrigger.loadBalancerAddress(ingress(ip))).contains("203.0.113.7");
    assertThat(GithubTrigger.loadBalancerAddress(ingress(Map.of()))).isEmpty();
    assertThat(
            GithubTrigger.loadBalancerAddress(Map.of("loadBalancer", Map.of("ingress", List.of()))))
        .isEmpty();
    assertThat(GithubTrigger.loadBalancerAddress(Map.of("loadBalancer", Map.of()))).isEmpty();
    assertThat(GithubTrigger.loadBalancerAddress(Map.of())).isEmpty();
  }

  private static Map<String, Object> ingress(Map<String, Object> first) {
    return Map.of("loadBalancer", Map.of("ingress", List.of(first)));
  }

  @Test
  void nodePortServiceExposesTheFixedNodePortAndSaysWhereToFindANode() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs()
                .webhookService(
                    WebhookServiceSettings.defaults().withType(Type.NODE_PORT).withNodePort(30080))
                .build());

    Map<String, Object> service = d.kubernetesObject("Service", "aphex-pipeline-webhook-service");
    Map<String, Object> port = new LinkedHashMap<>(port(12000));
    port.put("nodePort", 30080L);
    assertThat((Object) service.get("spec"))
        .isEqualTo(
            Map.of(
                "type",
                "NodePort",
                "ports",
                List.of(port),
                "selector",
                Map.of("eventsource-name", "github")));
    assertThat(PipelineDeployment.<Map<String, Object>>at(service, "metadata"))
        .containsOnlyKeys("name", "namespace", "labels");
    assertThat(value(d.pipeline.webhookUrl()))
        .isEqualTo(
            "http://<node address>:30080/push for a node that GitHub can reach (kubectl get nodes"
                + " -o wide)");
    assertThat(value(d.pipeline.webhookServiceType())).isEqualTo("NodePort");
  }

  @Test
  void nodePortServiceWithoutAFixedPortSaysHowToFindTheAssignedOne() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs()
                .webhookService(WebhookServiceSettings.defaults().withType(Type.NODE_PORT))
                .build());

    assertThat((Object) at(d.kubernetesObject("Service", "aphex-pipeline-webhook-service"), "spec"))
        .isEqualTo(
            Map.of(
                "type",
                "NodePort",
                "ports",
                List.of(port(12000)),
                "selector",
                Map.of("eventsource-name", "github")));
    assertThat(value(d.pipeline.webhookUrl()))
        .isEqualTo(
            "Kubernetes assigns the node port. Run: kubectl get svc github-eventsource-svc -n"
                + " argo-events -o jsonpath='{.spec.ports[0].nodePort}'; the webhook URL is then"
                + " http://<node address>:<node port>/push for a node that GitHub can reach"
                + " (kubectl get nodes -o wide)");
  }

  @Test
  void clusterIpServiceGivesTheInClusterUrlAndSaysGithubCannotReachIt() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs()
                .webhookService(WebhookServiceSettings.defaults().withType(Type.CLUSTER_IP))
                .build());

    Map<String, Object> service = d.kubernetesObject("Service", "aphex-pipeline-webhook-service");
    assertThat((Object) at(service, "spec", "type")).isEqualTo("ClusterIP");
    assertThat(PipelineDeployment.<Map<String, Object>>at(service, "metadata"))
        .containsOnlyKeys("name", "namespace", "labels");
    assertThat(value(d.pipeline.webhookUrl()))
        .isEqualTo(
            IN_CLUSTER_URL
                + "/push (inside the cluster only: GitHub cannot reach a ClusterIP Service; put an"
                + " ingress or tunnel in front of it and set webhookUrl to its public address)");
    assertThat(value(d.pipeline.webhookServiceType())).isEqualTo("ClusterIP");
  }

  @Test
  void disabledServiceIsNotCreatedAndTheOutputsSayWhatToExpose() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs()
                .webhookService(WebhookServiceSettings.defaults().withEnabled(false))
                .build());

    assertThat(d.mocks.ofType(SERVICE)).isEmpty();
    assertThat(value(d.pipeline.webhookServiceType())).isEqualTo("disabled");
    assertThat(value(d.pipeline.webhookUrl()))
        .isEqualTo(
            "No webhook Service is created (webhookService.enabled is false): expose port 12000"
                + " of the pods labelled eventsource-name=github in namespace argo-events yourself"
                + " (e.g. with an Ingress); the webhook URL is then <that address>/push");
    assertThat(
            PipelineDeployment.<Map<String, Object>>at(
                d.kubernetesObject("EventSource", "aphex-pipeline-event-source"),
                "spec",
                "github",
                "aphex-pipeline",
                "webhook"))
        .doesNotContainKey("url");
  }

  @Test
  void customPortIsTheServicePortWhileThePodsKeepListeningOn12000() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs().webhookService(WebhookServiceSettings.defaults().withPort(8443)).build());

    assertThat(
            (Object)
                at(
                    d.kubernetesObject("Service", "aphex-pipeline-webhook-service"),
                    "spec",
                    "ports"))
        .isEqualTo(
            List.of(
                Map.of("name", "webhook", "port", 8443L, "targetPort", 12000L, "protocol", "TCP")));
    Map<String, Object> webhook =
        at(
            d.kubernetesObject("EventSource", "aphex-pipeline-event-source"),
            "spec",
            "github",
            "aphex-pipeline",
            "webhook");
    assertThat(webhook).containsEntry("port", "12000").doesNotContainKey("url");
    assertThat(value(d.pipeline.webhookUrl())).isEqualTo("http://" + LB + ":8443/push");
  }

  @Test
  void userAnnotationsAreMergedOverTheNlbDefault() {
    PipelineDeployment added =
        PipelineDeployment.of(
            sampleArgs()
                .webhookService(
                    WebhookServiceSettings.defaults()
                        .withAnnotations(
                            Map.of(
                                "service.beta.kubernetes.io/aws-load-balancer-scheme",
                                "internet-facing")))
                .build());
    assertThat(
            (Object)
                at(
                    added.kubernetesObject("Service", "aphex-pipeline-webhook-service"),
                    "metadata",
                    "annotations"))
        .isEqualTo(
            Map.of(
                "service.beta.kubernetes.io/aws-load-balancer-type",
                "nlb",
                "service.beta.kubernetes.io/aws-load-balancer-scheme",
                "internet-facing"));
    PulumiTest.cleanup();

    PipelineDeployment replaced =
        PipelineDeployment.of(
            sampleArgs()
                .webhookService(
                    WebhookServiceSettings.defaults()
                        .withAnnotations(
                            Map.of(
                                "service.beta.kubernetes.io/aws-load-balancer-type", "external")))
                .build());
    assertThat(
            (Object)
                at(
                    replaced.kubernetesObject("Service", "aphex-pipeline-webhook-service"),
                    "metadata",
                    "annotations"))
        .isEqualTo(Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "external"));
  }

  @Test
  void userLabelsAreAddedToTheManagedLabels() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs()
                .webhookService(
                    WebhookServiceSettings.defaults()
                        .withLabels(Map.of("team", "platform", "example.com/tier", "web")))
                .build());

    Map<String, String> expected =
        new LinkedHashMap<>(
            labels("github-eventsource-svc", "eventsource-webhook", "aphex-pipeline"));
    expected.put("team", "platform");
    expected.put("example.com/tier", "web");
    assertThat(
            (Object)
                at(
                    d.kubernetesObject("Service", "aphex-pipeline-webhook-service"),
                    "metadata",
                    "labels"))
        .isEqualTo(expected);
  }

  @Test
  void configuredWebhookUrlLetsArgoEventsRegisterTheHookWithTheToken() {
    PipelineDeployment d =
        PipelineDeployment.of(sampleArgs().webhookUrl("https://hooks.example.com").build());

    Map<String, Object> source = githubSource(d);
    assertThat(source)
        .isEqualTo(
            githubSource(
                "https://hooks.example.com",
                List.of("push"),
                Map.of("name", "github-access", "key", "token")));
    assertThat(value(d.pipeline.webhookUrl())).isEqualTo("https://hooks.example.com/push");
    assertThat(value(d.pipeline.webhookInstructions()))
        .isEqualTo(
            "Argo Events registers the webhook https://hooks.example.com/push on my-org/my-repo"
                + " itself, with the token in Secret argo-events/github-access; check it at "
                + SETTINGS_URL
                + ".");
  }

  @Test
  void withoutWebhookUrlTheEventSourceHasNoApiTokenNoUrlAndNoTokenSecret() {
    PipelineDeployment d = PipelineDeployment.sample();

    assertThat(githubSource(d)).isEqualTo(githubSource(null, List.of("push"), null));
    assertThat(d.mocks.registrations())
        .noneMatch(r -> r.name().equals("aphex-pipeline-github-token"));
  }

  @Test
  void pullRequestEventsAreSubscribedToOnRequest() {
    PipelineDeployment d = PipelineDeployment.of(sampleArgs().pullRequestEvents(true).build());

    assertThat((Object) githubSource(d).get("events")).isEqualTo(List.of("push", "pull_request"));
    assertThat(value(d.pipeline.webhookInstructions()))
        .endsWith("Events: pushes and pull requests.");
  }

  @Test
  void sensorRunsAsItsOwnServiceAccountAndMayOnlyCreateWorkflowsInTheWorkflowNamespace() {
    PipelineDeployment d = PipelineDeployment.sample();

    assertThat(d.kubernetesObject("ServiceAccount", "aphex-pipeline-sensor-service-account"))
        .isEqualTo(
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "ServiceAccount",
                "metadata",
                metadata(
                    "aphex-pipeline-sensor-sa",
                    "argo-events",
                    labels("aphex-pipeline-sensor-sa", "sensor", "aphex-pipeline"))));
    assertThat(d.kubernetesObject("Role", "aphex-pipeline-sensor-role"))
        .isEqualTo(
            Map.of(
                "apiVersion",
                "rbac.authorization.k8s.io/v1",
                "kind",
                "Role",
                "metadata",
                metadata(
                    "aphex-pipeline-sensor-role",
                    "argo",
                    labels("aphex-pipeline-sensor-role", "sensor", "aphex-pipeline")),
                "rules",
                List.of(
                    Map.of(
                        "apiGroups",
                        List.of("argoproj.io"),
                        "resources",
                        List.of("workflows"),
                        "verbs",
                        List.of("create")))));
    assertThat(d.kubernetesObject("RoleBinding", "aphex-pipeline-sensor-rolebinding"))
        .isEqualTo(
            Map.of(
                "apiVersion",
                "rbac.authorization.k8s.io/v1",
                "kind",
                "RoleBinding",
                "metadata",
                metadata(
                    "aphex-pipeline-sensor-rolebinding",
                    "argo",
                    labels("aphex-pipeline-sensor-rolebinding", "sensor", "aphex-pipeline")),
                "roleRef",
                Map.of(
                    "apiGroup",
                    "rbac.authorization.k8s.io",
                    "kind",
                    "Role",
                    "name",
                    "aphex-pipeline-sensor-role"),
                "subjects",
                List.of(
                    Map.of(
                        "kind",
                        "ServiceAccount",
                        "name",
                        "aphex-pipeline-sensor-sa",
                        "namespace",
                        "argo-events"))));
  }

  @Test
  void sensorCreatesWorkflowsFromThePipelineTemplateOnPushesToTheBranch() {
    PipelineDeployment d = PipelineDeployment.sample();

    Map<String, Object> sensor = d.kubernetesObject("Sensor", "aphex-pipeline-sensor");
    assertThat((Object) at(sensor, "metadata"))
        .isEqualTo(
            metadata(
                "aphex-pipeline-sensor",
                "argo-events",
                labels("aphex-pipeline-sensor", "sensor", "aphex-pipeline")));
    assertThat((Object) at(sensor, "spec", "template"))
        .isEqualTo(Map.of("serviceAccountName", "aphex-pipeline-sensor-sa"));
    assertThat((Object) at(sensor, "spec", "dependencies"))
        .isEqualTo(
            List.of(
                Map.of(
                    "name",
                    "github-push",
                    "eventSourceName",
                    "github",
                    "eventName",
                    "aphex-pipeline",
                    "filters",
                    Map.of(
                        "data",
                        List.of(
                            Map.of(
                                "path",
                                "body.ref",
                                "type",
                                "string",
                                "value",
                                List.of("^refs/heads/main$")),
                            Map.of(
                                "path",
                                "body.deleted",
                                "type",
                                "bool",
                                "value",
                                List.of("false")))))));
    Map<String, Object> workflow =
        at(sensor, "spec", "triggers", 0, "template", "k8s", "source", "resource");
    assertThat((Object) at(sensor, "spec", "triggers", 0, "template", "k8s", "operation"))
        .isEqualTo("create");
    assertThat((Object) workflow.get("metadata"))
        .isEqualTo(
            Map.of(
                "generateName",
                "aphex-pipeline-",
                "namespace",
                "argo",
                "labels",
                labels("aphex-pipeline-template", "workflow", "aphex-pipeline")));
    assertThat((Object) at(workflow, "spec", "workflowTemplateRef"))
        .isEqualTo(Map.of("name", "aphex-pipeline-template"));
  }

  @Test
  void pipelineNamePrefixesEveryDerivedKubernetesIamAndS3Name() {
    PipelineDeployment d =
        PipelineDeployment.of(
            "team-a", sampleArgs().pipelineName("team-a").build(), new AphexPipelineMocks());

    assertThat(d.mocks.registrations())
        .allSatisfy(r -> assertThat(r.name()).matches("team-a(-.+)?"));
    assertThat(
            d.mocks.registrations().stream()
                .filter(r -> !r.type().startsWith("aws:s3/") || r.name().equals("team-a-artifacts"))
                .filter(r -> !r.type().startsWith("pulumi:providers:"))
                .filter(r -> !r.type().equals("aws:iam/rolePolicy:RolePolicy"))
                .map(r -> r.type() + " " + r.name()))
        .containsExactlyInAnyOrder(
            "aphex:index:AphexPipeline team-a",
            "aws:iam/role:Role team-a-workflow-role",
            "aws:s3/bucketV2:BucketV2 team-a-artifacts",
            "kubernetes:core/v1:ServiceAccount team-a-service-account",
            "kubernetes:rbac.authorization.k8s.io/v1:Role team-a-executor-role",
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding team-a-executor-rolebinding",
            "kubernetes:core/v1:ConfigMap team-a-artifact-repository",
            "kubernetes:core/v1:ConfigMap team-a-pipeline-targets",
            "kubernetes:core/v1:ServiceAccount team-a-targets-cleanup-service-account",
            "kubernetes:rbac.authorization.k8s.io/v1:Role team-a-targets-cleanup-role",
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding team-a-targets-cleanup-rolebinding",
            "kubernetes:core/v1:Secret team-a-git-credentials",
            "kubernetes:argoproj.io/v1alpha1:WorkflowTemplate team-a-workflow-template",
            "random:index/randomPassword:RandomPassword team-a-webhook-secret-value",
            "kubernetes:core/v1:Secret team-a-webhook-secret",
            "kubernetes:argoproj.io/v1alpha1:EventSource team-a-event-source",
            "kubernetes:core/v1:Service team-a-webhook-service",
            "kubernetes:core/v1:ServiceAccount team-a-sensor-service-account",
            "kubernetes:rbac.authorization.k8s.io/v1:Role team-a-sensor-role",
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding team-a-sensor-rolebinding",
            "kubernetes:argoproj.io/v1alpha1:Sensor team-a-sensor");
    assertThat(kubernetesObjects(d).stream().map(GithubTriggerTest::identity))
        .containsExactlyInAnyOrder(
            "ServiceAccount argo/team-a-workflow-executor",
            "Role argo/team-a-workflow-executor-role",
            "RoleBinding argo/team-a-workflow-executor-rolebinding",
            "ConfigMap argo/team-a-template-artifact-repository",
            "ConfigMap argo/"
                + PipelineTargets.configMapName(
                    "team-a-template", sampleArgs().build().pipelineConfig()),
            "ServiceAccount argo/team-a-template-targets-cleanup",
            "Role argo/team-a-template-targets-cleanup",
            "RoleBinding argo/team-a-template-targets-cleanup",
            "Secret argo/team-a-template-github-token",
            "WorkflowTemplate argo/team-a-template",
            "Secret argo-events/team-a-github-webhook-secret",
            "EventSource argo-events/team-a-github",
            "Service argo-events/team-a-github-eventsource-svc",
            "ServiceAccount argo-events/team-a-sensor-sa",
            "Role argo/team-a-sensor-role",
            "RoleBinding argo/team-a-sensor-rolebinding",
            "Sensor argo-events/team-a-sensor");
    assertThat(kubernetesObjects(d))
        .allSatisfy(
            o ->
                assertThat((Object) at(o, "metadata", "labels", "app.kubernetes.io/instance"))
                    .isEqualTo("team-a"));

    assertThat(d.inputs("aws:s3/bucketV2:BucketV2", "team-a-artifacts"))
        .containsEntry("bucket", "team-a-artifacts-123456789012-us-east-1");
    assertThat(value(d.pipeline.artifactBucketName()))
        .isEqualTo("team-a-artifacts-123456789012-us-east-1");
    assertThat(
            (Object)
                at(
                    json(
                        d.inputs("aws:iam/role:Role", "team-a-workflow-role")
                            .get("assumeRolePolicy")),
                    "Statement",
                    0,
                    "Condition",
                    "StringEquals",
                    AphexPipelineTest.ISSUER_HOST + ":sub"))
        .isEqualTo("system:serviceaccount:argo:team-a-workflow-executor");
    assertThat(value(d.pipeline.workflowRoleArn()))
        .isEqualTo("arn:aws:iam::123456789012:role/team-a-workflow-role-1a2b3c4");

    Map<String, Object> sensor = d.kubernetesObject("Sensor", "team-a-sensor");
    assertThat((Object) at(sensor, "spec", "template", "serviceAccountName"))
        .isEqualTo("team-a-sensor-sa");
    assertThat((Object) at(sensor, "spec", "dependencies", 0, "eventSourceName"))
        .isEqualTo("team-a-github");
    Map<String, Object> workflow =
        at(sensor, "spec", "triggers", 0, "template", "k8s", "source", "resource");
    assertThat((Object) at(workflow, "metadata", "generateName")).isEqualTo("team-a-");
    assertThat((Object) at(workflow, "spec", "workflowTemplateRef", "name"))
        .isEqualTo("team-a-template");
    assertThat(
            (Object)
                at(
                    d.kubernetesObject("RoleBinding", "team-a-sensor-rolebinding"),
                    "subjects",
                    0,
                    "name"))
        .isEqualTo("team-a-sensor-sa");
    assertThat(
            (Object)
                at(d.kubernetesObject("Service", "team-a-webhook-service"), "spec", "selector"))
        .isEqualTo(Map.of("eventsource-name", "team-a-github"));
    Map<String, Object> source =
        at(
            d.kubernetesObject("EventSource", "team-a-event-source"),
            "spec",
            "github",
            "aphex-pipeline");
    assertThat((Object) source.get("webhookSecret"))
        .isEqualTo(Map.of("name", "team-a-github-webhook-secret", "key", "secret"));
    assertThat(PipelineDeployment.<Map<String, Object>>at(source, "webhook"))
        .doesNotContainKey("url");
    assertThat(
            (Object)
                at(
                    d.kubernetesObject("WorkflowTemplate", "team-a-workflow-template"),
                    "spec",
                    "artifactRepositoryRef"))
        .isEqualTo(
            Map.of(
                "configMap", "team-a-template-artifact-repository", "key", "artifact-repository"));
    assertThat(
            (String)
                at(
                    d.kubernetesObject("ConfigMap", "team-a-artifact-repository"),
                    "data",
                    "artifact-repository"))
        .contains("  bucket: team-a-artifacts-123456789012-us-east-1\n");

    assertThat(value(d.pipeline.sensorServiceAccountName())).isEqualTo("team-a-sensor-sa");
    assertThat(value(d.pipeline.serviceAccountName())).isEqualTo("team-a-workflow-executor");
    assertThat(value(d.pipeline.workflowTemplateName())).isEqualTo("team-a-template");
    assertThat(value(d.pipeline.webhookInstructions()))
        .contains(" in Secret argo-events/team-a-github-webhook-secret (kubectl get secret")
        .contains("kubectl get secret team-a-github-webhook-secret -n argo-events");
  }

  @Test
  void outputsNameTheSettingsPageTheSensorServiceAccountAndTheServiceType() {
    PipelineDeployment d = PipelineDeployment.sample();

    assertThat(value(d.pipeline.githubWebhookSettingsUrl())).isEqualTo(SETTINGS_URL);
    assertThat(value(d.pipeline.sensorServiceAccountName())).isEqualTo("aphex-pipeline-sensor-sa");
    assertThat(value(d.pipeline.webhookServiceType())).isEqualTo("LoadBalancer");
  }

  private static TestResult runExpectingFailure(AphexPipelineArgs args, AphexPipelineMocks mocks) {
    Logger quiet = Logger.getLogger("aphex-expected-failure");
    quiet.setUseParentHandlers(false);
    quiet.setLevel(Level.OFF);
    return PulumiTestInternal.builder()
        .options(
            TestOptions.builder()
                .projectName("aphex-pipeline")
                .stackName("dev")
                .preview(false)
                .build())
        .mocks(mocks)
        .standardLogger(quiet)
        .build()
        .runTest(ctx -> new AphexPipeline("aphex-pipeline", args));
  }

  private static <T> OutputData<T> data(Output<T> output) {
    return PulumiTestInternal.extractOutputData(output);
  }

  private static String value(Output<String> output) {
    return PulumiTest.extractValue(output);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> kubernetesObjects(PipelineDeployment d) {
    return d.mocks.registrations().stream()
        .filter(r -> r.type().startsWith("kubernetes:"))
        .map(r -> (Map<String, Object>) PipelineDeployment.wholeNumbersAsIntegers(r.inputs()))
        .toList();
  }

  static String identity(Map<String, Object> object) {
    return object.get("kind")
        + " "
        + at(object, "metadata", "namespace")
        + "/"
        + at(object, "metadata", "name");
  }

  private static Map<String, Object> githubSource(PipelineDeployment d) {
    return at(
        d.kubernetesObject("EventSource", "aphex-pipeline-event-source"),
        "spec",
        "github",
        "aphex-pipeline");
  }

  private static Map<String, Object> githubSource(
      String url, List<String> events, Map<String, Object> apiToken) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repositories", List.of(Map.of("owner", "my-org", "names", List.of("my-repo"))));
    Map<String, Object> webhook = new LinkedHashMap<>();
    webhook.put("endpoint", "/push");
    webhook.put("port", "12000");
    webhook.put("method", "POST");
    if (url != null) {
      webhook.put("url", url);
    }
    webhook.put("maxPayloadSize", 26214400L);
    source.put("webhook", webhook);
    source.put("events", events);
    if (apiToken != null) {
      source.put("apiToken", apiToken);
    }
    source.put("webhookSecret", Map.of("name", "github-webhook-secret", "key", "secret"));
    source.put("insecure", false);
    source.put("active", true);
    source.put("contentType", "json");
    return source;
  }

  private static Map<String, Object> port(long port) {
    return Map.of("name", "webhook", "port", port, "targetPort", 12000L, "protocol", "TCP");
  }

  private static Map<String, Object> secret(
      String name, String instance, Map<String, String> stringData) {
    return Map.of(
        "apiVersion",
        "v1",
        "kind",
        "Secret",
        "metadata",
        metadata(name, "argo-events", labels(name, "github-credentials", instance)),
        "type",
        "Opaque",
        "stringData",
        stringData);
  }

  /** The token Secret the stages mount to clone a private repository. */
  private static Map<String, Object> gitCredentials(Map<String, String> stringData) {
    Map<String, String> labels =
        labels("aphex-pipeline-template", "git-credentials", "aphex-pipeline");
    return Map.of(
        "apiVersion",
        "v1",
        "kind",
        "Secret",
        "metadata",
        metadata("aphex-pipeline-template-github-token", "argo", labels),
        "type",
        "Opaque",
        "stringData",
        stringData);
  }

  private static Map<String, Object> metadata(
      String name, String namespace, Map<String, String> labels) {
    return Map.of("name", name, "namespace", namespace, "labels", labels);
  }

  private static Map<String, String> labels(String name, String component, String instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", name);
    labels.put("app.kubernetes.io/component", component);
    labels.put("app.kubernetes.io/part-of", "aphex-pipeline");
    labels.put("app.kubernetes.io/managed-by", "aphex-pipeline");
    labels.put("app.kubernetes.io/instance", instance);
    return labels;
  }
}
