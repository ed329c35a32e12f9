package io.aphex.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.aphex.pipeline.testing.SampleConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./aphex render --out}: the render replaces only what a render wrote (the files its
 * manifest lists), refuses everything else before doing any work, and says why a directory cannot
 * be written. The user's files are never touched.
 */
class RenderDirectoryTest {

  @TempDir Path temp;

  private Path project;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void copySampleProject() throws IOException {
    project = Files.createDirectory(temp.resolve("project"));
    for (String file : List.of("Pulumi.dev.yaml", "Pulumi.yaml", "aphex-config.yaml")) {
      Files.copy(SampleConfigs.projectDir().resolve(file), project.resolve(file));
    }
  }

  @Test
  void aDirectoryNamedLikeARenderFileWithTheUsersFilesInItIsRefusedAndKept() throws IOException {
    Path out = Files.createDirectory(temp.resolve("out"));
    Path mine = Files.createDirectory(out.resolve("manifests.yaml"));
    Files.writeString(mine.resolve("notes.txt"), "mine");
    Files.writeString(out.resolve("plan.json"), "mine too");

    Run run = render("--out", out.toString());

    assertRefused(
        run,
        "aphex: --out "
            + out
            + " exists and holds other files than a render (manifests.yaml/, plan.json); choose an"
            + " empty or new directory; the render replaces only the files its .aphex-render"
            + " lists.");
    assertThat(mine.resolve("notes.txt")).hasContent("mine");
    assertThat(out.resolve("plan.json")).hasContent("mine too");
  }

  @Test
  void aManifestCannotClaimADirectoryOrALink() throws IOException {
    Path out = temp.resolve("out");
    assertThat(render("--out", out.toString()).exit()).isZero();
    Files.delete(out.resolve("plan.json"));
    Files.createDirectory(out.resolve("plan.json"));
    Files.writeString(out.resolve("plan.json/keep"), "mine");
    Files.delete(out.resolve("manifests.yaml"));
    Path elsewhere = Files.writeString(temp.resolve("elsewhere.yaml"), "mine");
    Files.createSymbolicLink(out.resolve("manifests.yaml"), elsewhere);

    Run run = render("--out", out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("(manifests.yaml, plan.json/)");
    assertThat(out.resolve("plan.json/keep")).hasContent("mine");
    assertThat(elsewhere).hasContent("mine");
  }

  @Test
  void aRenderWithoutAManifestIsNotReplaced() throws IOException {
    Path out = Files.createDirectory(temp.resolve("out"));
    Files.writeString(out.resolve("plan.json"), "{}");

    Run run = render("--out", out.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("holds other files than a render (plan.json)");
    assertThat(out.resolve("plan.json")).hasContent("{}");
  }

  @Test
  void aSymbolicLinkAsOutIsRefusedAndWhatItPointsToIsKept() throws IOException {
    Path real = Files.createDirectory(temp.resolve("real"));
    Files.writeString(real.resolve("plan.json"), "mine");
    Path link = Files.createSymbolicLink(temp.resolve("out"), real);
    Path dangling = Files.createSymbolicLink(temp.resolve("dangling"), temp.resolve("nowhere"));

    Run toDir = render("--out", link.toString());
    Run toNothing = render("--out", dangling.toString());

    assertRefused(
        toDir,
        "aphex: --out "
            + link
            + " is a symbolic link; a render replaces the directory itself, never what a link"
            + " points to; pass the directory the link points to, or choose an empty or new"
            + " directory.");
    assertThat(toNothing.err()).startsWith("aphex: --out " + dangling + " is a symbolic link to");
    assertThat(real.resolve("plan.json")).hasContent("mine");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(temp.resolve("nowhere")).doesNotExist();
  }

  @Test
  void unwritablePlacesSayWhy() throws IOException {
    Path file = Files.writeString(temp.resolve("file"), "mine");
    Path dangling = Files.createSymbolicLink(temp.resolve("gone"), temp.resolve("nowhere"));

    assertRefused(
        render("--out", "/"),
        "aphex: --out / is the root directory; choose an empty or new directory.");
    assertRefused(
        render("--out", file.resolve("out").toString()),
        "aphex: --out "
            + file.resolve("out")
            + " lies under "
            + file
            + ", which is a file, not a directory; choose an empty or new directory.");
    assertRefused(
        render("--out", dangling.resolve("out").toString()),
        "aphex: --out "
            + dangling.resolve("out")
            + " lies under "
            + dangling
            + ", a symbolic link to nothing; choose an empty or new directory.");
    assertThat(file).hasContent("mine");
  }

  @Test
  void aReadOnlyParentIsPermissionDeniedAndNothingIsCreated() throws IOException {
    Path locked = Files.createDirectory(temp.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeThat(Files.isWritable(locked)).as("not running as root").isFalse();
      Path out = locked.resolve("a/b/out");

      assertRefused(
          render("--out", out.toString()),
          "aphex: --out "
              + out
              + " cannot be written (permission denied on "
              + locked
              + "); choose a directory the user who runs the render can write, e.g. --out"
              + " target/render/out.");
      assertThat(names(locked)).isEmpty();
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aFailedRenderLeavesNoDirectoriesBehind() throws IOException {
    Files.writeString(project.resolve("aphex-config.yaml"), "version: [");

    Run run = render();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(project.resolve("target")).doesNotExist();
  }

  @Test
  void reRenderingReplacesExactlyTheFilesOfTheManifest() throws IOException {
    Path out = temp.resolve("out");
    assertThat(render("--out", out.toString()).exit()).isZero();

    assertThat(out.resolve(RenderDirectory.MANIFEST)).hasContent("manifests.yaml\nplan.json");
    assertThat(render("--out", out.toString()).exit()).isZero();
    assertThat(names(out)).containsExactly(".aphex-render", "manifests.yaml", "plan.json");
    assertThat(names(temp)).containsExactly("out", "project");
  }

  private void assertRefused(Run run, String message) {
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(message + "\naphex: nothing was written.\n");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private Run render(String... args) {
    List<String> all = new ArrayList<>(List.of("render", "--cwd", project.toString()));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = new AphexCli(o, e).run(all.toArray(String[]::new));
    }
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static List<String> names(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
