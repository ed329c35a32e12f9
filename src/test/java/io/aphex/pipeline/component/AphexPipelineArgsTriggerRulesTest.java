package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackConfigSchema;
import io.aphex.pipeline.events.TriggerSettings;
import io.aphex.pipeline.events.WebhookServiceSettings;
import io.aphex.pipeline.events.WebhookServiceSettings.Type;
import io.aphex.pipeline.testing.ConfigProblems;
import io.aphex.pipeline.testing.SampleConfigs;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of the trigger settings and of the names derived from {@code pipelineName}. */
class AphexPipelineArgsTriggerRulesTest {

  private static final String LABEL_RULE =
      "is not a valid DNS-1123 label (lower-case letters, digits and '-', starting and ending"
          + " with a letter or digit)";
  private static final String PIPELINE_NAME_RULE =
      "is not a valid DNS-1035 label (lower-case letters, digits and '-', starting with a letter"
          + " and ending with a letter or digit), as the Service names derived from it must be";
  private static final String EVENT_SOURCE_RULE =
      "is not a valid DNS-1035 label (lower-case letters, digits and '-', starting with a letter"
          + " and ending with a letter or digit), as the Service <eventSourceName>-eventsource-svc"
          + " must be";
  private static final String PREFIX_RULE =
      "is not a valid generateName prefix (at most 58 lower-case letters, digits, '-' and '.',"
          + " starting with a letter or digit)";
  private static final String URL_RULE =
      "is not a webhook base URL (http:// or https://, a host, an optional port and path; no"
          + " query, fragment or trailing '/')";
  private static final String PIPELINE_NAME_FIX =
      "use a short lower-case name starting with a letter, such as 'team-a'";
  private static final String EVENT_SOURCE_FIX =
      "use a lower-case name starting with a letter, such as 'github'";
  private static final String SENSOR_FIX = "use a lower-case name such as 'aphex-pipeline-sensor'";
  private static final String PREFIX_FIX =
      "use a lower-case prefix ending with '-', such as 'aphex-pipeline-'";
  private static final String URL_FIX =
      "use the public base URL GitHub can reach, e.g. https://hooks.example.com (the hook is"
          + " <webhookUrl>/push)";

  private static AphexPipelineArgs.Builder valid() {
    return SampleConfigs.sampleArgs();
  }

  private static void assertProblems(
      Consumer<AphexPipelineArgs.Builder> change, String... expected) {
    AphexPipelineArgs.Builder builder = valid();
    change.accept(builder);
    ConfigProblems.assertRefused(builder::build, expected);
  }

  @Test
  void withoutPipelineNameTheNamesAreThePredecessors() {
    AphexPipelineArgs args = valid().build();

    assertThat(args.pipelineName()).isEmpty();
    assertThat(args.instanceName()).isEqualTo("aphex-pipeline");
    assertThat(args.serviceAccountName()).isEqualTo("workflow-executor");
    assertThat(args.workflowTemplateName()).isEqualTo("aphex-pipeline-template");
    assertThat(args.eventSourceName()).isEqualTo("github");
    assertThat(args.sensorName()).isEqualTo("aphex-pipeline-sensor");
    assertThat(args.workflowNamePrefix()).isEqualTo("aphex-pipeline-");
    assertThat(args.tokenSecretName()).isEqualTo("github-access");
    assertThat(args.webhookSecretName()).isEqualTo("github-webhook-secret");
    assertThat(args.artifactBucketPrefix()).isEqualTo("aphex-pipeline-artifacts-");
    assertThat(args.artifactBucketName()).isEmpty();
    assertThat(args.githubWebhookSecretName()).isEmpty();
    assertThat(args.webhookUrl()).isEmpty();
    assertThat(args.pullRequestEvents()).isFalse();
    assertThat(args.webhookService()).isEqualTo(WebhookServiceSettings.defaults());
  }

  @Test
  void pipelineNameAloneDerivesEveryName() {
    AphexPipelineArgs args = valid().pipelineName("team-a").build();

    assertThat(args.pipelineName()).contains("team-a");
    assertThat(args.instanceName()).isEqualTo("team-a");
    assertThat(args.serviceAccountName()).isEqualTo("team-a-workflow-executor");
    assertThat(args.workflowTemplateName()).isEqualTo("team-a-template");
    assertThat(args.eventSourceName()).isEqualTo("team-a-github");
    assertThat(args.sensorName()).isEqualTo("team-a-sensor");
    assertThat(args.workflowNamePrefix()).isEqualTo("team-a-");
    assertThat(args.tokenSecretName()).isEqualTo("team-a-github-access");
    assertThat(args.webhookSecretName()).isEqualTo("team-a-github-webhook-secret");
    assertThat(args.artifactBucketPrefix()).isEqualTo("team-a-artifacts-");
    assertThat(args.artifactBucketName()).isEmpty();
  }

  @Test
  void explicitNamesWinOverPipelineName() {
    AphexPipelineArgs args =
        valid()
            .pipelineName("team-a")
            .serviceAccountName("runner")
            .workflowTemplateName("deploy-template")
            .eventSourceName("hooks")
            .sensorName("push-sensor")
            .workflowNamePrefix("deploy-")
            .artifactBucketName("team-a-bucket")
            .build();

    assertThat(args.instanceName()).isEqualTo("team-a");
    assertThat(args.serviceAccountName()).isEqualTo("runner");
    assertThat(args.workflowTemplateName()).isEqualTo("deploy-template");
    assertThat(args.eventSourceName()).isEqualTo("hooks");
    assertThat(args.sensorName()).isEqualTo("push-sensor");
    assertThat(args.workflowNamePrefix()).isEqualTo("deploy-");
    assertThat(args.tokenSecretName()).isEqualTo("hooks-access");
    assertThat(args.webhookSecretName()).isEqualTo("hooks-webhook-secret");
    assertThat(args.artifactBucketName()).contains("team-a-bucket");
  }

  @Test
  void longestPipelineNameDerivesOnlyValidNames() {
    String name = "p".repeat(AphexPipelineArgs.MAX_PIPELINE_NAME);

    AphexPipelineArgs args = valid().pipelineName(name).build();

    assertThat(args.eventSourceName()).isEqualTo(name + "-github");
    assertThat(args.serviceAccountName()).isEqualTo(name + "-workflow-executor");
    assertThat(args.artifactBucketPrefix() + "123456789012-ap-southeast-2").hasSize(62);
  }

  @Test
  void acceptsTriggerSettingsAtTheirLimits() {
    AphexPipelineArgs args =
        valid()
            .eventSourceName("e".repeat(47))
            .sensorName("s".repeat(51))
            .workflowNamePrefix("w".repeat(57) + "-")
            .githubWebhookSecretName("team-a/webhook+ci=@1.0")
            .webhookUrl("https://hooks.example.com:8443/github")
            .pullRequestEvents(true)
            .webhookService(
                WebhookServiceSettings.defaults().withType(Type.NODE_PORT).withNodePort(32767))
            .build();

    assertThat(args.githubWebhookSecretName()).contains("team-a/webhook+ci=@1.0");
    assertThat(args.webhookUrl()).contains("https://hooks.example.com:8443/github");
    assertThat(args.webhookService().nodePort()).isEqualTo(Optional.of(32767));
  }

  @Test
  void upperCasePipelineNameIsReportedOnceUnderItsOwnKey() {
    assertProblems(
        b -> b.pipelineName("Team-A"),
        "pipelineName: 'Team-A' " + PIPELINE_NAME_RULE + ". Fix: " + PIPELINE_NAME_FIX);
  }

  @Test
  void pipelineNameStartingWithADigitIsReportedOnceUnderItsOwnKey() {
    assertProblems(
        b -> b.pipelineName("1team"),
        "pipelineName: '1team' " + PIPELINE_NAME_RULE + ". Fix: " + PIPELINE_NAME_FIX);
  }

  @Test
  void pipelineNameOf25CharactersIsReported() {
    String name = "p".repeat(25);
    assertProblems(
        b -> b.pipelineName(name),
        "pipelineName: '"
            + name
            + "' is 25 characters long, more than the 24 allowed: name of this pipeline; prefixes"
            + " every derived Kubernetes, IAM and S3 name, so that many pipelines share one"
            + " cluster. Fix: "
            + PIPELINE_NAME_FIX);
  }

  @Test
  void explicitNamesAreStillCheckedWhenPipelineNameIsInvalid() {
    assertProblems(
        b -> b.pipelineName("Team-A").sensorName("Sensor"),
        "pipelineName: 'Team-A' " + PIPELINE_NAME_RULE + ". Fix: " + PIPELINE_NAME_FIX,
        "sensorName: 'Sensor' " + LABEL_RULE + ". Fix: " + SENSOR_FIX);
  }

  @Test
  void eventSourceNameStartingWithADigitIsReported() {
    assertProblems(
        b -> b.eventSourceName("1github"),
        "eventSourceName: '1github' " + EVENT_SOURCE_RULE + ". Fix: " + EVENT_SOURCE_FIX);
  }

  @Test
  void eventSourceNameOf48CharactersIsReported() {
    String name = "e".repeat(48);
    assertProblems(
        b -> b.eventSourceName(name),
        "eventSourceName: '"
            + name
            + "' is 48 characters long, more than the 47 allowed: name of the Argo Events"
            + " EventSource. Fix: "
            + EVENT_SOURCE_FIX);
  }

  @Test
  void sensorNameOf52CharactersIsReported() {
    String name = "s".repeat(52);
    assertProblems(
        b -> b.sensorName(name),
        "sensorName: '"
            + name
            + "' is 52 characters long, more than the 51 allowed: name of the Argo Events Sensor."
            + " Fix: "
            + SENSOR_FIX);
  }

  @Test
  void upperCaseWorkflowNamePrefixIsReported() {
    assertProblems(
        b -> b.workflowNamePrefix("Team-"),
        "workflowNamePrefix: 'Team-' " + PREFIX_RULE + ". Fix: " + PREFIX_FIX);
  }

  @Test
  void workflowNamePrefixOf59CharactersIsReported() {
    String prefix = "w".repeat(58) + "-";
    assertProblems(
        b -> b.workflowNamePrefix(prefix),
        "workflowNamePrefix: '"
            + prefix
            + "' is 59 characters long, more than the 58 allowed: generateName of the Workflows"
            + " the Sensor creates. Fix: "
            + PREFIX_FIX);
  }

  @Test
  void githubWebhookSecretNameWithASpaceIsReported() {
    assertProblems(
        b -> b.githubWebhookSecretName("team a/webhook"),
        "githubWebhookSecretName: 'team a/webhook' is not an AWS Secrets Manager secret name (1 to"
            + " 512 letters, digits and /_+=.@-). Fix: use the name of a Secrets Manager secret"
            + " holding {\"secret\": \"...\"}, or unset it to generate the webhook secret");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://hooks.example.com",
        "https://hooks.example.com/",
        "https://hooks.example.com/github?token=x"
      })
  void webhookUrlThatIsNotABaseUrlIsReported(String url) {
    assertProblems(
        b -> b.webhookUrl(url), "webhookUrl: '" + url + "' " + URL_RULE + ". Fix: " + URL_FIX);
  }

  @Test
  void webhookServiceWithPortZeroIsReported() {
    assertProblems(
        b -> b.webhookService(WebhookServiceSettings.defaults().withPort(0)),
        "webhookService.port: '0' must be from 1 to 65535: the Service port; the EventSource pods"
            + " always listen on 12000, the targetPort. Fix: set webhookService.port to 12000");
  }

  @Test
  void webhookServiceWithANodePortOnALoadBalancerIsReported() {
    assertProblems(
        b -> b.webhookService(WebhookServiceSettings.defaults().withNodePort(30080)),
        "webhookService.nodePort: '30080' is only used by a NodePort Service, but"
            + " webhookService.type is LoadBalancer. Fix: set the type (pulumi config set --path"
            + " webhookService.type NodePort) or remove the node port (leave out"
            + " webhookService.nodePort)");
  }

  @Test
  void webhookServiceLabelThatAphexManagesIsReported() {
    assertProblems(
        b ->
            b.webhookService(
                WebhookServiceSettings.defaults()
                    .withLabels(Map.of("app.kubernetes.io/instance", "other"))),
        "webhookService.labels.app.kubernetes.io/instance: 'app.kubernetes.io/instance' is a label"
            + " that aphex-pipeline sets itself on every object it creates"
            + " (app.kubernetes.io/name, app.kubernetes.io/component, app.kubernetes.io/part-of,"
            + " app.kubernetes.io/managed-by, app.kubernetes.io/instance). Fix: remove it (leave"
            + " out webhookService.labels.app.kubernetes.io/instance) and use a key of your own,"
            + " e.g. 'team'");
  }

  @Test
  void everyTriggerProblemIsReportedAtOnceInPropertyOrder() {
    AphexPipelineArgs.Builder builder =
        valid()
            .webhookService(WebhookServiceSettings.defaults().withPort(0))
            .webhookUrl("https://hooks.example.com/")
            .githubWebhookSecretName("team a")
            .workflowNamePrefix("Team-")
            .sensorName("Sensor")
            .eventSourceName("1github")
            .pipelineName("Team-A");

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems().stream().map(Problem::location).toList())
                    .containsExactly(
                        "pipelineName",
                        "eventSourceName",
                        "sensorName",
                        "workflowNamePrefix",
                        "githubWebhookSecretName",
                        "webhookUrl",
                        "webhookService.port"));
  }

  /**
   * The schema's length limits are what the names derived from each setting need: the Service
   * {@code <eventSourceName>-eventsource-svc}, the RoleBindings {@code <sensorName>-rolebinding}
   * and {@code <serviceAccountName>-rolebinding}, and the bucket named after the pipeline.
   */
  @Test
  void theSchemasLengthLimitsAreTheOnesTheDerivedNamesNeed() {
    JsonNode keys = StackConfigSchema.schema().path("properties").path("config").path("properties");
    Map<String, Integer> limits =
        Map.of(
            "eventSourceName", TriggerSettings.MAX_EVENT_SOURCE_NAME_LENGTH,
            "sensorName", TriggerSettings.MAX_SENSOR_NAME_LENGTH,
            "serviceAccountName", 63 - "-rolebinding".length(),
            "pipelineName", AphexPipelineArgs.MAX_PIPELINE_NAME);
    limits.forEach(
        (key, limit) ->
            assertThat(keys.path(StackConfigSchema.NAMESPACE + ":" + key).path("maxLength").asInt())
                .as(key)
                .isEqualTo(limit));
  }
}
