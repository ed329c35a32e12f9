package io.aphex.pipeline.cli;

import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceArgs;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.aphex.pipeline.plan.Plan;
import io.aphex.pipeline.program.PulumiProgram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The oracle of the render: runs the real Pulumi program under the Pulumi SDK's own engine, with
 * {@link OfflineCloud} answering for AWS, and records what the engine receives. What it records is
 * what {@code pulumi up} would register, with stand-ins only where AWS would supply a value; {@code
 * PlanOracleTest} asserts that the render's plan ({@link StackPlan}) is exactly that.
 */
final class OfflineRender {

  private OfflineRender() {}

  /**
   * The engine as the render builds it: the project and stack, the offline cloud as mocks, the
   * stack config and a logger. The caller adds its deployment and monitor; the benchmark baseline
   * builds its engine here too, so that it measures the same engine.
   *
   * @param files the stack config
   * @param stack the stack name
   * @param cloud the offline stand-in for AWS and Kubernetes
   * @param logger the engine's logger
   * @return the partly configured engine builder
   */
  static PulumiTestInternal.Builder engine(
      StackFiles files, String stack, OfflineCloud cloud, Logger logger) {
    return PulumiTestInternal.builder()
        .options(
            TestOptions.builder()
                .projectName(files.projectName())
                .stackName(stack)
                .preview(false)
                .build())
        .mocks(cloud)
        .config(files.config(), files.secretKeys())
        .standardLogger(logger);
  }

  /**
   * Renders one stack.
   *
   * @param files the stack config
   * @param stack the stack name
   * @param projectDir the directory of {@code Pulumi.yaml}
   * @param account the AWS account the stack deploys into
   * @param region the AWS region the stack deploys into
   * @return the registered resources and outputs
   * @throws RenderException with the program's own messages when the program fails
   */
  static Plan run(StackFiles files, String stack, Path projectDir, String account, String region) {
    return run(
        files,
        stack,
        account,
        region,
        ctx -> PulumiProgram.run(ctx, Optional.of(files.projectKeys()), projectDir));
  }

  /**
   * Runs any program under the engine, as {@link #run(StackFiles, String, Path, String, String)}
   * runs the stack-config program.
   *
   * @param files the stack config
   * @param stack the stack name
   * @param account the AWS account the stack deploys into
   * @param region the AWS region the stack deploys into
   * @param program the program
   * @return the registered resources and outputs
   * @throws RenderException with the program's own messages when the program fails
   */
  static Plan run(
      StackFiles files,
      String stack,
      String account,
      String region,
      java.util.function.Consumer<com.pulumi.Context> program) {
    OfflineCloud cloud = new OfflineCloud(account, region);
    AtomicReference<RecordingMonitor> monitor = new AtomicReference<>();
    List<Resource> constructed = Collections.synchronizedList(new ArrayList<>());
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    Logger quiet = Logger.getLogger("aphex-render");
    quiet.setUseParentHandlers(false);
    quiet.setLevel(Level.WARNING);
    for (Handler handler : quiet.getHandlers()) {
      quiet.removeHandler(handler);
    }
    quiet.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
              warnings.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    try {
      PulumiTestInternal engine =
          engine(files, stack, cloud, quiet)
              .deploymentFactory(
                  state ->
                      new DeploymentImpl(state) {
                        @Override
                        public void readOrRegisterResource(
                            Resource resource,
                            boolean remote,
                            Function<String, Resource> newDependency,
                            ResourceArgs args,
                            ResourceOptions options,
                            Resource.LazyFields lazy,
                            CompletableFuture<String> packageRef) {
                          constructed.add(resource);
                          super.readOrRegisterResource(
                              resource, remote, newDependency, args, options, lazy, packageRef);
                        }
                      })
              .monitorDecorator(
                  ignored -> {
                    RecordingMonitor recording = new RecordingMonitor(cloud);
                    monitor.set(recording);
                    return recording;
                  })
              .build();
      TestResult result = engine.runTest(program::accept);
      if (result.exitCode() != 0) {
        throw new RenderException(failureMessage(result));
      }
      return new Plan(
          monitor.get().registered(constructed),
          outputs(result),
          List.copyOf(warnings),
          cloud.imageChecksSkipped());
    } finally {
      PulumiTest.cleanup();
    }
  }

  private static Map<String, Object> outputs(TestResult result) {
    Map<String, Object> outputs = new TreeMap<>();
    result.outputs().forEach((name, value) -> outputs.put(name, plain(value)));
    return new LinkedHashMap<>(outputs);
  }

  private static Object plain(Object value) {
    if (value instanceof Output<?> output) {
      OutputData<?> data = PulumiTestInternal.extractOutputData(output);
      if (data.isSecret()) {
        return RecordingMonitor.SECRET;
      }
      return data.isKnown() ? data.getValueNullable() : RecordingMonitor.UNKNOWN;
    }
    return value;
  }

  private static String failureMessage(TestResult result) {
    List<String> messages = new ArrayList<>();
    result.exceptions().forEach(e -> messages.add(rootMessage(e)));
    if (messages.isEmpty()) {
      messages.addAll(result.errors());
    }
    return messages.isEmpty()
        ? "the program failed with exit code " + result.exitCode()
        : String.join("\n", messages.stream().distinct().toList());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
