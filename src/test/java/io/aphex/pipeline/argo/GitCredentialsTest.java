package io.aphex.pipeline.argo;

import static io.aphex.pipeline.argo.WorkflowTemplateView.cast;
import static io.aphex.pipeline.argo.WorkflowTemplateView.container;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.aphex.pipeline.config.PipelineConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The stages clone a private repository with the GitHub token of {@link GitCredentials}, through
 * git's credential helper, and never show it. The build stage's generated script runs with the real
 * git against a repository served over HTTPS (git's "dumb" protocol, a self-signed certificate made
 * once with the JDK's keytool, {@code git-server.p12}) by a server that, like GitHub for a private
 * repository, answers 401 until the request carries the token.
 */
@Execution(ExecutionMode.CONCURRENT)
class GitCredentialsTest {

  private static final String TOKEN = "ghp_TestToken0123456789abcdefABCDEF";

  @TempDir static Path shared;
  private static SSLContext tls;
  private static String commit;

  @TempDir Path dir;

  private StageSandbox sandbox;
  private HttpsServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile boolean requireToken = true;
  private String repoUrl;

  /** One bare repository with one commit, and one self-signed certificate, for all tests. */
  @BeforeAll
  static void makeTheRepositoryAndTheCertificate() throws Exception {
    Path work = Files.createDirectories(shared.resolve("work"));
    git(work, "init", "-q", "-b", "main");
    Files.writeString(work.resolve("app.txt"), "private code\n");
    git(work, "add", "app.txt");
    git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "first");
    commit = git(work, "rev-parse", "HEAD").strip();
    Path bare = shared.resolve("served/my-repo.git");
    git(shared, "clone", "-q", "--bare", work.toString(), bare.toString());
    git(bare, "update-server-info");
    tls = selfSigned();
  }

  @BeforeEach
  void serveTheBareRepository() throws Exception {
    sandbox = new StageSandbox(dir.resolve("sandbox")).withRealGit();
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> serve(exchange, shared.resolve("served")));
    server.start();
    repoUrl = "https://127.0.0.1:" + server.getAddress().getPort() + "/my-repo.git";
    sandbox.withEnv("GIT_SSL_NO_VERIFY", "true");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aPrivateRepositoryIsClonedWithTheMountedTokenWhichNeverShows() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
    sandbox.withEnv("APHEX_GIT_TOKEN_FILE", tokenFile.toString());

    StageSandbox.Run run = build(List.of("git config --get-urlmatch credential.helper " + repoUrl));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(sandbox.workspace().resolve("app.txt")).hasContent("private code");
    assertThat(authorizations)
        .contains(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(run.output()).doesNotContain(TOKEN).contains("!f() {");
  }

  @Test
  void theHelperAnswersOnlyForTheRepositorysHost() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
    sandbox.withEnv("APHEX_GIT_TOKEN_FILE", tokenFile.toString());

    StageSandbox.Run run =
        build(
            List.of(
                "git config --get-urlmatch credential.helper https://gitlab.example.com/x.git"
                    + " || echo no-helper-for-other-hosts"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    // Its own line: the command as echoed ("+ git config ... || echo ...") contains the word too.
    assertThat(run.output()).contains("\nno-helper-for-other-hosts\n");
  }

  @Test
  void aPublicRepositoryClonesWithoutAnyToken() throws Exception {
    requireToken = false;
    sandbox.withEnv("APHEX_GIT_TOKEN_FILE", dir.resolve("no-such-file").toString());

    StageSandbox.Run run = build(List.of("test -z \"${GIT_CONFIG_COUNT:-}\""));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(sandbox.workspace().resolve("app.txt")).hasContent("private code");
    assertThat(authorizations).isEmpty();
  }

  @Test
  void aPrivateRepositoryWithoutATokenFailsWithTheFix() throws Exception {
    sandbox.withEnv("APHEX_GIT_TOKEN_FILE", dir.resolve("no-such-file").toString());

    StageSandbox.Run run = build(List.of("echo never"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "Cannot clone "
                + repoUrl
                + "; a private repository needs a GitHub token that can read it"
                + " (githubTokenSecretName, mounted at "
                + dir.resolve("no-such-file")
                + ")")
        .doesNotContain("+ echo never");
  }

  @Test
  void everyStageMountsTheSecretOptionallyAndTheTemplateHoldsNoToken() {
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(
                WorkflowTemplateFixtures.settings(), WorkflowTemplateFixtures.sample()));

    for (String stage : List.of("build", "pipeline-deployment", "validate", "deploy", "test")) {
      Map<String, Object> template = view.template(stage);
      List<Map<String, Object>> volumes = cast(template.get("volumes"));
      assertThat(volumes)
          .as(stage)
          .contains(
              Map.of(
                  "name",
                  "github-token",
                  "secret",
                  Map.of("secretName", "aphex-pipeline-template-github-token", "optional", true)));
      List<Map<String, Object>> mounts = cast(container(template).get("volumeMounts"));
      assertThat(mounts)
          .as(stage)
          .contains(
              Map.of("name", "github-token", "mountPath", "/etc/aphex/github", "readOnly", true));
      assertThat(WorkflowTemplateView.env(template))
          .as(stage)
          .contains(Map.of("name", "APHEX_GIT_TOKEN_FILE", "value", "/etc/aphex/github/token"));
    }
    assertThat(view.json()).doesNotContain("ghp_", "x-access-token:");
    assertThat(
            GitCredentials.secret(
                    WorkflowTemplateFixtures.settings().name(),
                    WorkflowTemplateFixtures.settings().namespace(),
                    WorkflowTemplateFixtures.settings().labels())
                .body())
        .isEqualTo(Map.of("type", "Opaque"));
  }

  private StageSandbox.Run build(List<String> commands) throws Exception {
    PipelineConfig config =
        WorkflowTemplateFixtures.single(commands, List.of("AppStack"), List.of());
    sandbox.withTargets(config);
    WorkflowTemplateView view =
        new WorkflowTemplateView(
            WorkflowTemplateFactory.build(WorkflowTemplateFixtures.settings(), config));
    return sandbox.run(
        view,
        "build",
        Map.of("workflow.parameters.repo-url", repoUrl, "workflow.parameters.commit-sha", commit));
  }

  /** Serves files under {@code root}; with {@link #requireToken}, only to Basic x-access-token. */
  private void serve(HttpExchange exchange, Path root) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization != null) {
        authorizations.add(authorization);
      }
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
      if (requireToken && !expected.equals(authorization)) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"GitHub\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /**
   * The server's key and self-signed certificate for 127.0.0.1, made once with the JDK's {@code
   * keytool -genkeypair -storetype PKCS12 -storepass changeit -alias server -keyalg RSA -keysize
   * 2048 -dname CN=127.0.0.1 -ext san=ip:127.0.0.1 -validity 36500}: it protects nothing (git is
   * told not to verify it, {@code GIT_SSL_NO_VERIFY}), and a keytool run per build cost a JVM start
   * and an RSA key generation.
   */
  private static SSLContext selfSigned() throws Exception {
    char[] password = "changeit".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = GitCredentialsTest.class.getResourceAsStream("git-server.p12")) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static String git(Path cwd, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("HOME", cwd.toString());
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }
}
