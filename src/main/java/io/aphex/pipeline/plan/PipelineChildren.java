package io.aphex.pipeline.plan;

import io.aphex.pipeline.cluster.ClusterIdentity;
import io.aphex.pipeline.config.PipelineConfig;
import io.aphex.pipeline.iam.IdentityMode;
import io.aphex.pipeline.iam.WorkflowPolicies;
import io.aphex.pipeline.images.ContainerImages;
import io.aphex.pipeline.plan.PlannedObject.SecretSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every child of a pipeline component, walked once for both the plan and the component (see {@link
 * Registry}), in the order the component registers them: the Kubernetes provider; the IAM role the
 * workflow pods run with and its policies (trust for the workflow ServiceAccount only, through IRSA
 * or EKS Pod Identity; ECR reads on the pipeline's repositories; the CDK bootstrap roles of the
 * configured environments; the explicit {@code additionalPolicyArns}); the artifact bucket and its
 * settings ({@link ArtifactBucketInputs}) and the role's access to it; the workflow identity
 * objects; the Pod Identity association; the executor objects; an AWS provider per ECR region whose
 * images are verified; the workload objects; the generated webhook secret; the trigger objects
 * ({@link PipelineObjects}). Names are the component name and the suffixes of {@link
 * WorkflowRoleInputs} and {@link PipelineObjects}; the policy documents come from {@code
 * io.aphex.pipeline.iam}.
 */
public final class PipelineChildren {

  private static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
  private static final String ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

  private final Registry r;
  private final Given in;
  private final Map<String, Object> registered = new HashMap<>();
  private final Map<SecretSource, Object> secrets = new EnumMap<>(SecretSource.class);
  private final Map<SecretSource, List<Object>> secretsFrom = new EnumMap<>(SecretSource.class);
  private Object provider;
  private Object role;
  private Object bucket;
  private Object settings;

  private PipelineChildren(Registry r, Given in) {
    this.r = r;
    this.in = in;
    secrets.putAll(in.secrets());
  }

  /**
   * What the children are made of. A value named so is a registry value: plain in a plan, an {@code
   * Output} or plain in the component.
   *
   * @param name the component name
   * @param identityMode the identity mode, which decides the trust policy and the Pod Identity
   *     association
   * @param argoNamespace the workflow namespace
   * @param serviceAccountName the workflow ServiceAccount
   * @param workflowTemplateName the WorkflowTemplate name, for the descriptions
   * @param pipelineConfig the pipeline config, whose deploy targets the role may assume
   * @param policyArns the plain {@code additionalPolicyArns}, attached as {@code -policy-<suffix>}
   * @param policyArnValues {@code additionalPolicyArns} known at deploy time only (values),
   *     attached as {@code -policy-output-<index>}; empty in a plan
   * @param clusterName the cluster's name, a value
   * @param cluster the cluster ({@link ClusterIdentity}), a value
   * @param images the resolved images ({@link ContainerImages}), a value
   * @param region the region, a value
   * @param bucketName the artifact bucket's name, a value
   * @param importBucket the name of an existing bucket to adopt; empty to create one
   * @param retentionDays days after which an artifact expires
   * @param objects the Kubernetes objects
   * @param ecrRegions the regions whose ECR images are verified, each through a provider of its
   *     own; empty without verification
   * @param secrets the secret values by source (values); without {@link
   *     SecretSource#WEBHOOK_SECRET} the webhook secret is generated once by a {@code
   *     RandomPassword}
   * @param settings the WorkflowTemplate settings, given the role's ARN, the bucket's name and the
   *     ECR providers by region
   */
  public record Given(
      String name,
      IdentityMode identityMode,
      String argoNamespace,
      String serviceAccountName,
      String workflowTemplateName,
      PipelineConfig pipelineConfig,
      List<String> policyArns,
      List<Object> policyArnValues,
      Object clusterName,
      Object cluster,
      Object images,
      Object region,
      Object bucketName,
      Optional<String> importBucket,
      int retentionDays,
      PipelineObjects objects,
      List<String> ecrRegions,
      Map<SecretSource, Object> secrets,
      TemplateSettings settings) {}

  /** The WorkflowTemplate settings, once the role, the bucket and the ECR providers exist. */
  @FunctionalInterface
  public interface TemplateSettings {
    /**
     * Makes the settings.
     *
     * @param roleArn the role's ARN, a value
     * @param bucketName the bucket's name, a value
     * @param ecrProviders the ECR providers by region, as the registry returned them
     * @return the settings, a value
     */
    Object of(Object roleArn, Object bucketName, Map<String, Object> ecrProviders);
  }

  /**
   * What the walk registered that the outputs are made of.
   *
   * @param role the workflow role
   * @param bucket the artifact bucket
   * @param webhookService the webhook Service, if there is one
   * @param webhookSecret the webhook secret, a value
   */
  public record Registered(
      Object role, Object bucket, Optional<Object> webhookService, Object webhookSecret) {}

  /**
   * Registers every child.
   *
   * @param r the registry
   * @param in what the children are made of
   * @return what the outputs are made of
   */
  public static Registered register(Registry r, Given in) {
    return new PipelineChildren(r, in).walk();
  }

  private Registered walk() {
    String name = in.name();
    provider =
        r.kubernetesProvider(
            name + "-k8s", r.<ClusterIdentity>map(in.cluster(), ClusterIdentity::kubeconfig));
    registerRole();
    registerBucket(name + "-artifacts");
    r.aws(
        ROLE_POLICY,
        name + WorkflowRoleInputs.ARTIFACT_ACCESS,
        WorkflowRoleInputs.rolePolicy(
            r.output(role, "id"),
            r.<String>map(
                r.output(bucket, "arn"), arn -> WorkflowPolicies.artifactAccess(arn).toJson())),
        Registry.Options.after(role, bucket));
    objects(in.objects().identity());
    if (in.identityMode() != IdentityMode.IRSA) {
      registered.put(
          name + PipelineObjects.POD_IDENTITY,
          r.aws(
              "aws:eks/podIdentityAssociation:PodIdentityAssociation",
              name + PipelineObjects.POD_IDENTITY,
              WorkflowRoleInputs.podIdentity(
                  in.clusterName(),
                  in.argoNamespace(),
                  in.serviceAccountName(),
                  r.output(role, "arn")),
              Registry.Options.after(role)));
    }
    objects(in.objects().executor());
    Map<String, Object> ecrProviders = new LinkedHashMap<>();
    in.ecrRegions()
        .forEach(
            region -> ecrProviders.put(region, r.awsProvider(name + "-ecr-" + region, region)));
    settings = in.settings().of(r.output(role, "arn"), r.output(bucket, "bucket"), ecrProviders);
    objects(in.objects().workload());
    if (!secrets.containsKey(SecretSource.WEBHOOK_SECRET)) {
      Object password = r.generatedPassword(name + PipelineObjects.WEBHOOK_SECRET_VALUE);
      secrets.put(SecretSource.WEBHOOK_SECRET, r.output(password, "result"));
      secretsFrom.put(SecretSource.WEBHOOK_SECRET, List.of(password));
    }
    objects(in.objects().trigger());
    return new Registered(
        role,
        bucket,
        Optional.ofNullable(registered.get(name + PipelineObjects.WEBHOOK_SERVICE)),
        secrets.get(SecretSource.WEBHOOK_SECRET));
  }

  /**
   * Registers a run of planned objects, in order, through the Kubernetes provider: an object made
   * from what only AWS knows is derived from that value and waits for the resource it comes from, a
   * secret value is handed over as a value of its own, and {@code dependsOn} names children
   * registered before, Kubernetes objects or not.
   */
  private void objects(List<PlannedObject> objects) {
    for (PlannedObject o : objects) {
      List<Object> needs = new ArrayList<>();
      o.dependsOn()
          .forEach(
              name ->
                  needs.add(
                      Objects.requireNonNull(
                          registered.get(name), () -> name + " is not registered yet")));
      Object object;
      if (o.content() instanceof PlannedObject.Known known) {
        object = known.object();
      } else if (o.content() instanceof PlannedObject.OfRoleArn ofRole) {
        object = r.map(r.output(role, "arn"), ofRole.object());
        needs.add(role);
      } else {
        PlannedObject.OfTemplateSettings of = (PlannedObject.OfTemplateSettings) o.content();
        object =
            r.map(Objects.requireNonNull(settings, "no settings yet"), in.region(), of.object());
        needs.add(role);
        needs.add(bucket);
      }
      Optional<SecretSource> secret = o.secret().map(PlannedObject.Secret::source);
      secret.ifPresent(s -> needs.addAll(secretsFrom.getOrDefault(s, List.of())));
      registered.put(
          o.name(),
          r.kubernetes(
              o,
              object,
              secret.map(
                  s -> Objects.requireNonNull(secrets.get(s), () -> "no " + s + " value yet")),
              provider,
              new Registry.Options(needs, o.retainOnDelete(), Optional.empty())));
    }
  }

  /** Registers the role and every policy but the artifact bucket's. */
  private void registerRole() {
    String name = in.name();
    role =
        r.aws(
            "aws:iam/role:Role",
            name + WorkflowRoleInputs.ROLE,
            WorkflowRoleInputs.role(
                r.<ClusterIdentity>map(
                    in.cluster(),
                    c ->
                        WorkflowRoleInputs.trustPolicy(
                                in.identityMode(), c, in.argoNamespace(), in.serviceAccountName())
                            .toJson()),
                in.workflowTemplateName()),
            Registry.Options.after());
    Object roleId = r.output(role, "id");
    r.aws(
        ROLE_POLICY,
        name + WorkflowRoleInputs.ECR_PULL,
        WorkflowRoleInputs.rolePolicy(
            roleId,
            r.<ContainerImages>map(
                in.images(), i -> WorkflowPolicies.ecrPull(i.ecrRepositoryArns()).toJson())),
        Registry.Options.after(role));
    WorkflowPolicies.DeployPolicies deploy =
        WorkflowPolicies.deployPolicies(
            DeployTargets.roleArns(in.pipelineConfig()),
            DeployTargets.cdkTargets(in.pipelineConfig()));
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
                  in.workflowTemplateName(), i + 1, deploy.managed().get(i).toJson()),
              Registry.Options.after());
      attach(policyName, r.output(policy, "arn"), policy);
    }
    for (String policyArn : in.policyArns()) {
      attach(name + WorkflowRoleInputs.POLICY + PolicyAttachmentNames.suffix(policyArn), policyArn);
    }
    for (int i = 0; i < in.policyArnValues().size(); i++) {
      attach(name + WorkflowRoleInputs.POLICY_OUTPUT + i, in.policyArnValues().get(i));
    }
  }

  /**
   * Registers the artifact bucket and its settings, all kept when the stack is destroyed, so that a
   * {@code pulumi destroy} never deletes build artifacts or leaves a kept bucket unprotected. An
   * existing bucket (kept by an earlier destroy, or by the CDK predecessor) is adopted through the
   * {@code import} option; its settings are then written over the bucket's own.
   */
  private void registerBucket(String logical) {
    bucket =
        r.aws(
            "aws:s3/bucketV2:BucketV2",
            logical,
            ArtifactBucketInputs.bucket(in.bucketName()),
            new Registry.Options(List.of(), true, in.importBucket()));
    Map<String, Object> settings = new HashMap<>();
    for (ArtifactBucketInputs.Setting setting :
        ArtifactBucketInputs.settings(
            r.output(bucket, "id"),
            in.retentionDays(),
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
  }

  private void attach(String name, Object policyArn, Object... after) {
    List<Object> needs = new ArrayList<>(List.of(role));
    needs.addAll(List.of(after));
    r.aws(
        ATTACHMENT,
        name,
        WorkflowRoleInputs.attachment(r.output(role, "id"), policyArn),
        new Registry.Options(needs, false, Optional.empty()));
  }
}
