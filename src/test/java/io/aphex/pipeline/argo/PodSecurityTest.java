package io.aphex.pipeline.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.argo.PodSecurity.SeccompProfile;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackConfigSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodSecurityTest {

  /** The descriptions of the schema, which the range rules quote. */
  private static final String FS_GROUP =
      "group that owns the pod volumes, so that a non-root user reads the projected IRSA token";

  private static final String RUN_AS_USER =
      "user the stage containers run as; unset, the image decides";

  private static final PodSecurity DEFAULTS = PodSecurity.defaults();

  @Test
  void defaultsHardenWhatRootImagesAllow() {
    assertThat(DEFAULTS)
        .isEqualTo(
            new PodSecurity(
                65534,
                false,
                Optional.empty(),
                false,
                SeccompProfile.RUNTIME_DEFAULT,
                false,
                true));
    assertThat(PodSecurity.validate(DEFAULTS)).isEmpty();
  }

  @Test
  void eachWithMethodChangesOnlyItsComponent() {
    assertThat(DEFAULTS.withFsGroup(1000))
        .isEqualTo(
            new PodSecurity(
                1000, false, Optional.empty(), false, SeccompProfile.RUNTIME_DEFAULT, false, true));
    assertThat(DEFAULTS.withRunAsNonRoot(true))
        .isEqualTo(
            new PodSecurity(
                65534, true, Optional.empty(), false, SeccompProfile.RUNTIME_DEFAULT, false, true));
    assertThat(DEFAULTS.withRunAsUser(1001))
        .isEqualTo(
            new PodSecurity(
                65534,
                false,
                Optional.of(1001L),
                false,
                SeccompProfile.RUNTIME_DEFAULT,
                false,
                true));
    assertThat(DEFAULTS.withAllowPrivilegeEscalation(true))
        .isEqualTo(
            new PodSecurity(
                65534, false, Optional.empty(), true, SeccompProfile.RUNTIME_DEFAULT, false, true));
    assertThat(DEFAULTS.withSeccompProfile(SeccompProfile.UNCONFINED))
        .isEqualTo(
            new PodSecurity(
                65534, false, Optional.empty(), false, SeccompProfile.UNCONFINED, false, true));
    assertThat(DEFAULTS.withReadOnlyRootFilesystem(true))
        .isEqualTo(
            new PodSecurity(
                65534, false, Optional.empty(), false, SeccompProfile.RUNTIME_DEFAULT, true, true));
    assertThat(DEFAULTS.withDropAllCapabilities(false))
        .isEqualTo(
            new PodSecurity(
                65534,
                false,
                Optional.empty(),
                false,
                SeccompProfile.RUNTIME_DEFAULT,
                false,
                false));
  }

  @Test
  void runAsUserAndSeccompProfileAreRequired() {
    assertThatThrownBy(
            () ->
                new PodSecurity(
                    65534, false, null, false, SeccompProfile.RUNTIME_DEFAULT, false, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("runAsUser");
    assertThatThrownBy(
            () -> new PodSecurity(65534, false, Optional.empty(), false, null, false, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("seccompProfile");
  }

  @Test
  void seccompProfilesAreBoundByTheirExactKubernetesName() {
    ObjectMapper json = new ObjectMapper();
    assertThat(json.convertValue("RuntimeDefault", SeccompProfile.class))
        .isEqualTo(SeccompProfile.RUNTIME_DEFAULT);
    assertThat(json.convertValue("Unconfined", SeccompProfile.class))
        .isEqualTo(SeccompProfile.UNCONFINED);
    assertThatThrownBy(() -> json.convertValue("runtimedefault", SeccompProfile.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            PodSecurity.validate(
                json.convertValue(Map.of("seccompProfile", "Unconfined"), PodSecurity.class)))
        .isEmpty();
    assertThat(StackConfigSchema.checkSetting("podSecurity", Map.of("seccompProfile", "Localhost")))
        .extracting(Problem::rule)
        .containsExactly("is not one of the allowed values: RuntimeDefault, Unconfined");
  }

  @Test
  void theIdRangesIncludeTheirBounds() {
    assertThat(PodSecurity.validate(DEFAULTS.withFsGroup(0).withRunAsUser(0))).isEmpty();
    assertThat(PodSecurity.validate(DEFAULTS.withFsGroup(2147483647).withRunAsUser(2147483647)))
        .isEmpty();
    assertThat(PodSecurity.validate(DEFAULTS.withRunAsNonRoot(true).withRunAsUser(1))).isEmpty();
    assertThat(PodSecurity.validate(DEFAULTS.withRunAsNonRoot(true))).isEmpty();
  }

  @Test
  void validateRefusesAnFsGroupOutsideTheGroupIdRange() {
    assertThat(messages(PodSecurity.validate(DEFAULTS.withFsGroup(-1))))
        .containsExactly(
            "podSecurity.fsGroup: '-1' must be from 0 to 2147483647: %s. Fix: set"
                    .formatted(FS_GROUP)
                + " podSecurity.fsGroup to 65534");
    assertThat(messages(PodSecurity.validate(DEFAULTS.withFsGroup(2147483648L))))
        .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
        .containsExactly(
            "podSecurity.fsGroup: '2147483648' must be from 0 to 2147483647: " + FS_GROUP + ".");
  }

  @Test
  void validateRefusesARunAsUserOutsideTheUserIdRange() {
    assertThat(messages(PodSecurity.validate(DEFAULTS.withRunAsUser(2147483648L))))
        .containsExactly(
            "podSecurity.runAsUser: '2147483648' must be from 0 to 2147483647: "
                + RUN_AS_USER
                + ". Fix: set podSecurity.runAsUser to 1000");
    assertThat(messages(PodSecurity.validate(DEFAULTS.withRunAsUser(-5))))
        .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
        .containsExactly(
            "podSecurity.runAsUser: '-5' must be from 0 to 2147483647: " + RUN_AS_USER + ".");
  }

  @Test
  void validateRefusesRunAsNonRootWithRunAsUserRoot() {
    assertThat(messages(PodSecurity.validate(DEFAULTS.withRunAsNonRoot(true).withRunAsUser(0))))
        .containsExactly(
            "podSecurity.runAsNonRoot: 'true' contradicts podSecurity.runAsUser 0 (root): the"
                + " kubelet would refuse to start every stage container. Fix: run as a non-root"
                + " user (pulumi config set --path podSecurity.runAsUser 65534) or allow root"
                + " (pulumi config set --path podSecurity.runAsNonRoot false)");
  }

  @Test
  void validateReportsEveryProblemAtOnce() {
    assertThat(
            PodSecurity.validate(
                DEFAULTS.withFsGroup(-1).withRunAsUser(-1).withDropAllCapabilities(false)))
        .extracting(Problem::location)
        .containsExactly("podSecurity.fsGroup", "podSecurity.runAsUser");
  }

  private static List<String> messages(List<Problem> problems) {
    return problems.stream().map(Problem::message).toList();
  }
}
