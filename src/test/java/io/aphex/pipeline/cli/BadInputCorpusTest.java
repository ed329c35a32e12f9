package io.aphex.pipeline.cli;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.aphex.pipeline.testing.SampleConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: every directory under {@code src/test/resources/bad-inputs} is one
 * malformed project. The sample project (the repository's {@code Pulumi.yaml}, {@code
 * Pulumi.dev.yaml} and {@code aphex-config.yaml}) is copied into a temporary directory, the case's
 * files replace the sample's, and {@code ./aphex render} must refuse it: exit 1, nothing on stdout,
 * nothing written, no stack trace, and exactly the stderr of the case's {@code expected.txt} (with
 * the temporary project directory shown as {@value #PROJECT_TOKEN}).
 *
 * <p>A case holds the files that differ from the sample, byte for byte, or a {@code <file>.gen}
 * recipe for a file too large to commit (see {@link #generate}). Run with {@code
 * -Dcorpus.update=true} to rewrite every {@code expected.txt} from what the render prints; review
 * the diff before committing it.
 */
class BadInputCorpusTest {

  private static final String PROJECT_TOKEN = "<project>";
  private static final String EXPECTED = "expected.txt";
  private static final String GENERATED_SUFFIX = ".gen";
  private static final List<String> SAMPLE_FILES =
      List.of("Pulumi.yaml", "Pulumi.dev.yaml", "aphex-config.yaml");
  private static final Set<String> OVERLAY_FILES =
      Set.of("Pulumi.yaml", "Pulumi.dev.yaml", "aphex-config.yaml", "credentials", "pipe.yaml");
  private static final boolean UPDATE = Boolean.getBoolean("corpus.update");

  /** Cases in the order of their number, so that 100 follows 99. */
  private static final Comparator<String> CASE_ORDER =
      Comparator.comparingInt((String name) -> Integer.parseInt(name.split("-", 2)[0]))
          .thenComparing(Comparator.naturalOrder());

  @TempDir Path temp;

  static Path corpusDir() {
    return SampleConfigs.projectDir().resolve("src/test/resources/bad-inputs");
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> entries = Files.list(corpusDir())) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted(CASE_ORDER)
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void renderRefusesTheInputWithExactlyTheExpectedMessage(String name) throws IOException {
    Path caseDir = corpusDir().resolve(name);
    Path project = Files.createDirectory(temp.resolve("project"));
    for (String file : SAMPLE_FILES) {
      Files.copy(SampleConfigs.projectDir().resolve(file), project.resolve(file));
    }
    assertThat(overlay(caseDir, project)).as("files of %s", name).isPositive();
    Path out = project.resolve("out");
    List<String> before = names(project);

    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
      exit =
          new AphexCli(o, e)
              .run(new String[] {"render", "--cwd", project.toString(), "--out", out.toString()});
    }
    String err = stderr.toString(StandardCharsets.UTF_8).replace(project.toString(), PROJECT_TOKEN);
    String all = stdout.toString(StandardCharsets.UTF_8) + err;

    Path expectedFile = caseDir.resolve(EXPECTED);
    if (UPDATE) {
      Files.writeString(expectedFile, err, StandardCharsets.UTF_8);
    }
    assertThat(exit).as("exit status of %s; stderr:%n%s", name, err).isEqualTo(1);
    assertThat(all).as("output of %s", name).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(out).doesNotExist();
    assertThat(names(project)).isEqualTo(before);
    assertThat(expectedFile).as("the expected stderr of %s", name).exists();
    assertThat(err)
        .as("stderr of %s", name)
        .isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
  }

  @Test
  void readmeListsEveryCaseAndTheCorpusHasAtLeastSixty() throws IOException {
    List<String> names = cases().toList();
    String readme = Files.readString(corpusDir().resolve("README.md"), StandardCharsets.UTF_8);
    List<String> listed =
        readme
            .lines()
            .filter(line -> line.startsWith("- `"))
            .map(line -> line.substring(3, line.indexOf('`', 3)))
            .toList();

    assertThat(listed).isEqualTo(names);
    assertThat(names).hasSizeGreaterThanOrEqualTo(60);
    assertThat(names).allMatch(n -> n.matches("[0-9]{2,3}-[a-z0-9-]+"), "NN-short-name");
  }

  /**
   * Copies the case's files over the sample project, generating those given as recipes; returns how
   * many files it replaced.
   */
  private static int overlay(Path caseDir, Path project) throws IOException {
    int replaced = 0;
    for (String file : names(caseDir)) {
      if (file.equals(EXPECTED)) {
        continue;
      }
      if (file.endsWith(GENERATED_SUFFIX)) {
        String target = file.substring(0, file.length() - GENERATED_SUFFIX.length());
        assertThat(OVERLAY_FILES).as("generated file of %s", caseDir).contains(target);
        String recipe = Files.readString(caseDir.resolve(file), StandardCharsets.UTF_8).strip();
        if (recipe.equals("fifo")) {
          Files.deleteIfExists(project.resolve(target));
          mkfifo(project.resolve(target));
        } else {
          Files.write(project.resolve(target), generate(recipe, project.resolve(target)));
        }
      } else {
        assertThat(OVERLAY_FILES).as("file of %s", caseDir).contains(file);
        Files.copy(caseDir.resolve(file), project.resolve(file), REPLACE_EXISTING);
      }
      replaced++;
    }
    return replaced;
  }

  private static void mkfifo(Path path) throws IOException {
    try {
      Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
      assertThat(mkfifo.waitFor()).as("mkfifo %s", path).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * Builds a file from a one-line recipe. {@code pad-to-bytes N}: the sample file followed by
   * comment lines, exactly N bytes long. {@code annotation-bytes N}: the sample stack file with a
   * webhook Service annotation of N bytes. {@code depends-on-chain N}: a pipeline config whose one
   * environment has N stacks, each depending on the one before. {@code fifo} (handled by the
   * caller): a named pipe.
   */
  private static byte[] generate(String recipe, Path sample) throws IOException {
    String[] words = recipe.split(" ");
    if (words.length == 2 && words[0].equals("annotation-bytes")) {
      String annotation = "x".repeat(Integer.parseInt(words[1]));
      return (Files.readString(sample, StandardCharsets.UTF_8)
              + "  aphex-pipeline:webhookService:\n    annotations:\n      example.com/big: "
              + annotation
              + "\n")
          .getBytes(StandardCharsets.UTF_8);
    }
    if (words.length == 2 && words[0].equals("depends-on-chain")) {
      int stacks = Integer.parseInt(words[1]);
      StringBuilder text =
          new StringBuilder(
              "version: \"1.0\"\nbuild:\n  commands: [\"npm ci\"]\nenvironments:\n"
                  + "  - name: dev\n    region: us-east-1\n    account: \"123456789012\"\n"
                  + "    stacks:\n");
      for (int i = 0; i < stacks; i++) {
        text.append("      - {name: S").append(i).append(", path: lib/s.ts");
        if (i > 0) {
          text.append(", dependsOn: [S").append(i - 1).append(']');
        }
        text.append("}\n");
      }
      return text.toString().getBytes(StandardCharsets.UTF_8);
    }
    if (words.length == 2 && words[0].equals("pad-to-bytes")) {
      int size = Integer.parseInt(words[1]);
      StringBuilder text = new StringBuilder(Files.readString(sample, StandardCharsets.UTF_8));
      String filler = "# padding ........................................................\n";
      while (text.length() + filler.length() <= size) {
        text.append(filler);
      }
      text.append("#".repeat(size - text.length()));
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(bytes).hasSize(size);
      return bytes;
    }
    throw new AssertionError("unknown recipe '" + recipe + "'");
  }

  private static List<String> names(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError("cannot list " + dir, e);
    }
  }
}
