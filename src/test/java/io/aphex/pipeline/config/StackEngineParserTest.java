package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackEngineParserTest {

  private static final String BASE =
      "version: \"1.0\"\nbuild:\n  commands: [make]\nenvironments:\n"
          + "  - name: dev\n    region: us-east-1\n    account: \"123456789012\"\n"
          + "    stacks:\n";

  private static final String ROLE = "    deployRoleArn: arn:aws:iam::123456789012:role/deployer\n";

  /** Parses an environment with a deployRoleArn, written on the line after its stacks. */
  private static PipelineConfig parse(String stacks) {
    return parseWithout(stacks + ROLE);
  }

  private static PipelineConfig parseWithout(String stacksAndMore) {
    return PipelineConfigParser.parse(
        "aphex-config.yaml", (BASE + stacksAndMore).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pulumiStacksNeedTheEnvironmentsDeployRole() {
    assertThatThrownBy(
            () ->
                parseWithout(
                    "      - name: Network\n        path: lib/network.ts\n"
                        + "      - name: payments\n        path: infra\n        engine: pulumi\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 5, environments[0]: 'payments' is a Pulumi stack, and an"
                + " environment with Pulumi stacks needs a deployRoleArn to deploy them with"
                + " (Pulumi has no bootstrap roles to fall back on, as the CDK has). Fix: Add"
                + " deployRoleArn: arn:aws:iam::123456789012:role/<the role the stacks deploy"
                + " with> to this environment, or deploy the stack with engine: cdk.");
    assertThatThrownBy(
            () ->
                new EnvironmentConfig(
                    "dev",
                    "us-east-1",
                    "123456789012",
                    List.of(
                        new StackDefinition(
                            "payments", "infra", Optional.empty(), StackEngine.PULUMI)),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "environment dev has Pulumi stacks; an environment with Pulumi stacks needs a"
                + " deployRoleArn to deploy them with (Pulumi has no bootstrap roles to fall back"
                + " on, as the CDK has)");
  }

  @Test
  void stacksAreCdkUnlessTheySayPulumi() {
    PipelineConfig config =
        parse(
            "      - name: Network\n        path: lib/network.ts\n"
                + "      - name: my-org/payments/dev\n        path: infra/payments\n"
                + "        engine: pulumi\n"
                + "      - name: Web\n        path: lib/web.ts\n        engine: cdk\n");
    assertThat(config.environments().get(0).stacks())
        .containsExactly(
            new StackDefinition("Network", "lib/network.ts", Optional.empty(), StackEngine.CDK),
            new StackDefinition(
                "my-org/payments/dev", "infra/payments", Optional.empty(), StackEngine.PULUMI),
            new StackDefinition("Web", "lib/web.ts", Optional.empty(), StackEngine.CDK));
  }

  @Test
  void anUnknownEngineIsRefusedWithTheClosestOne() {
    assertThatThrownBy(
            () -> parse("      - name: App\n        path: app\n        engine: Pulumi\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 11, environments[0].stacks[0].engine: 'Pulumi' is not one of "
                + "the allowed values: cdk, pulumi (case-sensitive). Fix: Did you mean 'pulumi'?"
                + " Write engine: pulumi.");
    assertThatThrownBy(() -> parse("      - name: App\n        path: app\n        engine: tf\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 11, environments[0].stacks[0].engine: 'tf' is not one of the "
                + "allowed values: cdk, pulumi. Fix: Write engine: cdk.");
  }

  @Test
  void aPulumiStackNameFollowsPulumisRuleNotCloudFormations() {
    assertThat(
            parse("      - name: org/proj/dev.eu_1\n        path: infra\n        engine: pulumi\n")
                .environments()
                .get(0)
                .stacks()
                .get(0)
                .name())
        .isEqualTo("org/proj/dev.eu_1");
    assertThatThrownBy(() -> parse("      - name: dev.eu_1\n        path: infra\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 9, environments[0].stacks[0].name: 'dev.eu_1' does not fit the "
                + "rule for name: the stack's name. For the CDK, the stack name the CDK app knows "
                + "(letters, digits and '-', starting with a letter, at most 128 characters). For "
                + "Pulumi, the stack reference pulumi up --stack takes: <stack>, <org>/<stack> or "
                + "<org>/<project>/<stack>. Unique within the environment. Fix: Write e.g. name: "
                + "MyAppStack.");
  }

  @Test
  void aBadPulumiStackReferenceIsRefused() {
    assertThatThrownBy(
            () -> parse("      - name: a/b/c/d\n        path: infra\n        engine: pulumi\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 9, environments[0].stacks[0].name: 'a/b/c/d' does not fit the "
                + "rule for name: the stack's name. For the CDK, the stack name the CDK app knows "
                + "(letters, digits and '-', starting with a letter, at most 128 characters). For "
                + "Pulumi, the stack reference pulumi up --stack takes: <stack>, <org>/<stack> or "
                + "<org>/<project>/<stack>. Unique within the environment. Fix: Write e.g. name: "
                + "MyAppStack.");
    assertThatThrownBy(
            () ->
                parse("      - name: \"my stack\"\n        path: infra\n        engine: pulumi\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 9, environments[0].stacks[0].name: 'my "
                + "stack' does not fit the rule for name: the stack's name. For the CDK, the "
                + "stack name the CDK app knows (letters, digits and '-', "
                + "starting with a letter, at most 128 characters). For "
                + "Pulumi, the stack reference pulumi up --stack takes: "
                + "<stack>, <org>/<stack> or <org>/<project>/<stack>. Unique "
                + "within the environment. Fix: Write e.g. name: MyAppStack.");
    assertThatThrownBy(
            () -> parse("      - name: org//dev\n        path: infra\n        engine: pulumi\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 9, environments[0].stacks[0].name: "
                + "'org//dev' does not fit the rule for name: the stack's name. For the CDK, the "
                + "stack name the CDK app knows (letters, digits and '-', "
                + "starting with a letter, at most 128 characters). For "
                + "Pulumi, the stack reference pulumi up --stack takes: "
                + "<stack>, <org>/<stack> or <org>/<project>/<stack>. Unique "
                + "within the environment. Fix: Write e.g. name: MyAppStack.");
    String longName = "s".repeat(101);
    assertThatThrownBy(
            () ->
                parse(
                    "      - name: "
                        + longName
                        + "\n        path: infra\n        engine: pulumi\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'" + longName + "' does not fit the rule for name");
  }

  @Test
  void aStackDefinitionBuiltInCodeFollowsTheSameRules() {
    assertThatThrownBy(
            () -> new StackDefinition("a,b", "infra", Optional.empty(), StackEngine.PULUMI))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("pulumi stack name 'a,b' is not a Pulumi stack reference");
    assertThatThrownBy(() -> new StackDefinition("my_app", "lib/app.ts"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cdk stack name 'my_app' is not a valid CloudFormation stack name");
  }
}
