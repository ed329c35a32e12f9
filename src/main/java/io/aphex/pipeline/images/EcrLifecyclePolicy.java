package io.aphex.pipeline.images;

import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import java.util.Optional;

/**
 * The lifecycle policy of the image repositories: keep the newest {@code N} tagged images (each a
 * published version) and expire older ones, for example with {@code N} = 20:
 *
 * <pre>
 * {"rules":[{"rulePriority":1,"description":"Keep the newest 20 versions","selection":
 *   {"tagStatus":"tagged","tagPatternList":["*"],"countType":"imageCountMoreThan","countNumber":20},
 *   "action":{"type":"expire"}}]}
 * </pre>
 *
 * <p>There is deliberately no rule for untagged images: the per-architecture images of a
 * multi-architecture version are untagged manifests that its tagged index points to, and expiring
 * them would break the version for one architecture.
 */
public final class EcrLifecyclePolicy {

  /** The default number of versions kept. */
  public static final int DEFAULT_KEEP_VERSIONS = 20;

  /** The most versions a repository may be told to keep. */
  public static final int MAX_KEEP_VERSIONS = 1000;

  private EcrLifecyclePolicy() {}

  /**
   * Checks a number of versions to keep: 1 to {@value #MAX_KEEP_VERSIONS}.
   *
   * @param keepVersions the number to check
   * @return the problem, located at {@code keepVersions}, or empty
   */
  public static Optional<Problem> check(int keepVersions) {
    if (keepVersions >= 1 && keepVersions <= MAX_KEEP_VERSIONS) {
      return Optional.empty();
    }
    return Optional.of(
        new Problem(
            "keepVersions",
            Integer.toString(keepVersions),
            "is not between 1 and " + MAX_KEEP_VERSIONS,
            "keep at least the versions pipelines still run, e.g. "
                + DEFAULT_KEEP_VERSIONS
                + " (the default)"));
  }

  /**
   * Returns the policy text that ECR receives; the same number always gives the same text.
   *
   * @param keepVersions how many tagged images to keep, 1 to {@value #MAX_KEEP_VERSIONS}
   * @return the lifecycle policy JSON
   * @throws ConfigException when {@code keepVersions} is out of range
   */
  public static String keepNewest(int keepVersions) {
    ConfigException.throwIfAny(check(keepVersions).stream().toList());
    // One integer in a fixed document: nothing to escape, so a template says it most plainly.
    return ("{\"rules\":[{\"rulePriority\":1,\"description\":\"Keep the newest %1$s versions\","
            + "\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*\"],"
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":%1$s},"
            + "\"action\":{\"type\":\"expire\"}}]}")
        .formatted(keepVersions);
  }
}
