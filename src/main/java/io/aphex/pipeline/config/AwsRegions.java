package io.aphex.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * The AWS regions this release knows, so that a typo such as {@code us-wets-2} is caught before
 * deploy instead of failing in the pipeline. The list is the examples of {@code region} in the
 * published schema {@code schema/aphex-config.schema.json}, which editors offer as completions: the
 * {@code com.pulumi.aws.enums.Region} enum of the pinned AWS provider (6.83.0) but the ISO-E
 * partition's {@code eu-isoe-west-1}, plus the regions AWS opened after it ({@code ap-east-2},
 * {@code ap-southeast-6}); a test keeps the two in step.
 *
 * <p>A region AWS opens after this release is let through by naming it in the environment variable
 * {@value #EXTRA_REGIONS_VARIABLE} (comma-separated, e.g. {@code APHEX_EXTRA_REGIONS=xx-newcity-1})
 * wherever the program or the render runs; its shape is still checked.
 */
public final class AwsRegions {

  /** The environment variable that adds regions to the known ones. */
  public static final String EXTRA_REGIONS_VARIABLE = "APHEX_EXTRA_REGIONS";

  /** The regions of this release, sorted. */
  public static final Set<String> KNOWN =
      Collections.unmodifiableSortedSet(
          new TreeSet<>(
              StreamSupport.stream(
                      PublishedSchemas.read(ConfigSchema.RESOURCE)
                          .at("/definitions/environment/properties/region/examples")
                          .spliterator(),
                      false)
                  .map(JsonNode::asText)
                  .toList()));

  private AwsRegions() {}

  /**
   * Checks that a well-shaped region name is a region this release knows or the environment allows.
   *
   * @param region the region, already of the right shape
   * @param extra the value of {@value #EXTRA_REGIONS_VARIABLE}, or null
   * @return the broken rule with a did-you-mean and the escape hatch, or empty
   */
  static Optional<String> unknown(String region, String extra) {
    if (KNOWN.contains(region)
        || (extra != null
            && Arrays.stream(extra.split(",")).map(String::strip).anyMatch(region::equals))) {
      return Optional.empty();
    }
    String suggestion =
        Suggestions.closest(region, KNOWN).map(s -> "did you mean '" + s + "'? ").orElse("");
    return Optional.of(
        "is not an AWS region this release knows ("
            + suggestion
            + "if AWS opened it after this release, allow it with "
            + EXTRA_REGIONS_VARIABLE
            + "="
            + region
            + ")");
  }
}
