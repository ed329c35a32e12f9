package io.aphex.pipeline.iam;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * How workflow pods get the credentials of the workflow role.
 *
 * <ul>
 *   <li>{@link #IRSA} (the default): the ServiceAccount is annotated with the role ARN; the EKS
 *       webhook projects a web-identity token and sets {@code AWS_ROLE_ARN} and {@code
 *       AWS_WEB_IDENTITY_TOKEN_FILE}; the role trusts the cluster's IAM OIDC provider.
 *   <li>{@link #POD_IDENTITY}: an EKS Pod Identity association binds the role to the
 *       ServiceAccount; the Pod Identity agent serves credentials; the role trusts {@code
 *       pods.eks.amazonaws.com}. No OIDC provider is needed.
 * </ul>
 */
public enum IdentityMode {
  /** IAM roles for service accounts. */
  IRSA("irsa"),
  /** EKS Pod Identity. */
  POD_IDENTITY("podIdentity");

  private final String configName;

  IdentityMode(String configName) {
    this.configName = configName;
  }

  /**
   * The name used in stack config.
   *
   * @return {@code irsa} or {@code podIdentity}
   */
  @JsonValue
  public String configName() {
    return configName;
  }

  /**
   * Looks a mode up by its stack config name.
   *
   * @param name {@code irsa} or {@code podIdentity}, case-sensitive
   * @return the mode, or empty
   */
  public static Optional<IdentityMode> fromConfigName(String name) {
    return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
  }
}
