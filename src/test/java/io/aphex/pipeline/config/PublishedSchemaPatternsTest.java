package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.aphex.pipeline.iam.EcrRepositoryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The patterns of both published schemas, as the validator runs them (java.util.regex, {@code
 * find}), on values of a hundred thousand characters: Java's regex engine recurses once per
 * repetition of a group, so a repeated group must be bounded, e.g. by a look-ahead on the length,
 * or a long value overflows the stack instead of being refused (found with {@code "a."} repeated in
 * pulumiAccessTokenSecretName and {@code "a/"} repeated in a deployRoleArn's path). The role ARN
 * patterns of the code ({@link NameRules}, {@link EcrRepositoryPolicy}) have the same shape and the
 * same bound.
 */
// Pure: no Pulumi engine, no global state; runs beside the other classes.
@Execution(ExecutionMode.CONCURRENT)
class PublishedSchemaPatternsTest {

  private static final List<String> FILLS =
      List.of("a.", "1.", "a-", "a/", "a", ".", "/", "{", " ", "a-a.");

  @Test
  void everyPatternChecksALongValueWithoutOverflowingTheStack() {
    List<String> patterns = new ArrayList<>();
    collect(PublishedSchemas.read("/schema/aphex-config.schema.json"), patterns);
    collect(StackConfigSchema.schema(), patterns);
    assertThat(patterns).hasSizeGreaterThan(20);
    for (String pattern : patterns) {
      Pattern compiled = Pattern.compile(pattern);
      for (String fill : FILLS) {
        String value = fill.repeat(100_000 / fill.length()) + "x";
        assertThatCode(() -> compiled.matcher(value).find())
            .as(pattern + " on '" + fill + "'...")
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void aRoleArnWithAVeryLongPathIsRefused() {
    String arn = "arn:aws:iam::123456789012:role/" + "a/".repeat(50_000) + "x";
    assertThat(NameRules.deployRoleArn(arn, Optional.empty(), Optional.empty()))
        .hasValueSatisfying(rule -> assertThat(rule).startsWith("is not an IAM role ARN"));
    String longest = "arn:aws:iam::123456789012:role/" + "p/".repeat(255) + "r".repeat(64);
    assertThat(NameRules.deployRoleArn(longest, Optional.empty(), Optional.empty())).isEmpty();
    assertThat(EcrRepositoryPolicy.checkRoles(List.of(arn)))
        .singleElement()
        .satisfies(p -> assertThat(p.rule()).startsWith("is not an IAM role ARN"));
    assertThat(EcrRepositoryPolicy.checkRoles(List.of(longest))).isEmpty();
  }

  private static void collect(JsonNode node, List<String> patterns) {
    if (node.path("pattern").isTextual()) {
      patterns.add(node.get("pattern").asText());
    }
    node.forEach(child -> collect(child, patterns));
  }
}
