package io.aphex.pipeline.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.aphex.pipeline.config.ConfigException;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackConfigSchema;
import io.aphex.pipeline.images.ImageSettings;
import io.aphex.pipeline.testing.ConfigProblems;
import io.aphex.pipeline.testing.SampleConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AphexPipelineArgsTest {

  private static final String EKS_RULE =
      "is not an EKS cluster name (1 to 100 letters, digits, '-' and '_', starting with a letter"
          + " or digit)";
  private static final String OWNER_RULE =
      "is not a GitHub owner name (up to 39 letters, digits and single hyphens, not starting or"
          + " ending with a hyphen)";
  private static final String BRANCH_RULE =
      "is not a valid Git branch name (no spaces, '..', '~', '^', ':', '?', '*', '[' or '\\', no"
          + " leading '-' or '/', and without the refs/heads/ prefix)";
  private static final String LABEL_RULE =
      "is not a valid DNS-1123 label (lower-case letters, digits and '-', starting and ending"
          + " with a letter or digit)";
  private static final String BUCKET_RULE =
      "is not a valid S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-', starting"
          + " and ending with a letter or digit)";
  private static final String RELATIVE_PATH_RULE =
      "is not a path relative to the repository root (no leading '/', no '..' segment, no '\\')";

  private static final String BRANCH_FIX = "use a branch name such as 'main'";
  private static final String BUCKET_FIX =
      "use a name like 'my-team-pipeline-artifacts', or unset it for the default";
  private static final String PROJECT_DIR_FIX =
      "use the directory of Pulumi.yaml relative to the repository root, e.g. '.' or"
          + " 'infra/pipeline'";
  private static final String RETENTION_RULE =
      "must be from 1 to 3650: days after which build artifacts expire (1 to 3650)";
  private static final String RETENTION_FIX = "set artifactRetentionDays to 90";
  private static final String REPO_RULE =
      "is not a GitHub repository name (up to 100 letters, digits, '.', '_' and '-'; the name"
          + " only, without the owner and '/')";
  private static final String BACKEND_RULE =
      "is not a Pulumi backend URL (https://, s3://, gs://, azblob:// or file://; no '{{' or '$',"
          + " which Argo or Kubernetes would substitute in the workflow's environment)";
  private static final String BACKEND_FIX =
      "use e.g. 's3://my-state-bucket' or unset it for Pulumi Cloud";

  private static AphexPipelineArgs.Builder valid() {
    return SampleConfigs.sampleArgs();
  }

  private static void assertProblems(
      Consumer<AphexPipelineArgs.Builder> change, String... expected) {
    AphexPipelineArgs.Builder builder = valid();
    change.accept(builder);
    ConfigProblems.assertRefused(builder::build, expected);
  }

  @Test
  void validBuilderBuildsWithTheDocumentedDefaults() {
    AphexPipelineArgs args = valid().build();

    assertThat(com.pulumi.test.PulumiTest.extractValue(args.clusterName()))
        .isEqualTo("company-pipelines");
    assertThat(args.githubOwner()).isEqualTo("my-org");
    assertThat(args.githubRepo()).isEqualTo("my-repo");
    assertThat(args.githubTokenSecretName()).isEqualTo("github-token");
    assertThat(args.pipelineConfig()).isEqualTo(SampleConfigs.referenceSample());
    assertThat(args.selfUpdateStack()).isEqualTo("dev");
    assertThat(args.githubBranch()).isEqualTo("main");
    assertThat(args.argoNamespace()).isEqualTo("argo");
    assertThat(args.argoEventsNamespace()).isEqualTo("argo-events");
    assertThat(args.serviceAccountName()).isEqualTo("workflow-executor");
    assertThat(args.workflowTemplateName()).isEqualTo("aphex-pipeline-template");
    assertThat(args.artifactBucketName()).isEmpty();
    assertThat(args.artifactRetentionDays()).isEqualTo(90);
    assertThat(args.plainImages().orElseThrow())
        .isEqualTo(
            new ImageSettings(
                Optional.empty(), "us-east-1", "v1.0.1", Optional.empty(), Optional.empty()));
    assertThat(args.selfUpdateProjectDir()).isEqualTo(".");
    assertThat(args.pulumiBackendUrl()).isEmpty();
    assertThat(args.pulumiAccessTokenSecretName()).isEmpty();
  }

  @Test
  void acceptsValuesAtTheirLimits() {
    AphexPipelineArgs args =
        valid()
            .githubOwner("a".repeat(39))
            .githubRepo("my.repo_1-x")
            .githubTokenSecretName("team/github-token+ci=@1.0")
            .githubBranch("feature/x-1.2")
            .serviceAccountName("s".repeat(51))
            .artifactBucketName("my.bucket-123")
            .artifactRetentionDays(3650)
            .selfUpdateProjectDir("infra/pipeline")
            .selfUpdateStack("my-org/aphex-pipeline/dev")
            .pulumiBackendUrl("s3://my-state")
            .pulumiAccessTokenSecretName("pulumi.token")
            .build();

    assertThat(args.serviceAccountName()).hasSize(63 - "-rolebinding".length());
    assertThat(valid().artifactRetentionDays(1).build().artifactRetentionDays()).isEqualTo(1);
  }

  static Stream<Arguments> requiredProperties() {
    return Stream.of(
        Arguments.of(
            "clusterName",
            (BiConsumer<AphexPipelineArgs.Builder, String>) AphexPipelineArgs.Builder::clusterName,
            "the name of the existing EKS cluster"),
        Arguments.of(
            "githubOwner",
            (BiConsumer<AphexPipelineArgs.Builder, String>) AphexPipelineArgs.Builder::githubOwner,
            "the GitHub user or organization"),
        Arguments.of(
            "githubRepo",
            (BiConsumer<AphexPipelineArgs.Builder, String>) AphexPipelineArgs.Builder::githubRepo,
            "the repository name, without the owner"),
        Arguments.of(
            "githubTokenSecretName",
            (BiConsumer<AphexPipelineArgs.Builder, String>)
                AphexPipelineArgs.Builder::githubTokenSecretName,
            "the AWS Secrets Manager secret that holds the GitHub token as JSON key" + " 'token'"),
        Arguments.of(
            "selfUpdateStack",
            (BiConsumer<AphexPipelineArgs.Builder, String>)
                AphexPipelineArgs.Builder::selfUpdateStack,
            "the stack the pipeline-deployment stage updates, usually" + " ctx.stackName()"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredProperties")
  void missingRequiredPropertyIsReported(
      String property, BiConsumer<AphexPipelineArgs.Builder, String> setter, String what) {
    assertProblems(
        b -> setter.accept(b, null),
        property
            + ": is missing; it is required: "
            + what
            + ". Fix: set "
            + property
            + " on AphexPipelineArgs.builder()");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredProperties")
  void blankRequiredPropertyIsReportedOnceAsRequired(
      String property, BiConsumer<AphexPipelineArgs.Builder, String> setter, String what) {
    assertProblems(
        b -> setter.accept(b, " "),
        property
            + ": ' ' is blank, but it is required: "
            + what
            + ". Fix: set "
            + property
            + " on AphexPipelineArgs.builder()");
  }

  @Test
  void importingTheArtifactBucketNeedsItsName() {
    assertProblems(
        b -> b.importArtifactBucket(true),
        "importArtifactBucket: 'true' needs the name of the bucket to adopt, but"
            + " artifactBucketName is not set. Fix: set artifactBucketName to the existing"
            + " bucket's name (for the default name: aphex-pipeline-artifacts-<account>-<region>)");
  }

  @Test
  void awsSettingsTheRegionalProvidersCannotCopyAreReportedWithoutTheirValues() {
    assertProblems(
        b ->
            b.awsProviderConfig(
                Map.of(
                    "maxRetries", "many",
                    "assumeRole", "{\"roleArn\": [1]}",
                    "profile", "anything goes",
                    "notAnAwsSetting", "{")),
        "aws:assumeRole.roleArn: '(not shown: it may hold credentials)' must be a string or a"
            + " number or true or false, not a list, so the AWS providers the pipeline makes for"
            + " other regions cannot copy it. Fix: set it as the aws provider documents it, e.g."
            + " pulumi config set --path aws:assumeRole.roleArn"
            + " arn:aws:iam::123456789012:role/deploy",
        "aws:maxRetries: '(not shown: it may hold credentials)' must be a whole number, not a"
            + " string, so the AWS providers the pipeline makes for other regions cannot copy it."
            + " Fix: set it as the aws provider documents it, e.g. pulumi config set --path"
            + " aws:maxRetries 5");
  }

  @Test
  void missingPipelineConfigIsReported() {
    assertProblems(
        b -> b.pipelineConfig(null),
        "pipelineConfig: is missing; it is required: the pipeline definition. Fix: call"
            + " .pipelineConfig(PipelineConfigParser.parse(Path.of(\"aphex-config.yaml\"))) on"
            + " AphexPipelineArgs.builder()");
  }

  @ParameterizedTest
  @ValueSource(strings = {"my cluster", "-cluster", "cluster.name"})
  void clusterNameThatEksWouldRejectIsReported(String name) {
    assertProblems(
        b -> b.clusterName(name),
        "clusterName: '"
            + name
            + "' "
            + EKS_RULE
            + ". Fix: use the name shown by 'aws eks list-clusters'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"-my-org", "my-org-", "my--org", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void githubOwnerThatGithubWouldRejectIsReported(String owner) {
    assertProblems(
        b -> b.githubOwner(owner),
        "githubOwner: '"
            + owner
            + "' "
            + OWNER_RULE
            + ". Fix: use the owner part of github.com/<owner>/<repo>");
  }

  @Test
  void githubRepoWithTheOwnerIsReported() {
    assertProblems(
        b -> b.githubRepo("my-org/my-repo"),
        "githubRepo: 'my-org/my-repo' "
            + REPO_RULE
            + ". Fix: use the repo part of github.com/<owner>/<repo>");
  }

  @Test
  void githubRepoWithCharactersGithubRejectsIsReported() {
    assertProblems(
        b -> b.githubRepo("my repo"),
        "githubRepo: 'my repo' "
            + REPO_RULE
            + ". Fix: use the repo part of github.com/<owner>/<repo>");
  }

  @Test
  void githubTokenSecretNameWithASpaceIsReported() {
    assertProblems(
        b -> b.githubTokenSecretName("github token"),
        "githubTokenSecretName: 'github token' is not an AWS Secrets Manager secret name (1 to 512"
            + " letters, digits and /_+=.@-). Fix: use the secret's name as shown by 'aws"
            + " secretsmanager list-secrets'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"refs/heads/main", "a..b", "-x", "with space"})
  void githubBranchThatGitWouldRejectIsReported(String branch) {
    assertProblems(
        b -> b.githubBranch(branch),
        "githubBranch: '" + branch + "' " + BRANCH_RULE + ". Fix: " + BRANCH_FIX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Argo", "argo_ns", "argo-"})
  void argoNamespaceThatIsNotADns1123LabelIsReported(String namespace) {
    assertProblems(
        b -> b.argoNamespace(namespace),
        "argoNamespace: '"
            + namespace
            + "' "
            + LABEL_RULE
            + ". Fix: use the namespace Argo Workflows runs in, e.g. 'argo'");
  }

  @Test
  void argoEventsNamespaceThatIsNotADns1123LabelIsReported() {
    assertProblems(
        b -> b.argoEventsNamespace("argo.events"),
        "argoEventsNamespace: 'argo.events' "
            + LABEL_RULE
            + ". Fix: use the namespace Argo Events runs in, e.g. 'argo-events'");
  }

  @Test
  void serviceAccountNameLongerThanTheRoleBindingAllowsIsReported() {
    String name = "s".repeat(52);
    assertProblems(
        b -> b.serviceAccountName(name),
        "serviceAccountName: '"
            + name
            + "' is 52 characters long, more than the 51 allowed: serviceAccount the workflow pods"
            + " run as, bound to the IRSA role. Fix: use a short lower-case name such as"
            + " 'workflow-executor'");
  }

  @Test
  void upperCaseServiceAccountNameIsReported() {
    assertProblems(
        b -> b.serviceAccountName("Workflow-Executor"),
        "serviceAccountName: 'Workflow-Executor' "
            + LABEL_RULE
            + ". Fix: use a short lower-case name such as 'workflow-executor'");
  }

  @Test
  void workflowTemplateNameThatIsNotADns1123LabelIsReported() {
    assertProblems(
        b -> b.workflowTemplateName("aphex_template"),
        "workflowTemplateName: 'aphex_template' "
            + LABEL_RULE
            + ". Fix: use a lower-case name such as 'aphex-pipeline-template'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"My-Bucket", "a..b", "192.168.1.1", "ab", "bucket-", "a.-b"})
  void artifactBucketNameThatS3WouldRejectIsReported(String bucket) {
    assertProblems(
        b -> b.artifactBucketName(bucket),
        "artifactBucketName: '" + bucket + "' " + BUCKET_RULE + ". Fix: " + BUCKET_FIX);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 3651})
  void artifactRetentionDaysOutsideOneToTenYearsIsReported(int days) {
    assertProblems(
        b -> b.artifactRetentionDays(days),
        "artifactRetentionDays: '" + days + "' " + RETENTION_RULE + ". Fix: " + RETENTION_FIX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/abs", "../x", "infra/../../x", "infra\\pipeline"})
  void selfUpdateProjectDirOutsideTheRepositoryIsReported(String dir) {
    assertProblems(
        b -> b.selfUpdateProjectDir(dir),
        "selfUpdateProjectDir: '" + dir + "' " + RELATIVE_PATH_RULE + ". Fix: " + PROJECT_DIR_FIX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev stack", "a/b/c/d", "/dev", "org//dev", "dev/"})
  void selfUpdateStackThatIsNotAPulumiStackNameIsReported(String stack) {
    assertProblems(
        b -> b.selfUpdateStack(stack),
        "selfUpdateStack: '"
            + stack
            + "' is not a Pulumi stack reference (<stack>, <org>/<stack> or"
            + " <org>/<project>/<stack>; letters, digits, '-', '_' and '.'; the stack part at most"
            + " 100). Fix: use a stack name such as 'dev' or 'my-org/aphex-pipeline/dev'");
  }

  @Test
  void pulumiBackendUrlWithAnUnknownSchemeIsReported() {
    assertProblems(
        b -> b.pulumiBackendUrl("ftp://x"),
        "pulumiBackendUrl: 'ftp://x' " + BACKEND_RULE + ". Fix: " + BACKEND_FIX);
  }

  @Test
  void pulumiAccessTokenSecretNameThatKubernetesWouldRejectIsReported() {
    assertProblems(
        b -> b.pulumiAccessTokenSecretName("Pulumi_Token"),
        "pulumiAccessTokenSecretName: 'Pulumi_Token' is not a valid DNS-1123 subdomain"
            + " (lower-case letters, digits, '-' and '.', starting and ending with a letter or"
            + " digit). Fix: use the name of a Secret in the workflow namespace with key"
            + " 'token'");
  }

  @Test
  void invalidImageSettingIsReportedUnderItsPropertyName() {
    assertProblems(
        b -> b.containerImageAccount("12345"),
        "containerImageAccount: '12345' is not a 12-digit AWS account ID. Fix: set it to the"
            + " 12-digit ID of the AWS account that holds the image repositories, e.g. pulumi"
            + " config set containerImageAccount 123456789012, or leave it unset to use the"
            + " stack's account");
  }

  @Test
  void blankValuesOfPropertiesWithALiteralDefaultAreReported() {
    assertProblems(
        b ->
            b.githubBranch("")
                .argoNamespace("")
                .argoEventsNamespace("")
                .serviceAccountName("")
                .workflowTemplateName("")
                .selfUpdateProjectDir(""),
        "githubBranch: '' " + BRANCH_RULE + ". Fix: " + BRANCH_FIX,
        "argoNamespace: '' "
            + LABEL_RULE
            + ". Fix: use the namespace Argo Workflows runs in, e.g. 'argo'",
        "argoEventsNamespace: '' "
            + LABEL_RULE
            + ". Fix: use the namespace Argo Events runs in, e.g. 'argo-events'",
        "serviceAccountName: '' "
            + LABEL_RULE
            + ". Fix: use a short lower-case name such as 'workflow-executor'",
        "workflowTemplateName: '' "
            + LABEL_RULE
            + ". Fix: use a lower-case name such as 'aphex-pipeline-template'",
        "selfUpdateProjectDir: '' " + RELATIVE_PATH_RULE + ". Fix: " + PROJECT_DIR_FIX);
  }

  @Test
  void blankOptionalValuesAreReportedRatherThanUsed() {
    assertProblems(
        b -> b.artifactBucketName("").pulumiBackendUrl(" ").pulumiAccessTokenSecretName(""),
        "artifactBucketName: '' " + BUCKET_RULE + ". Fix: " + BUCKET_FIX,
        "pulumiBackendUrl: ' ' " + BACKEND_RULE + ". Fix: " + BACKEND_FIX,
        "pulumiAccessTokenSecretName: '' is not a valid DNS-1123 subdomain (lower-case letters,"
            + " digits, '-' and '.', starting and ending with a letter or digit). Fix: use the"
            + " name of a Secret in the workflow namespace with key 'token'");
  }

  @Test
  void everyProblemIsReportedAtOnceInPropertyOrder() {
    AphexPipelineArgs.Builder builder =
        valid()
            .clusterName((String) null)
            .pipelineConfig(null)
            .githubBranch("-x")
            .artifactRetentionDays(0)
            .containerImageVersion("")
            .pulumiBackendUrl("ftp://x");

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "aphex-pipeline: invalid configuration, 6 problems (nothing was created):\n"
                + "  1. clusterName: is missing; it is required: the name of the existing EKS"
                + " cluster. Fix: set clusterName on AphexPipelineArgs.builder()\n"
                + "  2. pipelineConfig: is missing; it is required: the pipeline definition. Fix:"
                + " call .pipelineConfig(PipelineConfigParser.parse(Path.of(\"aphex-config.yaml\")))"
                + " on AphexPipelineArgs.builder()\n"
                + "  3. githubBranch: '-x' "
                + BRANCH_RULE
                + ". Fix: "
                + BRANCH_FIX
                + "\n"
                + "  4. artifactRetentionDays: '0' "
                + RETENTION_RULE
                + ". Fix: "
                + RETENTION_FIX
                + "\n"
                + "  5. pulumiBackendUrl: 'ftp://x' "
                + BACKEND_RULE
                + ". Fix: "
                + BACKEND_FIX
                + "\n"
                + "  6. containerImageVersion: '' is empty. Fix: set it to a tag of the published"
                + " images, e.g. pulumi config set containerImageVersion v1.0.1 (the default)");
  }

  @Test
  void theOrderOfProblemsIsThePropertyOrderNotTheOrderOfTheSetters() {
    AphexPipelineArgs.Builder builder =
        valid().pulumiBackendUrl("ftp://x").argoNamespace("Argo").githubOwner("-o");

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems().stream().map(Problem::location).toList())
                    .isEqualTo(List.of("githubOwner", "argoNamespace", "pulumiBackendUrl")));
  }

  /**
   * The component's args and the stack config are checked by the same schema: for every text
   * setting with a pattern, a value the schema refuses is refused by {@code build()} with the very
   * problem the stack-config check reports.
   */
  @Test
  void everyPatternOfTheStackConfigSchemaIsARuleOfTheArgs() throws ReflectiveOperationException {
    JsonNode keys = StackConfigSchema.schema().path("properties").path("config").path("properties");
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, JsonNode> key : keys.properties()) {
      String name = key.getKey().substring(StackConfigSchema.NAMESPACE.length() + 1);
      if (!key.getValue().path("type").asText().equals("string")
          || !key.getValue().has("pattern")
          || name.equals("pipelineConfig")) {
        continue;
      }
      String bad =
          Stream.of("..", "$ bad", "a\u0000")
              .filter(v -> !StackConfigSchema.checkSetting(name, TextNode.valueOf(v)).isEmpty())
              .findFirst()
              .orElseThrow();
      List<String> expected =
          StackConfigSchema.checkSetting(name, TextNode.valueOf(bad)).stream()
              .map(Problem::message)
              .toList();
      AphexPipelineArgs.Builder builder = valid().notificationWebhookSecretName("team/slack");
      AphexPipelineArgs.Builder.class.getMethod(name, String.class).invoke(builder, bad);
      ConfigProblems.assertRefused(builder::build, expected.toArray(String[]::new));
      checked.add(name);
    }
    assertThat(checked).contains("githubBranch", "pipelineName", "selfUpdateStack").hasSize(21);
  }
}
