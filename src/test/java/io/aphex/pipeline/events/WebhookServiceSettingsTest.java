package io.aphex.pipeline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackConfigSchema;
import io.aphex.pipeline.events.WebhookServiceSettings.Type;
import io.aphex.pipeline.kubernetes.StandardLabels;
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
    ObjectMapper json = new ObjectMapper();
    assertThat(json.convertValue("NodePort", Type.class)).isEqualTo(Type.NODE_PORT);
    assertThatThrownBy(() -> json.convertValue("nodeport", Type.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(StackConfigSchema.checkSetting("webhookService", Map.of("type", "nodeport")))
        .extracting(Problem::rule)
        .containsExactly(
            "is not one of the allowed values: LoadBalancer, NodePort, ClusterIP (case-sensitive)");
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
    String rule =
        " must be from 1 to 65535: the Service port; the EventSource pods always listen on 12000,"
            + " the targetPort. Fix: set webhookService.port to 12000";
    assertThat(messages(WebhookServiceSettings.validate(DEFAULTS.withPort(0))))
        .containsExactly("webhookService.port: '0'" + rule);
    assertThat(messages(WebhookServiceSettings.validate(DEFAULTS.withPort(65536))))
        .containsExactly("webhookService.port: '65536'" + rule);
  }

  @Test
  void aNodePortOutsideTheNodePortRangeIsAProblem() {
    String rule =
        " must be from 30000 to 32767: the node port of a NodePort Service (the Kubernetes"
            + " default service-node-port-range); unset, Kubernetes picks one. Fix: set"
            + " webhookService.nodePort to 30080";
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
                + " --path webhookService.type NodePort) or remove the node port (leave out"
                + " webhookService.nodePort)");
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
                  + " app.kubernetes.io/instance). Fix: remove it (leave out webhookService.labels."
                  + key
                  + ") and use a key of your own, e.g. 'team'");
    }
    assertThat(
            WebhookServiceSettings.validate(
                DEFAULTS.withLabels(Map.of("app.kubernetes.io/version", "1.0"))))
        .isEmpty();
  }

  @Test
  void theSchemasManagedLabelKeysAreTheLabelsAphexSets() {
    JsonNode managed =
        StackConfigSchema.schema()
            .at(
                "/properties/config/properties/aphex-pipeline:webhookService/properties/labels"
                    + "/propertyNames/allOf/1/not/enum");
    assertThat(managed)
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(StandardLabels.of("n", "c", "i").keySet());
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
                + "' is 64 characters long, more than the 63 allowed: a label value: at most 63"
                + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit,"
                + " or empty"
                + fix);
    assertThat(WebhookServiceSettings.validate(DEFAULTS.withLabels(Map.of("team", "")))).isEmpty();
  }

  /**
   * The schema's patterns see a lone surrogate: Java's regex matches code points, so {@code
   * [\\ud800-\\udfff]} matches only a surrogate without its other half; editors compile schema
   * patterns with JavaScript's {@code u} flag (redhat-developer/yaml-language-server
   * src/languageservice/utils/strings.ts, extendedRegExp, forked from vscode-json-languageservice),
   * where the class means the same, so an emoji is valid in both.
   */
  @Test
  void anAnnotationValueWithAControlCharacterOrALoneSurrogateIsAProblem() {
    assertThat(
            messages(
                WebhookServiceSettings.validate(
                    DEFAULTS.withAnnotations(Map.of("example.com/note", "a\u0000b")))))
        .containsExactly(
            "webhookService.annotations.example.com/note: 'a\\u0000b' holds a control character"
                + " such as NUL, which an annotation cannot carry (tab and line breaks are"
                + " allowed). Fix: set a value without it, or remove the annotation: leave out"
                + " webhookService.annotations.example.com/note");
    assertThat(
            messages(
                WebhookServiceSettings.validate(
                    DEFAULTS.withAnnotations(Map.of("example.com/note", "caf\udce9")))))
        .containsExactly(
            "webhookService.annotations.example.com/note: 'caf\\udce9' contains the non-ASCII"
                + " character U+DCE9 (LOW SURROGATES DCE9) at position 4; it holds a lone UTF-16"
                + " surrogate, half of a character, which no manifest can hold. Fix: set a value"
                + " with the whole character, or remove the annotation: leave out"
                + " webhookService.annotations.example.com/note");
    // A whole character outside the BMP is a surrogate pair, which the pattern sees as one.
    assertThat(
            WebhookServiceSettings.validate(
                DEFAULTS.withAnnotations(
                    Map.of("example.com/note", "tab\there,\nline \uD83D\uDE00 caf\u00e9"))))
        .isEmpty();
  }

  @Test
  void megabyteKeysAndValuesAreRefusedWithOneProblemEach() {
    String mega = "a.".repeat(500_000) + "-";
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(mega, "v");
    labels.put("team", mega);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(mega, "v");
    annotations.put("example.com/note", mega + "\u0000");

    assertThat(
            WebhookServiceSettings.validate(
                DEFAULTS.withLabels(labels).withAnnotations(annotations)))
        .extracting(p -> p.location().substring(0, Math.min(40, p.location().length())))
        .containsExactlyInAnyOrder(
            "webhookService.annotations.a.a.a.a.a.a.a",
            "webhookService.annotations.example.com/n",
            "webhookService.annotations",
            "webhookService.labels.a.a.a.a.a.a.a.a.a.",
            "webhookService.labels.team");
  }

  @Test
  void annotationsOverTheKubernetesTotalAreAProblem() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("example.com/a", "x".repeat(WebhookServiceSettings.MAX_ANNOTATIONS_BYTES / 2));
    annotations.put(
        "example.com/b", "\u00e9".repeat(WebhookServiceSettings.MAX_ANNOTATIONS_BYTES / 4));
    assertThat(messages(WebhookServiceSettings.validate(DEFAULTS.withAnnotations(annotations))))
        .containsExactly(
            "webhookService.annotations: '262170 bytes' are more than Kubernetes allows in the"
                + " annotations of one object (262144 bytes, keys and values together). Fix:"
                + " shorten the annotations; large data belongs in a ConfigMap");
    annotations.put(
        "example.com/b", "x".repeat(WebhookServiceSettings.MAX_ANNOTATIONS_BYTES / 2 - 26));
    assertThat(WebhookServiceSettings.validate(DEFAULTS.withAnnotations(annotations))).isEmpty();
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
            "webhookService.annotations.-a",
            "webhookService.labels.app.kubernetes.io/instance",
            "webhookService.labels.app.kubernetes.io/instance");
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

  private static List<String> messages(List<Problem> problems) {
    return problems.stream().map(Problem::message).toList();
  }
}
