package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsPartitionTest {

  @Test
  void eachRegionFamilyHasItsPartition() {
    assertThat(AwsPartition.of("us-east-1")).isEqualTo("aws");
    assertThat(AwsPartition.of("eu-west-2")).isEqualTo("aws");
    assertThat(AwsPartition.of("cn-north-1")).isEqualTo("aws-cn");
    assertThat(AwsPartition.of("us-gov-west-1")).isEqualTo("aws-us-gov");
    assertThat(AwsPartition.of("us-iso-east-1")).isEqualTo("aws-iso");
    assertThat(AwsPartition.of("us-isob-east-1")).isEqualTo("aws-iso-b");
  }
}
