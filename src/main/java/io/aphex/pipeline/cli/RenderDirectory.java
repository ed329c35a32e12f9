package io.aphex.pipeline.cli;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import io.aphex.pipeline.config.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The output directory of {@code ./aphex render}. A render writes its files and a manifest ({@value
 * #MANIFEST}) listing them; a later render replaces the directory only when it holds nothing but
 * what the manifest lists, each a regular file. Anything else in it (a file or directory the render
 * did not write, a symbolic link, an older render without a manifest) is the user's, and the render
 * refuses before it has done any work. Nothing is written until the render has succeeded, and a
 * failed write removes the directories it created.
 */
final class RenderDirectory {

  /** The manifest of a render: the names of the files it wrote, one per line. */
  static final String MANIFEST = ".aphex-render";

  private static final String FIX = "choose an empty or new directory";

  private RenderDirectory() {}

  /**
   * Checks that a render may write to a directory, before any work is done.
   *
   * @param target the output directory, absolute and normalized
   * @throws RenderException saying why not and what to do
   */
  static void check(Path target) {
    if (target.getParent() == null) {
      throw refused(target, "is the root directory", FIX);
    }
    if (Files.isSymbolicLink(target)) {
      throw refused(
          target,
          "is a symbolic link"
              + (Files.exists(target) ? "" : " to nothing")
              + "; a render replaces the directory itself, never what a link points to",
          "pass the directory the link points to, or " + FIX);
    }
    if (Files.exists(target, NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(target, NOFOLLOW_LINKS)) {
        throw refused(target, "is a file, not a directory", FIX);
      }
      String foreign = foreignEntries(target);
      if (!foreign.isEmpty()) {
        throw refused(
            target,
            "exists and holds other files than a render (" + foreign + ")",
            FIX + "; the render replaces only the files its " + MANIFEST + " lists");
      }
      requireWritable(target, target);
      return;
    }
    Path existing = target.getParent();
    while (existing != null && !Files.exists(existing, NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw refused(target, "has no existing parent directory", FIX);
    }
    if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
      throw refused(target, "lies under " + existing + ", a symbolic link to nothing", FIX);
    }
    if (!Files.isDirectory(existing)) {
      throw refused(target, "lies under " + existing + ", which is a file, not a directory", FIX);
    }
    requireWritable(target, existing);
  }

  /**
   * Writes the files of a render into a sibling staging directory, then swaps it in for the target,
   * so that the target holds either the earlier render or the new one, never a mix.
   *
   * @param target the output directory, absolute and normalized; {@link #check} passed for it
   * @param files file name to content
   * @throws RenderException when the directory cannot be written, saying why
   */
  static void write(Path target, Map<String, String> files) {
    check(target);
    // The parents to create, deepest first, so that a failed write removes them again.
    List<Path> created = new ArrayList<>();
    Path parent = target.getParent();
    for (Path p = parent; p != null && !Files.exists(p, NOFOLLOW_LINKS); p = p.getParent()) {
      created.add(p);
    }
    try {
      for (int i = created.size() - 1; i >= 0; i--) {
        Files.createDirectory(created.get(i));
      }
      Path staging = Files.createTempDirectory(parent, ".aphex-render-");
      try {
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> sorted = new TreeMap<>(files);
        for (Map.Entry<String, String> file : sorted.entrySet()) {
          Files.writeString(
              staging.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        Files.writeString(
            staging.resolve(MANIFEST),
            String.join("\n", sorted.keySet()) + "\n",
            StandardCharsets.UTF_8);
        swapIn(staging, target);
      } finally {
        deleteFlat(staging);
      }
    } catch (IOException e) {
      removeCreated(created);
      throw refused(target, "cannot be written (" + InputFile.reason(e) + ")", writableFix(target));
    }
  }

  /** The entries of a directory that are not a render's, joined; empty when there are none. */
  private static String foreignEntries(Path dir) {
    List<String> names = list(dir);
    Set<String> written = manifest(dir);
    List<String> foreign = new ArrayList<>();
    for (String name : names) {
      Path entry = dir.resolve(name);
      boolean ours =
          (name.equals(MANIFEST) ? !written.isEmpty() : written.contains(name))
              && Files.isRegularFile(entry, NOFOLLOW_LINKS);
      if (!ours) {
        foreign.add(Files.isDirectory(entry, NOFOLLOW_LINKS) ? name + "/" : name);
      }
    }
    return String.join(", ", foreign);
  }

  /** The names a render's manifest lists; empty when there is no readable manifest. */
  private static Set<String> manifest(Path dir) {
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest, NOFOLLOW_LINKS)) {
      return Set.of();
    }
    try {
      if (Files.size(manifest) > 4096) {
        return Set.of();
      }
      return Files.readAllLines(manifest, StandardCharsets.UTF_8).stream()
          .filter(line -> line.matches("[a-z]+\\.(json|yaml|md)"))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      return Set.of();
    }
  }

  private static void swapIn(Path staging, Path target) throws IOException {
    if (!Files.exists(target, NOFOLLOW_LINKS)) {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = Files.createTempDirectory(target.getParent(), ".aphex-old-");
    Files.delete(old);
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteFlat(old);
  }

  private static void removeCreated(List<Path> created) {
    for (Path dir : created) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException ignored) {
        // Not empty after all: something else wrote there, so it stays.
      }
    }
  }

  /** Deletes a directory the render made itself, which holds regular files only. */
  private static void deleteFlat(Path dir) throws IOException {
    if (!Files.isDirectory(dir, NOFOLLOW_LINKS)) {
      return;
    }
    for (String name : list(dir)) {
      Files.delete(dir.resolve(name));
    }
    Files.delete(dir);
  }

  private static void requireWritable(Path target, Path dir) {
    if (!Files.isWritable(dir) || !Files.isExecutable(dir)) {
      throw refused(
          target, "cannot be written (permission denied on " + dir + ")", writableFix(target));
    }
  }

  private static String writableFix(Path target) {
    return "choose a directory the user who runs the render can write, e.g. --out "
        + "target/render/"
        + target.getFileName();
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw refused(dir, "cannot be listed (" + InputFile.reason(e) + ")", FIX);
    }
  }

  private static RenderException refused(Path target, String rule, String fix) {
    return new RenderException("aphex: --out " + target + " " + rule + "; " + fix + ".");
  }
}
