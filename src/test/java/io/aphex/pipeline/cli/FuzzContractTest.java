package io.aphex.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.schema.ManifestSchemas;
import io.aphex.pipeline.testing.SampleConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The input contract of {@code ./aphex render}, checked on seeded mutations of the sample project:
 * every case ends in a clean refusal (exit 1, nothing on stdout, every problem with its fix, {@code
 * aphex: nothing was written.}, no output directory) or in a render whose every Kubernetes object
 * validates against its upstream schema; never a stack trace, never a foreign file touched, never a
 * secret of the machine echoed, and never longer than {@link #CASE_TIMEOUT}.
 *
 * <p>The default suite (and CI) runs {@value #DEFAULT_CASES} cases with seed {@value
 * #DEFAULT_SEED}, the mutation classes in turn so that each gets the same share: enough to hold the
 * contract for every class while {@code mvn verify} stays fast. A long run, before a release or
 * after a change to the input checks (docs/hostile-input.md):
 *
 * <pre>
 * mvn -B -ntp -o test -Dtest=FuzzContractTest -Dfuzz.cases=5000 -Dfuzz.seed=$RANDOM
 * </pre>
 *
 * A failing case names its seed, number, class and mutation, and replays with the same seed and at
 * least as many cases.
 */
class FuzzContractTest {

  static final int DEFAULT_CASES = 30;
  static final long DEFAULT_SEED = 20261203L;
  static final Duration CASE_TIMEOUT = Duration.ofSeconds(30);

  /** A secret of the machine, outside the project, that no output may ever show. */
  private static final String MACHINE_SECRET = "AKIAFUZZMACHINESECRET";

  private static final List<String> SAMPLE_FILES =
      List.of("Pulumi.yaml", "Pulumi.dev.yaml", "aphex-config.yaml");

  /** The classes of mutation, after the list of what a fuzzing run found. */
  enum MutationClass {
    TYPE_SWAP,
    DELETED_KEY,
    DUPLICATED_KEY,
    HUGE_VALUE,
    ODD_UNICODE,
    YAML_TRICK,
    INJECTION,
    NUMBER,
    NAME_TYPO,
    FILE_SYSTEM
  }

  /** What happened to one case. */
  enum Outcome {
    REFUSED,
    RENDERED,
    BROKEN
  }

  record Case(int number, MutationClass mutationClass, String description) {}

  @TempDir Path temp;

  @Test
  void everyMutatedProjectIsRefusedCleanlyOrRendersValidObjects() throws Exception {
    long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
    int cases = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
    Random random = new Random(seed);
    Map<MutationClass, Map<Outcome, Integer>> tally = new EnumMap<>(MutationClass.class);
    List<String> broken = new ArrayList<>();
    Path secret = Files.createDirectories(temp.resolve("secret")).resolve("credentials");
    Files.writeString(secret, "[default]\naws_access_key_id = " + MACHINE_SECRET + "\n");
    ExecutorService runner = Executors.newCachedThreadPool(daemon());
    try {
      for (int i = 0; i < cases; i++) {
        MutationClass mutationClass = MutationClass.values()[i % MutationClass.values().length];
        Path project = Files.createDirectories(temp.resolve("case-" + i).resolve("project"));
        for (String file : SAMPLE_FILES) {
          Files.copy(SampleConfigs.projectDir().resolve(file), project.resolve(file));
        }
        FuzzMutator mutator = new FuzzMutator(random, project);
        String description = mutator.apply(mutationClass);
        Case c = new Case(i, mutationClass, description);
        Outcome outcome = run(c, project, mutator.extraArgs(), runner, broken, seed);
        tally
            .computeIfAbsent(mutationClass, k -> new EnumMap<>(Outcome.class))
            .merge(outcome, 1, Integer::sum);
        deleteTree(project.getParent());
      }
    } finally {
      runner.shutdownNow();
    }
    System.out.println(summary(seed, cases, tally));
    assertThat(broken).as("cases that broke the contract (seed %d)", seed).isEmpty();
    assertThat(secret).hasContent("[default]\naws_access_key_id = " + MACHINE_SECRET + "\n");
  }

  private Outcome run(
      Case c,
      Path project,
      List<String> extraArgs,
      ExecutorService runner,
      List<String> broken,
      long seed)
      throws Exception {
    Path out = project.resolve("out");
    Map<String, String> before = snapshot(project.getParent().getParent());
    List<String> args = new ArrayList<>(List.of("render", "--cwd", project.toString()));
    if (!extraArgs.contains("--out")) {
      args.addAll(List.of("--out", out.toString()));
    }
    args.addAll(extraArgs);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Future<Integer> exit =
        runner.submit(
            () -> {
              try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
                  PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
                return new AphexCli(o, e).run(args.toArray(String[]::new));
              }
            });
    String label = "seed " + seed + ", " + c;
    int status;
    try {
      status = exit.get(CASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      exit.cancel(true);
      broken.add(label + ": no answer within " + CASE_TIMEOUT);
      return Outcome.BROKEN;
    }
    String err = stderr.toString(StandardCharsets.UTF_8);
    String all = stdout.toString(StandardCharsets.UTF_8) + err;
    List<String> problems = new ArrayList<>();
    if (all.contains("Exception") || all.contains("\tat ") || all.contains("render failed")) {
      problems.add("a stack trace or an unexpected failure");
    }
    if (all.contains(MACHINE_SECRET)) {
      problems.add("the machine's secret in the output");
    }
    Map<String, String> after = snapshot(project.getParent().getParent());
    after.keySet().removeIf(k -> k.contains("/project/out/"));
    before.keySet().removeIf(k -> k.contains("/project/out/"));
    if (!after.equals(before)) {
      problems.add("files outside the output changed");
    }
    Outcome outcome;
    if (status == 0) {
      outcome = Outcome.RENDERED;
      validateRender(out, problems);
    } else if (status == 1 || status == 2) {
      outcome = Outcome.REFUSED;
      if (!stdout.toString(StandardCharsets.UTF_8).isEmpty()) {
        problems.add("output on stdout");
      }
      if (status == 1 && !err.endsWith("aphex: nothing was written.\n")) {
        problems.add("no 'nothing was written'");
      }
      if (err.lines().anyMatch(l -> l.matches(" *[0-9]+\\. .*") && !l.contains(". Fix: "))) {
        problems.add("a problem without a fix");
      }
      if (Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && !extraArgs.contains("--out")) {
        problems.add("an output directory on refusal");
      }
    } else {
      outcome = Outcome.BROKEN;
      problems.add("exit status " + status);
    }
    if (!problems.isEmpty()) {
      broken.add(label + ": " + problems + "\n" + all.lines().limit(8).toList());
      return Outcome.BROKEN;
    }
    return outcome;
  }

  @SuppressWarnings("unchecked")
  private static void validateRender(Path out, List<String> problems) throws IOException {
    Path manifests = out.resolve("manifests.yaml");
    if (!Files.isRegularFile(manifests) || !Files.isRegularFile(out.resolve("plan.json"))) {
      problems.add("a render without its files");
      return;
    }
    for (Object document :
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(manifests))) {
      Map<String, Object> object = (Map<String, Object>) document;
      if ("Secret".equals(object.get("kind"))) {
        continue;
      }
      try {
        ManifestSchemas.get().assertValid(object);
      } catch (AssertionError e) {
        problems.add("an object that fails its schema: " + e.getMessage().lines().findFirst());
      }
    }
  }

  private static String summary(
      long seed, int cases, Map<MutationClass, Map<Outcome, Integer>> tally) {
    StringBuilder text =
        new StringBuilder("fuzz: seed " + seed + ", " + cases + " cases (refused/rendered/broken)");
    int[] totals = new int[3];
    tally.forEach(
        (mutationClass, outcomes) -> {
          text.append("\n  ").append(mutationClass).append(':');
          for (Outcome o : Outcome.values()) {
            int n = outcomes.getOrDefault(o, 0);
            totals[o.ordinal()] += n;
            text.append(' ').append(n);
          }
        });
    text.append("\n  total: ")
        .append(totals[0])
        .append(' ')
        .append(totals[1])
        .append(' ')
        .append(totals[2]);
    return text.toString();
  }

  /** Every regular file under a directory with the digest of its bytes; links and pipes by kind. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.toList()) {
        String key = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          files.put(key, "link " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p)) {
          files.put(key, sha256(Files.readAllBytes(p)));
        } else if (!Files.isDirectory(p)) {
          files.put(key, "special");
        }
      }
    }
    return files;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "fuzz-case");
      t.setDaemon(true);
      return t;
    };
  }
}
