package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of single stack settings that the stack-config schema states with a pattern, as the
 * stack-config reader and the component's args both apply them: each accepts what the service
 * accepts and refuses, with the setting's own rule, what it would refuse.
 */
class StackSettingRulesTest {

  private static List<String> rules(String key, String value) {
    return StackConfigSchema.checkSetting(key, TextNode.valueOf(value)).stream()
        .map(Problem::rule)
        .toList();
  }

  private static final String OWNER_RULE =
      "is not a GitHub owner name (up to 39 letters, digits and single hyphens, not starting or"
          + " ending with a hyphen)";
  private static final String REPO_RULE =
      "is not a GitHub repository name (up to 100 letters, digits, '.', '_' and '-'; the name"
          + " only, without the owner and '/')";
  private static final String BRANCH_RULE =
      "is not a valid Git branch name (no spaces, '..', '~', '^', ':', '?', '*', '[' or '\\', no"
          + " leading '-' or '/', and without the refs/heads/ prefix)";
  private static final String BUCKET_RULE =
      "is not a valid S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-', starting"
          + " and ending with a letter or digit)";
  private static final String SECRET_RULE =
      "is not an AWS Secrets Manager secret name (1 to 512 letters, digits and /_+=.@-)";
  private static final String BACKEND_RULE =
      "is not a Pulumi backend URL (https://, s3://, gs://, azblob:// or file://; no '{{' or '$',"
          + " which Argo or Kubernetes would substitute in the workflow's environment)";
  private static final String RELATIVE_PATH_RULE =
      "is not a path relative to the repository root (no leading '/', no '..' segment, no '\\')";

  /** The args have no commands: an unknown field is renamed or removed in the value given. */
  @Test
  void anUnknownFieldOfAGivenValueIsRenamedOrRemoved() {
    String known =
        "; the known keys here are fsGroup, runAsNonRoot, runAsUser, allowPrivilegeEscalation,"
            + " seccompProfile, readOnlyRootFilesystem, dropAllCapabilities.";
    assertThat(
            Stream.of("runAsNonroot", "privileged")
                .flatMap(
                    field ->
                        StackConfigSchema.checkSetting("podSecurity", Map.of(field, 1)).stream())
                .map(Problem::message))
        .containsExactly(
            "podSecurity.runAsNonroot: 'runAsNonroot' is not a known key. Fix: Did you mean"
                + " 'runAsNonRoot'? Rename podSecurity.runAsNonroot to podSecurity.runAsNonRoot"
                + known,
            "podSecurity.privileged: 'privileged' is not a known key. Fix: Remove"
                + " podSecurity.privileged"
                + known);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "my-org", "My-Org-2", "0rg"})
  void githubOwnerAcceptsGithubUserAndOrganizationNames(String owner) {
    assertThat(rules("githubOwner", owner)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-my-org", "my-org-", "my--org", "my_org", "my.org", "my org"})
  void githubOwnerRejectsNamesGithubWouldRefuse(String owner) {
    assertThat(rules("githubOwner", owner)).containsExactly(OWNER_RULE);
  }

  @Test
  void githubOwnerHasAtMostThirtyNineCharacters() {
    assertThat(rules("githubOwner", "a".repeat(39))).isEmpty();
    assertThat(rules("githubOwner", "a".repeat(40))).containsExactly(OWNER_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"my-repo", "My.Repo_2", ".github", "...", "r"})
  void githubRepoAcceptsRepositoryNames(String repo) {
    assertThat(rules("githubRepo", repo)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "my repo", "my-repo!"})
  void githubRepoRejectsNamesGithubWouldRefuse(String repo) {
    assertThat(rules("githubRepo", repo)).containsExactly(REPO_RULE);
  }

  @Test
  void githubRepoHasAtMostOneHundredCharacters() {
    assertThat(rules("githubRepo", "a".repeat(100))).isEmpty();
    assertThat(rules("githubRepo", "a".repeat(101))).containsExactly(REPO_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"my-org/my-repo", "/my-repo", "my-repo/"})
  void githubRepoWithASlashIsTakenForOwnerAndRepo(String repo) {
    assertThat(rules("githubRepo", repo)).containsExactly(REPO_RULE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"main", "feature/x", "release-1.2", "user@host", "a.b/c_d", "fix-#12", "über"})
  void gitBranchAcceptsWhatGitAccepts(String branch) {
    assertThat(rules("githubBranch", branch)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "refs/heads/main",
        "-x",
        "/main",
        "main/",
        "main.",
        "main.lock",
        "a..b",
        "a//b",
        "a@{1}",
        "with space",
        "tab\there",
        "del\u007f",
        "a~1",
        "a^1",
        "a:b",
        "a?b",
        "a*b",
        "a[b",
        "a\\b"
      })
  void gitBranchRejectsWhatGitCheckRefFormatRejects(String branch) {
    assertThat(rules("githubBranch", branch)).containsExactly(BRANCH_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "my-bucket", "my.bucket.1", "123bucket"})
  void s3BucketAcceptsBucketNames(String bucket) {
    assertThat(rules("artifactBucketName", bucket)).isEmpty();
  }

  @Test
  void s3BucketHasAtMostSixtyThreeCharacters() {
    assertThat(rules("artifactBucketName", "a".repeat(63))).isEmpty();
    assertThat(rules("artifactBucketName", "a".repeat(64))).containsExactly(BUCKET_RULE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ab",
        "My-Bucket",
        "my_bucket",
        "-bucket",
        "bucket-",
        ".bucket",
        "bucket.",
        "a..b",
        "a.-b",
        "a-.b",
        "192.168.1.1"
      })
  void s3BucketRejectsNamesS3WouldRefuse(String bucket) {
    assertThat(rules("artifactBucketName", bucket)).containsExactly(BUCKET_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github-token", "team/ci/github_token", "a+b=c.d@e-f", "x"})
  void secretsManagerNameAcceptsSecretNames(String name) {
    assertThat(rules("githubTokenSecretName", name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "github token", "token!", "token#1"})
  void secretsManagerNameRejectsOtherCharacters(String name) {
    assertThat(rules("githubTokenSecretName", name)).containsExactly(SECRET_RULE);
  }

  @Test
  void secretsManagerNameHasAtMostFiveHundredTwelveCharacters() {
    assertThat(rules("githubTokenSecretName", "s".repeat(512))).isEmpty();
    assertThat(rules("githubTokenSecretName", "s".repeat(513))).containsExactly(SECRET_RULE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.pulumi.com",
        "s3://my-state",
        "s3://my-state/prefix?region=us-east-1",
        "gs://my-state",
        "azblob://my-container",
        "file:///var/pulumi"
      })
  void pulumiBackendUrlAcceptsTheSupportedBackends(String url) {
    assertThat(rules("pulumiBackendUrl", url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "ftp://x", "http://api.pulumi.com", "s3://", "s3://my state", "my-state"})
  void pulumiBackendUrlRejectsOtherUrls(String url) {
    assertThat(rules("pulumiBackendUrl", url)).containsExactly(BACKEND_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "infra", "infra/pipeline", "./infra", "a..b", "..x/y", "infra/"})
  void relativePathAcceptsPathsInsideTheRepository(String path) {
    assertThat(rules("selfUpdateProjectDir", path)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/abs",
        "..",
        "../x",
        "infra/..",
        "infra/../../x",
        "infra\\pipeline",
        "infra\npipeline",
        "infra\u007f"
      })
  void relativePathRejectsPathsThatCouldLeaveTheRepository(String path) {
    assertThat(rules("selfUpdateProjectDir", path)).containsExactly(RELATIVE_PATH_RULE);
  }

  @Test
  void aNonAsciiCharacterThatBreaksTheRuleIsNamedWithItsPosition() {
    assertThat(rules("githubRepo", "rêpo"))
        .containsExactly(
            "contains the non-ASCII character U+00EA (LATIN SMALL LETTER E WITH CIRCUMFLEX) at"
                + " position 2; it "
                + REPO_RULE);
    assertThat(rules("githubTokenSecretName", "tökén"))
        .containsExactly(
            "contains the non-ASCII character U+00F6 (LATIN SMALL LETTER O WITH DIAERESIS) at"
                + " position 2; it "
                + SECRET_RULE);
    assertThat(rules("githubBranch", "über")).isEmpty();
    assertThat(rules("githubBranch", "über branch")).containsExactly(BRANCH_RULE);
  }

  @Test
  void pulumiStackReferenceHasAStackPartOfAtMostOneHundredCharacters() {
    assertThat(rules("selfUpdateStack", "org/" + "s".repeat(100))).isEmpty();
    assertThat(rules("selfUpdateStack", "org/" + "s".repeat(101))).hasSize(1);
  }
}
