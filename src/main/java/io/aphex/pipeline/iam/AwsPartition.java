package io.aphex.pipeline.iam;

/** The AWS partition a region belongs to, as ARNs spell it. */
public final class AwsPartition {

  private AwsPartition() {}

  /**
   * Returns the partition of a region.
   *
   * @param region e.g. {@code us-east-1}, {@code cn-north-1}, {@code us-gov-west-1}
   * @return {@code aws-cn} for {@code cn-*} regions, {@code aws-us-gov} for {@code us-gov-*}
   *     regions and {@code aws} otherwise
   */
  public static String of(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }
}
