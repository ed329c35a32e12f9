package io.aphex.pipeline.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The AWS regions this release knows, so that a typo such as {@code us-wets-2} is caught before
 * deploy instead of failing in the pipeline. The list is the {@code com.pulumi.aws.enums.Region}
 * enum of the pinned AWS provider (6.83.0), plus the regions AWS opened after it ({@code
 * ap-east-2}, {@code ap-southeast-6}).
 *
 * <p>A region AWS opens after this release is let through by naming it in the environment variable
 * {@value #EXTRA_REGIONS_VARIABLE} (comma-separated, e.g. {@code APHEX_EXTRA_REGIONS=xx-newcity-1})
 * wherever the program or the render runs; its shape is still checked.
 */
public final class AwsRegions {

  /** The environment variable that adds regions to the known ones. */
  public static final String EXTRA_REGIONS_VARIABLE = "APHEX_EXTRA_REGIONS";

  /** The regions of this release. */
  public static final Set<String> KNOWN =
      Set.of(
          "af-south-1",
          "ap-east-1",
          "ap-east-2",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ap-south-1",
          "ap-south-2",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-southeast-4",
          "ap-southeast-5",
          "ap-southeast-6",
          "ap-southeast-7",
          "ca-central-1",
          "ca-west-1",
          "cn-north-1",
          "cn-northwest-1",
          "eu-central-1",
          "eu-central-2",
          "eu-north-1",
          "eu-south-1",
          "eu-south-2",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "il-central-1",
          "me-central-1",
          "me-south-1",
          "mx-central-1",
          "sa-east-1",
          "us-east-1",
          "us-east-2",
          "us-gov-east-1",
          "us-gov-west-1",
          "us-iso-east-1",
          "us-iso-west-1",
          "us-isob-east-1",
          "us-west-1",
          "us-west-2");

  private AwsRegions() {}

  /**
   * Checks that a well-shaped region name is a region this release knows or the environment allows.
   *
   * @param region the region, already of the right shape
   * @param extra the value of {@value #EXTRA_REGIONS_VARIABLE}, or null
   * @return the broken rule with a did-you-mean and the escape hatch, or empty
   */
  static Optional<String> unknown(String region, String extra) {
    Set<String> allowed = new TreeSet<>(KNOWN);
    if (extra != null) {
      Arrays.stream(extra.split(",")).map(String::strip).forEach(allowed::add);
    }
    if (allowed.contains(region)) {
      return Optional.empty();
    }
    List<String> sorted = KNOWN.stream().sorted().collect(Collectors.toList());
    String suggestion =
        Suggestions.closest(region, sorted).map(s -> "did you mean '" + s + "'? ").orElse("");
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
