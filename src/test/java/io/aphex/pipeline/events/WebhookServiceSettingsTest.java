package io.aphex.pipeline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.events.WebhookServiceSettings.ParseResult;
import io.aphex.pipeline.events.WebhookServiceSettings.Type;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookServiceSettingsTest {

  private static final WebhookServiceSettings DEFAULTS = WebhookServiceSettings.defaults();

  private static final String QUALIFIED_NAME_RULE =
      " (an optional DNS subdomain prefix and '/', then a name of at most 63 letters, digits,"
          + " '-', '_' and '.', starting and ending with a letter or digit)";

  @Test
  void theDefaultsAreAnEnabledLoadBalancerOn12000() {
    assertThat(DEFAULTS)
        .isEqualTo(
            new WebhookServiceSettings(
                true, Type.LOAD_BALANCER, 12000, Optional.empty(), Map.of(), Map.of()));
    assertThat(WebhookServiceSettings.validate(DEFAULTS)).isEmpty();
  }

  @Test
  void typesHaveTheirCaseSensitiveKubernetesNames() {
    assertThat(Type.LOAD_BALANCER.kubernetesName()).isEqualTo("LoadBalancer");
    assertThat(Type.NODE_PORT.kubernetesName()).isEqualTo("NodePort");
    assertThat(Type.CLUSTER_IP.kubernetesName()).isEqualTo("ClusterIP");
    assertThat(Type.fromKubernetesName("NodePort")).contains(Type.NODE_PORT);
    assertThat(Type.fromKubernetesName("nodeport")).isEmpty();
  }

  @Test
  void theNlbAnnotationIsADefaultOfLoadBalancersOnly() {
    assertThat(DEFAULTS.serviceAnnotations())
        .containsExactly(Map.entry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"));
    assertThat(DEFAULTS.withType(Type.NODE_PORT).serviceAnnotations()).isEmpty();
    assertThat(DEFAULTS.withType(Type.CLUSTER_IP).serviceAnnotations()).isEmpty();
    assertThat(
            DEFAULTS
                .withAnnotations(
                    Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "external"))
                .serviceAnnotations())
        .containsExactly(
            Map.entry("service.beta.kubernetes.io/aws-load-balancer-type", "external"));
    assertThat(DEFAULTS.annotations()).isEmpty();
  }

  @Test
  void boundaryValuesAreValid() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("team", "");
    labels.put("example.com/a_b.c-d", "x".repeat(63));
    labels.put("y".repeat(63), "A-1_b.2");
    assertThat(WebhookServiceSettings.validate(DEFAULTS.withPort(1).withLabels(labels))).isEmpty();
    assertThat(WebhookServiceSettings.validate(DEFAULTS.withPort(65535))).isEmpty();
    assertThat(
            WebhookServiceSettings.validate(DEFAULTS.withType(Type.NODE_PORT).withNodePort(30000)))
        .isEmpty();
    assertThat(
            WebhookServiceSettings.validate(DEFAULTS.withType(Type.NODE_PORT).withNodePort(32767)))
        .isEmpty();
    assertThat(
            WebhookServiceSettings.validate(
                DEFAULTS.withAnnotations(
                    Map.of(
                        "service.beta.kubernetes.io/aws-load-balancer-scheme", "any text at all"))))
        .isEmpty();
  }

  @Test
  void aPortOutside1To65535IsAProblem() {
    String fix =
        ". Fix: use a port such as 12000 (the default) or 80, e.g. pulumi config set --path"
            + " webhookService.port 12000";
    assertThat(messages(WebhookServiceSettings.validate(DEFAULTS.withPort(0))))
        .containsExactly("webhookService.port: '0' is outside the TCP port range 1 to 65535" + fix);
    assertThat(messages(WebhookServiceSettings.validate(DEFAULTS.withPort(65536))))
        .containsExactly(
            "webhookService.port: '65536' is outside the TCP port range 1 to 65535" + fix);
  }

  @Test
  void aNodePortOutsideTheNodePortRangeIsAProblem() {
    String rule =
        " is outside the node port range 30000 to 32767 (the Kubernetes default"
            + " service-node-port-range). Fix: use a port in that range, e.g. pulumi config set"
            + " --path webhookService.nodePort 30120, or remove it (pulumi config rm --path"
            + " webhookService.nodePort) to let Kubernetes pick one";
    WebhookServiceSettings nodePort = DEFAULTS.withType(Type.NODE_PORT);

    assertThat(messages(WebhookServiceSettings.validate(nodePort.withNodePort(8080))))
        .containsExactly("webhookService.nodePort: '8080'" + rule);
    assertThat(messages(WebhookServiceSettings.validate(nodePort.withNodePort(32768))))
        .containsExactly("webhookService.nodePort: '32768'" + rule);
  }

  @Test
  void aNodePortWithAnotherTypeIsAProblem() {
    assertThat(messages(WebhookServiceSettings.validate(DEFAULTS.withNodePort(30120))))
        .containsExactly(
            "webhookService.nodePort: '30120' is only used by a NodePort Service, but"
                + " webhookService.type is LoadBalancer. Fix: set the type (pulumi config set"
                + " --path webhookService.type NodePort) or remove the node port (pulumi config rm"
                + " --path webhookService.nodePort)");
    assertThat(
            WebhookServiceSettings.validate(DEFAULTS.withType(Type.CLUSTER_IP).withNodePort(30120)))
        .extracting(Problem::rule)
        .containsExactly(
            "is only used by a NodePort Service, but webhookService.type is ClusterIP");
  }

  @Test
  void anInvalidLabelKeyIsAProblem() {
    String fix = ". Fix: rename the label, e.g. 'team' or 'example.com/team'";
    for (String key :
        List.of(
            "-team",
            "team_",
            "a/b/c",
            "/team",
            "example.com/",
            "Example.com/team",
            "x".repeat(64),
            "te am")) {
      assertThat(messages(WebhookServiceSettings.validate(DEFAULTS.withLabels(Map.of(key, "v")))))
          .as(key)
          .containsExactly(
              "webhookService.labels."
                  + key
                  + ": '"
                  + key
                  + "' is not a valid label key"
                  + QUALIFIED_NAME_RULE
                  + fix);
    }
  }

  @Test
  void aManagedLabelKeyIsRefusedNotSilentlyOverridden() {
    for (String key :
        List.of(
            "app.kubernetes.io/name",
            "app.kubernetes.io/component",
            "app.kubernetes.io/part-of",
            "app.kubernetes.io/managed-by",
            "app.kubernetes.io/instance")) {
      assertThat(messages(WebhookServiceSettings.validate(DEFAULTS.withLabels(Map.of(key, "me")))))
          .as(key)
          .containsExactly(
              "webhookService.labels."
                  + key
                  + ": '"
                  + key
                  + "' is a label that aphex-pipeline sets itself on every object it creates"
                  + " (app.kubernetes.io/name, app.kubernetes.io/component,"
                  + " app.kubernetes.io/part-of, app.kubernetes.io/managed-by,"
                  + " app.kubernetes.io/instance). Fix: remove it (pulumi config rm --path"
                  + " 'webhookService.labels[\""
                  + key
                  + "\"]') and use a key of your own, e.g. 'team'");
    }
    assertThat(
            WebhookServiceSettings.validate(
                DEFAULTS.withLabels(Map.of("app.kubernetes.io/version", "1.0"))))
        .isEmpty();
  }

  @Test
  void anInvalidLabelValueIsAProblem() {
    String fix = ". Fix: use a value such as 'platform-team'; free text belongs in an annotation";
    assertThat(
            messages(
                WebhookServiceSettings.validate(
                    DEFAULTS.withLabels(Map.of("team", "platform team")))))
        .containsExactly(
            "webhookService.labels.team: 'platform team' is not a valid label value (letters,"
                + " digits, '-', '_' and '.', starting and ending with a letter or digit, or"
                + " empty)"
                + fix);
    assertThat(messages(WebhookServiceSettings.validate(DEFAULTS.withLabels(Map.of("team", "-x")))))
        .containsExactly(
            "webhookService.labels.team: '-x' is not a valid label value (letters, digits, '-',"
                + " '_' and '.', starting and ending with a letter or digit, or empty)"
                + fix);
    assertThat(
            messages(
                WebhookServiceSettings.validate(
                    DEFAULTS.withLabels(Map.of("team", "x".repeat(64))))))
        .containsExactly(
            "webhookService.labels.team: '"
                + "x".repeat(64)
                + "' is 64 characters long; a label value has at most 63 characters"
                + fix);
  }

  @Test
  void anInvalidAnnotationKeyIsAProblem() {
    assertThat(
            messages(
                WebhookServiceSettings.validate(DEFAULTS.withAnnotations(Map.of("bad key", "v")))))
        .containsExactly(
            "webhookService.annotations.bad key: 'bad key' is not a valid annotation key"
                + QUALIFIED_NAME_RULE
                + ". Fix: rename the annotation, e.g."
                + " 'service.beta.kubernetes.io/aws-load-balancer-scheme'");
  }

  @Test
  void everyProblemIsReportedAtOnceInOrder() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/instance", "x y");
    WebhookServiceSettings settings =
        DEFAULTS.withPort(0).withNodePort(1).withLabels(labels).withAnnotations(Map.of("-a", ""));

    assertThat(WebhookServiceSettings.validate(settings))
        .extracting(Problem::location)
        .containsExactly(
            "webhookService.port",
            "webhookService.nodePort",
            "webhookService.nodePort",
            "webhookService.labels.app.kubernetes.io/instance",
            "webhookService.labels.app.kubernetes.io/instance",
            "webhookService.annotations.-a");
  }

  @Test
  void theMapsKeepTheirOrderAndRefuseNulls() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("b", "1");
    labels.put("a", "2");
    assertThat(DEFAULTS.withLabels(labels).labels().keySet()).containsExactly("b", "a");

    Map<String, String> withNull = new HashMap<>();
    withNull.put("team", null);
    assertThatThrownBy(() -> DEFAULTS.withLabels(withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("labels value");
  }

  @Test
  void fromConfigReadsEveryField() {
    ParseResult result =
        WebhookServiceSettings.fromConfig(
            "{\"enabled\":true,\"type\":\"NodePort\",\"port\":8080,\"nodePort\":30120,"
                + "\"annotations\":{\"example.com/owner\":\"platform\"},"
                + "\"labels\":{\"team\":\"platform\",\"tier\":2,\"critical\":true}}");

    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("team", "platform");
    labels.put("tier", "2");
    labels.put("critical", "true");
    assertThat(result.problems()).isEmpty();
    assertThat(result.settings())
        .contains(
            new WebhookServiceSettings(
                true,
                Type.NODE_PORT,
                8080,
                Optional.of(30120),
                Map.of("example.com/owner", "platform"),
                labels));
    assertThat(result.settings().orElseThrow().labels().keySet())
        .containsExactly("team", "tier", "critical");
  }

  @Test
  void fromConfigUsesTheDefaultsForWhatIsNotSet() {
    assertThat(WebhookServiceSettings.fromConfig("{\"enabled\":false}").settings())
        .contains(DEFAULTS.withEnabled(false));
    assertThat(WebhookServiceSettings.fromConfig("{}").settings()).contains(DEFAULTS);
    assertThat(WebhookServiceSettings.fromConfig(" ").settings()).contains(DEFAULTS);
    assertThat(WebhookServiceSettings.fromConfig("{\"type\":null,\"port\":null}").settings())
        .contains(DEFAULTS);
    assertThat(WebhookServiceSettings.fromConfig("{\"type\":\"ClusterIP\"}").settings())
        .contains(DEFAULTS.withType(Type.CLUSTER_IP));
  }

  @Test
  void fromConfigSuggestsTheMeantField() {
    assertThat(problems("{\"tpye\":\"NodePort\"}"))
        .containsExactly(
            "webhookService.tpye: 'NodePort' is not a setting of webhookService. Fix: did you"
                + " mean 'type'? Run: pulumi config rm --path webhookService.tpye && pulumi"
                + " config set --path webhookService.type NodePort");
    assertThat(problems("{\"nodeport\":30120}"))
        .containsExactly(
            "webhookService.nodeport: '30120' is not a setting of webhookService. Fix: did you"
                + " mean 'nodePort'? Run: pulumi config rm --path webhookService.nodeport &&"
                + " pulumi config set --path webhookService.nodePort 30120");
    assertThat(problems("{\"label\":{\"team\":\"a\"}}"))
        .containsExactly(
            "webhookService.label: '{\"team\":\"a\"}' is not a setting of webhookService. Fix:"
                + " did you mean 'labels'? Run: pulumi config rm --path webhookService.label &&"
                + " pulumi config set --path webhookService.labels <value>");
  }

  @Test
  void fromConfigListsTheFieldsWhenNothingIsClose() {
    assertThat(problems("{\"ingress\":{\"host\":\"x\"}}"))
        .containsExactly(
            "webhookService.ingress: '{\"host\":\"x\"}' is not a setting of webhookService. Fix:"
                + " remove it (pulumi config rm --path webhookService.ingress); the settings are"
                + " enabled, type, port, nodePort, annotations, labels");
  }

  @Test
  void fromConfigRefusesValuesOfTheWrongJsonType() {
    assertThat(problems("{\"port\":\"8080\"}"))
        .containsExactly(
            "webhookService.port: '\"8080\"' is a string, but it must be a whole number. Fix: write"
                + " the number without quotes, e.g. pulumi config set --path webhookService.port"
                + " 8080");
    assertThat(problems("{\"port\":80.5}"))
        .containsExactly(
            "webhookService.port: '80.5' is a fractional number, but it must be a whole number."
                + " Fix: set a whole number, e.g. pulumi config set --path webhookService.port"
                + " 12000");
    assertThat(problems("{\"nodePort\":\"high\"}"))
        .containsExactly(
            "webhookService.nodePort: '\"high\"' is a string, but it must be a whole number. Fix:"
                + " set a whole number, e.g. pulumi config set --path webhookService.nodePort"
                + " 30120");
    assertThat(problems("{\"enabled\":\"false\"}"))
        .containsExactly(
            "webhookService.enabled: '\"false\"' is a string, but it must be true or false. Fix:"
                + " write true or false without quotes, e.g. pulumi config set --path"
                + " webhookService.enabled false");
    assertThat(problems("{\"type\":3}"))
        .containsExactly(
            "webhookService.type: '3' is a whole number, but it must be a string. Fix: set it to"
                + " LoadBalancer, NodePort or ClusterIP, e.g. pulumi config set --path"
                + " webhookService.type NodePort");
    assertThat(problems("{\"labels\":[\"team\"]}"))
        .containsExactly(
            "webhookService.labels: '[\"team\"]' is a list, but it must be an object of names to"
                + " values. Fix: set one entry at a time, e.g. pulumi config set --path"
                + " webhookService.labels.team platform");
    assertThat(problems("{\"annotations\":\"nlb\"}"))
        .containsExactly(
            "webhookService.annotations: '\"nlb\"' is a string, but it must be an object of names to"
                + " values. Fix: set one entry at a time, e.g. pulumi config set --path"
                + " 'webhookService.annotations[\"service.beta.kubernetes.io/aws-load-balancer-scheme\"]'"
                + " internet-facing");
  }

  @Test
  void fromConfigRefusesMapValuesThatAreNotText() {
    assertThat(problems("{\"labels\":{\"version\":1.5}}"))
        .containsExactly(
            "webhookService.labels.version: '1.5' is a fractional number, but it must be a"
                + " string. Fix: quote it in the stack file, e.g. version: \"1.5\"");
    assertThat(problems("{\"annotations\":{\"example.com/a\":{\"b\":1}}}"))
        .containsExactly(
            "webhookService.annotations.example.com/a: '{\"b\":1}' is an object, but it must be"
                + " a string. Fix: set a single text value, e.g. pulumi config set --path"
                + " 'webhookService.annotations[\"example.com/a\"]' internet-facing");
    assertThat(problems("{\"labels\":{\"team\":null}}"))
        .containsExactly(
            "webhookService.labels.team: 'null' is null, but it must be a string. Fix: set a"
                + " single text value, e.g. pulumi config set --path webhookService.labels.team"
                + " platform");
  }

  @Test
  void fromConfigSuggestsTheRightCaseOfATypeName() {
    assertThat(problems("{\"type\":\"nodeport\"}"))
        .containsExactly(
            "webhookService.type: 'nodeport' is not a Service type this component creates"
                + " (LoadBalancer, NodePort or ClusterIP; the names are case-sensitive). Fix: did"
                + " you mean 'NodePort'? Run: pulumi config set --path webhookService.type"
                + " NodePort");
    assertThat(problems("{\"type\":\"Loadbalancer\",\"nodePort\":30120}"))
        .containsExactly(
            "webhookService.type: 'Loadbalancer' is not a Service type this component creates"
                + " (LoadBalancer, NodePort or ClusterIP; the names are case-sensitive). Fix: did"
                + " you mean 'LoadBalancer'? Run: pulumi config set --path webhookService.type"
                + " LoadBalancer");
    assertThat(problems("{\"type\":\"Ingress\"}"))
        .containsExactly(
            "webhookService.type: 'Ingress' is not a Service type this component creates"
                + " (LoadBalancer, NodePort or ClusterIP; the names are case-sensitive). Fix: use"
                + " LoadBalancer (the default), NodePort or ClusterIP, e.g. pulumi config set"
                + " --path webhookService.type NodePort");
  }

  @Test
  void fromConfigRefusesWhatIsNotAJsonObject() {
    for (String raw :
        List.of("NodePort", "[1]", "\"NodePort\"", "{\"port\":1} x", "{\"port\":1,\"port\":2}")) {
      assertThat(problems(raw))
          .as(raw)
          .containsExactly(
              "webhookService: '"
                  + raw
                  + "' is not a JSON object of Service settings. Fix: set one field at a time"
                  + " with --path, e.g. pulumi config rm webhookService && pulumi config set"
                  + " --path webhookService.type NodePort");
    }
  }

  @Test
  void fromConfigAlsoAppliesTheValidationRules() {
    assertThat(
            problems(
                "{\"port\":99999999999999999999,\"labels\":{\"app.kubernetes.io/name\":\"x\"}}"))
        .containsExactly(
            "webhookService.port: '99999999999999999999' is outside the TCP port range 1 to"
                + " 65535. Fix: use a port such as 12000 (the default) or 80, e.g. pulumi config"
                + " set --path webhookService.port 12000",
            "webhookService.labels.app.kubernetes.io/name: 'app.kubernetes.io/name' is a label"
                + " that aphex-pipeline sets itself on every object it creates"
                + " (app.kubernetes.io/name, app.kubernetes.io/component,"
                + " app.kubernetes.io/part-of, app.kubernetes.io/managed-by,"
                + " app.kubernetes.io/instance). Fix: remove it (pulumi config rm --path"
                + " 'webhookService.labels[\"app.kubernetes.io/name\"]') and use a key of your"
                + " own, e.g. 'team'");
    assertThat(problems("{\"nodePort\":30120}"))
        .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
        .containsExactly(
            "webhookService.nodePort: '30120' is only used by a NodePort Service, but"
                + " webhookService.type is LoadBalancer.");
    assertThat(problems("{\"type\":\"NodePort\",\"nodePort\":80}"))
        .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
        .containsExactly(
            "webhookService.nodePort: '80' is outside the node port range 30000 to 32767 (the"
                + " Kubernetes default service-node-port-range).");
  }

  @Test
  void aParseResultHoldsSettingsOrProblemsNeverBoth() {
    Problem problem = new Problem("webhookService", "x", "is bad", "fix it");
    assertThatThrownBy(() -> new ParseResult(Optional.of(DEFAULTS), List.of(problem)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ParseResult(Optional.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> problems(String json) {
    ParseResult result = WebhookServiceSettings.fromConfig(json);
    assertThat(result.settings()).isEmpty();
    return messages(result.problems());
  }

  private static List<String> messages(List<Problem> problems) {
    return problems.stream().map(Problem::message).toList();
  }
}
