package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.PodSecurity.CONFIG_KEY;

import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackConfigSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The validation rules of {@link PodSecurity}. */
final class PodSecurityRules {

  private PodSecurityRules() {}

  /** Checks the settings; see {@link PodSecurity#validate(PodSecurity)}. */
  static List<Problem> check(PodSecurity settings) {
    // The ranges of the IDs are the stack-config schema's, for settings made in code as well.
    List<Problem> problems = new ArrayList<>(StackConfigSchema.checkSetting(CONFIG_KEY, settings));
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
}
