package io.aphex.pipeline.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Pulumi.yaml, docs/configuration.md and the code must agree on every stack config key. */
class ProjectFilesTest {

  @Test
  @SuppressWarnings("unchecked")
  void pulumiYamlDeclaresEveryKeyWithTheCodesTypeAndDefault() throws IOException {
    Map<String, Object> project =
        new Yaml().load(Files.readString(SampleConfigs.projectDir().resolve("Pulumi.yaml")));
    assertThat(project)
        .containsEntry("name", StackConfigKeys.NAMESPACE)
        .containsEntry("runtime", "java");
    Map<String, Map<String, Object>> declared =
        (Map<String, Map<String, Object>>) project.get("config");

    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String> actual = new LinkedHashMap<>();
    for (StackConfigKey key : StackConfigKeys.all()) {
      if (key.type().equals("object")) {
        continue;
      }
      expected.put(
          key.name(),
          key.type() + " default=" + (key.required() ? "<none>" : key.defaultValue().orElse("")));
    }
    declared.forEach(
        (name, d) ->
            actual.put(
                name,
                d.get("type")
                    + " default="
                    + (d.containsKey("default") ? String.valueOf(d.get("default")) : "<none>")));
    assertThat(actual).containsExactlyEntriesOf(expected);
    declared.forEach((name, d) -> assertThat(d.get("description")).as(name).isNotNull());
  }

  @Test
  void configurationPageListsEveryKey() throws IOException {
    String readme =
        Files.readString(SampleConfigs.projectDir().resolve("docs").resolve("configuration.md"));

    for (StackConfigKey key : StackConfigKeys.all()) {
      assertThat(readme).as(key.name()).contains("| `" + key.name() + "` |");
    }
  }
}
