package io.aphex.pipeline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutates a copy of the sample project along one class of {@link FuzzContractTest.MutationClass}:
 * one change to {@code aphex-config.yaml}, {@code Pulumi.dev.yaml} or {@code Pulumi.yaml}, or to
 * the file system around them, chosen by the seeded random source.
 */
final class FuzzMutator {

  private static final String[] FILES = {"aphex-config.yaml", "Pulumi.dev.yaml", "Pulumi.yaml"};
  private static final String[] ODD = {
    "\\u202e",
    "\\u200b",
    "\\ufeff",
    "\\ud800",
    "\\udc00",
    "\\0",
    "\\u2028",
    "\\U0001F600",
    "\\x85",
    "\\e",
    "é",
    "\\uFFFF",
    "Ａ",
    "\\u0430"
  };
  private static final String[] INJECTIONS = {
    "$(id)", "`id`", "{{workflow.name}}", "{{=sprig.env('X')}}", "; curl evil", "'\"", "${HOME}",
    "../../etc/passwd", "a\\nb: c", "--help", "-rf /", "%s%n", "<script>", "\\\\"
  };
  private static final String[] NUMBERS = {
    "1e309",
    ".inf",
    "-.inf",
    ".nan",
    "\"3\"",
    "0x1F",
    "0o17",
    "-0",
    "99999999999999999999",
    "1_000",
    "3.0",
    "1:30",
    "-1",
    "0",
    "2147483648"
  };
  private static final String[] YAML_TRICKS = {
    "&a [*a]",
    "!!binary aGVsbG8=",
    "!!python/object:os.system x",
    "<<: {a: 1}",
    "*undefined",
    "{a: 1, a: 2}",
    "[",
    "]",
    "? complex\n: key",
    "!custom x",
    "|\n  block",
    ">-\n  folded",
    "'unterminated",
    "\"\\ud83d\"",
    "---\nsecond: doc",
    "%YAML 1.1"
  };
  private static final String[] TYPES = {"[]", "{}", "[a, b]", "{k: v}", "true", "null", "~", "42"};

  private final Random random;
  private final Path project;
  private final List<String> extraArgs = new ArrayList<>();

  FuzzMutator(Random random, Path project) {
    this.random = random;
    this.project = project;
  }

  /** Command-line arguments the mutation adds, e.g. an odd {@code --stack}. */
  List<String> extraArgs() {
    return extraArgs;
  }

  /**
   * Applies one mutation of the class.
   *
   * @return what was done, to replay a failure
   */
  String apply(FuzzContractTest.MutationClass mutationClass) throws IOException {
    return switch (mutationClass) {
      case TYPE_SWAP -> replaceValue(pick(TYPES));
      case DELETED_KEY -> editLine((lines, i) -> lines.remove(i), "deleted line");
      case DUPLICATED_KEY -> editLine((lines, i) -> lines.add(i, lines.get(i)), "duplicated line");
      case HUGE_VALUE -> replaceValue("\"" + "x".repeat(1 + random.nextInt(400_000)) + "\"");
      case ODD_UNICODE -> replaceValue("\"v" + pick(ODD) + "v\"");
      case YAML_TRICK -> replaceValue(pick(YAML_TRICKS));
      case INJECTION -> replaceValue("'" + pick(INJECTIONS).replace("'", "''") + "'");
      case NUMBER -> replaceValue(pick(NUMBERS));
      case NAME_TYPO -> nameTypo();
      case FILE_SYSTEM -> fileSystem();
    };
  }

  private String replaceValue(String value) throws IOException {
    String file = pick(FILES);
    Path path = project.resolve(file);
    List<String> lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
    List<Integer> keyed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("\\s*(- )?[A-Za-z:\"-]+:( .*)?")) {
        keyed.add(i);
      }
    }
    int i = keyed.get(random.nextInt(keyed.size()));
    String line = lines.get(i);
    int colon = line.indexOf(": ");
    String replaced =
        colon >= 0 ? line.substring(0, colon + 2) + value : line + " " + value.replace("\n", " ");
    lines.set(i, replaced);
    write(path, lines);
    return file + " line " + (i + 1) + " := " + abbreviated(replaced);
  }

  private interface LineEdit {
    void edit(List<String> lines, int index);
  }

  private String editLine(LineEdit edit, String what) throws IOException {
    String file = pick(FILES);
    Path path = project.resolve(file);
    List<String> lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
    int i = random.nextInt(lines.size());
    String line = lines.get(i);
    edit.edit(lines, i);
    write(path, lines);
    return file + " " + what + " " + (i + 1) + ": " + abbreviated(line);
  }

  private String nameTypo() throws IOException {
    String[][] typos = {
      {"Pulumi.dev.yaml", "aphex-pipeline:githubBranch", "aphex-pipline:githubBranch"},
      {"Pulumi.dev.yaml", "aphex-pipeline:clusterName", "clusterName"},
      {"Pulumi.dev.yaml", "aws:region: us-east-1", "aws:region: us-wets-2"},
      {"Pulumi.dev.yaml", "aphex-pipeline:githubRepo", "aphex-pipeline:githubrepo"},
      {"aphex-config.yaml", "region: us-west-2", "region: us-wets-2"},
      {"aphex-config.yaml", "region: us-east-1", "region: US-EAST-1"},
      {"aphex-config.yaml", "environments:", "enviroments:"},
      {"aphex-config.yaml", "name: dev", "name: Dev"},
      {"Pulumi.yaml", "name: aphex-pipeline", "name: aphex-pipline"},
    };
    String[] typo = typos[random.nextInt(typos.length)];
    Path path = project.resolve(typo[0]);
    String text = Files.readString(path, StandardCharsets.UTF_8);
    if (typo[2].equals("clusterName")) {
      text = text + "  clusterName: other\n";
    } else {
      text = text.replaceFirst(java.util.regex.Pattern.quote(typo[1]), typo[2]);
    }
    Files.writeString(path, text, StandardCharsets.UTF_8);
    return typo[0] + ": " + typo[1] + " -> " + typo[2];
  }

  private String fileSystem() throws IOException {
    Path stack = project.resolve("Pulumi.dev.yaml");
    Path outside = project.getParent().getParent().resolve("secret/credentials");
    return switch (random.nextInt(12)) {
      case 0 -> pipelineConfig("/etc/passwd");
      case 1 -> pipelineConfig("../../secret/credentials");
      case 2 -> {
        Files.createSymbolicLink(project.resolve("linked.yaml"), outside);
        yield pipelineConfig("linked.yaml") + " (a link to a file outside the project)";
      }
      case 3 -> {
        Files.delete(project.resolve("aphex-config.yaml"));
        mkfifo(project.resolve("aphex-config.yaml"));
        yield "aphex-config.yaml is a FIFO";
      }
      case 4 -> {
        Files.delete(project.resolve("aphex-config.yaml"));
        Files.createDirectory(project.resolve("aphex-config.yaml"));
        yield "aphex-config.yaml is a directory";
      }
      case 5 -> {
        Files.delete(stack);
        mkfifo(stack);
        yield "Pulumi.dev.yaml is a FIFO";
      }
      case 6 -> {
        Path out = Files.createDirectories(project.resolve("mine/manifests.yaml"));
        Files.writeString(out.resolve("notes.txt"), "the user's");
        extraArgs.addAll(List.of("--out", project.resolve("mine").toString()));
        yield "--out holds the user's directory manifests.yaml/";
      }
      case 7 -> {
        extraArgs.addAll(
            List.of("--stack", pick(new String[] {"..", ".", "a/b", "x".repeat(101)})));
        yield "--stack " + abbreviated(extraArgs.get(1));
      }
      case 8 -> {
        Files.writeString(project.resolve("notes.yaml"), "hello: world\n");
        yield pipelineConfig("notes.yaml") + " (not a pipeline definition)";
      }
      case 9 -> pipelineConfig("\"a\\0b\"");
      case 10 -> {
        Files.writeString(project.resolve("file"), "mine");
        extraArgs.addAll(List.of("--out", project.resolve("file/out").toString()));
        yield "--out under a file";
      }
      default -> {
        Files.createSymbolicLink(project.resolve("dangling"), project.resolve("nowhere"));
        extraArgs.addAll(List.of("--out", project.resolve("dangling").toString()));
        yield "--out is a dangling link";
      }
    };
  }

  private String pipelineConfig(String value) throws IOException {
    Path stack = project.resolve("Pulumi.dev.yaml");
    Files.writeString(
        stack,
        Files.readString(stack, StandardCharsets.UTF_8)
            + "  aphex-pipeline:pipelineConfig: "
            + value
            + "\n",
        StandardCharsets.UTF_8);
    return "pipelineConfig: " + value;
  }

  private static void mkfifo(Path path) throws IOException {
    try {
      if (new ProcessBuilder("mkfifo", path.toString()).start().waitFor() != 0) {
        throw new IOException("mkfifo " + path + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  private static void write(Path path, List<String> lines) throws IOException {
    Files.writeString(path, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private static String abbreviated(String text) {
    String oneLine = text.replace("\n", "\\n");
    return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
  }
}
