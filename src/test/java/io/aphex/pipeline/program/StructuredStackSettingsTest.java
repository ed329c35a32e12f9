package io.aphex.pipeline.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.argo.PodSecurity;
import io.aphex.pipeline.argo.PodSecurity.SeccompProfile;
import io.aphex.pipeline.component.AphexPipelineArgs;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.events.WebhookServiceSettings;
import io.aphex.pipeline.events.WebhookServiceSettings.Type;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structured stack settings {@code podSecurity} and {@code webhookService}, and the lists, as
 * {@code pulumi config set --path} stores them: the published stack-config schema checks their
 * shape, Jackson binds them to their records, and the records' own rules run on the result. Every
 * problem names the key or {@code --path}, the value, the rule and the command that fixes it.
 */
class StructuredStackSettingsTest {

  private static final String AT = "Pulumi.dev.yaml: aphex-pipeline:";

  @TempDir Path projectDir;

  private final Map<String, String> config = new LinkedHashMap<>();

  @BeforeEach
  void requiredKeysAndTheSamplePipeline() throws IOException {
    config.put("clusterName", "company-pipelines");
    config.put("githubOwner", "my-org");
    config.put("githubRepo", "my-repo");
    config.put("githubTokenSecretName", "github-token");
    Files.copy(
        SampleConfigs.predecessorSample().resolve("aphex-config.yaml"),
        projectDir.resolve("aphex-config.yaml"));
  }

  private AphexPipelineArgs read(String key, String value) {
    Map<String, String> values = new LinkedHashMap<>(config);
    values.put(key, value);
    return new StackConfigReader(
            k -> Optional.ofNullable(values.get(k)),
            Optional.of(values.keySet()),
            projectDir,
            "dev")
        .read();
  }

  private List<String> problems(String key, String value) {
    try {
      read(key, value);
    } catch (ConfigException e) {
      return e.problems().stream()
          .map(Problem::message)
          .map(m -> m.startsWith(AT) ? m.substring(AT.length()) : m)
          .toList();
    }
    throw new AssertionError("expected a ConfigException for " + key + "=" + value);
  }

  @Test
  void podSecurityBindsEveryFieldAndDefaultsTheRest() {
    assertThat(
            read(
                    "podSecurity",
                    "{\"fsGroup\":1000,\"runAsNonRoot\":true,\"runAsUser\":1001,"
                        + "\"allowPrivilegeEscalation\":true,\"seccompProfile\":\"Unconfined\","
                        + "\"readOnlyRootFilesystem\":true,\"dropAllCapabilities\":false}")
                .podSecurity())
        .isEqualTo(
            new PodSecurity(
                1000, true, Optional.of(1001L), true, SeccompProfile.UNCONFINED, true, false));
    PodSecurity defaults = PodSecurity.defaults();
    assertThat(read("podSecurity", "{\"runAsNonRoot\":true}").podSecurity())
        .isEqualTo(defaults.withRunAsNonRoot(true));
    assertThat(read("podSecurity", "{}").podSecurity()).isEqualTo(defaults);
    assertThat(read("podSecurity", " ").podSecurity()).isEqualTo(defaults);
    assertThat(read("podSecurity", "{\"runAsUser\":null,\"fsGroup\":null}").podSecurity())
        .isEqualTo(defaults);
  }

  @Test
  void webhookServiceBindsEveryFieldAndTakesNumbersAndFlagsInMapsAsText() {
    WebhookServiceSettings settings =
        read(
                "webhookService",
                "{\"enabled\":true,\"type\":\"NodePort\",\"port\":8080,\"nodePort\":30120,"
                    + "\"annotations\":{\"example.com/owner\":\"platform\"},"
                    + "\"labels\":{\"team\":\"platform\",\"tier\":2,\"critical\":true}}")
            .webhookService();

    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("team", "platform");
    labels.put("tier", "2");
    labels.put("critical", "true");
    assertThat(settings)
        .isEqualTo(
            new WebhookServiceSettings(
                true,
                Type.NODE_PORT,
                8080,
                Optional.of(30120),
                Map.of("example.com/owner", "platform"),
                labels));
    assertThat(settings.labels().keySet()).containsExactly("team", "tier", "critical");
    assertThat(read("webhookService", "{\"type\":null,\"port\":null}").webhookService())
        .isEqualTo(WebhookServiceSettings.defaults());
  }

  @Test
  void anUnknownFieldGetsADidYouMeanOrTheListOfFields() {
    assertThat(problems("podSecurity", "{\"runAsNonroot\":true}"))
        .containsExactly(
            "podSecurity.runAsNonroot: 'true' is not a setting of podSecurity. Fix: did you mean"
                + " 'runAsNonRoot'? Run: pulumi config rm --path podSecurity.runAsNonroot &&"
                + " pulumi config set --path podSecurity.runAsNonRoot true");
    assertThat(problems("podSecurity", "{\"example.com/x\":1}"))
        .containsExactly(
            "podSecurity.example.com/x: '1' is not a setting of podSecurity. Fix: remove it"
                + " (pulumi config rm --path 'podSecurity[\"example.com/x\"]'); the settings are"
                + " fsGroup, runAsNonRoot, runAsUser, allowPrivilegeEscalation, seccompProfile,"
                + " readOnlyRootFilesystem, dropAllCapabilities");
    assertThat(problems("webhookService", "{\"label\":{\"team\":\"a\"}}"))
        .containsExactly(
            "webhookService.label: '{\"team\":\"a\"}' is not a setting of webhookService. Fix:"
                + " did you mean 'labels'? Run: pulumi config rm --path webhookService.label &&"
                + " pulumi config set --path webhookService.labels <value>");
  }

  @Test
  void aValueOfTheWrongJsonKindSaysWhatItIsAndWhatItMustBe() {
    assertThat(problems("podSecurity", "{\"runAsNonRoot\":\"true\"}"))
        .containsExactly(
            "podSecurity.runAsNonRoot: '\"true\"' is a string, but it must be true or false. Fix:"
                + " write the value without quotes, e.g. pulumi config set --path"
                + " podSecurity.runAsNonRoot true");
    assertThat(problems("webhookService", "{\"port\":80.5}"))
        .containsExactly(
            "webhookService.port: '80.5' is a fractional number, but it must be a whole number."
                + " Fix: set a whole number, e.g. pulumi config set --path webhookService.port"
                + " 12000");
    assertThat(problems("webhookService", "{\"annotations\":\"nlb\"}"))
        .containsExactly(
            "webhookService.annotations: '\"nlb\"' is a string, but it must be a JSON object. Fix:"
                + " set a JSON object, e.g. pulumi config set --path"
                + " 'webhookService.annotations[\"service.beta.kubernetes.io/aws-load-balancer-scheme\"]'"
                + " internet-facing");
    assertThat(problems("webhookService", "{\"labels\":{\"team\":null}}"))
        .containsExactly(
            "webhookService.labels.team: 'null' is null, but it must be a string or a whole number"
                + " or true or false. Fix: set a string or a whole number or true or false, e.g."
                + " pulumi config set --path webhookService.labels.team platform");
  }

  @Test
  void aNameOutsideTheAllowedOnesGetsTheRightCase() {
    assertThat(problems("webhookService", "{\"type\":\"nodeport\"}"))
        .containsExactly(
            "webhookService.type: 'nodeport' is not one of LoadBalancer, NodePort, ClusterIP"
                + " (case-sensitive). Fix: did you mean 'NodePort'? Run: pulumi config set --path"
                + " webhookService.type NodePort");
    assertThat(problems("podSecurity", "{\"seccompProfile\":\"Localhost\"}"))
        .containsExactly(
            "podSecurity.seccompProfile: 'Localhost' is not one of RuntimeDefault, Unconfined"
                + " (case-sensitive). Fix: run: pulumi config set --path podSecurity.seccompProfile"
                + " RuntimeDefault");
    assertThat(problems("notificationEvents", "[\"deploy\"]"))
        .containsExactly(
            "notificationEvents[0]: 'deploy' is not one of approval, failure, success"
                + " (case-sensitive). Fix: run: pulumi config set --path 'notificationEvents[0]'"
                + " approval");
  }

  @Test
  void aNumberOutsideItsRangeIsReportedEvenBeyondALong() {
    assertThat(problems("podSecurity", "{\"fsGroup\":-1,\"runAsUser\":99999999999}"))
        .containsExactly(
            "podSecurity.fsGroup: '-1' is outside 0 to 2147483647. Fix: use a value in that"
                + " range, e.g. pulumi config set --path podSecurity.fsGroup 65534",
            "podSecurity.runAsUser: '99999999999' is outside 0 to 2147483647. Fix: use a value in"
                + " that range, e.g. pulumi config set --path podSecurity.runAsUser 1000");
    assertThat(problems("webhookService", "{\"port\":99999999999999999999}"))
        .containsExactly(
            "webhookService.port: '99999999999999999999' is outside 1 to 65535. Fix: use a value"
                + " in that range, e.g. pulumi config set --path webhookService.port 12000");
    assertThat(problems("webhookService", "{\"port\":1e309}"))
        .containsExactly(
            "webhookService.port: '1E+309' is outside 1 to 65535. Fix: use a value in that range,"
                + " e.g. pulumi config set --path webhookService.port 12000");
  }

  @Test
  void textThatIsNotAJsonObjectOrListSaysHowToSetOneFieldAtATime() {
    for (String raw :
        List.of("NodePort", "[1]", "\"NodePort\"", "{\"port\":1} x", "{\"port\":1,\"port\":2}")) {
      assertThat(problems("webhookService", raw))
          .as(raw)
          .containsExactly(
              "webhookService: '"
                  + raw
                  + "' is not a JSON object. Fix: set one field at a time with --path, e.g. pulumi"
                  + " config rm webhookService && pulumi config set --path webhookService.type"
                  + " NodePort");
    }
    assertThat(problems("additionalPolicyArns", "arn:aws:iam::aws:policy/ReadOnlyAccess"))
        .containsExactly(
            "additionalPolicyArns: 'arn:aws:iam::aws:policy/ReadOnlyAccess' is not a JSON list."
                + " Fix: set one item at a time with --path, e.g. pulumi config set --path"
                + " 'additionalPolicyArns[0]' arn:aws:iam::aws:policy/ReadOnlyAccess");
  }

  @Test
  void theRecordsRulesRunOnWhatTheSchemaAccepts() {
    assertThat(problems("webhookService", "{\"nodePort\":30120}"))
        .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
        .containsExactly(
            "webhookService.nodePort: '30120' is only used by a NodePort Service, but"
                + " webhookService.type is LoadBalancer.");
    assertThat(problems("webhookService", "{\"labels\":{\"app.kubernetes.io/name\":\"x\"}}"))
        .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
        .containsExactly(
            "webhookService.labels.app.kubernetes.io/name: 'app.kubernetes.io/name' is a label"
                + " that aphex-pipeline sets itself on every object it creates"
                + " (app.kubernetes.io/name, app.kubernetes.io/component,"
                + " app.kubernetes.io/part-of, app.kubernetes.io/managed-by,"
                + " app.kubernetes.io/instance).");
  }

  @Test
  void everyProblemOfEveryKeyComesAtOnce() {
    config.put("verifyImages", "yes");
    config.put("artifactRetentionDays", "ninety");
    config.put("podSecurity", "{\"fsgroup\":1000}");

    assertThat(problems("webhookService", "{\"type\":\"Ingress\"}"))
        .containsExactly(
            "artifactRetentionDays: 'ninety' is not a whole number. Fix: run: pulumi config set"
                + " artifactRetentionDays 90",
            "verifyImages: 'yes' is not true or false. Fix: run: pulumi config set verifyImages"
                + " true",
            "webhookService.type: 'Ingress' is not one of LoadBalancer, NodePort, ClusterIP"
                + " (case-sensitive). Fix: run: pulumi config set --path webhookService.type"
                + " LoadBalancer",
            "podSecurity.fsgroup: '1000' is not a setting of podSecurity. Fix: did you mean"
                + " 'fsGroup'? Run: pulumi config rm --path podSecurity.fsgroup && pulumi config"
                + " set --path podSecurity.fsGroup 1000");
  }
}
