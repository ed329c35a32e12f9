package io.aphex.pipeline.plan;

import io.aphex.pipeline.cluster.ClusterIdentity;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.images.ContainerImages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS children of a pipeline, walked once for both the plan and the component (see {@link
 * Registry}): the IAM role the workflow pods run with and its policies (trust for the workflow
 * ServiceAccount only, through IRSA or EKS Pod Identity; ECR reads on the pipeline's repositories;
 * the CDK bootstrap roles of the configured environments; the artifact bucket; the explicit {@code
 * additionalPolicyArns}), the artifact bucket and its settings ({@link ArtifactBucketInputs}), and
 * the Pod Identity association. Names are the component name and the suffixes of {@link
 * WorkflowRoleInputs}; the policy documents come from {@code io.aphex.pipeline.iam}.
 */
public final class AwsResources {

  private static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
  private static final String ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

  private AwsResources() {}

  /**
   * Registers the role and every policy but the artifact bucket's ({@link #artifactAccess}).
   *
   * @param r the registry
   * @param name the component name
   * @param mode the identity mode, which decides the trust policy
   * @param cluster the cluster ({@link ClusterIdentity}), a registry value
   * @param namespace the workflow namespace
   * @param serviceAccountName the workflow ServiceAccount
   * @param workflowTemplateName the WorkflowTemplate name, for the descriptions
   * @param images the resolved images ({@link ContainerImages}), a registry value
   * @param config the pipeline config, whose deploy targets the role may assume
   * @param policyArns the plain {@code additionalPolicyArns}, attached as {@code -policy-<suffix>}
   * @param policyArnValues {@code additionalPolicyArns} known at deploy time only, attached as
   *     {@code -policy-output-<index>}; empty in a plan
   * @return the role
   */
  public static Object role(
      Registry r,
      String name,
      IdentityMode mode,
      Object cluster,
      String namespace,
      String serviceAccountName,
      String workflowTemplateName,
      Object images,
      PipelineConfig config,
      List<String> policyArns,
      List<Object> policyArnValues) {
    Object role =
        r.aws(
            "aws:iam/role:Role",
            name + WorkflowRoleInputs.ROLE,
            WorkflowRoleInputs.role(
                r.<ClusterIdentity>map(
                    cluster,
                    c ->
                        WorkflowRoleInputs.trustPolicy(mode, c, namespace, serviceAccountName)
                            .toJson()),
                workflowTemplateName),
            Registry.Options.after());
    Object roleId = r.output(role, "id");
    r.aws(
        ROLE_POLICY,
        name + WorkflowRoleInputs.ECR_PULL,
        WorkflowRoleInputs.rolePolicy(
            roleId,
            r.<ContainerImages>map(
                images, i -> WorkflowPolicies.ecrPull(i.ecrRepositoryArns()).toJson())),
        Registry.Options.after(role));
    WorkflowPolicies.DeployPolicies deploy =
        WorkflowPolicies.deployPolicies(
            DeployTargets.roleArns(config), DeployTargets.cdkTargets(config));
    r.aws(
        ROLE_POLICY,
        name + WorkflowRoleInputs.CDK_DEPLOY,
        WorkflowRoleInputs.rolePolicy(roleId, deploy.inline().toJson()),
        Registry.Options.after(role));
    for (int i = 0; i < deploy.managed().size(); i++) {
      String policyName = name + WorkflowRoleInputs.DEPLOY_ROLES + (i + 1);
      Object policy =
          r.aws(
              "aws:iam/policy:Policy",
              policyName,
              WorkflowRoleInputs.deployRoles(
                  workflowTemplateName, i + 1, deploy.managed().get(i).toJson()),
              Registry.Options.after());
      attach(r, policyName, role, r.output(policy, "arn"), policy);
    }
    for (String policyArn : policyArns) {
      attach(
          r,
          name + WorkflowRoleInputs.POLICY + PolicyAttachmentNames.suffix(policyArn),
          role,
          policyArn);
    }
    for (int i = 0; i < policyArnValues.size(); i++) {
      attach(r, name + WorkflowRoleInputs.POLICY_OUTPUT + i, role, policyArnValues.get(i));
    }
    return role;
  }

  /**
   * Registers the artifact bucket and its settings, all kept when the stack is destroyed, so that a
   * {@code pulumi destroy} never deletes build artifacts or leaves a kept bucket unprotected. An
   * existing bucket (kept by an earlier destroy, or by the CDK predecessor) is adopted through the
   * {@code import} option; its settings are then written over the bucket's own.
   *
   * @param r the registry
   * @param name the component name; the bucket is {@code <name>-artifacts}
   * @param bucketName the bucket's name, a registry value
   * @param importId the name of the bucket to adopt; empty to create one
   * @param retentionDays days after which an artifact expires
   * @return the bucket
   */
  public static Object bucket(
      Registry r, String name, Object bucketName, Optional<String> importId, int retentionDays) {
    String logical = name + "-artifacts";
    Object bucket =
        r.aws(
            "aws:s3/bucketV2:BucketV2",
            logical,
            ArtifactBucketInputs.bucket(bucketName),
            new Registry.Options(List.of(), true, importId));
    Map<String, Object> settings = new HashMap<>();
    for (ArtifactBucketInputs.Setting setting :
        ArtifactBucketInputs.settings(
            r.output(bucket, "id"),
            retentionDays,
            r.<String>map(
                r.output(bucket, "arn"),
                arn -> WorkflowPolicies.bucketRequiresTls(arn).toJson()))) {
      List<Object> needs =
          setting.afterPublicAccess()
              ? List.of(bucket, settings.get(ArtifactBucketInputs.PUBLIC_ACCESS))
              : List.of(bucket);
      settings.put(
          setting.suffix(),
          r.aws(
              setting.type(),
              logical + setting.suffix(),
              setting.inputs(),
              new Registry.Options(needs, true, Optional.empty())));
    }
    return bucket;
  }

  /**
   * Lets the role list the artifact bucket and read, write and delete its objects.
   *
   * @param r the registry
   * @param name the component name
   * @param role the role, as {@link #role} returned it
   * @param bucket the bucket, as {@link #bucket} returned it
   */
  public static void artifactAccess(Registry r, String name, Object role, Object bucket) {
    r.aws(
        ROLE_POLICY,
        name + WorkflowRoleInputs.ARTIFACT_ACCESS,
        WorkflowRoleInputs.rolePolicy(
            r.output(role, "id"),
            r.<String>map(
                r.output(bucket, "arn"), arn -> WorkflowPolicies.artifactAccess(arn).toJson())),
        Registry.Options.after(role, bucket));
  }

  /**
   * Registers the EKS Pod Identity association of the role with the workflow ServiceAccount.
   *
   * @param r the registry
   * @param logicalName the association's logical name
   * @param clusterName the cluster's name, a registry value
   * @param namespace the workflow namespace
   * @param serviceAccountName the workflow ServiceAccount
   * @param role the role, as {@link #role} returned it
   * @return the association
   */
  public static Object podIdentity(
      Registry r,
      String logicalName,
      Object clusterName,
      String namespace,
      String serviceAccountName,
      Object role) {
    return r.aws(
        "aws:eks/podIdentityAssociation:PodIdentityAssociation",
        logicalName,
        WorkflowRoleInputs.podIdentity(
            clusterName, namespace, serviceAccountName, r.output(role, "arn")),
        Registry.Options.after(role));
  }

  private static void attach(
      Registry r, String name, Object role, Object policyArn, Object... after) {
    List<Object> needs = new ArrayList<>(List.of(role));
    needs.addAll(List.of(after));
    r.aws(
        ATTACHMENT,
        name,
        WorkflowRoleInputs.attachment(r.output(role, "id"), policyArn),
        new Registry.Options(needs, false, Optional.empty()));
  }
}
