package io.aphex.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.argo.PipelineTargets;
import io.aphex.pipeline.plan.PluginVersions;
import io.aphex.pipeline.schema.ManifestSchemas;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** {@code ./aphex render} in-process, on a copy of the repository's sample project. */
class AphexCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPONENT = "aphex:index:AphexPipeline::aphex-pipeline";
  private static final String ROLE_ARN =
      "arn:aws:iam::123456789012:role/aphex-pipeline-workflow-role-<deploy-time:suffix>";
  private static final List<String> RENDER_FILES =
      List.of("plan.json", "manifests.yaml", "pipeline.md");
  private static final List<String> SAMPLE_FILES =
      List.of("Pulumi.dev.yaml", "Pulumi.yaml", "aphex-config.yaml");

  @TempDir Path temp;

  private Path project;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void copySampleProject() throws IOException {
    project = Files.createDirectory(temp.resolve("project"));
    for (String file : SAMPLE_FILES) {
      Files.copy(SampleConfigs.projectDir().resolve(file), project.resolve(file));
    }
  }

  @Test
  void renderOfTheSampleRecordsEveryResourceUnderItsParentInProgramOrder() throws IOException {
    Path out = temp.resolve("out");

    Run run = render("--out", out.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    Map<String, Object> plan = plan(out);
    assertThat(plan.keySet()).containsExactly("project", "stack", "resources", "outputs");
    assertThat(plan.get("project")).isEqualTo("aphex-pipeline");
    assertThat(plan.get("stack")).isEqualTo("dev");
    assertThat(resources(plan).stream().map(AphexCliTest::line).toList())
        .containsExactly(
            "pulumi:pulumi:Stack aphex-pipeline-dev <- ",
            "aphex:index:AphexPipeline aphex-pipeline <- pulumi:pulumi:Stack::aphex-pipeline-dev",
            "pulumi:providers:kubernetes aphex-pipeline-k8s <- " + COMPONENT,
            "aws:iam/role:Role aphex-pipeline-workflow-role <- " + COMPONENT,
            "aws:iam/rolePolicy:RolePolicy aphex-pipeline-ecr-pull <- " + COMPONENT,
            "aws:iam/rolePolicy:RolePolicy aphex-pipeline-cdk-deploy <- " + COMPONENT,
            "aws:s3/bucketV2:BucketV2 aphex-pipeline-artifacts <- " + COMPONENT,
            "aws:s3/bucketServerSideEncryptionConfigurationV2:"
                + "BucketServerSideEncryptionConfigurationV2 aphex-pipeline-artifacts-encryption <- "
                + COMPONENT,
            "aws:s3/bucketVersioningV2:BucketVersioningV2 aphex-pipeline-artifacts-versioning <- "
                + COMPONENT,
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
                + " aphex-pipeline-artifacts-public-access <- "
                + COMPONENT,
            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
                + " aphex-pipeline-artifacts-lifecycle <- "
                + COMPONENT,
            "aws:s3/bucketPolicy:BucketPolicy aphex-pipeline-artifacts-tls-only <- " + COMPONENT,
            "aws:iam/rolePolicy:RolePolicy aphex-pipeline-artifact-access <- " + COMPONENT,
            "kubernetes:core/v1:ServiceAccount aphex-pipeline-service-account <- " + COMPONENT,
            "kubernetes:rbac.authorization.k8s.io/v1:Role aphex-pipeline-executor-role <- "
                + COMPONENT,
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
                + " aphex-pipeline-executor-rolebinding <- "
                + COMPONENT,
            "pulumi:providers:aws aphex-pipeline-ecr-us-east-1 <- " + COMPONENT,
            "kubernetes:core/v1:ConfigMap aphex-pipeline-artifact-repository <- " + COMPONENT,
            "kubernetes:core/v1:ConfigMap aphex-pipeline-pipeline-targets <- " + COMPONENT,
            "kubernetes:core/v1:ServiceAccount aphex-pipeline-targets-cleanup-service-account <- "
                + COMPONENT,
            "kubernetes:rbac.authorization.k8s.io/v1:Role aphex-pipeline-targets-cleanup-role <- "
                + COMPONENT,
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
                + " aphex-pipeline-targets-cleanup-rolebinding <- "
                + COMPONENT,
            "kubernetes:core/v1:Secret aphex-pipeline-git-credentials <- " + COMPONENT,
            "kubernetes:argoproj.io/v1alpha1:WorkflowTemplate aphex-pipeline-workflow-template <- "
                + COMPONENT,
            "random:index/randomPassword:RandomPassword aphex-pipeline-webhook-secret-value <- "
                + COMPONENT,
            "kubernetes:core/v1:Secret aphex-pipeline-webhook-secret <- " + COMPONENT,
            "kubernetes:argoproj.io/v1alpha1:EventSource aphex-pipeline-event-source <- "
                + COMPONENT,
            "kubernetes:core/v1:Service aphex-pipeline-webhook-service <- " + COMPONENT,
            "kubernetes:core/v1:ServiceAccount aphex-pipeline-sensor-service-account <- "
                + COMPONENT,
            "kubernetes:rbac.authorization.k8s.io/v1:Role aphex-pipeline-sensor-role <- "
                + COMPONENT,
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
                + " aphex-pipeline-sensor-rolebinding <- "
                + COMPONENT,
            "kubernetes:argoproj.io/v1alpha1:Sensor aphex-pipeline-sensor <- " + COMPONENT);
    assertThat(resources(plan))
        .filteredOn(r -> !r.get("type").equals("pulumi:pulumi:Stack"))
        .allSatisfy(r -> assertThat((String) r.get("parent")).isNotEmpty());
    String loadBalancer = "<deploy-time:load balancer of aphex-pipeline-webhook-service>";
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("additionalPolicyArns", List.of());
    outputs.put("artifactBucketName", "aphex-pipeline-artifacts-123456789012-us-east-1");
    outputs.put(
        "builderImage",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1");
    outputs.put(
        "deployerImage",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1");
    outputs.put("githubWebhookSettingsUrl", "https://github.com/my-org/my-repo/settings/hooks");
    outputs.put("sensorServiceAccountName", "aphex-pipeline-sensor-sa");
    outputs.put("serviceAccountName", "workflow-executor");
    outputs.put(
        "webhookInstructions",
        "Add a webhook at https://github.com/my-org/my-repo/settings/hooks: Payload URL: http://"
            + loadBalancer
            + ":12000/push. Content type: application/json. Secret: the value of key secret in"
            + " Secret argo-events/github-webhook-secret (kubectl get secret github-webhook-secret"
            + " -n argo-events -o jsonpath='{.data.secret}' | base64 -d). Events: just the push"
            + " event.");
    outputs.put("webhookSecret", "[secret]");
    outputs.put("webhookServiceType", "LoadBalancer");
    outputs.put("webhookUrl", "http://" + loadBalancer + ":12000/push");
    outputs.put("workflowRoleArn", ROLE_ARN);
    outputs.put("workflowTemplateName", "aphex-pipeline-template");
    assertThat(outputs(plan)).containsExactlyEntriesOf(outputs);
  }

  @Test
  void policiesStayJsonStringsInThePlan() throws IOException {
    Path out = temp.resolve("out");

    render("--out", out.toString());

    Map<String, Object> plan = plan(out);
    Map<String, Object> trust =
        policy(input(plan, "aphex-pipeline-workflow-role", "assumeRolePolicy"));
    assertThat(trust.get("Version")).isEqualTo("2012-10-17");
    assertThat(JSON.writeValueAsString(trust.get("Statement")))
        .isEqualTo(
            "[{\"Sid\":\"AssumeFromServiceAccount\",\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Federated\":\"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1"
                + ".amazonaws.com/id/<deploy-time:oidc-id of company-pipelines>\"},"
                + "\"Action\":[\"sts:AssumeRoleWithWebIdentity\"],\"Condition\":{\"StringEquals\":"
                + "{\"oidc.eks.us-east-1.amazonaws.com/id/<deploy-time:oidc-id of"
                + " company-pipelines>:aud\":\"sts.amazonaws.com\",\"oidc.eks.us-east-1"
                + ".amazonaws.com/id/<deploy-time:oidc-id of company-pipelines>:sub\":"
                + "\"system:serviceaccount:argo:workflow-executor\"}}}]");
    assertThat(sids(policy(input(plan, "aphex-pipeline-ecr-pull", "policy"))))
        .containsExactly("EcrAuthorizationToken", "EcrPullPipelineImages");
    assertThat(sids(policy(input(plan, "aphex-pipeline-artifact-access", "policy"))))
        .containsExactly("ListArtifactBucket", "ReadWriteArtifacts");
    assertThat(sids(policy(input(plan, "aphex-pipeline-artifacts-tls-only", "policy"))))
        .containsExactly("DenyInsecureTransport");
    assertThat(input(plan, "aphex-pipeline-ecr-pull", "role"))
        .isEqualTo("aphex-pipeline-workflow-role-<deploy-time:suffix>");
    assertThat(input(plan, "aphex-pipeline-artifact-access", "role"))
        .isEqualTo("aphex-pipeline-workflow-role-<deploy-time:suffix>");
  }

  @Test
  void summaryNamesTheImagesTheCountsAndTheFiles() throws IOException {
    Path out = temp.resolve("out");

    Run run = render("--out", out.toString());

    Map<String, Object> template =
        manifests(out).stream()
            .filter(o -> o.get("kind").equals("WorkflowTemplate"))
            .findFirst()
            .orElseThrow();
    int templateBytes = JSON.writeValueAsBytes(template).length;
    assertThat(run.out())
        .isEqualTo(
            "Rendered stack 'dev' of project 'aphex-pipeline' offline (account 123456789012,"
                + " region us-east-1).\n"
                + "  builder image: "
                + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1\n"
                + "  deployer image:"
                + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1\n"
                + "  image check:    skipped (offline; pulumi preview looks every ECR image up)\n"
                + "  resources:      31 {aphex=1, aws=10, kubernetes=17, pulumi=2, random=1},"
                + " Kubernetes objects: 17\n"
                + "  WorkflowTemplate: aphex-pipeline-template, "
                + templateBytes
                + " bytes as compact JSON\n"
                + "  promotion:      dev → staging → prod\n"
                + "  wrote:          "
                + out.resolve("plan.json")
                + ", "
                + out.resolve("manifests.yaml")
                + ", "
                + out.resolve("pipeline.md")
                + "\n"
                + "Values shown as <deploy-time:...> are stand-ins for what only AWS knows at"
                + " deploy time.\n");
  }

  @Test
  void planJsonShowsTheOptionsTheEngineIsToldPerResource() throws IOException {
    Path out = temp.resolve("out");

    render("--out", out.toString());

    Map<String, Object> plan = plan(out);
    String k8s = "pulumi:providers:kubernetes::aphex-pipeline-k8s";
    assertThat(options(plan, "aphex-pipeline-k8s"))
        .containsExactly(Map.entry("version", PluginVersions.KUBERNETES));
    assertThat(options(plan, "aphex-pipeline-git-credentials"))
        .containsExactly(
            Map.entry("provider", k8s), Map.entry("version", PluginVersions.KUBERNETES));
    assertThat(options(plan, "aphex-pipeline-webhook-secret-value"))
        .containsExactly(
            Map.entry("version", PluginVersions.RANDOM),
            Map.entry("additionalSecretOutputs", List.of("result", "bcryptHash")));
    assertThat(options(plan, "aphex-pipeline-artifacts"))
        .containsExactly(
            Map.entry("version", com.pulumi.aws.Utilities.getVersion()),
            Map.entry("retainOnDelete", true));
    assertThat(options(plan, "aphex-pipeline-workflow-template"))
        .containsExactly(
            Map.entry("provider", k8s),
            Map.entry("version", PluginVersions.KUBERNETES),
            Map.entry(
                "dependsOn",
                List.of(
                    "aws:iam/role:Role::aphex-pipeline-workflow-role",
                    "aws:s3/bucketV2:BucketV2::aphex-pipeline-artifacts",
                    "kubernetes:core/v1:ConfigMap::aphex-pipeline-artifact-repository",
                    "kubernetes:core/v1:ConfigMap::aphex-pipeline-pipeline-targets",
                    "kubernetes:core/v1:Secret::aphex-pipeline-git-credentials",
                    "kubernetes:core/v1:ServiceAccount::aphex-pipeline-service-account",
                    "kubernetes:core/v1:ServiceAccount"
                        + "::aphex-pipeline-targets-cleanup-service-account",
                    "kubernetes:rbac.authorization.k8s.io/v1:Role::aphex-pipeline-executor-role",
                    "kubernetes:rbac.authorization.k8s.io/v1:Role"
                        + "::aphex-pipeline-targets-cleanup-role",
                    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
                        + "::aphex-pipeline-executor-rolebinding",
                    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
                        + "::aphex-pipeline-targets-cleanup-rolebinding")));
    assertThat(
            resources(plan).stream()
                .filter(r -> String.valueOf(r.get("type")).startsWith("kubernetes:"))
                .map(r -> r.get("name") + " " + r.get("provider") + " " + r.get("version"))
                .filter(line -> !line.endsWith(" " + k8s + " " + PluginVersions.KUBERNETES)))
        .as("every Kubernetes object goes through the explicit provider at the pinned version")
        .isEmpty();
  }

  @Test
  void theWarningsThePulumiProgramLogsArePrintedAndTheRenderStillWrites() throws IOException {
    editStackFile(
        s ->
            s
                + "  aphex-pipeline:deployerImage:"
                + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/deployer:latest\n");
    Path out = temp.resolve("out");

    Run run = render("--out", out.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith(
            "warning: aphex-pipeline: deployerImage:"
                + " '123456789012.dkr.ecr.us-east-1.amazonaws.com/deployer:latest' uses the mutable"
                + " tag 'latest'");
    assertThat(names(out)).containsAll(RENDER_FILES);
  }

  @Test
  void anExistingArtifactBucketIsAdoptedThroughTheImportOptionAndOnlyTheBucket()
      throws IOException {
    editStackFile(
        s ->
            s
                + "  aphex-pipeline:artifactBucketName: aphex-pipeline-artifacts-123456789012-us-east-1\n"
                + "  aphex-pipeline:importArtifactBucket: \"true\"\n");
    Path out = temp.resolve("out");

    render("--out", out.toString());

    Map<String, Object> plan = plan(out);
    assertThat(options(plan, "aphex-pipeline-artifacts"))
        .containsEntry("import", "aphex-pipeline-artifacts-123456789012-us-east-1")
        .containsEntry("retainOnDelete", true);
    assertThat(
            resources(plan).stream().filter(r -> r.containsKey("import")).map(r -> r.get("name")))
        .containsExactly("aphex-pipeline-artifacts");
  }

  @Test
  void theEcrProviderForTheImageRegionCopiesTheStacksOwnAwsSettings() throws IOException {
    editStackFile(
        s ->
            s
                + "  aws:profile: pipelines\n"
                + "  aws:assumeRole:\n"
                + "    roleArn: arn:aws:iam::123456789012:role/deployer\n"
                + "    sessionName: aphex\n"
                + "  aws:sharedConfigFiles:\n"
                + "    - /etc/aws/config\n"
                + "  aws:secretKey: wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n"
                + "  aws:endpoints:\n"
                + "    - ecr: https://ecr.us-west-2.example.internal\n");
    Path out = temp.resolve("out");

    Run run = render("--out", out.toString());

    Map<String, Object> plan = plan(out);
    assertThat(
            JSON.convertValue(
                resource(plan, "aphex-pipeline-ecr-us-east-1").get("inputs"), Map.class))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "region", "us-east-1",
                "profile", "pipelines",
                "assumeRole",
                    "{\"roleArn\":\"arn:aws:iam::123456789012:role/deployer\","
                        + "\"sessionName\":\"aphex\"}",
                "allowedAccountIds", "[\"123456789012\"]",
                "sharedConfigFiles", "[\"/etc/aws/config\"]",
                "secretKey", "[secret]",
                "skipCredentialsValidation", "false",
                "skipRegionValidation", "true"));
    assertNowhere(run, "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY");
  }

  @Test
  void anAwsSettingTheRegionalProvidersCannotCopyIsRefusedWithoutShowingItsValue()
      throws IOException {
    editStackFile(
        s -> s + "  aws:assumeRoleWithWebIdentity: webIdentityToken=eyJhbGciOiJSUzI1NiJ9\n");

    Run run = render();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n"
                + "  1. Pulumi.dev.yaml line 14: aws:assumeRoleWithWebIdentity: '(not shown: it may hold"
                + " credentials)' must be a JSON object, not a string, so the AWS providers the"
                + " pipeline makes for other regions cannot copy it. Fix: set it as the aws"
                + " provider documents it, e.g. pulumi config set --path"
                + " aws:assumeRoleWithWebIdentity.roleArn"
                + " VALUE\n"
                + "aphex: nothing was written.\n");
    assertNowhere(run, "eyJhbGciOiJSUzI1NiJ9");
    assertNothingWritten();
  }

  @Test
  void theMigrationGuideSaysForEveryPredecessorObjectWhetherTheRenderHasTheSameName()
      throws IOException {
    Path out = temp.resolve("out");
    render("--out", out.toString());
    java.util.Set<String> ours = new java.util.HashSet<>();
    for (Map<String, Object> object : manifests(out)) {
      ours.add(
          object.get("kind")
              + " "
              + metadata(object, "namespace")
              + "/"
              + metadata(object, "name"));
    }
    List<String> guide =
        Files.readAllLines(SampleConfigs.projectDir().resolve("docs/migration.md"));

    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.list(SampleConfigs.predecessorSample())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        Object parsed = JSON.readValue(file.toFile(), Object.class);
        if (!(parsed instanceof Map<?, ?> map) || !map.containsKey("kind")) {
          continue;
        }
        Map<String, Object> object = JSON.convertValue(map, new TypeReference<>() {});
        String where = metadata(object, "namespace") + "/" + metadata(object, "name");
        String row = "| " + object.get("kind") + " | `" + where + "` |";
        String same = ours.contains(object.get("kind") + " " + where) ? "| yes |" : "| no |";
        assertThat(guide.stream().filter(line -> line.startsWith(row)))
            .as(file.getFileName() + ": " + row)
            .singleElement()
            .satisfies(line -> assertThat(line).endsWith(same));
        checked.add(row);
      }
    }
    assertThat(checked).hasSizeGreaterThanOrEqualTo(12);
  }

  @Test
  void theTroubleshootingPageHasTheProvidersErrorForEveryArgoKindTheRenderUses()
      throws IOException {
    Path out = temp.resolve("out");
    render("--out", out.toString());
    String page = Files.readString(SampleConfigs.projectDir().resolve("docs/troubleshooting.md"));

    List<Object> argoKinds =
        manifests(out).stream()
            .filter(o -> String.valueOf(o.get("apiVersion")).startsWith("argoproj.io/"))
            .map(o -> o.get("kind"))
            .distinct()
            .toList();

    assertThat(argoKinds).containsExactlyInAnyOrder("WorkflowTemplate", "EventSource", "Sensor");
    for (Object kind : argoKinds) {
      assertThat(page)
          .contains("no matches for kind \"" + kind + "\" in version \"argoproj.io/v1alpha1\"")
          .contains(String.valueOf(kind).toLowerCase() + "s.argoproj.io");
    }
  }

  @Test
  void theTargetsConfigMapIsKeptWhenReplacedAndTheTemplateReadsTheOneOfItsConfig()
      throws IOException {
    Path out = temp.resolve("out");

    render("--out", out.toString());

    Map<String, Object> plan = plan(out);
    String targets =
        PipelineTargets.configMapName("aphex-pipeline-template", SampleConfigs.referenceSample());
    assertThat(resource(plan, "aphex-pipeline-pipeline-targets"))
        .containsEntry("retainOnDelete", true);
    assertThat(input(plan, "aphex-pipeline-pipeline-targets", "immutable")).isEqualTo(true);
    assertThat(input(plan, "aphex-pipeline-pipeline-targets", "metadata").toString())
        .contains("name=" + targets);
    assertThat(resource(plan, "aphex-pipeline-workflow-template"))
        .doesNotContainKey("retainOnDelete");
    String digest =
        io.aphex.pipeline.config.PipelineConfigSource.of(
                "aphex-config.yaml", Files.readAllBytes(project.resolve("aphex-config.yaml")))
            .sha256();
    assertThat(JSON.writeValueAsString(input(plan, "aphex-pipeline-workflow-template", "spec")))
        .contains(
            "{\"name\":\"APHEX_CONFIG_PATH\",\"value\":\"aphex-config.yaml\"},"
                + "{\"name\":\"APHEX_CONFIG_SHA256\",\"value\":\""
                + digest
                + "\"},{\"name\":\"APHEX_SELF_UPDATE\",\"value\":\"true\"}");
    assertThat(JSON.writeValueAsString(input(plan, "aphex-pipeline-workflow-template", "spec")))
        .contains(
            "\"configMapKeyRef\":{\"key\":\"{{inputs.parameters.environment}}.region\","
                + "\"name\":\""
                + targets
                + "\"}");
  }

  @Test
  void manifestsHoldTheKubernetesObjectsInApplyOrderAndEachMatchesItsSchema() throws IOException {
    Path out = temp.resolve("out");

    render("--out", out.toString());

    String text = Files.readString(out.resolve("manifests.yaml"));
    assertThat(text).startsWith("---\n");
    List<Map<String, Object>> objects = manifests(out);
    assertThat(objects)
        .extracting(o -> o.get("apiVersion") + " " + o.get("kind") + " " + metadata(o, "name"))
        .containsExactly(
            "v1 ServiceAccount workflow-executor",
            "v1 ServiceAccount aphex-pipeline-template-targets-cleanup",
            "v1 ServiceAccount aphex-pipeline-sensor-sa",
            "v1 Secret aphex-pipeline-template-github-token",
            "v1 Secret github-webhook-secret",
            "v1 ConfigMap aphex-pipeline-template-artifact-repository",
            "v1 ConfigMap "
                + PipelineTargets.configMapName(
                    "aphex-pipeline-template", SampleConfigs.referenceSample()),
            "rbac.authorization.k8s.io/v1 Role workflow-executor-role",
            "rbac.authorization.k8s.io/v1 Role aphex-pipeline-template-targets-cleanup",
            "rbac.authorization.k8s.io/v1 Role aphex-pipeline-sensor-role",
            "rbac.authorization.k8s.io/v1 RoleBinding workflow-executor-rolebinding",
            "rbac.authorization.k8s.io/v1 RoleBinding aphex-pipeline-template-targets-cleanup",
            "rbac.authorization.k8s.io/v1 RoleBinding aphex-pipeline-sensor-rolebinding",
            "v1 Service github-eventsource-svc",
            "argoproj.io/v1alpha1 WorkflowTemplate aphex-pipeline-template",
            "argoproj.io/v1alpha1 EventSource github",
            "argoproj.io/v1alpha1 Sensor aphex-pipeline-sensor");
    assertThat(metadata(objects.get(0), "annotations"))
        .isEqualTo(Map.of("eks.amazonaws.com/role-arn", ROLE_ARN));
    // Secrets show their keys with masked values, as valid objects kubectl apply accepts.
    assertThat(objects.get(3).get("stringData")).isEqualTo(Map.of("token", "[secret]"));
    assertThat(objects.get(4).get("stringData")).isEqualTo(Map.of("secret", "[secret]"));
    assertThat(objects.get(14).keySet()).containsExactly("apiVersion", "kind", "metadata", "spec");
    for (Map<String, Object> object : objects) {
      ManifestSchemas.get().assertValid(object);
    }
    Map<String, Object> plan = plan(out);
    assertThat(objects.get(6).get("data"))
        .isEqualTo(input(plan, "aphex-pipeline-pipeline-targets", "data"));
    assertThat(objects.get(14).get("spec"))
        .isEqualTo(input(plan, "aphex-pipeline-workflow-template", "spec"));
    assertThat(text.split("(?m)^---\n", -1)).hasSize(objects.size() + 1);
  }

  @Test
  void renderingAgainGivesByteIdenticalFiles() throws IOException {
    Path first = temp.resolve("render-0");
    Path kept = temp.resolve("kept");
    assertThat(render("--out", first.toString()).exit()).isZero();
    Files.createDirectory(kept);
    for (String file : RENDER_FILES) {
      Files.copy(first.resolve(file), kept.resolve(file));
    }

    for (int i = 1; i <= 5; i++) {
      Path again = temp.resolve("render-" + i);
      assertThat(render("--out", again.toString()).exit()).isZero();
      for (String file : RENDER_FILES) {
        assertThat(again.resolve(file))
            .as("render %d", i)
            .hasSameBinaryContentAs(kept.resolve(file));
      }
    }
    assertThat(render("--out", first.toString()).exit()).isZero();
    for (String file : RENDER_FILES) {
      assertThat(first.resolve(file)).hasSameBinaryContentAs(kept.resolve(file));
    }
  }

  @Test
  void defaultOutputIsTargetRenderStackInTheProject() throws IOException {
    Run run = render();

    assertThat(run.exit()).isZero();
    Path out = project.resolve("target/render/dev");
    assertThat(out.resolve("plan.json")).isRegularFile();
    assertThat(out.resolve("manifests.yaml")).isRegularFile();
    assertThat(names(out))
        .containsExactly(".aphex-render", "manifests.yaml", "pipeline.md", "plan.json");
    assertThat(names(out.getParent())).containsExactly("dev");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void accountOptionOverridesAllowedAccountIds() throws IOException {
    Path out = temp.resolve("out");

    Run run = render("--account", "987654321098", "--out", out.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith(
            "Rendered stack 'dev' of project 'aphex-pipeline' offline (account 987654321098,"
                + " region us-east-1).\n"
                + "  builder image: "
                + " 987654321098.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1\n");
    Map<String, Object> plan = plan(out);
    assertThat(outputs(plan))
        .containsEntry("artifactBucketName", "aphex-pipeline-artifacts-987654321098-us-east-1")
        .containsEntry(
            "builderImage",
            "987654321098.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-builder:v1.0.1")
        .containsEntry(
            "deployerImage",
            "987654321098.dkr.ecr.us-east-1.amazonaws.com/arbiter-pipeline-deployer:v1.0.1")
        .containsEntry(
            "workflowRoleArn",
            "arn:aws:iam::987654321098:role/aphex-pipeline-workflow-role-<deploy-time:suffix>");
    assertThat(input(plan, "aphex-pipeline-artifacts", "bucket"))
        .isEqualTo("aphex-pipeline-artifacts-987654321098-us-east-1");
    assertThat(Files.readString(out.resolve("plan.json")))
        .doesNotContain("123456789012.dkr")
        .doesNotContain("iam::123456789012:role/aphex")
        .doesNotContain("iam::123456789012:oidc-provider")
        .doesNotContain("ecr:us-east-1:123456789012")
        .doesNotContain("artifacts-123456789012");
    assertThat(metadata(manifests(out).get(0), "annotations"))
        .isEqualTo(
            Map.of(
                "eks.amazonaws.com/role-arn",
                "arn:aws:iam::987654321098:role/aphex-pipeline-workflow-role-<deploy-time:suffix>"));
  }

  @Test
  void withoutAccountOptionOrAllowedAccountIdsNothingIsRendered() throws IOException {
    editStackFile(s -> s.replace("  aws:allowedAccountIds:\n    - \"123456789012\"\n", ""));

    Run run = render();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n"
                + "  1. Pulumi.dev.yaml: aws:allowedAccountIds: is missing; gives no 12-digit"
                + " account, and the offline render cannot ask AWS which account the stack deploys"
                + " into. Fix: pass --account 123456789012, or set aws:allowedAccountIds to"
                + " [\"123456789012\"]\n"
                + "aphex: nothing was written.\n");
    assertNothingWritten();
  }

  @Test
  void allowedAccountIdsWithoutAnAccountIsShownWithItsValue() throws IOException {
    editStackFile(s -> s.replace("    - \"123456789012\"\n", "    - \"12\"\n"));

    Run run = render();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n"
                + "  1. Pulumi.dev.yaml: aws:allowedAccountIds: '[\"12\"]' gives no 12-digit"
                + " account, and the offline render cannot ask AWS which account the stack deploys"
                + " into. Fix: pass --account 123456789012, or set aws:allowedAccountIds to"
                + " [\"123456789012\"]\n"
                + "aphex: nothing was written.\n");
    assertNothingWritten();
  }

  @Test
  void missingRegionIsReported() throws IOException {
    editStackFile(s -> s.replace("  aws:region: us-east-1\n", ""));

    Run run = render();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n"
                + "  1. Pulumi.dev.yaml: aws:region: is missing; is needed: the stack deploys into"
                + " that region. Fix: run: pulumi config set aws:region us-east-1\n"
                + "aphex: nothing was written.\n");
    assertNothingWritten();
  }

  @Test
  void badStackConfigListsEveryProblemWithoutAStackTraceAndWritesNothing() throws IOException {
    editStackFile(
        s ->
            s.replace("  aphex-pipeline:githubRepo: my-repo\n", "")
                + "  aphex-pipeline:argoNamespace: Argo_NS\n");

    Run run = render();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .containsExactly(
            "aphex-pipeline: invalid configuration, 2 problems (nothing was created):",
            "  1. Pulumi.dev.yaml line 13: aphex-pipeline:argoNamespace: 'Argo_NS' is not a valid DNS-1123"
                + " label (lower-case letters, digits and '-', starting and ending with a letter or"
                + " digit). Fix: use the namespace Argo Workflows runs in, e.g. 'argo'",
            "  2. Pulumi.dev.yaml: aphex-pipeline:githubRepo: is missing; it is required: the"
                + " repository name, without the owner. Fix: run: pulumi config set githubRepo"
                + " <value>",
            "aphex: nothing was written.");
    assertNoStackTrace(run);
    assertNothingWritten();
  }

  @Test
  void badPipelineConfigNamesTheFileAndLine() throws IOException {
    Path config = project.resolve("aphex-config.yaml");
    String sample = Files.readString(config);
    String bad =
        sample.replaceFirst(
            "account: \"123456789012\"  # Replace with your AWS account ID\n", "account: \"12\"\n");
    assertThat(bad).isNotEqualTo(sample);
    Files.writeString(config, bad);

    Run run = render();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n"
                + "  1. aphex-config.yaml line 15, environments[0].account: '12' does not fit the"
                + " rule for account: the 12-digit AWS account ID. Quote it: YAML reads an unquoted"
                + " 012345678901 as a number and drops the leading zero. Fix: Write e.g. account:"
                + " \"123456789012\".\n"
                + "aphex: nothing was written.\n");
    assertNoStackTrace(run);
    assertNothingWritten();
  }

  @Test
  void missingStackFileIsNamed() {
    Run run = render("--stack", "prod");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n"
                + "  1. "
                + project.resolve("Pulumi.prod.yaml")
                + ": is missing; does not exist; it is the stack file (create it with 'pulumi"
                + " stack init prod'). Fix: check --cwd and --stack\n"
                + "aphex: nothing was written.\n");
    assertNothingWritten();
  }

  @Test
  void otherStackFileIsRenderedUnderItsOwnName() throws IOException {
    Files.copy(project.resolve("Pulumi.dev.yaml"), project.resolve("Pulumi.prod.yaml"));

    Run run = render("--stack", "prod");

    assertThat(run.exit()).isZero();
    Map<String, Object> plan = plan(project.resolve("target/render/prod"));
    assertThat(plan.get("stack")).isEqualTo("prod");
    assertThat(line(resources(plan).get(0)))
        .isEqualTo("pulumi:pulumi:Stack aphex-pipeline-prod <- ");
    assertThat(line(resources(plan).get(1)))
        .isEqualTo(
            "aphex:index:AphexPipeline aphex-pipeline <- pulumi:pulumi:Stack::aphex-pipeline-prod");
  }

  @Test
  void outDirectoryHoldingOtherFilesIsRefusedAndKept() throws IOException {
    Path out = Files.createDirectory(temp.resolve("out"));
    Files.writeString(out.resolve("notes.txt"), "mine");

    Run run = render("--out", out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "aphex: --out "
                + out
                + " exists and holds other files than a render (notes.txt); choose an empty or new"
                + " directory; the render replaces only the files its .aphex-render lists.\n"
                + "aphex: nothing was written.\n");
    assertThat(names(out)).containsExactly("notes.txt");
    assertThat(out.resolve("notes.txt")).hasContent("mine");
    assertThat(names(temp)).containsExactly("out", "project");
  }

  @Test
  void outDirectoryHoldingARenderAndMoreIsRefusedAndKept() throws IOException {
    Path out = temp.resolve("out");
    assertThat(render("--out", out.toString()).exit()).isZero();
    String plan = Files.readString(out.resolve("plan.json"));
    Files.writeString(out.resolve("keep.me"), "mine");

    Run run = render("--out", out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("aphex: --out " + out + " exists and holds other files");
    assertThat(names(out))
        .containsExactly(".aphex-render", "keep.me", "manifests.yaml", "pipeline.md", "plan.json");
    assertThat(out.resolve("plan.json")).hasContent(plan);
  }

  @Test
  void outPathThatIsAFileIsRefusedWithoutAStackTraceAndKept() throws IOException {
    Path out = temp.resolve("out");
    Files.writeString(out, "mine");

    Run run = render("--out", out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(out.toString()).endsWith("aphex: nothing was written.\n");
    assertNoStackTrace(run);
    assertThat(out).hasContent("mine");
    assertThat(names(temp)).containsExactly("out", "project");
  }

  @Test
  void reRenderingIntoAPreviousRenderReplacesIt() throws IOException {
    Path out = temp.resolve("out");
    assertThat(render("--out", out.toString()).exit()).isZero();
    String plan = Files.readString(out.resolve("plan.json"));
    Files.writeString(out.resolve("plan.json"), "stale");
    Files.delete(out.resolve("manifests.yaml"));

    Run run = render("--out", out.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(names(out))
        .containsExactly(".aphex-render", "manifests.yaml", "pipeline.md", "plan.json");
    assertThat(out.resolve("plan.json")).hasContent(plan);
    assertThat(names(temp)).containsExactly("out", "project");
  }

  @Test
  void emptyOutDirectoryIsUsed() throws IOException {
    Path out = Files.createDirectory(temp.resolve("out"));

    Run run = render("--out", out.toString());

    assertThat(run.exit()).isZero();
    assertThat(names(out))
        .containsExactly(".aphex-render", "manifests.yaml", "pipeline.md", "plan.json");
  }

  @Test
  void pipelineMdShowsTheSamplesPromotionDiagramAndTables() throws IOException {
    Path out = temp.resolve("out");

    render("--out", out.toString());

    assertThat(Files.readString(out.resolve("pipeline.md")))
        .startsWith(
            "# Pipeline `aphex-pipeline-template`\n\n"
                + "**Promotion order:** dev → staging → prod\n\n"
                + "```mermaid\nflowchart LR\n")
        .contains(
            "  T_build --> T_deploy_dev\n"
                + "  T_pipeline_deployment --> T_deploy_dev\n"
                + "  T_validate --> T_deploy_dev\n"
                + "  T_deploy_dev --> T_test_dev\n"
                + "  T_test_dev --> T_deploy_staging\n"
                + "  T_deploy_staging --> T_test_staging\n"
                + "  T_test_staging --> T_deploy_prod\n"
                + "```\n")
        .contains("| Runs after | `staging` |\n");
  }

  @Test
  void diffAgainstAnEarlierRenderPrintsAndWritesTheChangesAndLeavesItAsItWas() throws IOException {
    Path base = temp.resolve("base");
    assertThat(render("--out", base.toString()).exit()).isZero();
    String basePlan = Files.readString(base.resolve("plan.json"));
    Files.writeString(
        project.resolve("aphex-config.yaml"),
        Files.readString(project.resolve("aphex-config.yaml"))
            + "\n  - name: prod-eu\n    region: eu-west-1\n    account: \"987654321098\"\n"
            + "    dependsOn: [staging]\n    requiresApproval: true\n    stacks:\n"
            + "      - name: MyAppStack\n        path: lib/my-app-stack.ts\n");
    Path out = temp.resolve("out");

    Run run = render("--out", out.toString(), "--diff", base.toString());

    assertThat(run.exit()).isZero();
    String changes = Files.readString(out.resolve("changes.md"));
    assertThat(run.out())
        .contains("  promotion:      dev → staging → {prod, prod-eu (approval)}\n");
    assertThat(run.out()).endsWith("\n" + changes);
    assertThat(changes)
        .startsWith("## Pipeline changes against `" + base + "`\n\n### Environments\n\n")
        .contains(
            "- added `test-staging` → `request-approval-prod-eu`\n"
                + "- added `request-approval-prod-eu` → `approve-prod-eu`\n")
        .contains(
            "- added to `RolePolicy aphex-pipeline-cdk-deploy`: `Allow sts:AssumeRole on"
                + " arn:aws:iam::987654321098:role/cdk-hnb659fds-deploy-role-987654321098-eu-west-1`\n");
    assertThat(names(out))
        .containsExactly(
            ".aphex-render", "changes.md", "manifests.yaml", "pipeline.md", "plan.json");
    assertThat(names(base))
        .containsExactly(".aphex-render", "manifests.yaml", "pipeline.md", "plan.json");
    assertThat(base.resolve("plan.json")).hasContent(basePlan);
  }

  @Test
  void diffAgainstAMissingRenderNamesItAndWritesNothing() {
    Path missing = temp.resolve("missing");

    Run run = render("--diff", missing.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "aphex: --diff: "
                + missing
                + " does not exist; render the earlier version there first (./aphex render --out "
                + missing
                + "); nothing was compared.\naphex: nothing was written.\n");
    assertNothingWritten();
  }

  @Test
  void diffAgainstTheOutDirectoryIsAUsageError() {
    Run run = render("--out", "same", "--diff", "same");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("aphex: --diff ").contains("is also the --out directory");
    assertNothingWritten();
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(List.of(), "aphex: missing command"),
        Arguments.of(List.of("deploy"), "aphex: unknown command 'deploy'"),
        Arguments.of(List.of("render", "--verbose", "yes"), "aphex: unknown option '--verbose'"),
        Arguments.of(List.of("render", "--stack"), "aphex: --stack needs a value"),
        Arguments.of(List.of("render", "extra"), "aphex: unexpected argument 'extra'"),
        Arguments.of(
            List.of("render", "--account", "123"),
            "aphex: --account '123' is not a 12-digit AWS account ID"),
        Arguments.of(
            List.of("render", "--stack", "../prod"),
            "aphex: --stack '../prod' is not a Pulumi stack name (1 to 100 letters, digits, '-',"
                + " '_' and '.'); pass the stack's own name, e.g. --stack dev"),
        Arguments.of(
            List.of("render", "--stack", ".."),
            "aphex: --stack '..' would lead the output out of target/render/; rename the stack,"
                + " e.g. 'pulumi stack rename dev'"),
        Arguments.of(
            List.of("render", "--stack", "s".repeat(101)),
            "aphex: --stack '"
                + "s".repeat(101)
                + "' is not a Pulumi stack name (1 to 100 letters, digits, '-', '_' and '.');"
                + " pass the stack's own name, e.g. --stack dev"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("usageErrors")
  void usageErrorExitsTwoWithTheProblemAndTheUsage(List<String> args, String firstLine) {
    Run run = run(args.toArray(String[]::new));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(firstLine + "\n" + AphexCli.USAGE);
    assertThat(names(temp)).containsExactly("project");
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    for (String[] args :
        List.of(
            new String[] {"--help"},
            new String[] {"-h"},
            new String[] {"help"},
            new String[] {"render", "--help"},
            new String[] {"render", "--stack", "prod", "-h"})) {
      Run run = run(args);

      assertThat(run.exit()).as(String.join(" ", args)).isZero();
      assertThat(run.err()).isEmpty();
      assertThat(run.out())
          .startsWith(
              "Usage: aphex render [--stack NAME] [--cwd DIR] [--out DIR] [--account ID]"
                  + " [--diff DIR]\n\n")
          .contains(
              "  --account ID   the AWS account the stack deploys into (default: the first entry"
                  + " of\n")
          .isEqualTo(AphexCli.USAGE);
    }
    assertThat(names(temp)).containsExactly("project");
  }

  @Test
  void secureValueOfAnotherNamespaceNeverAppearsInAnyOutput() throws IOException {
    editStackFile(s -> s + "  aws:secretKey:\n    secure: v1:c2VjcmV0LWtleS1jaXBoZXI=\n");

    Run run = render();

    assertThat(run.exit()).isZero();
    assertNowhere(run, "v1:c2VjcmV0LWtleS1jaXBoZXI=");
    assertNowhere(run, "c2VjcmV0LWtleS1jaXBoZXI=");
  }

  @Test
  void encryptedProjectSettingIsRefusedWithoutShowingItsCiphertext() throws IOException {
    editStackFile(
        s ->
            s + "  aphex-pipeline:pulumiAccessTokenSecretName:\n    secure: v1:dG9rZW4tY2lwaGVy\n");

    Run run = render();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "aphex-pipeline: invalid configuration, 1 problem (nothing was created):\n"
                + "  1. "
                + project.resolve("Pulumi.dev.yaml")
                + ": aphex-pipeline:pulumiAccessTokenSecretName: 'secure: ...' is encrypted, which"
                + " the offline render cannot decrypt; no aphex-pipeline setting is a secret (the"
                + " GitHub token and the webhook secret are read from AWS Secrets Manager). Fix:"
                + " store it as plain text: pulumi config set"
                + " aphex-pipeline:pulumiAccessTokenSecretName <value>\n"
                + "aphex: nothing was written.\n");
    assertNowhere(run, "dG9rZW4tY2lwaGVy");
  }

  /**
   * {@code --out}: the render replaces only what a render wrote (the files its manifest lists),
   * refuses everything else before doing any work, and says why a directory cannot be written.
   */
  @Nested
  class OutputDirectory {

    @Test
    void aDirectoryNamedLikeARenderFileWithTheUsersFilesInItIsRefusedAndKept() throws IOException {
      Path out = Files.createDirectory(temp.resolve("out"));
      Path mine = Files.createDirectory(out.resolve("manifests.yaml"));
      Files.writeString(mine.resolve("notes.txt"), "mine");
      Files.writeString(out.resolve("plan.json"), "mine too");

      Run run = render("--out", out.toString());

      assertRefused(
          run,
          "aphex: --out "
              + out
              + " exists and holds other files than a render (manifests.yaml/, plan.json); choose an"
              + " empty or new directory; the render replaces only the files its .aphex-render"
              + " lists.");
      assertThat(mine.resolve("notes.txt")).hasContent("mine");
      assertThat(out.resolve("plan.json")).hasContent("mine too");
    }

    @Test
    void aManifestCannotClaimADirectoryOrALink() throws IOException {
      Path out = temp.resolve("out");
      assertThat(render("--out", out.toString()).exit()).isZero();
      Files.delete(out.resolve("plan.json"));
      Files.createDirectory(out.resolve("plan.json"));
      Files.writeString(out.resolve("plan.json/keep"), "mine");
      Files.delete(out.resolve("manifests.yaml"));
      Path elsewhere = Files.writeString(temp.resolve("elsewhere.yaml"), "mine");
      Files.createSymbolicLink(out.resolve("manifests.yaml"), elsewhere);

      Run run = render("--out", out.toString());

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("(manifests.yaml, plan.json/)");
      assertThat(out.resolve("plan.json/keep")).hasContent("mine");
      assertThat(elsewhere).hasContent("mine");
    }

    @Test
    void aRenderWithoutAManifestIsNotReplaced() throws IOException {
      Path out = Files.createDirectory(temp.resolve("out"));
      Files.writeString(out.resolve("plan.json"), "{}");

      Run run = render("--out", out.toString());

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("holds other files than a render (plan.json)");
      assertThat(out.resolve("plan.json")).hasContent("{}");
    }

    @Test
    void aSymbolicLinkAsOutIsRefusedAndWhatItPointsToIsKept() throws IOException {
      Path real = Files.createDirectory(temp.resolve("real"));
      Files.writeString(real.resolve("plan.json"), "mine");
      Path link = Files.createSymbolicLink(temp.resolve("out"), real);
      Path dangling = Files.createSymbolicLink(temp.resolve("dangling"), temp.resolve("nowhere"));

      Run toDir = render("--out", link.toString());
      Run toNothing = render("--out", dangling.toString());

      assertRefused(
          toDir,
          "aphex: --out "
              + link
              + " is a symbolic link; a render replaces the directory itself, never what a link"
              + " points to; pass the directory the link points to, or choose an empty or new"
              + " directory.");
      assertThat(toNothing.err()).startsWith("aphex: --out " + dangling + " is a symbolic link to");
      assertThat(real.resolve("plan.json")).hasContent("mine");
      assertThat(Files.isSymbolicLink(link)).isTrue();
      assertThat(temp.resolve("nowhere")).doesNotExist();
    }

    @Test
    void unwritablePlacesSayWhy() throws IOException {
      Path file = Files.writeString(temp.resolve("file"), "mine");
      Path dangling = Files.createSymbolicLink(temp.resolve("gone"), temp.resolve("nowhere"));

      assertRefused(
          render("--out", "/"),
          "aphex: --out / is the root directory; choose an empty or new directory.");
      assertRefused(
          render("--out", file.resolve("out").toString()),
          "aphex: --out "
              + file.resolve("out")
              + " lies under "
              + file
              + ", which is a file, not a directory; choose an empty or new directory.");
      assertRefused(
          render("--out", dangling.resolve("out").toString()),
          "aphex: --out "
              + dangling.resolve("out")
              + " lies under "
              + dangling
              + ", a symbolic link to nothing; choose an empty or new directory.");
      assertThat(file).hasContent("mine");
    }

    @Test
    void aReadOnlyParentIsPermissionDeniedAndNothingIsCreated() throws IOException {
      Path locked = Files.createDirectory(temp.resolve("locked"));
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
      try {
        assumeThat(Files.isWritable(locked)).as("not running as root").isFalse();
        Path out = locked.resolve("a/b/out");

        assertRefused(
            render("--out", out.toString()),
            "aphex: --out "
                + out
                + " cannot be written (permission denied on "
                + locked
                + "); choose a directory the user who runs the render can write, e.g. --out"
                + " target/render/out.");
        assertThat(names(locked)).isEmpty();
      } finally {
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }

    @Test
    void aFailedRenderLeavesNoDirectoriesBehind() throws IOException {
      Files.writeString(project.resolve("aphex-config.yaml"), "version: [");

      Run run = render();

      assertThat(run.exit()).isEqualTo(1);
      assertThat(project.resolve("target")).doesNotExist();
    }

    @Test
    void reRenderingReplacesExactlyTheFilesOfTheManifest() throws IOException {
      Path out = temp.resolve("out");
      assertThat(render("--out", out.toString()).exit()).isZero();

      assertThat(out.resolve(RenderDirectory.MANIFEST))
          .hasContent("manifests.yaml\npipeline.md\nplan.json");
      assertThat(render("--out", out.toString()).exit()).isZero();
      assertThat(names(out))
          .containsExactly(".aphex-render", "manifests.yaml", "pipeline.md", "plan.json");
      assertThat(names(temp)).containsExactly("out", "project");
    }

    private void assertRefused(Run run, String message) {
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).isEqualTo(message + "\naphex: nothing was written.\n");
      assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  private Run render(String... args) {
    List<String> all = new ArrayList<>(List.of("render", "--cwd", project.toString()));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = new AphexCli(o, e).run(args);
    }
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void editStackFile(UnaryOperator<String> edit) throws IOException {
    Path file = project.resolve("Pulumi.dev.yaml");
    String before = Files.readString(file);
    String after = edit.apply(before);
    assertThat(after).as("the edit changes the sample stack file").isNotEqualTo(before);
    Files.writeString(file, after);
  }

  private void assertNothingWritten() {
    assertThat(names(project)).containsExactlyElementsOf(SAMPLE_FILES);
    assertThat(names(temp)).containsExactly("project");
  }

  private static void assertNoStackTrace(Run run) {
    for (String text : List.of(run.out(), run.err())) {
      assertThat(text).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\n\tat");
    }
  }

  private void assertNowhere(Run run, String secret) throws IOException {
    assertThat(run.out()).doesNotContain(secret);
    assertThat(run.err()).doesNotContain(secret);
    try (Stream<Path> files = Files.walk(temp)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!file.equals(project.resolve("Pulumi.dev.yaml"))) {
          assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret);
        }
      }
    }
  }

  private static String filesUnder(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    Path target = dir.resolve("target");
    if (Files.exists(target)) {
      try (Stream<Path> files = Files.walk(target)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          all.append(Files.readString(file));
        }
      }
    }
    return all.toString();
  }

  private static List<String> names(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError("cannot list " + dir, e);
    }
  }

  private static Map<String, Object> plan(Path out) throws IOException {
    return JSON.readValue(out.resolve("plan.json").toFile(), new TypeReference<>() {});
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> outputs(Map<String, Object> plan) {
    return (Map<String, Object>) plan.get("outputs");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> resources(Map<String, Object> plan) {
    return (List<Map<String, Object>>) plan.get("resources");
  }

  private static Map<String, Object> resource(Map<String, Object> plan, String name) {
    List<Map<String, Object>> found =
        resources(plan).stream().filter(r -> r.get("name").equals(name)).toList();
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }

  /** The entry's keys between {@code parent} and {@code inputs}: the resource options. */
  private static Map<String, Object> options(Map<String, Object> plan, String name) {
    Map<String, Object> options = new LinkedHashMap<>(resource(plan, name));
    List.of("type", "name", "parent", "inputs").forEach(options::remove);
    return options;
  }

  private static Object input(Map<String, Object> plan, String name, String key) {
    return ((Map<?, ?>) resource(plan, name).get("inputs")).get(key);
  }

  private static Map<String, Object> policy(Object text) throws IOException {
    assertThat(text).isInstanceOf(String.class);
    return JSON.readValue((String) text, new TypeReference<>() {});
  }

  @SuppressWarnings("unchecked")
  private static List<Object> sids(Map<String, Object> policy) {
    assertThat(policy.get("Version")).isEqualTo("2012-10-17");
    return ((List<Map<String, Object>>) policy.get("Statement"))
        .stream().map(s -> s.get("Sid")).toList();
  }

  private static String line(Map<String, Object> resource) {
    return resource.get("type") + " " + resource.get("name") + " <- " + resource.get("parent");
  }

  private static Object metadata(Map<String, Object> object, String key) {
    return ((Map<?, ?>) object.get("metadata")).get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> manifests(Path out) throws IOException {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document :
        new Yaml(new SafeConstructor(new LoaderOptions()))
            .loadAll(Files.readString(out.resolve("manifests.yaml")))) {
      assertThat(document).isInstanceOf(Map.class);
      objects.add(new LinkedHashMap<>((Map<String, Object>) document));
    }
    return objects;
  }
}
