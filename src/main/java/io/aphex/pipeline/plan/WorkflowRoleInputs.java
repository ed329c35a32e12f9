package io.aphex.pipeline.plan;

import io.aphex.pipeline.cluster.ClusterIdentity;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.iam.PolicyDocument;
import io.aphex.pipeline.iam.WorkflowPolicies;

/**
 * The workflow role and its policies as the component registers them: names (suffixes of the
 * component name), descriptions and the trust policy.
 */
public final class WorkflowRoleInputs {

  /** Suffix of the role's name. */
  public static final String ROLE = "-workflow-role";

  /** Suffix of the inline ECR pull policy's name. */
  public static final String ECR_PULL = "-ecr-pull";

  /** Suffix of the inline deploy-role policy's name. */
  public static final String CDK_DEPLOY = "-cdk-deploy";

  /** Suffix of the inline artifact-bucket policy's name. */
  public static final String ARTIFACT_ACCESS = "-artifact-access";

  /** Prefix of the managed deploy-role policies' suffixes, followed by 1, 2, ... */
  public static final String DEPLOY_ROLES = "-deploy-roles-";

  /** Prefix of the suffixes of the attachments of plain {@code additionalPolicyArns}. */
  public static final String POLICY = "-policy-";

  /** Prefix of the suffixes of the attachments of {@code additionalPolicyArns} Outputs. */
  public static final String POLICY_OUTPUT = "-policy-output-";

  private WorkflowRoleInputs() {}

  /**
   * The role's description.
   *
   * @param workflowTemplateName the pipeline's WorkflowTemplate name
   * @return the description
   */
  public static String description(String workflowTemplateName) {
    return "Role of the workflow pods of the "
        + workflowTemplateName
        + " pipeline (aphex-pipeline)";
  }

  /**
   * The description of a managed deploy-role policy.
   *
   * @param workflowTemplateName the pipeline's WorkflowTemplate name
   * @param part the policy's number, from 1
   * @return the description
   */
  public static String deployRolesDescription(String workflowTemplateName, int part) {
    return "Deploy roles the "
        + workflowTemplateName
        + " pipeline may assume, part "
        + part
        + " (aphex-pipeline)";
  }

  /**
   * The role's trust policy: the workflow ServiceAccount only, through IRSA or EKS Pod Identity.
   *
   * @param mode the identity mode
   * @param cluster the cluster (its OIDC issuer and provider for IRSA, its name for Pod Identity)
   * @param namespace the workflow namespace
   * @param serviceAccountName the workflow ServiceAccount
   * @return the policy
   */
  public static PolicyDocument trustPolicy(
      IdentityMode mode, ClusterIdentity cluster, String namespace, String serviceAccountName) {
    return mode == IdentityMode.POD_IDENTITY
        ? WorkflowPolicies.podIdentityTrust(cluster.name(), namespace, serviceAccountName)
        : WorkflowPolicies.irsaTrust(
            cluster.oidcProviderArn(), cluster.oidcIssuer(), namespace, serviceAccountName);
  }
}
