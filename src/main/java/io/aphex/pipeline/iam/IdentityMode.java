package io.aphex.pipeline.iam;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How workflow pods get the credentials of the workflow role. Each mode is named in stack config by
 * its {@link JsonProperty} name, which Jackson reads and writes.
 *
 * <ul>
 *   <li>{@link #IRSA} (the default, {@code irsa}): the ServiceAccount is annotated with the role
 *       ARN; the EKS webhook projects a web-identity token and sets {@code AWS_ROLE_ARN} and {@code
 *       AWS_WEB_IDENTITY_TOKEN_FILE}; the role trusts the cluster's IAM OIDC provider.
 *   <li>{@link #POD_IDENTITY} ({@code podIdentity}): an EKS Pod Identity association binds the role
 *       to the ServiceAccount; the Pod Identity agent serves credentials; the role trusts {@code
 *       pods.eks.amazonaws.com}. No OIDC provider is needed.
 * </ul>
 */
public enum IdentityMode {
  /** IAM roles for service accounts, {@code irsa} in stack config. */
  @JsonProperty("irsa")
  IRSA,
  /** EKS Pod Identity, {@code podIdentity} in stack config. */
  @JsonProperty("podIdentity")
  POD_IDENTITY
}
