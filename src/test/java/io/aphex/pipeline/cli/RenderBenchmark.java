package io.aphex.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aphex.pipeline.argo.PipelineTargets;
import io.aphex.pipeline.plan.Plan;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scale benchmark of the render: generates pipeline configs of N environments with three stacks
 * and one test command each, renders each one in-process exactly as {@code ./aphex render} does
 * (without JVM start and file writing), and prints the WorkflowTemplate size, the IAM inline policy
 * size of the workflow role and the median render time, beside a baseline: the same engine running
 * an empty program. Not a unit test; {@code bench/render-bench.sh} runs it.
 *
 * <p>Usage: {@code RenderBenchmark WORK_DIR [--sizes 3,50,200,1000] [--runs 15] [--warmup 10]
 * [--max-seconds 10]}. The projects are written to {@code WORK_DIR/envs-N} (kept, so the script can
 * time {@code ./aphex render} on them) and the results to {@code WORK_DIR/in-process.tsv}.
 */
public final class RenderBenchmark {

  /** The size of the Kubernetes {@code last-applied-configuration} annotation limit, in bytes. */
  static final int ANNOTATION_LIMIT = 262_144;

  /** The aggregate size limit of a role's inline policies, in characters without whitespace. */
  static final int ROLE_POLICY_LIMIT = 10_240;

  private static final List<String> REGIONS =
      List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1", "eu-central-1");
  private static final String STACK = "dev";
  private static final int BASELINE_RUNS = 51;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final int runs;
  private final int warmup;
  private final double maxSeconds;

  private RenderBenchmark(PrintStream out, int runs, int warmup, double maxSeconds) {
    this.out = out;
    this.runs = runs;
    this.warmup = warmup;
    this.maxSeconds = maxSeconds;
  }

  /** One render's measurements. */
  record Sample(
      int templateBytes,
      int targetsBytes,
      int rolePolicyChars,
      int managedPolicies,
      int largestManagedChars,
      double renderMs,
      double filesMs) {}

  /** One row of the table: a size, or the error that stopped it. */
  record Row(
      int envs,
      int templateBytes,
      int targetsBytes,
      int rolePolicyChars,
      int managedPolicies,
      int largestManagedChars,
      double[] renderMs,
      double filesMs,
      String error) {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code WORK_DIR [--sizes 3,50,200,1000] [--runs 15] [--warmup 10] [--max-seconds
   *     10]}
   * @throws IOException when the work directory cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 0 || args.length % 2 == 0) {
      System.err.println(
          "usage: RenderBenchmark WORK_DIR [--sizes 3,50,200,1000] [--runs 15] [--warmup 10]"
              + " [--max-seconds 10]");
      System.exit(2);
    }
    Path work = Path.of(args[0]).toAbsolutePath();
    int[] sizes = {3, 50, 200, 1000};
    int runs = 15;
    int warmup = 10;
    double maxSeconds = 10;
    for (int i = 1; i < args.length; i += 2) {
      switch (args[i]) {
        case "--sizes" ->
            sizes = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--max-seconds" -> maxSeconds = Double.parseDouble(args[i + 1]);
        case "--accounts" -> accounts = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new RenderBenchmark(out, Math.max(1, runs), warmup, maxSeconds).run(work, sizes);
  }

  private void run(Path work, int[] sizes) throws IOException {
    Path project = SampleConfigs.projectDir();
    List<Path> dirs = new ArrayList<>();
    for (int envs : sizes) {
      dirs.add(writeProject(project, work.resolve("envs-" + envs), envs));
    }
    Path warmupDir = dirs.size() > 1 && renders(dirs.get(1)) ? dirs.get(1) : dirs.get(0);
    StackFiles baselineFiles = StackFiles.read(warmupDir, STACK);
    String account = EmptyProgramRender.account(baselineFiles);
    String region = baselineFiles.config().get("aws:region");
    for (int i = 0; i < warmup; i++) {
      renders(warmupDir);
      EmptyProgramRender.run(baselineFiles, STACK, account, region);
    }
    double[] baseline =
        time(
            () -> EmptyProgramRender.run(baselineFiles, STACK, account, region),
            Math.max(BASELINE_RUNS, runs));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      rows.add(measure(sizes[i], dirs.get(i)));
    }
    print(baseline, rows);
    writeTsv(work.resolve("in-process.tsv"), baseline, rows);
  }

  private Row measure(int envs, Path dir) {
    try {
      Sample first = render(dir);
      List<Sample> samples = new ArrayList<>();
      long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
      while (samples.size() < runs && (samples.size() < 3 || System.nanoTime() < deadline)) {
        System.gc();
        samples.add(render(dir));
      }
      double[] ms = samples.stream().mapToDouble(Sample::renderMs).sorted().toArray();
      double files = median(samples.stream().mapToDouble(Sample::filesMs).sorted().toArray());
      return new Row(
          envs,
          first.templateBytes(),
          first.targetsBytes(),
          first.rolePolicyChars(),
          first.managedPolicies(),
          first.largestManagedChars(),
          ms,
          files,
          null);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      return new Row(envs, 0, 0, 0, 0, 0, new double[0], 0, message);
    }
  }

  /**
   * Does what {@code ./aphex render} does before writing the files, timing the render (reading the
   * stack files and {@link StackPlan#of}) and the building of the file contents apart.
   */
  private Sample render(Path dir) {
    long start = System.nanoTime();
    StackFiles files = StackFiles.read(dir, STACK);
    String region = files.config().get("aws:region");
    Plan result = StackPlan.of(files, STACK, dir, EmptyProgramRender.account(files), region);
    long rendered = System.nanoTime();
    List<Map<String, Object>> objects = RenderFiles.kubernetesObjects(result);
    String plan = RenderFiles.planJson(RenderFiles.planMap(files.projectName(), STACK, result));
    String manifests = RenderFiles.manifestsYaml(objects);
    long serialized = System.nanoTime();
    if (plan.isEmpty() || manifests.isEmpty()) {
      throw new IllegalStateException("empty render of " + dir);
    }
    int template =
        objects.stream()
            .filter(o -> "WorkflowTemplate".equals(o.get("kind")))
            .mapToInt(RenderBenchmark::compactJsonBytes)
            .sum();
    int targets =
        objects.stream()
            .filter(o -> "ConfigMap".equals(o.get("kind")))
            .filter(o -> PipelineTargets.COMPONENT.equals(label(o, "app.kubernetes.io/component")))
            .mapToInt(RenderBenchmark::compactJsonBytes)
            .sum();
    int policies =
        result.resources().stream()
            .filter(r -> r.type().equals("aws:iam/rolePolicy:RolePolicy"))
            .map(r -> r.inputs().get("policy"))
            .mapToInt(p -> p instanceof String s ? s.replaceAll("\\s", "").length() : 0)
            .sum();
    List<Integer> managed =
        result.resources().stream()
            .filter(r -> r.type().equals("aws:iam/policy:Policy"))
            .map(r -> r.inputs().get("policy"))
            .map(p -> p instanceof String s ? s.replaceAll("\\s", "").length() : 0)
            .toList();
    return new Sample(
        template,
        targets,
        policies,
        managed.size(),
        managed.stream().mapToInt(Integer::intValue).max().orElse(0),
        (rendered - start) / 1e6,
        (serialized - rendered) / 1e6);
  }

  private static Object label(Map<String, Object> object, String key) {
    return object.get("metadata") instanceof Map<?, ?> metadata
            && metadata.get("labels") instanceof Map<?, ?> labels
        ? labels.get(key)
        : null;
  }

  /** Renders once for warm-up; a failure is reported by the size's own row. */
  private boolean renders(Path dir) {
    try {
      render(dir);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private double[] time(Runnable task, int count) {
    double[] ms = new double[count];
    for (int i = 0; i < count; i++) {
      System.gc();
      long start = System.nanoTime();
      task.run();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private void print(double[] baseline, List<Row> rows) {
    out.printf(
        "In-process render (StackFiles.read + StackPlan.of; %d warm-up renders, median of up"
            + " to %d runs; Java %s %s)%n",
        warmup,
        runs,
        Runtime.version(),
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    out.printf(
        "%-9s %11s %11s %11s %11s %22s %9s %9s %9s %28s%n",
        "envs",
        "template B",
        "B/env marg",
        "B/env tot",
        "IAM chars",
        "render ms med (range)",
        "ms/env",
        "x base",
        "files ms",
        "managed IAM (largest chars)");
    out.printf(
        "%-9s %11s %11s %11s %11s %22s %9s %9s %9s %28s%n",
        "baseline", "-", "-", "-", "-", msRange(baseline), "-", "1.0", "-", "-");
    Row first = rows.isEmpty() || rows.get(0).error() != null ? null : rows.get(0);
    for (Row row : rows) {
      if (row.error() != null) {
        out.printf("%-9d FAILED: %s%n", row.envs(), oneLine(row.error()));
        continue;
      }
      boolean marginal = first != null && row.envs() > first.envs();
      out.printf(
          Locale.ROOT,
          "%-9d %,11d %11s %,11d %,11d %22s %9s %9.1f %9.1f %28s%n",
          row.envs(),
          row.templateBytes(),
          marginal
              ? String.format(
                  Locale.ROOT,
                  "%,d",
                  (row.templateBytes() - first.templateBytes()) / (row.envs() - first.envs()))
              : "-",
          row.templateBytes() / row.envs(),
          row.rolePolicyChars(),
          msRange(row.renderMs()),
          marginal
              ? String.format(
                  Locale.ROOT,
                  "%.2f",
                  (median(row.renderMs()) - median(first.renderMs())) / (row.envs() - first.envs()))
              : "-",
          median(row.renderMs()) / median(baseline),
          row.filesMs(),
          String.format(Locale.ROOT, "%d (%,d)", row.managedPolicies(), row.largestManagedChars()));
    }
    out.printf(
        "Limits: %,d B (client-side apply annotation; the component uses server-side apply),"
            + " %,d B (1 MiB); IAM role inline policies %,d characters.%n",
        ANNOTATION_LIMIT, 1 << 20, ROLE_POLICY_LIMIT);
  }

  private void writeTsv(Path file, double[] baseline, List<Row> rows) throws IOException {
    StringBuilder tsv =
        new StringBuilder("envs\tbytes\tiam\tmed_ms\tmin_ms\tmax_ms\truns\terror\ttargets\n");
    tsv.append(tsvLine("baseline", 0, 0, baseline, "", 0));
    for (Row row : rows) {
      tsv.append(
          tsvLine(
              String.valueOf(row.envs()),
              row.templateBytes(),
              row.rolePolicyChars(),
              row.renderMs(),
              row.error() == null ? "" : oneLine(row.error()),
              row.targetsBytes()));
    }
    Files.writeString(file, tsv.toString(), StandardCharsets.UTF_8);
  }

  private static String tsvLine(
      String name, int bytes, int iam, double[] ms, String error, int targets) {
    return String.format(
        Locale.ROOT,
        "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%d\t%s\t%d%n",
        name,
        bytes,
        iam,
        ms.length == 0 ? 0 : median(ms),
        ms.length == 0 ? 0 : ms[0],
        ms.length == 0 ? 0 : ms[ms.length - 1],
        ms.length,
        error,
        targets);
  }

  /**
   * Writes a project of {@code envs} environments: the repository's {@code Pulumi.yaml} and {@code
   * Pulumi.dev.yaml} and a generated {@code aphex-config.yaml}.
   *
   * @param repository the repository root
   * @param dir the project directory to write
   * @param envs the number of environments
   * @return {@code dir}
   * @throws IOException when a file cannot be written
   */
  static Path writeProject(Path repository, Path dir, int envs) throws IOException {
    Files.createDirectories(dir);
    for (String file : List.of("Pulumi.yaml", "Pulumi.dev.yaml")) {
      Files.copy(repository.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(dir.resolve("aphex-config.yaml"), pipelineConfig(envs));
    return dir;
  }

  /**
   * The pipeline config of {@code envs} environments {@code env-000}, ... in the shape of the
   * predecessor's scale config: regions in turn, accounts {@code 100000000000 + (i mod 25)} (the
   * predecessor's config has one account per environment, but 25 accounts is what one role's IAM
   * policy can address by exact role names, and big pipelines spread over regions more than
   * accounts), the stacks NetworkStack, DataStack and AppStack, and one test command.
   *
   * @param envs the number of environments
   * @return the YAML text
   */
  /** Distinct target accounts in the generated configs; 0 gives each environment its own. */
  static int accounts = 25;

  static String pipelineConfig(int envs) {
    int width = Math.max(3, String.valueOf(envs - 1).length());
    StringBuilder yaml =
        new StringBuilder(
            """
            version: "1.0"

            build:
              commands:
                - "npm ci"
                - "npm run build"

            environments:
            """);
    for (int i = 0; i < envs; i++) {
      String name = String.format(Locale.ROOT, "env-%0" + width + "d", i);
      yaml.append("  - name: ").append(name).append('\n');
      yaml.append("    region: ").append(REGIONS.get(i % REGIONS.size())).append('\n');
      yaml.append("    account: \"")
          .append(100_000_000_000L + (accounts == 0 ? i : i % accounts))
          .append("\"\n");
      yaml.append("    stacks:\n");
      for (String stack : List.of("NetworkStack", "DataStack", "AppStack")) {
        yaml.append("      - name: ").append(stack).append('\n');
        yaml.append("        path: lib/").append(stack.toLowerCase(Locale.ROOT)).append(".ts\n");
      }
      yaml.append("    tests:\n      commands:\n");
      yaml.append("        - \"npm run test:integration -- --env ").append(name).append("\"\n");
    }
    return yaml.toString();
  }

  private static int compactJsonBytes(Map<String, Object> object) {
    try {
      return JSON.writeValueAsString(object).getBytes(StandardCharsets.UTF_8).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String msRange(double[] sorted) {
    return String.format(
        Locale.ROOT, "%.1f (%.1f-%.1f)", median(sorted), sorted[0], sorted[sorted.length - 1]);
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
