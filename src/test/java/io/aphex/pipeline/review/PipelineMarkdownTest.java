package io.aphex.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.config.EnvironmentConfig;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.config.StackDefinition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineMarkdownTest {

  @Test
  void anEnvironmentWithApprovalRoleLevelsAndTestsIsOneTableOfSettingsAndOneOfStacks() {
    PipelineConfig config =
        new PipelineConfig(
            "1.0",
            List.of("make"),
            List.of(
                new EnvironmentConfig(
                    "prod",
                    "eu-west-1",
                    "210987654321",
                    List.of(
                        ReviewFixtures.stack("Network"),
                        ReviewFixtures.stack("Data", "Network"),
                        new StackDefinition("App", "lib/a|`b`.ts", Optional.of(List.of()))),
                    List.of("npm test -- --grep 'a|b'"),
                    Optional.empty(),
                    true,
                    Optional.of("arn:aws:iam::210987654321:role/deployer"))),
            false,
            java.util.Map.of(),
            false);

    String markdown = PipelineMarkdown.of(ReviewFixtures.view(config));

    assertThat(markdown)
        .startsWith(
            "# Pipeline `aphex-pipeline-template`\n\n"
                + "**Promotion order:** prod (approval)\n\n"
                + "```mermaid\nflowchart LR\n")
        .contains(
            "```\n\n"
                + "## prod\n\n"
                + "| | |\n|---|---|\n"
                + "| Region | `eu-west-1` |\n"
                + "| Account | `210987654321` |\n"
                + "| Role | stages run as `arn:aws:iam::210987654321:role/deployer` |\n"
                + "| Approval | required: `approve-prod` waits |\n"
                + "| Runs after | `build` |\n"
                + "| Tests | `npm test -- --grep 'a\\|b'` |\n\n"
                + "| Level | Stack | Engine | Path |\n|---|---|---|---|\n"
                + "| 1 | `Network` | `cdk` | `lib/Network.ts` |\n"
                + "| 1 | `App` | `cdk` | ``lib/a\\|`b`.ts`` |\n"
                + "| 2 | `Data` | `cdk` | `lib/Data.ts` |\n\n"
                + "## Images\n\n| Image | Stages |\n|---|---|\n"
                + "| `"
                + ReviewFixtures.BUILDER
                + "` | `build` |\n"
                + "| `"
                + ReviewFixtures.DEPLOYER
                + "` | `deploy`, `test`, `cleanup-targets` |\n");
  }

  @Test
  void codeSpansSurviveBackticksAndPlainTextEscapesMarkdown() {
    assertThat(MarkdownText.code("a")).isEqualTo("`a`");
    assertThat(MarkdownText.code("a``b")).isEqualTo("```a``b```");
    assertThat(MarkdownText.code("`a")).isEqualTo("`` `a ``");
    assertThat(MarkdownText.code("a\nb")).isEqualTo("`a b`");
    assertThat(MarkdownText.plain("*a* <b> [c]")).isEqualTo("\\*a\\* \\<b\\> \\[c\\]");
  }
}
