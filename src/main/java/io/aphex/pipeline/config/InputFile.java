package io.aphex.pipeline.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an input file (the pipeline config, {@code Pulumi.yaml}, {@code Pulumi.<stack>.yaml}) only
 * once it is known to be a regular file no larger than a bound: a FIFO, socket or device would
 * block the read forever or never end, so what a path is gets checked before it is opened, and the
 * read stops one byte past the bound whatever the file claims its size is.
 */
public final class InputFile {

  private InputFile() {}

  /**
   * Tells what is wrong with a path as an input file, following symbolic links.
   *
   * @param file the path
   * @return the broken rule, e.g. {@code is a FIFO (named pipe), not a regular file}; empty when it
   *     is a regular file
   */
  public static Optional<String> notARegularFile(Path file) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Optional.of(
          Files.isSymbolicLink(file) ? "is a symbolic link to nothing" : "does not exist");
    } catch (IOException e) {
      return Optional.of("cannot be read (" + reason(e) + ")");
    }
    if (attributes.isRegularFile()) {
      return Optional.empty();
    }
    if (attributes.isDirectory()) {
      return Optional.of("is a directory, not a file");
    }
    return Optional.of(
        "is a "
            + kindOf(file)
            + ", not a regular file; reading it could wait forever or never end");
  }

  /**
   * Reads at most {@code maxBytes + 1} bytes of a regular file, so that a caller can tell an
   * oversized file by its length.
   *
   * @param file the file; {@link #notARegularFile} must have passed
   * @param maxBytes the bound
   * @return the bytes read
   * @throws IOException when reading fails
   */
  public static byte[] readBounded(Path file, int maxBytes) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(maxBytes + 1);
    }
  }

  /**
   * Says why reading failed, in words for the user.
   *
   * @param e the failure
   * @return e.g. {@code permission denied}
   */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of the path is a file, not a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static String kindOf(Path file) {
    try {
      Object mode = Files.getAttribute(file, "unix:mode");
      if (mode instanceof Integer bits) {
        return switch (bits & 0170000) {
          case 0010000 -> "FIFO (named pipe)";
          case 0140000 -> "socket";
          case 0020000 -> "character device";
          case 0060000 -> "block device";
          default -> "special file";
        };
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // The kind is only a detail of the message.
    }
    return "special file";
  }
}
