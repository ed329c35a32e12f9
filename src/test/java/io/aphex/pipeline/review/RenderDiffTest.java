package io.aphex.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RenderDiffTest {

  @TempDir Path temp;

  private static Map<String, Object> plan(String cdkPolicy) {
    return Map.of(
        "resources",
        List.of(
            Map.of(
                "type",
                "aws:iam/rolePolicy:RolePolicy",
                "name",
                "p-cdk-deploy",
                "inputs",
                Map.of("policy", cdkPolicy))));
  }

  @Test
  void addingAnEnvironmentWithApprovalIsDescribedInWords() {
    PipelineConfig sample = SampleConfigs.referenceSample();
    List<EnvironmentConfig> environments = new ArrayList<>(sample.environments());
    environments.add(
        ReviewFixtures.environment(
            "prod-eu", Optional.of(List.of("staging")), true, ReviewFixtures.stack("App")));
    PipelineConfig changed =
        new PipelineConfig(sample.version(), sample.buildCommands(), environments);
    String policy =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\"],\"Resource\":[%s]}]}";
    PipelineView before =
        RenderReader.read(ReviewFixtures.objects(sample), plan(policy.formatted("\"arn:a\"")));
    PipelineView after =
        RenderReader.read(
            ReviewFixtures.objects(changed, "registry/deployer:v2"),
            plan(policy.formatted("\"arn:a\",\"arn:b\"")));

    assertThat(RenderDiff.between(before, after, "base"))
        .isEqualTo(
            "## Pipeline changes against `base`\n\n"
                + "### Environments\n\n"
                + "- added `prod-eu`: eu-west-1, account 210987654321, approval required, runs after"
                + " `staging`, 1 stack(s), tests none\n\n"
                + "### Promotion order\n\n"
                + "- was: dev → staging → prod\n"
                + "- now: dev → staging → {prod, prod-eu (approval)}\n\n"
                + "### Edges\n\n"
                + "- added `test-staging` → `approve-prod-eu`\n"
                + "- added `approve-prod-eu` → `deploy-prod-eu`\n\n"
                + "### Stacks\n\n"
                + "- added to `prod-eu`: `App` (cdk, `lib/App.ts`, level 1)\n\n"
                + "### Roles\n\n"
                + "- added `prod-eu`: deploys with the CDK bootstrap roles of 210987654321 in"
                + " eu-west-1, checked as"
                + " `arn:aws:iam::210987654321:role/cdk-hnb659fds-deploy-role-210987654321-eu-west-1`\n\n"
                + "### Images\n\n"
                + "- `pipeline-deployment`: `"
                + ReviewFixtures.DEPLOYER
                + "` → `registry/deployer:v2`\n"
                + "- `validate`: `"
                + ReviewFixtures.DEPLOYER
                + "` → `registry/deployer:v2`\n"
                + "- `deploy`: `"
                + ReviewFixtures.DEPLOYER
                + "` → `registry/deployer:v2`\n"
                + "- `test`: `"
                + ReviewFixtures.DEPLOYER
                + "` → `registry/deployer:v2`\n"
                + "- `cleanup-targets`: `"
                + ReviewFixtures.DEPLOYER
                + "` → `registry/deployer:v2`\n\n"
                + "### Permissions\n\n"
                + "- added to `RolePolicy p-cdk-deploy`: `Allow sts:AssumeRole on arn:b`\n");
  }

  @Test
  void changesAndRemovalsOfEnvironmentsStacksAndRolesAreNamed() {
    PipelineView before = ReviewFixtures.view(ReviewFixtures.fanOut());
    List<EnvironmentConfig> environments =
        new ArrayList<>(ReviewFixtures.fanOut().environments().subList(0, 4));
    environments.set(
        2,
        new EnvironmentConfig(
            "prod-us",
            "eu-west-1",
            "210987654321",
            List.of(ReviewFixtures.stack("App"), ReviewFixtures.stack("Cache")),
            List.of("smoke"),
            Optional.of(List.of("staging")),
            false,
            Optional.of("arn:aws:iam::210987654321:role/deployer")));
    PipelineView after =
        ReviewFixtures.view(new PipelineConfig("1.0", List.of("make"), environments));

    assertThat(RenderDiff.between(before, after, "base"))
        .isEqualTo(
            "## Pipeline changes against `base`\n\n"
                + "### Environments\n\n"
                + "- changed `prod-us`: no longer needs approval; tests none → `smoke`\n"
                + "- removed `dr` (us-west-2, 210987654321)\n\n"
                + "### Promotion order\n\n"
                + "- was: dev → staging → {prod-us (approval), prod-eu} → dr (after prod-us)\n"
                + "- now: dev → staging → {prod-us, prod-eu}\n\n"
                + "### Edges\n\n"
                + "- added `deploy-staging` → `deploy-prod-us`\n"
                + "- added `deploy-prod-us` → `test-prod-us`\n"
                + "- removed `deploy-staging` → `approve-prod-us`\n"
                + "- removed `approve-prod-us` → `deploy-prod-us`\n"
                + "- removed `deploy-prod-us` → `deploy-dr`\n\n"
                + "### Stacks\n\n"
                + "- added to `prod-us`: `Cache` (cdk, `lib/Cache.ts`, level 2)\n"
                + "- removed with `dr`: `my-org/app/dr`\n\n"
                + "### Roles\n\n"
                + "- changed `prod-us`: deploys with the CDK bootstrap roles of 210987654321 in"
                + " eu-west-1, checked as"
                + " `arn:aws:iam::210987654321:role/cdk-hnb659fds-deploy-role-210987654321-eu-west-1`"
                + " → stages run as `arn:aws:iam::210987654321:role/deployer`\n");
  }

  @Test
  void percentSignsInNamesAndPathsAreWrittenAsTheyAre() {
    PipelineView before = percentView("p%d", "img%s");
    PipelineView after = percentView("q%d", "img%n");

    assertThat(RenderDiff.between(before, after, "base%"))
        .isEqualTo(
            "## Pipeline changes against `base%`\n\n"
                + "### Stacks\n\n"
                + "- changed in `a%s%n`: `S%1$s` (cdk, `p%d`, level 1) → (cdk, `q%d`, level 1)\n\n"
                + "### Images\n\n"
                + "- `t%`: `img%s` → `img%n`\n");
  }

  private static PipelineView percentView(String path, String image) {
    PipelineView.Environment environment =
        new PipelineView.Environment(
            "a%s%n",
            "us-east-1",
            "123456789012",
            Optional.empty(),
            "arn:check",
            false,
            List.of(),
            List.of(List.of(new PipelineView.Stack("S%1$s", "cdk", path))),
            List.of());
    return new PipelineView("t", List.of(), List.of(environment), Map.of("t%", image), Map.of());
  }

  @Test
  void theSameRenderHasNoChanges() {
    PipelineView view = ReviewFixtures.view(ReviewFixtures.fanOut());

    assertThat(RenderDiff.between(view, view, "base"))
        .isEqualTo(
            "## Pipeline changes against `base`\n\nNo changes: the environments, promotion order,"
                + " edges, stacks, roles, images and permissions are the same.\n");
  }

  @Test
  void aMissingDirectoryOrAFileIsNamedAndNothingIsCreated() throws IOException {
    Path missing = temp.resolve("base");
    Path file = Files.writeString(temp.resolve("notes.txt"), "x");

    assertThatThrownBy(() -> RenderReader.read(missing))
        .isInstanceOf(UnreadableRenderException.class)
        .hasMessage(
            missing
                + " does not exist; render the earlier version there first (./aphex render --out "
                + missing
                + ")");
    assertThatThrownBy(() -> RenderReader.read(file))
        .hasMessage(file + " is a file, not a render directory");
    assertThat(missing).doesNotExist();
  }

  @Test
  void aForeignDirectoryIsRefusedWithTheFileAndLeftAsItWas() throws IOException {
    Path foreign = Files.createDirectory(temp.resolve("foreign"));
    Files.writeString(foreign.resolve("manifests.yaml"), "a: [unclosed\n");
    FileTime written = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(foreign.resolve("manifests.yaml"), written);

    assertThatThrownBy(() -> RenderReader.read(foreign))
        .hasMessage(foreign + " is not a render of ./aphex render: it has no plan.json");

    Files.writeString(foreign.resolve("plan.json"), "{}");
    assertThatThrownBy(() -> RenderReader.read(foreign))
        .hasMessageStartingWith(
            foreign + ": " + foreign.resolve("manifests.yaml") + " is not valid YAML: ");

    Files.writeString(foreign.resolve("manifests.yaml"), "---\nkind: ConfigMap\n");
    assertThatThrownBy(() -> RenderReader.read(foreign))
        .hasMessage(foreign + ": holds 0 WorkflowTemplates; a pipeline render holds exactly one");

    Files.writeString(foreign.resolve("plan.json"), "[1");
    assertThatThrownBy(() -> RenderReader.read(foreign))
        .hasMessageStartingWith(
            foreign + ": " + foreign.resolve("plan.json") + " is not a JSON object: ");
    try (var entries = Files.list(foreign)) {
      assertThat(entries.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("manifests.yaml", "plan.json");
    }
  }

  @Test
  @Timeout(30)
  void aFifoInAnEarlierRenderIsRefusedWithoutWaitingOnIt() throws Exception {
    Path earlier = Files.createDirectory(temp.resolve("earlier"));
    Files.writeString(earlier.resolve("manifests.yaml"), "---\nkind: ConfigMap\n");
    Path plan = earlier.resolve("plan.json");
    assertThat(new ProcessBuilder("mkfifo", plan.toString()).start().waitFor()).isZero();

    assertThatThrownBy(() -> RenderReader.read(earlier))
        .hasMessage(
            plan
                + " is a FIFO (named pipe), not a regular file; reading it could wait forever or"
                + " never end");
  }

  @Test
  void aTemplateWithoutItsTargetsConfigMapIsRefused() {
    List<Map<String, Object>> objects =
        ReviewFixtures.objects(SampleConfigs.referenceSample()).subList(1, 2);

    assertThatThrownBy(() -> RenderReader.read(objects, Map.of()))
        .hasMessage(
            "holds 0 targets ConfigMaps of WorkflowTemplate aphex-pipeline-template"
                + " (aphex-pipeline-template-targets-<hash>); expected exactly one");
  }

  @Test
  void stacksOfAnEarlierRenderWithoutEngineAreCdkAndUnreadableStacksAreRefused() {
    List<Map<String, Object>> objects = ReviewFixtures.objects(SampleConfigs.referenceSample());

    PipelineView earlier =
        RenderReader.read(
            withTargetsKey(
                objects, "dev.stacks", "[[{\"name\":\"App\",\"path\":\"a.ts\",\"x\":1}]]"),
            Map.of());
    assertThat(earlier.environment("dev").orElseThrow().levels())
        .containsExactly(List.of(new PipelineView.Stack("App", "cdk", "a.ts")));
    assertThatThrownBy(
            () ->
                RenderReader.read(
                    withTargetsKey(objects, "dev.stacks", "[{\"path\":1}]"), Map.of()))
        .hasMessage(
            "the targets ConfigMap of aphex-pipeline-template has an unreadable dev.stacks");
  }

  /** The objects with one key of the targets ConfigMap (the first object) replaced. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> withTargetsKey(
      List<Map<String, Object>> objects, String key, String value) {
    Map<String, Object> targets = new LinkedHashMap<>(objects.get(0));
    Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) targets.get("data"));
    data.put(key, value);
    targets.put("data", data);
    return List.of(targets, objects.get(1));
  }
}
