package io.aphex.pipeline.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aphex.pipeline.argo.PodSecurity.ParseResult;
import io.aphex.pipeline.argo.PodSecurity.SeccompProfile;
import io.aphex.pipeline.config.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodSecurityTest {

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
  void seccompProfilesAreFoundByTheirExactKubernetesName() {
    assertThat(SeccompProfile.fromKubernetesName("RuntimeDefault"))
        .contains(SeccompProfile.RUNTIME_DEFAULT);
    assertThat(SeccompProfile.fromKubernetesName("Unconfined")).contains(SeccompProfile.UNCONFINED);
    assertThat(SeccompProfile.fromKubernetesName("runtimedefault")).isEmpty();
    assertThat(SeccompProfile.fromKubernetesName("Localhost")).isEmpty();
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
            "podSecurity.fsGroup: '-1' is outside the group ID range 0 to 2147483647. Fix: use a"
                + " group such as 65534 (the default), e.g. pulumi config set --path"
                + " podSecurity.fsGroup 65534");
    assertThat(messages(PodSecurity.validate(DEFAULTS.withFsGroup(2147483648L))))
        .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
        .containsExactly(
            "podSecurity.fsGroup: '2147483648' is outside the group ID range 0 to 2147483647.");
  }

  @Test
  void validateRefusesARunAsUserOutsideTheUserIdRange() {
    assertThat(messages(PodSecurity.validate(DEFAULTS.withRunAsUser(2147483648L))))
        .containsExactly(
            "podSecurity.runAsUser: '2147483648' is outside the user ID range 0 to 2147483647."
                + " Fix: use a user such as 1000, e.g. pulumi config set --path"
                + " podSecurity.runAsUser 1000, or remove it (pulumi config rm --path"
                + " podSecurity.runAsUser) to keep each image's USER");
    assertThat(messages(PodSecurity.validate(DEFAULTS.withRunAsUser(-5))))
        .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
        .containsExactly(
            "podSecurity.runAsUser: '-5' is outside the user ID range 0 to 2147483647.");
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

  @Test
  void fromConfigReadsEveryField() {
    ParseResult result =
        PodSecurity.fromConfig(
            "{\"fsGroup\":1000,\"runAsNonRoot\":true,\"runAsUser\":1001,"
                + "\"allowPrivilegeEscalation\":true,\"seccompProfile\":\"Unconfined\","
                + "\"readOnlyRootFilesystem\":true,\"dropAllCapabilities\":false}");

    assertThat(result.problems()).isEmpty();
    assertThat(result.settings())
        .contains(
            new PodSecurity(
                1000, true, Optional.of(1001L), true, SeccompProfile.UNCONFINED, true, false));
  }

  @Test
  void fromConfigUsesTheDefaultsForWhatIsNotSet() {
    assertThat(PodSecurity.fromConfig("{\"runAsNonRoot\":true}").settings())
        .contains(DEFAULTS.withRunAsNonRoot(true));
    assertThat(PodSecurity.fromConfig("{}").settings()).contains(DEFAULTS);
    assertThat(PodSecurity.fromConfig(" ").settings()).contains(DEFAULTS);
    assertThat(PodSecurity.fromConfig("{\"runAsUser\":null,\"fsGroup\":null}").settings())
        .contains(DEFAULTS);
    assertThat(PodSecurity.fromConfig("{\"seccompProfile\":\"RuntimeDefault\"}").settings())
        .contains(DEFAULTS);
  }

  @Test
  void fromConfigSuggestsTheMeantField() {
    assertThat(problems("{\"runAsNonroot\":true}"))
        .containsExactly(
            "podSecurity.runAsNonroot: 'true' is not a setting of podSecurity. Fix: did you mean"
                + " 'runAsNonRoot'? Run: pulumi config rm --path podSecurity.runAsNonroot &&"
                + " pulumi config set --path podSecurity.runAsNonRoot true");
    assertThat(problems("{\"fsgroup\":1000}"))
        .containsExactly(
            "podSecurity.fsgroup: '1000' is not a setting of podSecurity. Fix: did you mean"
                + " 'fsGroup'? Run: pulumi config rm --path podSecurity.fsgroup && pulumi config"
                + " set --path podSecurity.fsGroup 1000");
    assertThat(problems("{\"seccomp\":{\"type\":\"Unconfined\"}}"))
        .containsExactly(
            "podSecurity.seccomp: '{\"type\":\"Unconfined\"}' is not a setting of podSecurity."
                + " Fix: remove it (pulumi config rm --path podSecurity.seccomp); the settings are"
                + " fsGroup, runAsNonRoot, runAsUser, allowPrivilegeEscalation, seccompProfile,"
                + " readOnlyRootFilesystem, dropAllCapabilities");
    assertThat(problems("{\"example.com/x\":1}"))
        .containsExactly(
            "podSecurity.example.com/x: '1' is not a setting of podSecurity. Fix: remove it"
                + " (pulumi config rm --path 'podSecurity[\"example.com/x\"]'); the settings are"
                + " fsGroup, runAsNonRoot, runAsUser, allowPrivilegeEscalation, seccompProfile,"
                + " readOnlyRootFilesystem, dropAllCapabilities");
  }

  @Test
  void fromConfigRefusesValuesOfTheWrongJsonType() {
    assertThat(problems("{\"runAsNonRoot\":\"true\"}"))
        .containsExactly(
            "podSecurity.runAsNonRoot: '\"true\"' is a string, but it must be true or false. Fix:"
                + " write true or false without quotes, e.g. pulumi config set --path"
                + " podSecurity.runAsNonRoot true");
    assertThat(problems("{\"dropAllCapabilities\":1}"))
        .containsExactly(
            "podSecurity.dropAllCapabilities: '1' is a whole number, but it must be true or false."
                + " Fix: set true or false, e.g. pulumi config set --path"
                + " podSecurity.dropAllCapabilities false");
    assertThat(problems("{\"fsGroup\":\"1000\"}"))
        .containsExactly(
            "podSecurity.fsGroup: '\"1000\"' is a string, but it must be a whole number. Fix: write"
                + " the number without quotes, e.g. pulumi config set --path podSecurity.fsGroup"
                + " 1000");
    assertThat(problems("{\"runAsUser\":10.5}"))
        .containsExactly(
            "podSecurity.runAsUser: '10.5' is a fractional number, but it must be a whole number."
                + " Fix: set a whole number, e.g. pulumi config set --path podSecurity.runAsUser"
                + " 1000");
    assertThat(problems("{\"seccompProfile\":{\"type\":\"Unconfined\"}}"))
        .containsExactly(
            "podSecurity.seccompProfile: '{\"type\":\"Unconfined\"}' is an object, but it must be"
                + " a string. Fix: set it to RuntimeDefault or Unconfined, e.g. pulumi config set"
                + " --path podSecurity.seccompProfile RuntimeDefault");
    assertThat(problems("{\"readOnlyRootFilesystem\":[true]}"))
        .containsExactly(
            "podSecurity.readOnlyRootFilesystem: '[true]' is a list, but it must be true or false."
                + " Fix: set true or false, e.g. pulumi config set --path"
                + " podSecurity.readOnlyRootFilesystem true");
  }

  @Test
  void fromConfigSuggestsTheRightSeccompProfile() {
    assertThat(problems("{\"seccompProfile\":\"runtimedefault\"}"))
        .containsExactly(
            "podSecurity.seccompProfile: 'runtimedefault' is not a seccomp profile this component"
                + " sets (RuntimeDefault or Unconfined; the names are case-sensitive). Fix: did"
                + " you mean 'RuntimeDefault'? Run: pulumi config set --path"
                + " podSecurity.seccompProfile RuntimeDefault");
    assertThat(problems("{\"seccompProfile\":\"Localhost\"}"))
        .containsExactly(
            "podSecurity.seccompProfile: 'Localhost' is not a seccomp profile this component"
                + " sets (RuntimeDefault or Unconfined; the names are case-sensitive). Fix: use"
                + " RuntimeDefault (the default) or, to switch seccomp off, Unconfined, e.g."
                + " pulumi config set --path podSecurity.seccompProfile RuntimeDefault");
  }

  @Test
  void fromConfigRefusesWhatIsNotAJsonObject() {
    for (String raw :
        List.of(
            "true",
            "[1]",
            "\"RuntimeDefault\"",
            "{\"fsGroup\":1} x",
            "{\"fsGroup\":1,\"fsGroup\":2}")) {
      assertThat(problems(raw))
          .as(raw)
          .containsExactly(
              "podSecurity: '"
                  + raw
                  + "' is not a JSON object of pod security settings. Fix: set one field at a"
                  + " time with --path, e.g. pulumi config rm podSecurity && pulumi config set"
                  + " --path podSecurity.runAsNonRoot true");
    }
  }

  @Test
  void fromConfigAlsoAppliesTheValidationRulesAndReportsEverythingAtOnce() {
    assertThat(
            problems(
                "{\"fsGroup\":99999999999999999999,\"runAsUser\":-1,\"seccompProfile\":\"x\"}"))
        .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
        .containsExactly(
            "podSecurity.fsGroup: '99999999999999999999' is outside the group ID range 0 to"
                + " 2147483647.",
            "podSecurity.runAsUser: '-1' is outside the user ID range 0 to 2147483647.",
            "podSecurity.seccompProfile: 'x' is not a seccomp profile this component sets"
                + " (RuntimeDefault or Unconfined; the names are case-sensitive).");
    assertThat(problems("{\"runAsUser\":0,\"runAsNonRoot\":true}"))
        .extracting(m -> m.substring(0, m.indexOf(" Fix:")))
        .containsExactly(
            "podSecurity.runAsNonRoot: 'true' contradicts podSecurity.runAsUser 0 (root): the"
                + " kubelet would refuse to start every stage container.");
    assertThat(problems("{\"runAsUser\":-1,\"runAsNonRoot\":true}"))
        .extracting(m -> m.substring(0, m.indexOf(":")))
        .containsExactly("podSecurity.runAsUser");
  }

  @Test
  void aParseResultHoldsSettingsOrProblemsNeverBoth() {
    Problem problem = new Problem("podSecurity", "x", "is bad", "fix it");
    assertThatThrownBy(() -> new ParseResult(Optional.of(DEFAULTS), List.of(problem)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a ParseResult holds either settings or problems");
    assertThatThrownBy(() -> new ParseResult(Optional.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a ParseResult holds either settings or problems");
  }

  private static List<String> problems(String json) {
    ParseResult result = PodSecurity.fromConfig(json);
    assertThat(result.settings()).isEmpty();
    return messages(result.problems());
  }

  private static List<String> messages(List<Problem> problems) {
    return problems.stream().map(Problem::message).toList();
  }
}
