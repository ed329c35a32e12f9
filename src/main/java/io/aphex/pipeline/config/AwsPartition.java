package io.aphex.pipeline.config;

/** The AWS partition a region belongs to, as ARNs spell it. */
public final class AwsPartition {

  private AwsPartition() {}

  /**
   * Returns the partition of a region.
   *
   * @param region e.g. {@code us-east-1}, {@code cn-north-1}, {@code us-gov-west-1}
   * @return {@code aws-cn} for {@code cn-*} regions, {@code aws-us-gov} for {@code us-gov-*},
   *     {@code aws-iso} for {@code us-iso-*}, {@code aws-iso-b} for {@code us-isob-*} and {@code
   *     aws} otherwise
   */
  public static String of(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    if (region.startsWith("us-isob-")) {
      return "aws-iso-b";
    }
    return region.startsWith("us-iso-") ? "aws-iso" : "aws";
  }
}
