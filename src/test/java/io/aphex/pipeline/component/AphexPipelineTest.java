package io.aphex.pipeline.component;

import static io.aphex.pipeline.component.PipelineDeployment.at;
import static io.aphex.pipeline.component.PipelineDeployment.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import io.aphex.pipeline.argo.PipelineTargets;
import io.aphex.pipeline.plan.PolicyAttachmentNames;
import io.aphex.pipeline.schema.ManifestSchemas;
import io.aphex.pipeline.testing.AphexPipelineMocks;
import io.aphex.pipeline.testing.SampleConfigs;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AphexPipelineTest {

  static final String ROLE_ARN =
      "arn:aws:iam::123456789012:role/aphex-pipeline-workflow-role-1a2b3c4";
  static final String ISSUER_HOST =
      "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
  static final String BUILDER =
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1";
  static final String DEPLOYER =
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1";

  static AphexPipelineArgs.Builder sampleArgs() {
    return SampleConfigs.sampleArgs();
  }

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void createsExactlyTheseChildrenAllParentedToTheComponent() {
    PipelineDeployment d = PipelineDeployment.sample();

    assertThat(d.mocks.registrations().stream().map(r -> r.type() + " " + r.name()))
        .containsExactlyInAnyOrder(
            "aphex:index:AphexPipeline aphex-pipeline",
            "pulumi:providers:kubernetes aphex-pipeline-k8s",
            "aws:iam/role:Role aphex-pipeline-workflow-role",
            "aws:iam/rolePolicy:RolePolicy aphex-pipeline-ecr-pull",
            "aws:iam/rolePolicy:RolePolicy aphex-pipeline-cdk-deploy",
            "aws:s3/bucketV2:BucketV2 aphex-pipeline-artifacts",
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2 aphex-pipeline-artifacts-encryption",
            "aws:s3/bucketVersioningV2:BucketVersioningV2 aphex-pipeline-artifacts-versioning",
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock aphex-pipeline-artifacts-public-access",
            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2 aphex-pipeline-artifacts-lifecycle",
            "aws:s3/bucketPolicy:BucketPolicy aphex-pipeline-artifacts-tls-only",
            "aws:iam/rolePolicy:RolePolicy aphex-pipeline-artifact-access",
            "kubernetes:core/v1:ServiceAccount aphex-pipeline-service-account",
            "kubernetes:rbac.authorization.k8s.io/v1:Role aphex-pipeline-executor-role",
            "kubernetes:core/v1:ConfigMap aphex-pipeline-pipeline-targets",
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding aphex-pipeline-executor-rolebinding",
            "pulumi:providers:aws aphex-pipeline-ecr-us-east-1",
            "kubernetes:core/v1:ConfigMap aphex-pipeline-artifact-repository",
            "kubernetes:core/v1:ServiceAccount aphex-pipeline-targets-cleanup-service-account",
            "kubernetes:rbac.authorization.k8s.io/v1:Role aphex-pipeline-targets-cleanup-role",
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
                + " aphex-pipeline-targets-cleanup-rolebinding",
            "kubernetes:core/v1:Secret aphex-pipeline-git-credentials",
            "kubernetes:argoproj.io/v1alpha1:WorkflowTemplate aphex-pipeline-workflow-template",
            "random:index/randomPassword:RandomPassword aphex-pipeline-webhook-secret-value",
            "kubernetes:core/v1:Secret aphex-pipeline-webhook-secret",
            "kubernetes:argoproj.io/v1alpha1:EventSource aphex-pipeline-event-source",
            "kubernetes:core/v1:Service aphex-pipeline-webhook-service",
            "kubernetes:core/v1:ServiceAccount aphex-pipeline-sensor-service-account",
            "kubernetes:rbac.authorization.k8s.io/v1:Role aphex-pipeline-sensor-role",
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding aphex-pipeline-sensor-rolebinding",
            "kubernetes:argoproj.io/v1alpha1:Sensor aphex-pipeline-sensor");

    List<String> childUrns =
        d.result.resources().stream()
            .filter(r -> !r.pulumiResourceType().equals("pulumi:pulumi:Stack"))
            .filter(r -> !r.pulumiResourceType().equals(AphexPipeline.TYPE))
            .map(Resource::urn)
            .map(PulumiTest::extractValue)
            .toList();
    assertThat(childUrns)
        .hasSize(30)
        .allSatisfy(urn -> assertThat(urn).contains("$aphex:index:AphexPipeline$"));
  }

  @Test
  void trustPolicyAllowsOnlyTheWorkflowServiceAccountThroughTheClusterOidcProvider() {
    PipelineDeployment d = PipelineDeployment.sample();

    Map<String, Object> trust =
        json(d.inputs("aws:iam/role:Role", "aphex-pipeline-workflow-role").get("assumeRolePolicy"));
    assertThat(trust)
        .isEqualTo(
            Map.of(
                "Version",
                "2012-10-17",
                "Statement",
                List.of(
                    Map.of(
                        "Sid", "AssumeFromServiceAccount",
                        "Effect", "Allow",
                        "Principal", Map.of("Federated", AphexPipelineMocks.OIDC_PROVIDER_ARN),
                        "Action", List.of("sts:AssumeRoleWithWebIdentity"),
                        "Condition",
                            Map.of(
                                "StringEquals",
                                Map.of(
                                    ISSUER_HOST + ":aud", "sts.amazonaws.com",
                                    ISSUER_HOST + ":sub",
                                        "system:serviceaccount:argo:workflow-executor"))))));
  }

  @Test
  void trustPolicyFollowsCustomNamespaceAndServiceAccount() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs().argoNamespace("pipelines").serviceAccountName("team-a-runner").build());

    Map<String, Object> trust =
        json(d.inputs("aws:iam/role:Role", "aphex-pipeline-workflow-role").get("assumeRolePolicy"));
    assertThat(
            (Object) at(trust, "Statement", 0, "Condition", "StringEquals", ISSUER_HOST + ":sub"))
        .isEqualTo("system:serviceaccount:pipelines:team-a-runner");
  }

  @Test
  void ecrPolicyGrantsTheTokenEverywhereAndReadsOnlyOnThePipelineRepositories() {
    PipelineDeployment d = PipelineDeployment.sample();

    Map<String, Object> policy =
        json(d.inputs("aws:iam/rolePolicy:RolePolicy", "aphex-pipeline-ecr-pull").get("policy"));
    assertThat((Object) policy.get("Statement"))
        .isEqualTo(
            List.of(
                Map.of(
                    "Sid",
                    "EcrAuthorizationToken",
                    "Effect",
                    "Allow",
                    "Action",
                    List.of("ecr:GetAuthorizationToken"),
                    "Resource",
                    List.of("*")),
                Map.of(
                    "Sid",
                    "EcrPullPipelineImages",
                    "Effect",
                    "Allow",
                    "Action",
                    List.of(
                        "ecr:BatchCheckLayerAvailability",
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage"),
                    "Resource",
                    List.of(
                        "arn:aws:ecr:us-east-1:123456789012:repository/arbiter-pipeline-builder",
                        "arn:aws:ecr:us-east-1:123456789012:repository/arbiter-pipeline-deployer"))));
    assertThat(d.inputs("aws:iam/rolePolicy:RolePolicy", "aphex-pipeline-ecr-pull").get("role"))
        .isEqualTo("aphex-pipeline-workflow-role-1a2b3c4");
  }

  @Test
  void deploymentsGoThroughTheCdkBootstrapRolesOfTheConfiguredEnvironmentsOnly() {
    PipelineDeployment d = PipelineDeployment.sample();

    Map<String, Object> policy =
        json(d.inputs("aws:iam/rolePolicy:RolePolicy", "aphex-pipeline-cdk-deploy").get("policy"));
    String dev = "arn:aws:iam::123456789012:role/cdk-hnb659fds-";
    String staging = "-123456789012-us-west-2";
    String prod = "arn:aws:iam::987654321098:role/cdk-hnb659fds-";
    assertThat((Object) at(policy, "Statement", 0, "Action")).isEqualTo(List.of("sts:AssumeRole"));
    assertThat((Object) at(policy, "Statement", 0, "Resource"))
        .isEqualTo(
            List.of(
                dev + "deploy-role-123456789012-us-east-1",
                dev + "deploy-role" + staging,
                dev + "file-publishing-role-123456789012-us-east-1",
                dev + "file-publishing-role" + staging,
                dev + "image-publishing-role-123456789012-us-east-1",
                dev + "image-publishing-role" + staging,
                dev + "lookup-role-123456789012-us-east-1",
                dev + "lookup-role" + staging,
                prod + "deploy-role-987654321098-us-east-1",
                prod + "file-publishing-role-987654321098-us-east-1",
                prod + "image-publishing-role-987654321098-us-east-1",
                prod + "lookup-role-987654321098-us-east-1"));
  }

  @Test
  void anEnvironmentWithADeployRoleIsAssumedThroughThatRoleOnly() {
    String role = "arn:aws:iam::987654321098:role/aphex-deploy";
    io.aphex.pipeline.config.PipelineConfig config =
        new io.aphex.pipeline.config.PipelineConfig(
            "1.0",
            List.of("make"),
            List.of(
                new io.aphex.pipeline.config.EnvironmentConfig(
                    "prod",
                    "us-east-1",
                    "987654321098",
                    List.of(new io.aphex.pipeline.config.StackDefinition("App", "lib/app.ts")),
                    List.of(),
                    java.util.Optional.empty(),
                    false,
                    java.util.Optional.of(role))));
    PipelineDeployment d = PipelineDeployment.of(sampleArgs().pipelineConfig(config).build());

    Map<String, Object> policy =
        json(d.inputs("aws:iam/rolePolicy:RolePolicy", "aphex-pipeline-cdk-deploy").get("policy"));
    assertThat((Object) at(policy, "Statement"))
        .isEqualTo(
            List.of(
                Map.of(
                    "Sid",
                    "AssumeDeployRoles",
                    "Effect",
                    "Allow",
                    "Action",
                    List.of("sts:AssumeRole"),
                    "Resource",
                    List.of(role))));
  }

  @Test
  void artifactPolicyIsScopedToTheBucket() {
    PipelineDeployment d = PipelineDeployment.sample();

    Map<String, Object> policy =
        json(
            d.inputs("aws:iam/rolePolicy:RolePolicy", "aphex-pipeline-artifact-access")
                .get("policy"));
    String bucketArn = "arn:aws:s3:::aphex-pipeline-artifacts-123456789012-us-east-1";
    assertThat((Object) policy.get("Statement"))
        .isEqualTo(
            List.of(
                Map.of(
                    "Sid",
                    "ListArtifactBucket",
                    "Effect",
                    "Allow",
                    "Action",
                    List.of("s3:ListBucket", "s3:GetBucketLocation"),
                    "Resource",
                    List.of(bucketArn)),
                Map.of(
                    "Sid",
                    "ReadWriteArtifacts",
                    "Effect",
                    "Allow",
                    "Action",
                    List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                    "Resource",
                    List.of(bucketArn + "/*"))));
  }

  @Test
  void bucketIsEncryptedVersionedPrivateTlsOnlyAndExpires() {
    PipelineDeployment d = PipelineDeployment.of(sampleArgs().artifactRetentionDays(14).build());

    assertThat(d.inputs("aws:s3/bucketV2:BucketV2", "aphex-pipeline-artifacts"))
        .containsEntry("bucket", "aphex-pipeline-artifacts-123456789012-us-east-1")
        .containsEntry("forceDestroy", false);
    assertThat(
            (Object)
                at(
                    d.inputs(
                        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                        "aphex-pipeline-artifacts-encryption"),
                    "rules",
                    0,
                    "applyServerSideEncryptionByDefault",
                    "sseAlgorithm"))
        .isEqualTo("AES256");
    assertThat(
            (Object)
                at(
                    d.inputs(
                        "aws:s3/bucketVersioningV2:BucketVersioningV2",
                        "aphex-pipeline-artifacts-versioning"),
                    "versioningConfiguration",
                    "status"))
        .isEqualTo("Enabled");
    assertThat(
            d.inputs(
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                "aphex-pipeline-artifacts-public-access"))
        .containsEntry("blockPublicAcls", true)
        .containsEntry("blockPublicPolicy", true)
        .containsEntry("ignorePublicAcls", true)
        .containsEntry("restrictPublicBuckets", true);
    Map<String, Object> rule =
        at(
            d.inputs(
                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                "aphex-pipeline-artifacts-lifecycle"),
            "rules",
            0);
    assertThat(rule)
        .containsEntry("id", "DeleteOldArtifacts")
        .containsEntry("status", "Enabled")
        .containsEntry("expiration", Map.of("days", 14.0))
        .containsEntry("noncurrentVersionExpiration", Map.of("noncurrentDays", 30.0));
    Map<String, Object> tls =
        json(
            d.inputs("aws:s3/bucketPolicy:BucketPolicy", "aphex-pipeline-artifacts-tls-only")
                .get("policy"));
    assertThat((Object) at(tls, "Statement", 0, "Condition"))
        .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
    assertThat((Object) at(tls, "Statement", 0, "Effect")).isEqualTo("Deny");
  }

  @Test
  void customBucketNameIsUsedAsIs() {
    PipelineDeployment d =
        PipelineDeployment.of(sampleArgs().artifactBucketName("team-a-artifacts").build());

    assertThat(d.inputs("aws:s3/bucketV2:BucketV2", "aphex-pipeline-artifacts"))
        .containsEntry("bucket", "team-a-artifacts");
    assertThat(PulumiTest.extractValue(d.pipeline.artifactBucketName()))
        .isEqualTo("team-a-artifacts");
  }

  @Test
  void serviceAccountCarriesTheRoleArnAnnotationAndIsSchemaValid() {
    PipelineDeployment d = PipelineDeployment.sample();

    Map<String, Object> sa = d.kubernetesObject("ServiceAccount", "aphex-pipeline-service-account");
    assertThat((Object) at(sa, "metadata", "name")).isEqualTo("workflow-executor");
    assertThat((Object) at(sa, "metadata", "namespace")).isEqualTo("argo");
    assertThat((Object) at(sa, "metadata", "annotations"))
        .isEqualTo(Map.of("eks.amazonaws.com/role-arn", ROLE_ARN));
    ManifestSchemas.get().assertValid(sa);
  }

  @Test
  void executorRoleGrantsOnlyTaskResultsAndIsBoundToTheServiceAccount() {
    PipelineDeployment d = PipelineDeployment.sample();

    Map<String, Object> role = d.kubernetesObject("Role", "aphex-pipeline-executor-role");
    assertThat((Object) at(role, "metadata", "name")).isEqualTo("workflow-executor-role");
    assertThat((Object) role.get("rules"))
        .isEqualTo(
            List.of(
                Map.of(
                    "apiGroups", List.of("argoproj.io"),
                    "resources", List.of("workflowtaskresults"),
                    "verbs", List.of("create", "patch"))));
    Map<String, Object> binding =
        d.kubernetesObject("RoleBinding", "aphex-pipeline-executor-rolebinding");
    assertThat((Object) at(binding, "metadata", "name")).isEqualTo("workflow-executor-rolebinding");
    assertThat((Object) binding.get("roleRef"))
        .isEqualTo(
            Map.of(
                "apiGroup",
                "rbac.authorization.k8s.io",
                "kind",
                "Role",
                "name",
                "workflow-executor-role"));
    assertThat((Object) binding.get("subjects"))
        .isEqualTo(
            List.of(
                Map.of(
                    "kind", "ServiceAccount", "name", "workflow-executor", "namespace", "argo")));
    ManifestSchemas.get().assertValid(role);
    ManifestSchemas.get().assertValid(binding);
  }

  @Test
  void workflowTemplateRunsEachStageOnItsImageWithTheIrsaEnvironment() {
    PipelineDeployment d = PipelineDeployment.sample();

    Map<String, Object> template =
        d.kubernetesObject("WorkflowTemplate", "aphex-pipeline-workflow-template");
    ManifestSchemas.get().assertValid(template);
    assertThat((Object) at(template, "spec", "serviceAccountName")).isEqualTo("workflow-executor");
    List<Map<String, Object>> templates = at(template, "spec", "templates");
    Map<String, Map<String, Object>> byName =
        templates.stream()
            .collect(java.util.stream.Collectors.toMap(t -> (String) t.get("name"), t -> t));
    assertThat((Object) at(byName.get("build"), "container", "image")).isEqualTo(BUILDER);
    for (String stage : List.of("pipeline-deployment", "deploy", "test")) {
      assertThat((Object) at(byName.get(stage), "container", "image"))
          .as(stage)
          .isEqualTo(DEPLOYER);
    }
    for (String stage : List.of("build", "pipeline-deployment", "deploy", "test")) {
      assertThat(env(byName.get(stage)))
          .as(stage)
          .containsEntry("AWS_ROLE_ARN", ROLE_ARN)
          .containsEntry(
              "AWS_WEB_IDENTITY_TOKEN_FILE",
              "/var/run/secrets/eks.amazonaws.com/serviceaccount/token");
    }
    assertThat(env(byName.get("build")))
        .containsEntry("ARTIFACT_BUCKET", "aphex-pipeline-artifacts-123456789012-us-east-1");
    String targets =
        PipelineTargets.configMapName(
            "aphex-pipeline-template", sampleArgs().build().pipelineConfig());
    assertThat(env(byName.get("deploy")))
        .containsEntry(
            "AWS_REGION",
            Map.of(
                "configMapKeyRef",
                Map.of("name", targets, "key", "{{inputs.parameters.environment}}.region")))
        .containsEntry(
            "AWS_ACCOUNT",
            Map.of(
                "configMapKeyRef",
                Map.of("name", targets, "key", "{{inputs.parameters.environment}}.account")));
    assertThat(env(byName.get("pipeline-deployment"))).containsEntry("PULUMI_STACK", "dev");
  }

  static Stream<Arguments> specImageExamples() {
    return Stream.of(
        Arguments.of("default", sampleArgs(), BUILDER, DEPLOYER),
        Arguments.of(
            "custom account",
            sampleArgs().containerImageAccount("987654321098"),
            "987654321098.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1",
            "987654321098.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1"),
        Arguments.of(
            "custom region",
            sampleArgs().containerImageRegion("us-west-2"),
            "123456789012.dkr.ecr.us-west-2.amazonaws.com/arbiter-pipeline-builder:v1.0.1",
            "123456789012.dkr.ecr.us-west-2.amazonaws.com/arbiter-pipeline-deployer:v1.0.1"),
        Arguments.of(
            "custom version",
            sampleArgs().containerImageVersion("v2.0.0"),
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v2.0.0",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v2.0.0"),
        Arguments.of(
            "combined",
            sampleArgs()
                .containerImageAccount("987654321098")
                .containerImageRegion("eu-west-1")
                .containerImageVersion("v2.1.0"),
            "987654321098.dkr.ecr.eu-west-1.amazonaws.com/arbiter-pipeline-builder:v2.1.0",
            "987654321098.dkr.ecr.eu-west-1.amazonaws.com/arbiter-pipeline-deployer:v2.1.0"),
        Arguments.of(
            "full override",
            sampleArgs()
                .builderImage("my-registry.io/custom-builder:latest")
                .deployerImage("my-registry.io/custom-deployer:latest"),
            "my-registry.io/custom-builder:latest",
            "my-registry.io/custom-deployer:latest"),
        Arguments.of(
            "docker hub builder only",
            sampleArgs().builderImage("myorg/builder:v1.0.0"),
            "myorg/builder:v1.0.0",
            DEPLOYER),
        Arguments.of(
            "github container registry",
            sampleArgs().builderImage("ghcr.io/myorg/builder:v1.0.0"),
            "ghcr.io/myorg/builder:v1.0.0",
            DEPLOYER),
        Arguments.of(
            "private registry",
            sampleArgs().deployerImage("registry.company.com/builder:v1.0.0"),
            BUILDER,
            "registry.company.com/builder:v1.0.0"),
        Arguments.of(
            "custom repository name",
            sampleArgs()
                .builderImage(
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-custom-builder:v1.0.0"),
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-custom-builder:v1.0.0",
            DEPLOYER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specImageExamples")
  void imagesOfTheSpecReachTheOutputsAndTheWorkflowTemplate(
      String example, AphexPipelineArgs.Builder args, String builder, String deployer) {
    PipelineDeployment d = PipelineDeployment.of(args.build());

    assertThat(PulumiTest.extractValue(d.pipeline.builderImage())).isEqualTo(builder);
    assertThat(PulumiTest.extractValue(d.pipeline.deployerImage())).isEqualTo(deployer);
    List<Map<String, Object>> templates =
        at(
            d.kubernetesObject("WorkflowTemplate", "aphex-pipeline-workflow-template"),
            "spec",
            "templates");
    for (Map<String, Object> t : templates) {
      if (t.containsKey("container")) {
        assertThat((Object) at(t, "container", "image"))
            .as((String) t.get("name"))
            .isEqualTo(t.get("name").equals("build") ? builder : deployer);
      }
    }
  }

  @Test
  void aMissingEcrImageFailsTheDeploymentWithTheTroubleshootingText() {
    AphexPipelineMocks mocks =
        new AphexPipelineMocks().withMissingImage("arbiter-pipeline-deployer");

    com.pulumi.test.TestResult result =
        com.pulumi.test.PulumiTest.withOptions(
                com.pulumi.test.TestOptions.builder()
                    .projectName("aphex-pipeline")
                    .stackName("dev")
                    .preview(false)
                    .build())
            .withMocks(mocks)
            .runTest(ctx -> new AphexPipeline("aphex-pipeline", sampleArgs().build()));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.exceptions().stream().map(AphexPipelineTest::rootMessage))
        .contains(
            "The deployerImage"
                + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1"
                + " cannot be found or read in ECR (repository arbiter-pipeline-deployer,"
                + " imageTag=v1.0.1, account 123456789012, region us-east-1); the pipeline would"
                + " fail with ImagePullBackOff. Check it with: aws ecr describe-images"
                + " --repository-name arbiter-pipeline-deployer --image-ids imageTag=v1.0.1"
                + " --registry-id 123456789012 --region us-east-1. Causes: the image was not"
                + " pushed; containerImageAccount, containerImageRegion or containerImageVersion"
                + " do not match your ECR setup; or this account may not read the repository"
                + " (another account's repository needs a policy allowing this account, see"
                + " EcrPullAccess). Set verifyImages to false to skip this check. AWS said:"
                + " ImageNotFoundException: The image with imageId {imageTag:'v1.0.1'} does not"
                + " exist within the repository with name 'arbiter-pipeline-deployer'");
    assertThat(mocks.ofType("kubernetes:argoproj.io/v1alpha1:WorkflowTemplate")).isEmpty();
  }

  @Test
  void imagesInAnotherRegionAreLookedUpThroughAProviderForThatRegionAndOthersNotAtAll() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs()
                .containerImageRegion("eu-west-1")
                .deployerImage("ghcr.io/my-org/deployer:v1.0.0")
                .build());

    assertThat(d.mocks.ofType("pulumi:providers:aws"))
        .extracting(AphexPipelineMocks.Registration::name)
        .containsExactly("aphex-pipeline-ecr-eu-west-1");
    assertThat(d.inputs("pulumi:providers:aws", "aphex-pipeline-ecr-eu-west-1"))
        .containsEntry("region", "eu-west-1");
  }

  @Test
  void withoutVerificationNoImageIsLookedUp() {
    AphexPipelineMocks mocks =
        new AphexPipelineMocks().withMissingImage("arbiter-pipeline-builder");

    PipelineDeployment d = PipelineDeployment.of(sampleArgs().verifyImages(false).build(), mocks);

    assertThat(d.mocks.ofType("pulumi:providers:aws")).isEmpty();
    assertThat(d.mocks.ofType("kubernetes:argoproj.io/v1alpha1:WorkflowTemplate")).hasSize(1);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Test
  void additionalPoliciesAreAttachedUnderNamesDerivedFromTheirArnsAndListedInTheOutputs() {
    String ssm = "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess";
    String custom = "arn:aws:iam::123456789012:policy/team-a/deploy";

    PipelineDeployment d =
        PipelineDeployment.of(sampleArgs().additionalPolicyArns(List.of(ssm, custom)).build());

    // The SDK registers resources as their inputs resolve, so two attachments that wait for the
    // same role reach the engine in either order; the engine orders them by dependency, not by
    // registration.
    assertThat(d.mocks.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment"))
        .extracting(
            r -> r.name() + " " + r.inputs().get("policyArn") + " " + r.inputs().get("role"))
        .containsExactlyInAnyOrder(
            "aphex-pipeline-policy-"
                + PolicyAttachmentNames.suffix(ssm)
                + " "
                + ssm
                + " aphex-pipeline-workflow-role-1a2b3c4",
            "aphex-pipeline-policy-"
                + PolicyAttachmentNames.suffix(custom)
                + " "
                + custom
                + " aphex-pipeline-workflow-role-1a2b3c4");
    assertThat(PolicyAttachmentNames.suffix(ssm)).isEqualTo("2446be06");
    assertThat(PulumiTest.extractValue(d.pipeline.additionalPolicyArns()))
        .containsExactly(ssm, custom);
  }

  @Test
  void podSecuritySettingsReachTheWorkflowTemplate() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs()
                .podSecurity(
                    io.aphex.pipeline.argo.PodSecurity.defaults()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(1000))
                .build());

    Map<String, Object> template =
        d.kubernetesObject("WorkflowTemplate", "aphex-pipeline-workflow-template");
    assertThat((Object) at(template, "spec", "securityContext"))
        .isEqualTo(
            Map.of(
                "fsGroup",
                65534L,
                "runAsNonRoot",
                true,
                "runAsUser",
                1000L,
                "seccompProfile",
                Map.of("type", "RuntimeDefault")));
    ManifestSchemas.get().assertValid(template);
  }

  @Test
  void podIdentityBindsTheRoleThroughAnAssociationInsteadOfTheOidcTrustAndAnnotation() {
    PipelineDeployment d =
        PipelineDeployment.of(
            sampleArgs().identityMode(io.aphex.pipeline.iam.IdentityMode.POD_IDENTITY).build());

    Map<String, Object> trust =
        json(d.inputs("aws:iam/role:Role", "aphex-pipeline-workflow-role").get("assumeRolePolicy"));
    assertThat((Object) at(trust, "Statement", 0, "Principal"))
        .isEqualTo(Map.of("Service", "pods.eks.amazonaws.com"));
    assertThat((Object) at(trust, "Statement", 0, "Condition", "StringEquals"))
        .isEqualTo(
            Map.of(
                "aws:RequestTag/eks-cluster-name", "company-pipelines",
                "aws:RequestTag/kubernetes-namespace", "argo",
                "aws:RequestTag/kubernetes-service-account", "workflow-executor"));
    assertThat(
            d.inputs(
                "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "aphex-pipeline-pod-identity"))
        .isEqualTo(
            Map.of(
                "clusterName", "company-pipelines",
                "namespace", "argo",
                "serviceAccount", "workflow-executor",
                "roleArn", ROLE_ARN));
    Map<String, Object> sa = d.kubernetesObject("ServiceAccount", "aphex-pipeline-service-account");
    assertThat((Map<String, Object>) at(sa, "metadata")).doesNotContainKey("annotations");
    Map<String, Object> template =
        d.kubernetesObject("WorkflowTemplate", "aphex-pipeline-workflow-template");
    List<Map<String, Object>> templates = at(template, "spec", "templates");
    templates.stream()
        .filter(t -> t.containsKey("container"))
        .forEach(
            t ->
                assertThat(env(t))
                    .as((String) t.get("name"))
                    .doesNotContainKeys("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"));
    ManifestSchemas.get().assertValid(template);
    ManifestSchemas.get().assertValid(sa);
  }

  @Test
  void outputsNameWhatWasCreated() {
    PipelineDeployment d = PipelineDeployment.sample();

    assertThat(PulumiTest.extractValue(d.pipeline.workflowRoleArn())).isEqualTo(ROLE_ARN);
    assertThat(PulumiTest.extractValue(d.pipeline.serviceAccountName()))
        .isEqualTo("workflow-executor");
    assertThat(PulumiTest.extractValue(d.pipeline.artifactBucketName()))
        .isEqualTo("aphex-pipeline-artifacts-123456789012-us-east-1");
    assertThat(PulumiTest.extractValue(d.pipeline.workflowTemplateName()))
        .isEqualTo("aphex-pipeline-template");
  }

  @Test
  void kubernetesProviderReachesTheClusterWithAwsEksGetToken() {
    PipelineDeployment d = PipelineDeployment.sample();

    Map<String, Object> provider = d.inputs("pulumi:providers:kubernetes", "aphex-pipeline-k8s");
    Map<String, Object> kubeconfig = json(provider.get("kubeconfig"));
    assertThat((Object) at(kubeconfig, "clusters", 0, "cluster", "server"))
        .isEqualTo("https://EXAMPLE.gr7.us-east-1.eks.amazonaws.com");
    assertThat((Object) at(kubeconfig, "users", 0, "user", "exec", "args"))
        .isEqualTo(
            List.of(
                "--region",
                "us-east-1",
                "eks",
                "get-token",
                "--cluster-name",
                "company-pipelines",
                "--output",
                "json"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(Map<String, Object> template) {
    Map<String, Object> env = new java.util.LinkedHashMap<>();
    for (Map<String, Object> e : (List<Map<String, Object>>) at(template, "container", "env")) {
      env.put((String) e.get("name"), e.containsKey("value") ? e.get("value") : e.get("valueFrom"));
    }
    return env;
  }
}
