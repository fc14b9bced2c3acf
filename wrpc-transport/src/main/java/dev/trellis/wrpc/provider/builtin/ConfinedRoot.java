package dev.trellis.wrpc.provider.builtin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Maps container and object names to paths under one root directory and refuses every name that
 * could reach outside it. Containers are directories directly under the root; an object name is a
 * relative path inside its container ({@code a/b.txt} is file {@code b.txt} in directory {@code
 * a}).
 *
 * <p>Refused: empty names and segments, {@code .} and {@code ..} segments, absolute names, {@code
 * \}, NUL and other control characters, segments over 255 bytes, object names over 1024 bytes,
 * container names starting with {@value #RESERVED} (the provider's own directories), and any path
 * that passes through a symbolic link, wherever the link points: the provider never makes links, so
 * one is someone else's way out. Links are checked component by component before each operation,
 * and files are opened without following a final link; a link swapped in between the check and the
 * use of an intermediate directory is the one race left, which only someone with write access to
 * the root can attempt.
 */
final class ConfinedRoot {
  /** Prefix of names the provider keeps for itself under the root. */
  static final String RESERVED = ".trellis-";

  private static final int MAX_SEGMENT_BYTES = 255;
  private static final int MAX_OBJECT_BYTES = 1024;

  private final Path root;

  /**
   * Confines to {@code root}, created if missing and resolved to its real path (the root itself may
   * be a link).
   *
   * @throws UncheckedIOException if it cannot be created or is not a directory
   */
  ConfinedRoot(Path root) {
    try {
      Files.createDirectories(root);
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("blobstore root " + root + " is not usable: " + e, e);
    }
  }

  /** The real path of the root. */
  Path root() {
    return root;
  }

  /** A directory of the provider's own, not reachable by any container name. */
  Path internal(String name) {
    return root.resolve(RESERVED + name);
  }

  /**
   * The directory of container {@code name} (which may not exist).
   *
   * @throws BlobstoreException if the name is not a valid container name or is a link
   */
  Path container(String name) {
    checkSegment("container", name, name);
    if (name.startsWith(RESERVED)) {
      throw new BlobstoreException(
          "container name '" + name + "' is reserved (starts with " + RESERVED + ")");
    }
    Path dir = root.resolve(name);
    refuseLink(dir, "container '" + name + "'");
    return dir;
  }

  /**
   * The file of object {@code object} in container {@code container} (either may not exist).
   *
   * @throws BlobstoreException if a name is not valid or the path passes through a link
   */
  Path object(String container, String object) {
    Path dir = container(container);
    String what = "object '" + object + "' in container '" + container + "'";
    if (object.startsWith("/")) {
      throw new BlobstoreException(what + ": absolute object names are not allowed");
    }
    if (object.getBytes(StandardCharsets.UTF_8).length > MAX_OBJECT_BYTES) {
      throw new BlobstoreException(what + ": name is longer than " + MAX_OBJECT_BYTES + " bytes");
    }
    Path path = dir;
    for (String segment : object.split("/", -1)) {
      checkSegment(what, object, segment);
      path = path.resolve(segment);
      refuseLink(path, what);
    }
    if (!path.normalize().startsWith(dir) || path.equals(dir)) {
      throw new BlobstoreException(what + ": resolves outside its container");
    }
    return path;
  }

  private static void checkSegment(String what, String name, String segment) {
    problem(name, segment)
        .ifPresent(
            problem -> {
              String subject = what.equals("container") ? "container name '" + name + "'" : what;
              throw new BlobstoreException(subject + ": " + problem);
            });
  }

  private static Optional<String> problem(String name, String segment) {
    if (segment.isEmpty()) {
      return Optional.of(
          name.isEmpty() ? "the name is empty" : "the name has an empty path segment");
    } else if (segment.equals(".") || segment.equals("..")) {
      return Optional.of("'" + segment + "' segments are not allowed");
    } else if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
      return Optional.of("a segment is longer than " + MAX_SEGMENT_BYTES + " bytes");
    } else if (segment.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f)) {
      return Optional.of("'/', '\\' and control characters are not allowed");
    }
    return Optional.empty();
  }

  private static void refuseLink(Path path, String what) {
    if (Files.isSymbolicLink(path)) {
      throw new BlobstoreException(
          what
              + ": '"
              + path.getFileName()
              + "' is a symbolic link, which the store never follows");
    }
  }

  /** Whether {@code path} is a directory, not following a link. */
  static boolean isDirectory(Path path) {
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
  }

  /** Whether {@code path} is a regular file, not following a link. */
  static boolean isFile(Path path) {
    return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
  }
}
