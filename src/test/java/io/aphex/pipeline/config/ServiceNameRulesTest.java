package io.aphex.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceNameRulesTest {

  private static final String OWNER_RULE =
      "is not a GitHub owner name (up to 39 letters, digits and single hyphens, not starting or"
          + " ending with a hyphen)";
  private static final String REPO_RULE =
      "is not a GitHub repository name (up to 100 letters, digits, '.', '_' and '-')";
  private static final String REPO_WITH_OWNER_RULE =
      "contains '/'; it must be the repository name only, without the owner";
  private static final String BRANCH_RULE =
      "is not a valid Git branch name (no spaces, '..', '~', '^', ':', '?', '*', '[' or '\\', no"
          + " leading '-' or '/', and without the refs/heads/ prefix)";
  private static final String BUCKET_RULE =
      "is not a valid S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-', starting"
          + " and ending with a letter or digit)";
  private static final String SECRET_RULE =
      "is not an AWS Secrets Manager secret name (1 to 512 letters, digits and /_+=.@-)";
  private static final String BACKEND_RULE =
      "is not a Pulumi backend URL (https://, s3://, gs://, azblob:// or file://)";
  private static final String RELATIVE_PATH_RULE =
      "is not a path relative to the repository root (no leading '/', no '..' segment, no '\\')";

  @ParameterizedTest
  @ValueSource(strings = {"a", "my-org", "My-Org-2", "0rg"})
  void githubOwnerAcceptsGithubUserAndOrganizationNames(String owner) {
    assertThat(ServiceNameRules.githubOwner(owner)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-my-org", "my-org-", "my--org", "my_org", "my.org", "my org"})
  void githubOwnerRejectsNamesGithubWouldRefuse(String owner) {
    assertThat(ServiceNameRules.githubOwner(owner)).contains(OWNER_RULE);
  }

  @Test
  void githubOwnerHasAtMostThirtyNineCharacters() {
    assertThat(ServiceNameRules.githubOwner("a".repeat(39))).isEmpty();
    assertThat(ServiceNameRules.githubOwner("a".repeat(40))).contains(OWNER_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"my-repo", "My.Repo_2", ".github", "...", "r"})
  void githubRepoAcceptsRepositoryNames(String repo) {
    assertThat(ServiceNameRules.githubRepo(repo)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "my repo", "my-repo!", "rêpo"})
  void githubRepoRejectsNamesGithubWouldRefuse(String repo) {
    assertThat(ServiceNameRules.githubRepo(repo)).contains(REPO_RULE);
  }

  @Test
  void githubRepoHasAtMostOneHundredCharacters() {
    assertThat(ServiceNameRules.githubRepo("a".repeat(100))).isEmpty();
    assertThat(ServiceNameRules.githubRepo("a".repeat(101))).contains(REPO_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"my-org/my-repo", "/my-repo", "my-repo/"})
  void githubRepoWithASlashIsTakenForOwnerAndRepo(String repo) {
    assertThat(ServiceNameRules.githubRepo(repo)).contains(REPO_WITH_OWNER_RULE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"main", "feature/x", "release-1.2", "user@host", "a.b/c_d", "fix-#12", "über"})
  void gitBranchAcceptsWhatGitAccepts(String branch) {
    assertThat(ServiceNameRules.gitBranch(branch)).isEmpty();
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
    assertThat(ServiceNameRules.gitBranch(branch)).contains(BRANCH_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "my-bucket", "my.bucket.1", "123bucket"})
  void s3BucketAcceptsBucketNames(String bucket) {
    assertThat(ServiceNameRules.s3Bucket(bucket)).isEmpty();
  }

  @Test
  void s3BucketHasAtMostSixtyThreeCharacters() {
    assertThat(ServiceNameRules.s3Bucket("a".repeat(63))).isEmpty();
    assertThat(ServiceNameRules.s3Bucket("a".repeat(64))).contains(BUCKET_RULE);
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
    assertThat(ServiceNameRules.s3Bucket(bucket)).contains(BUCKET_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github-token", "team/ci/github_token", "a+b=c.d@e-f", "x"})
  void secretsManagerNameAcceptsSecretNames(String name) {
    assertThat(ServiceNameRules.secretsManagerName(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "github token", "token!", "token#1", "tökén"})
  void secretsManagerNameRejectsOtherCharacters(String name) {
    assertThat(ServiceNameRules.secretsManagerName(name)).contains(SECRET_RULE);
  }

  @Test
  void secretsManagerNameHasAtMostFiveHundredTwelveCharacters() {
    assertThat(ServiceNameRules.secretsManagerName("s".repeat(512))).isEmpty();
    assertThat(ServiceNameRules.secretsManagerName("s".repeat(513))).contains(SECRET_RULE);
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
    assertThat(ServiceNameRules.pulumiBackendUrl(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "ftp://x", "http://api.pulumi.com", "s3://", "s3://my state", "my-state"})
  void pulumiBackendUrlRejectsOtherUrls(String url) {
    assertThat(ServiceNameRules.pulumiBackendUrl(url)).contains(BACKEND_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "infra", "infra/pipeline", "./infra", "a..b", "..x/y", "infra/"})
  void relativePathAcceptsPathsInsideTheRepository(String path) {
    assertThat(ServiceNameRules.relativePath(path)).isEmpty();
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
    assertThat(ServiceNameRules.relativePath(path)).contains(RELATIVE_PATH_RULE);
  }
}
