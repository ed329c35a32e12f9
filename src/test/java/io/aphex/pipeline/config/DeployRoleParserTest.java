package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeployRoleParserTest {

  private static final String BASE =
      "version: \"1.0\"\nbuild:\n  commands: [make]\nenvironments:\n"
          + "  - name: dev\n    region: us-east-1\n    account: \"123456789012\"\n"
          + "    stacks:\n      - name: App\n        path: app.ts\n";

  /** The rule of the role's shape, in the words of the schema, and its fix. */
  private static final String SHAPE =
      "the IAM role, in this environment's account and its region's partition, that the deploy"
          + " and test stages assume; it must trust the workflow role. Left out, cdk deploy uses"
          + " the target's CDK bootstrap roles. Required when a stack has engine: pulumi. Fix:"
          + " Write e.g. deployRoleArn: arn:aws:iam::123456789012:role/aphex-deploy.";

  private static final String FIX =
      " Fix: Use the ARN of a role in the environment's account, e.g. deployRoleArn:"
          + " arn:aws:iam::123456789012:role/aphex-deploy, or remove it to let cdk deploy use the"
          + " CDK bootstrap roles.";

  private static PipelineConfig parse(String yaml) {
    return PipelineConfigParser.parse("aphex-config.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withoutDeployRoleArnTheEnvironmentHasNone() {
    assertThat(parse(BASE).environments().get(0).deployRoleArn()).isEmpty();
  }

  @Test
  void aRoleWithAPathInTheEnvironmentsAccountIsRead() {
    String arn = "arn:aws:iam::123456789012:role/pipelines/aphex-deploy";

    assertThat(
            parse(BASE + "    deployRoleArn: " + arn + "\n").environments().get(0).deployRoleArn())
        .isEqualTo(Optional.of(arn));
  }

  @Test
  void aValueThatIsNotARoleArnIsRefused() {
    assertThatThrownBy(() -> parse(BASE + "    deployRoleArn: arn:aws:iam::123456789012:user/me\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 11, environments[0].deployRoleArn:"
                + " 'arn:aws:iam::123456789012:user/me' does not fit the rule for deployRoleArn: "
                + SHAPE);
  }

  @Test
  void aRoleInAnotherAccountIsRefused() {
    assertThatThrownBy(
            () -> parse(BASE + "    deployRoleArn: arn:aws:iam::999999999999:role/deploy\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 11, environments[0].deployRoleArn:"
                + " 'arn:aws:iam::999999999999:role/deploy' is a role in account 999999999999, but"
                + " the environment deploys to account 123456789012; the stages assume this role"
                + " in the target account."
                + FIX);
  }

  @Test
  void aRoleInAnotherPartitionThanTheRegionIsRefused() {
    assertThatThrownBy(
            () -> parse(BASE + "    deployRoleArn: arn:aws-cn:iam::123456789012:role/deploy\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "'arn:aws-cn:iam::123456789012:role/deploy' is in partition aws-cn, but region"
                + " us-east-1 is in partition aws.");
  }

  @Test
  void aRoleNameLongerThanIamAllowsIsRefused() {
    String arn = "arn:aws:iam::123456789012:role/" + "r".repeat(65);

    assertThatThrownBy(() -> parse(BASE + "    deployRoleArn: " + arn + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'" + arn + "' does not fit the rule for deployRoleArn: " + SHAPE);
  }

  @Test
  void aListIsRefused() {
    assertThatThrownBy(() -> parse(BASE + "    deployRoleArn: [a, b]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "aphex-config.yaml line 11, environments[0].deployRoleArn: '[a, b]' must be a string,"
                + " not a list. Fix: Write e.g. deployRoleArn:"
                + " arn:aws:iam::123456789012:role/aphex-deploy.");
  }
}
