package io.aphex.pipeline.component;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.cluster.ClusterIdentity;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.plan.DeployTargets;
import io.aphex.pipeline.plan.PolicyAttachmentNames;
import io.aphex.pipeline.plan.WorkflowRoleInputs;
import java.util.List;
import java.util.Map;

/**
 * The IAM role the workflow pods run with, and its policies, created as children of the pipeline
 * component: trust for the workflow ServiceAccount only (through IRSA or EKS Pod Identity), ECR
 * reads on the pipeline's repositories, the CDK bootstrap roles of the configured environments, the
 * artifact bucket, and the explicit {@code additionalPolicyArns}. The documents come from {@code
 * io.aphex.pipeline.iam}, the inputs from {@link WorkflowRoleInputs}.
 */
final class WorkflowRole {

  private final String name;
  private final ChildResource role;
  private final CustomResourceOptions child;

  WorkflowRole(
      String name,
      AphexPipelineArgs args,
      Output<ClusterIdentity> cluster,
      Output<ContainerImages> images,
      Resource parent) {
    this.name = name;
    this.child = CustomResourceOptions.builder().parent(parent).build();
    this.role =
        aws(
            "aws:iam/role:Role",
            WorkflowRoleInputs.ROLE,
            WorkflowRoleInputs.role(
                cluster.applyValue(
                    c ->
                        WorkflowRoleInputs.trustPolicy(
                                args.identityMode(),
                                c,
                                args.argoNamespace(),
                                args.serviceAccountName())
                            .toJson()),
                args.workflowTemplateName()));
    inlinePolicy(
        WorkflowRoleInputs.ECR_PULL,
        images.applyValue(i -> WorkflowPolicies.ecrPull(i.ecrRepositoryArns()).toJson()));
    WorkflowPolicies.DeployPolicies deploy =
        WorkflowPolicies.deployPolicies(
            DeployTargets.roleArns(args.pipelineConfig()),
            DeployTargets.cdkTargets(args.pipelineConfig()));
    inlinePolicy(WorkflowRoleInputs.CDK_DEPLOY, deploy.inline().toJson());
    for (int i = 0; i < deploy.managed().size(); i++) {
      String suffix = WorkflowRoleInputs.DEPLOY_ROLES + (i + 1);
      ChildResource policy =
          aws(
              "aws:iam/policy:Policy",
              suffix,
              WorkflowRoleInputs.deployRoles(
                  args.workflowTemplateName(), i + 1, deploy.managed().get(i).toJson()));
      attach(suffix, policy.arn());
    }
    for (String policyArn : args.additionalPolicyArns()) {
      attach(WorkflowRoleInputs.POLICY + PolicyAttachmentNames.suffix(policyArn), policyArn);
    }
    List<Output<String>> fromResources = args.additionalPolicyArnOutputs();
    for (int i = 0; i < fromResources.size(); i++) {
      String location = "additionalPolicyArns (Output " + i + ")";
      attach(
          WorkflowRoleInputs.POLICY_OUTPUT + i,
          Lookups.checked(
              fromResources.get(i),
              arn -> AphexPipelineArgsRules.policyArn(arn).map(b -> b.at(location).message())));
    }
  }

  /**
   * Lets the role list the artifact bucket and read, write and delete its objects.
   *
   * @param bucketArn the bucket's ARN
   */
  void grantArtifactAccess(Output<String> bucketArn) {
    inlinePolicy(
        WorkflowRoleInputs.ARTIFACT_ACCESS,
        bucketArn.applyValue(arn -> WorkflowPolicies.artifactAccess(arn).toJson()));
  }

  Output<String> arn() {
    return role.arn();
  }

  private void inlinePolicy(String suffix, Object policy) {
    aws("aws:iam/rolePolicy:RolePolicy", suffix, WorkflowRoleInputs.rolePolicy(role.id(), policy));
  }

  private void attach(String suffix, Object policyArn) {
    aws(
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        suffix,
        WorkflowRoleInputs.attachment(role.id(), policyArn));
  }

  private ChildResource aws(String type, String suffix, Map<String, Object> inputs) {
    return ChildResource.aws(type, name + suffix, inputs, child);
  }
}
