package io.aphex.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code manifests.yaml} as {@code kubectl apply -f} reads it. */
class RenderFilesTest {

  @Test
  void aCharacterYamlCannotPrintIsEscapedTextNotBinary() {
    Map<String, Object> configMap = new LinkedHashMap<>();
    configMap.put("kind", "ConfigMap");
    configMap.put("data", Map.of("dev.stacks", "[{\"path\":\"v\uFFFFv\"}]"));

    String yaml = RenderFiles.manifestsYaml(List.of(configMap));

    assertThat(yaml)
        .isEqualTo(
            "---\nkind: ConfigMap\ndata:\n  dev.stacks: \"[{\\\"path\\\":\\\"v\\uffffv\\\"}]\"\n")
        .doesNotContain("!!binary");
    assertThat(new Yaml().loadAll(yaml)).containsExactly(configMap);
  }
}
