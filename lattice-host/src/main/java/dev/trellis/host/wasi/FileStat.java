package dev.trellis.host.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code stat}, {@code stat-at}, {@code metadata-hash} and {@code is-same-object} report about
 * a file, read from the host with the Unix attribute view where the JDK has one (link count,
 * status-change time, file type bits) and the basic view otherwise.
 *
 * @param type the WIT {@code descriptor-type}
 * @param linkCount the number of hard links
 * @param size the size in bytes
 * @param accessed last access time, if kept
 * @param modified last modification time, if kept
 * @param changed last status change time, if kept
 * @param identity something equal for two names of the same file (device and inode on Unix)
 */
record FileStat(
    Type type,
    long linkCount,
    long size,
    Optional<Instant> accessed,
    Optional<Instant> modified,
    Optional<Instant> changed,
    Optional<Object> identity) {

  private static final boolean UNIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

  FileStat {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(accessed, "accessed");
    Objects.requireNonNull(modified, "modified");
    Objects.requireNonNull(changed, "changed");
    Objects.requireNonNull(identity, "identity");
  }

  /** {@code descriptor-type}. */
  enum Type {
    UNKNOWN,
    BLOCK_DEVICE,
    CHARACTER_DEVICE,
    DIRECTORY,
    FIFO,
    SYMBOLIC_LINK,
    REGULAR_FILE,
    SOCKET;

    String witName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Type of(BasicFileAttributes a) {
      if (a.isSymbolicLink()) {
        return SYMBOLIC_LINK;
      }
      if (a.isDirectory()) {
        return DIRECTORY;
      }
      return a.isRegularFile() ? REGULAR_FILE : UNKNOWN;
    }

    static Type ofMode(int mode) {
      return switch (mode & 0170000) {
        case 0140000 -> SOCKET;
        case 0120000 -> SYMBOLIC_LINK;
        case 0100000 -> REGULAR_FILE;
        case 0060000 -> BLOCK_DEVICE;
        case 0040000 -> DIRECTORY;
        case 0020000 -> CHARACTER_DEVICE;
        case 0010000 -> FIFO;
        default -> UNKNOWN;
      };
    }
  }

  /** The attributes of {@code path}, following a final link if {@code follow}. */
  static FileStat of(Path path, boolean follow) {
    LinkOption[] options =
        follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    try {
      BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, options);
      if (!UNIX) {
        return new FileStat(
            Type.of(basic),
            1,
            basic.size(),
            Optional.of(basic.lastAccessTime().toInstant()),
            Optional.of(basic.lastModifiedTime().toInstant()),
            Optional.empty(),
            Optional.ofNullable(basic.fileKey()));
      }
      Map<String, Object> unix = Files.readAttributes(path, "unix:mode,nlink,ctime", options);
      return new FileStat(
          Type.ofMode((Integer) unix.get("mode")),
          ((Number) unix.get("nlink")).longValue(),
          basic.size(),
          Optional.of(basic.lastAccessTime().toInstant()),
          Optional.of(basic.lastModifiedTime().toInstant()),
          Optional.of(((FileTime) unix.get("ctime")).toInstant()),
          Optional.ofNullable(basic.fileKey()));
    } catch (IOException e) {
      throw FsErrors.wrap("stat", e);
    }
  }

  /**
   * A 128-bit hash of what changes when the file is modified or replaced (identity, size,
   * modification and change times), as {@code {lower, upper}}.
   */
  long[] metadataHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String key =
          identity.map(Object::toString).orElse("")
              + "|"
              + size
              + "|"
              + modified.map(Instant::toString).orElse("")
              + "|"
              + changed.map(Instant::toString).orElse("");
      byte[] digest = sha.digest(key.getBytes(StandardCharsets.UTF_8));
      ByteBuffer b = ByteBuffer.wrap(digest);
      return new long[] {b.getLong(), b.getLong()};
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
