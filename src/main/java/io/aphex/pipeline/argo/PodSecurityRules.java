package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.PodSecurity.CONFIG_KEY;
import static io.aphex.pipeline.argo.PodSecurity.MAX_ID;

import io.aphex.pipeline.config.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The validation rules of {@link PodSecurity}. */
final class PodSecurityRules {

  private PodSecurityRules() {}

  /** Checks the settings; see {@link PodSecurity#validate(PodSecurity)}. */
  static List<Problem> check(PodSecurity settings) {
    List<Problem> problems = new ArrayList<>();
    fsGroup(settings.fsGroup()).ifPresent(problems::add);
    settings.runAsUser().flatMap(PodSecurityRules::runAsUser).ifPresent(problems::add);
    if (settings.runAsNonRoot() && settings.runAsUser().equals(Optional.of(0L))) {
      problems.add(
          new Problem(
              CONFIG_KEY + ".runAsNonRoot",
              "true",
              "contradicts "
                  + CONFIG_KEY
                  + ".runAsUser 0 (root): the kubelet would refuse to start every stage container",
              "run as a non-root user (pulumi config set --path "
                  + CONFIG_KEY
                  + ".runAsUser 65534) or allow root (pulumi config set --path "
                  + CONFIG_KEY
                  + ".runAsNonRoot false)"));
    }
    return problems;
  }

  /** Checks a group ID; takes a long so that config values beyond an int are reported too. */
  static Optional<Problem> fsGroup(long fsGroup) {
    return id(
        fsGroup,
        "fsGroup",
        "group",
        "use a group such as "
            + PodSecurity.DEFAULT_FS_GROUP
            + " (the default), e.g. pulumi config set --path "
            + CONFIG_KEY
            + ".fsGroup "
            + PodSecurity.DEFAULT_FS_GROUP);
  }

  /** Checks a user ID; takes a long for the same reason as {@link #fsGroup(long)}. */
  static Optional<Problem> runAsUser(long runAsUser) {
    return id(
        runAsUser,
        "runAsUser",
        "user",
        "use a user such as 1000, e.g. pulumi config set --path "
            + CONFIG_KEY
            + ".runAsUser 1000, or remove it (pulumi config rm --path "
            + CONFIG_KEY
            + ".runAsUser) to keep each image's USER");
  }

  private static Optional<Problem> id(long id, String field, String what, String fix) {
    if (id >= 0 && id <= MAX_ID) {
      return Optional.empty();
    }
    return Optional.of(
        new Problem(
            CONFIG_KEY + "." + field,
            Long.toString(id),
            "is outside the " + what + " ID range 0 to " + MAX_ID,
            fix));
  }
}
