package io.aphex.pipeline.plan;

import io.aphex.pipeline.cluster.ClusterIdentity;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.iam.PolicyDocument;
import io.aphex.pipeline.iam.WorkflowPolicies;
import java.util.Map;

/**
 * The workflow role, its policies and its Pod Identity association as the component registers them
 * and the plan shows them: names (suffixes of the component name) and inputs. IDs and ARNs are
 * values here, and deploy-time values in the component.
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
   * The role.
   *
   * @param trustPolicy the trust policy JSON ({@link #trustPolicy})
   * @param workflowTemplateName the pipeline's WorkflowTemplate name, for the description
   * @return the inputs of {@code aws:iam/role:Role}
   */
  public static Map<String, Object> role(Object trustPolicy, String workflowTemplateName) {
    return Map.of(
        "assumeRolePolicy",
        trustPolicy,
        "description",
        "Role of the workflow pods of the " + workflowTemplateName + " pipeline (aphex-pipeline)");
  }

  /**
   * An inline policy of the role.
   *
   * @param roleId the role's ID
   * @param policy the policy JSON
   * @return the inputs of {@code aws:iam/rolePolicy:RolePolicy}
   */
  public static Map<String, Object> rolePolicy(Object roleId, Object policy) {
    return Map.of("policy", policy, "role", roleId);
  }

  /**
   * A managed deploy-role policy.
   *
   * @param workflowTemplateName the pipeline's WorkflowTemplate name, for the description
   * @param part the policy's number, from 1
   * @param policy the policy JSON
   * @return the inputs of {@code aws:iam/policy:Policy}
   */
  public static Map<String, Object> deployRoles(
      String workflowTemplateName, int part, String policy) {
    return Map.of(
        "description",
        "Deploy roles the "
            + workflowTemplateName
            + " pipeline may assume, part "
            + part
            + " (aphex-pipeline)",
        "policy",
        policy);
  }

  /**
   * The attachment of a managed policy to the role.
   *
   * @param roleId the role's ID
   * @param policyArn the policy's ARN
   * @return the inputs of {@code aws:iam/rolePolicyAttachment:RolePolicyAttachment}
   */
  public static Map<String, Object> attachment(Object roleId, Object policyArn) {
    return Map.of("policyArn", policyArn, "role", roleId);
  }

  /**
   * The EKS Pod Identity association of the role with the workflow ServiceAccount.
   *
   * @param clusterName the cluster
   * @param namespace the workflow namespace
   * @param serviceAccountName the workflow ServiceAccount
   * @param roleArn the role's ARN
   * @return the inputs of {@code aws:eks/podIdentityAssociation:PodIdentityAssociation}
   */
  public static Map<String, Object> podIdentity(
      Object clusterName, String namespace, String serviceAccountName, Object roleArn) {
    return Map.of(
        "clusterName",
        clusterName,
        "namespace",
        namespace,
        "roleArn",
        roleArn,
        "serviceAccount",
        serviceAccountName);
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
