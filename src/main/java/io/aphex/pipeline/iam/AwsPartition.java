package io.aphex.pipeline.iam;

import io.aphex.pipeline.config.NameRules;

/** The AWS partition a region belongs to, as ARNs spell it. */
public final class AwsPartition {

  private AwsPartition() {}

  /**
   * Returns the partition of a region.
   *
   * @param region e.g. {@code us-east-1}, {@code cn-north-1}, {@code us-gov-west-1}
   * @return the partition, as {@link NameRules#awsPartition} tells
   */
  public static String of(String region) {
    return NameRules.awsPartition(region);
  }
}
