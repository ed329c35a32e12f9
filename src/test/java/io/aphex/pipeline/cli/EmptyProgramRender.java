package io.aphex.pipeline.cli;

import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The baseline of the render benchmark: the Pulumi SDK's engine, built by {@link
 * OfflineRender#engine} (project, stack, offline mocks, the stack config, a quiet logger, the
 * recording monitor), running a Pulumi program that does nothing: the floor of any render that runs
 * the engine, as {@code ./aphex render} did before it serialized the plan instead (issue 14).
 */
public final class EmptyProgramRender {

  private EmptyProgramRender() {}

  /**
   * Runs the empty program once for a project directory, as {@code ./aphex render} would run the
   * real one, and exits with the engine's exit code; {@code bench/render-bench.sh} times it as a
   * whole process.
   *
   * @param args the project directory (default: the current directory)
   */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "").toAbsolutePath();
    StackFiles files = StackFiles.read(dir, "dev");
    System.exit(run(files, "dev", account(files), files.config().get("aws:region")));
  }

  /**
   * Runs the empty program under the engine.
   *
   * @param files the stack config
   * @param stack the stack name
   * @param account the AWS account
   * @param region the AWS region
   * @return the engine's exit code
   */
  static int run(StackFiles files, String stack, String account, String region) {
    OfflineCloud cloud = new OfflineCloud(account, region);
    Logger quiet = Logger.getLogger("aphex-render-baseline");
    quiet.setUseParentHandlers(false);
    quiet.setLevel(Level.OFF);
    try {
      TestResult result =
          OfflineRender.engine(files, stack, cloud, quiet)
              .deploymentFactory(DeploymentImpl::new)
              .monitorDecorator(ignored -> new RecordingMonitor(cloud))
              .build()
              .runTest(ctx -> {});
      return result.exitCode();
    } finally {
      PulumiTest.cleanup();
    }
  }

  /**
   * The account {@code ./aphex render} uses without {@code --account}: the first entry of {@code
   * aws:allowedAccountIds}.
   *
   * @param files the stack config
   * @return the account
   */
  static String account(StackFiles files) {
    String allowed = files.config().getOrDefault("aws:allowedAccountIds", "");
    return allowed.replaceAll("[\\[\\]\"\\s]", "").split(",")[0];
  }
}
