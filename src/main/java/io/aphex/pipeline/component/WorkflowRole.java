package io.aphex.pipeline.component;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.aphex.pipeline.cluster.ClusterIdentity;
import io.aphex.pipeline.iam.PolicyDocument;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.plan.DeployTargets;
import io.aphex.pipeline.plan.PolicyAttachmentNames;
import io.aphex.pipeline.plan.WorkflowRoleInputs;
import java.util.List;

/**
 * The IAM role the workflow pods run with, and its policies, created as children of the pipeline
 * component: trust for the workflow ServiceAccount only (through IRSA or EKS Pod Identity), ECR
 * reads on the pipeline's repositories, the CDK bootstrap roles of the configured environments, the
 * artifact bucket, and the explicit {@code additionalPolicyArns}. The documents come from {@code
 * io.aphex.pipeline.iam}.
 */
final class WorkflowRole {

  private final String name;
  private final Role role;
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
        new Role(
            name + WorkflowRoleInputs.ROLE,
            RoleArgs.builder()
                .description(WorkflowRoleInputs.description(args.workflowTemplateName()))
                .assumeRolePolicy(cluster.applyValue(c -> trustPolicy(args, c).toJson()))
                .build(),
            child);
    inlinePolicy(
        WorkflowRoleInputs.ECR_PULL,
        images.applyValue(i -> WorkflowPolicies.ecrPull(i.ecrRepositoryArns()).toJson()));
    WorkflowPolicies.DeployPolicies deploy =
        WorkflowPolicies.deployPolicies(
            DeployTargets.roleArns(args.pipelineConfig()),
            DeployTargets.cdkTargets(args.pipelineConfig()));
    inlinePolicy(WorkflowRoleInputs.CDK_DEPLOY, Output.of(deploy.inline().toJson()));
    for (int i = 0; i < deploy.managed().size(); i++) {
      String policyName = name + WorkflowRoleInputs.DEPLOY_ROLES + (i + 1);
      Policy policy =
          new Policy(
              policyName,
              PolicyArgs.builder()
                  .description(
                      WorkflowRoleInputs.deployRolesDescription(args.workflowTemplateName(), i + 1))
                  .policy(deploy.managed().get(i).toJson())
                  .build(),
              child);
      new RolePolicyAttachment(
          policyName,
          RolePolicyAttachmentArgs.builder().role(role.id()).policyArn(policy.arn()).build(),
          child);
    }
    for (String policyArn : args.additionalPolicyArns()) {
      new RolePolicyAttachment(
          name + WorkflowRoleInputs.POLICY + PolicyAttachmentNames.suffix(policyArn),
          RolePolicyAttachmentArgs.builder().role(role.id()).policyArn(policyArn).build(),
          child);
    }
    List<Output<String>> fromResources = args.additionalPolicyArnOutputs();
    for (int i = 0; i < fromResources.size(); i++) {
      String location = "additionalPolicyArns (Output " + i + ")";
      new RolePolicyAttachment(
          name + WorkflowRoleInputs.POLICY_OUTPUT + i,
          RolePolicyAttachmentArgs.builder()
              .role(role.id())
              .policyArn(
                  fromResources
                      .get(i)
                      .applyValue(
                          arn -> {
                            AphexPipelineArgsRules.policyArn(arn)
                                .ifPresent(
                                    broken -> {
                                      throw new RunException(broken.at(location).message());
                                    });
                            return arn;
                          }))
              .build(),
          child);
    }
  }

  private static PolicyDocument trustPolicy(AphexPipelineArgs args, ClusterIdentity cluster) {
    return WorkflowRoleInputs.trustPolicy(
        args.identityMode(), cluster, args.argoNamespace(), args.serviceAccountName());
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

  private void inlinePolicy(String suffix, Output<String> policy) {
    new RolePolicy(
        name + suffix, RolePolicyArgs.builder().role(role.id()).policy(policy).build(), child);
  }
}
