package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.aws.enums.Region;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AwsRegionsTest {

  @Test
  void aTypoIsRefusedWithTheClosestRegionAndTheEscapeHatch() {
    assertThat(AwsRegions.unknown("us-wets-2", null))
        .contains(
            "is not an AWS region this release knows (did you mean 'us-west-2'? if AWS opened it"
                + " after this release, allow it with APHEX_EXTRA_REGIONS=us-wets-2)");
  }

  @Test
  void everyRegionOfThePinnedProviderAndTheNewerOnesAreKnown() {
    for (String region : AwsRegions.KNOWN) {
      assertThat(AwsRegions.unknown(region, null)).as(region).isEmpty();
    }
    // eu-isoe-west-1 is in the ISO-E partition (aws-iso-e), which this release does not deploy to.
    List<String> newer = List.of("ap-east-2", "ap-southeast-6");
    assertThat(AwsRegions.KNOWN)
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(
                    Arrays.stream(Region.values())
                        .map(Region::getValue)
                        .filter(region -> !region.equals("eu-isoe-west-1")),
                    newer.stream())
                .toList());
  }

  @Test
  void aBrandNewRegionPassesOnceTheEnvironmentNamesIt() {
    assertThat(AwsRegions.unknown("xx-newcity-1", null)).isPresent();
    assertThat(AwsRegions.unknown("xx-newcity-1", "eu-other-9, xx-newcity-1")).isEmpty();
  }
}
