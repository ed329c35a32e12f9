package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.ObjectMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesResourceArgsTest {

  private static KubernetesObject configMap(Map<String, Object> body) {
    return new KubernetesObject(
        "v1", "ConfigMap", ObjectMetadata.of("targets", "argo", Map.of()), body);
  }

  @Test
  void everyFieldItSendsIsAccepted() {
    assertThatCode(
            () ->
                KubernetesResourceArgs.requireSendable(
                    configMap(Map.of("immutable", true, "data", Map.of("k", "v")))))
        .doesNotThrowAnyException();
  }

  @Test
  void aFieldItWouldDropIsRefusedInsteadOfLostOnTheWay() {
    assertThatThrownBy(
            () ->
                KubernetesResourceArgs.requireSendable(
                    configMap(Map.of("data", Map.of(), "binaryData", Map.of(), "zeta", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "object argo/ConfigMap/targets has top-level fields [binaryData, zeta] that"
                + " KubernetesResourceArgs does not send; add an @Import for them");
  }
}
