package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.core.annotations.Import;
import io.aphex.pipeline.kubernetes.KubernetesObject;
import io.aphex.pipeline.kubernetes.ObjectMetadata;
import io.aphex.pipeline.plan.KubernetesInputs;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceInputsTest {

  private static KubernetesObject configMap(Map<String, Object> body) {
    return new KubernetesObject(
        "v1", "ConfigMap", ObjectMetadata.of("targets", "argo", Map.of()), body);
  }

  @Test
  void everyFieldThePlanSendsHasAnImport() {
    Set<String> expected = new HashSet<>(KubernetesInputs.FIELDS);
    expected.addAll(Set.of("apiVersion", "kind", "metadata"));

    assertThat(
            Arrays.stream(ResourceInputs.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(Import.class))
                .map(f -> f.getAnnotation(Import.class).name()))
        .containsAll(expected);
  }

  @Test
  void anInputWithoutAFieldIsRefused() {
    assertThatThrownBy(() -> new ResourceInputs(Map.of("binaryData", Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ResourceInputs has no input binaryData; add an @Import for it");
  }

  @Test
  void everyFieldItSendsIsAccepted() {
    assertThatCode(
            () ->
                KubernetesInputs.requireSendable(
                    configMap(Map.of("immutable", true, "data", Map.of("k", "v")))))
        .doesNotThrowAnyException();
  }

  @Test
  void aFieldItWouldDropIsRefusedInsteadOfLostOnTheWay() {
    assertThatThrownBy(
            () ->
                KubernetesInputs.requireSendable(
                    configMap(Map.of("data", Map.of(), "binaryData", Map.of(), "zeta", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "object argo/ConfigMap/targets has top-level fields [binaryData, zeta] that"
                + " ResourceInputs does not send; add an @Import for them");
  }
}
