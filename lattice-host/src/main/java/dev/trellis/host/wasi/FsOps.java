package dev.trellis.host.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The file-system operations of {@code wasi:filesystem/types} on {@link Descriptor}s, in Java
 * terms: every path goes through {@link PathResolver}, every change needs a mutable directory or a
 * writable file, and every failure is an {@link FsException} carrying the WASI error code.
 */
final class FsOps {
  private FsOps() {}

  /** {@code open-flags}. */
  record OpenFlags(boolean create, boolean directory, boolean exclusive, boolean truncate) {
    static OpenFlags fromWit(Set<String> names) {
      return new OpenFlags(
          names.contains("create"),
          names.contains("directory"),
          names.contains("exclusive"),
          names.contains("truncate"));
    }
  }

  /** {@code new-timestamp}. */
  sealed interface NewTimestamp {
    /** {@code no-change}. */
    record NoChange() implements NewTimestamp {}

    /** {@code now}. */
    record Now() implements NewTimestamp {}

    /** {@code timestamp(datetime)}. */
    record At(Instant instant) implements NewTimestamp {}
  }

  static Descriptor openAt(
      Descriptor base, boolean follow, String path, OpenFlags open, Set<Descriptor.Flag> flags) {
    boolean writes =
        flags.contains(Descriptor.Flag.WRITE)
            || flags.contains(Descriptor.Flag.MUTATE_DIRECTORY)
            || open.create()
            || open.truncate();
    if (writes) {
      base.requireMutable("opening '" + path + "' for writing");
    }
    PathResolver.Resolved r = base.resolve(path, follow);
    Optional<BasicFileAttributes> existing = PathResolver.lstat(r.host());
    if (existing.isPresent()) {
      BasicFileAttributes a = existing.get();
      if (open.create() && open.exclusive()) {
        throw new FsException(ErrorCode.EXIST, "'" + path + "' exists");
      }
      if (a.isSymbolicLink()) {
        throw new FsException(ErrorCode.LOOP, "'" + path + "' is a link and is not followed");
      }
      if (a.isDirectory()) {
        if (flags.contains(Descriptor.Flag.WRITE) || open.truncate()) {
          throw new FsException(ErrorCode.IS_DIRECTORY, "'" + path + "' is a directory");
        }
        return base.directory(r.components(), flags);
      }
      if (!a.isRegularFile()) {
        throw new FsException(ErrorCode.UNSUPPORTED, "'" + path + "' is not a regular file");
      }
      if (open.directory()) {
        throw new FsException(ErrorCode.NOT_DIRECTORY, "'" + path + "' is not a directory");
      }
    } else if (!open.create()) {
      throw new FsException(ErrorCode.NO_ENTRY, "'" + path + "' does not exist");
    } else if (open.directory()) {
      throw new FsException(ErrorCode.INVALID, "cannot create directory '" + path + "' by open");
    }
    return base.file(r.components(), flags, new OpenFile(channel(r.host(), open, flags, path)));
  }

  private static FileChannel channel(
      Path host, OpenFlags open, Set<Descriptor.Flag> flags, String path) {
    Set<OpenOption> options = new HashSet<>();
    options.add(LinkOption.NOFOLLOW_LINKS);
    boolean write = flags.contains(Descriptor.Flag.WRITE) || open.create() || open.truncate();
    if (flags.contains(Descriptor.Flag.READ) || !write) {
      options.add(StandardOpenOption.READ);
    }
    if (write) {
      options.add(StandardOpenOption.WRITE);
    }
    if (open.create()) {
      options.add(open.exclusive() ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
    }
    if (open.truncate()) {
      options.add(StandardOpenOption.TRUNCATE_EXISTING);
    }
    try {
      return FileChannel.open(host, options);
    } catch (IOException e) {
      throw FsErrors.wrap("opening '" + path + "'", e);
    } catch (RuntimeException e) {
      throw FsErrors.wrap("opening '" + path + "'", e);
    }
  }

  static FileStat stat(Descriptor d) {
    return FileStat.of(d.host(), true);
  }

  static FileStat statAt(Descriptor d, boolean follow, String path) {
    return FileStat.of(d.resolve(path, follow).host(), follow);
  }

  static void createDirectoryAt(Descriptor d, String path) {
    d.requireMutable("creating directory '" + path + "'");
    Path host = d.resolve(path, false).host();
    io("creating directory '" + path + "'", () -> Files.createDirectory(host));
  }

  static void removeDirectoryAt(Descriptor d, String path) {
    d.requireMutable("removing directory '" + path + "'");
    PathResolver.Resolved r = belowRoot(d.resolve(path, false), path);
    BasicFileAttributes a = existing(r, path);
    if (!a.isDirectory()) {
      throw new FsException(ErrorCode.NOT_DIRECTORY, "'" + path + "' is not a directory");
    }
    io("removing directory '" + path + "'", () -> Files.delete(r.host()));
  }

  static void unlinkFileAt(Descriptor d, String path) {
    d.requireMutable("unlinking '" + path + "'");
    PathResolver.Resolved r = belowRoot(d.resolve(path, false), path);
    if (existing(r, path).isDirectory()) {
      throw new FsException(ErrorCode.IS_DIRECTORY, "'" + path + "' is a directory");
    }
    io("unlinking '" + path + "'", () -> Files.delete(r.host()));
  }

  static void renameAt(Descriptor d, String oldPath, Descriptor target, String newPath) {
    d.requireMutable("renaming '" + oldPath + "'");
    target.requireMutable("renaming to '" + newPath + "'");
    PathResolver.Resolved from = belowRoot(d.resolve(oldPath, false), oldPath);
    PathResolver.Resolved to = belowRoot(target.resolve(newPath, false), newPath);
    existing(from, oldPath);
    io(
        "renaming '" + oldPath + "' to '" + newPath + "'",
        () -> Files.move(from.host(), to.host(), StandardCopyOption.ATOMIC_MOVE));
  }

  static void linkAt(
      Descriptor d, boolean follow, String oldPath, Descriptor target, String newPath) {
    target.requireMutable("linking '" + newPath + "'");
    PathResolver.Resolved from = d.resolve(oldPath, follow);
    PathResolver.Resolved to = belowRoot(target.resolve(newPath, false), newPath);
    if (existing(from, oldPath).isDirectory()) {
      throw new FsException(ErrorCode.NOT_PERMITTED, "'" + oldPath + "' is a directory");
    }
    io("linking '" + newPath + "'", () -> Files.createLink(to.host(), from.host()));
  }

  static void symlinkAt(Descriptor d, String target, String newPath) {
    d.requireMutable("creating link '" + newPath + "'");
    PathResolver.Resolved at = belowRoot(d.resolve(newPath, false), newPath);
    PathResolver.checkLinkTarget(at.components().subList(0, at.components().size() - 1), target);
    io(
        "creating link '" + newPath + "'",
        () -> Files.createSymbolicLink(at.host(), Path.of(target)));
  }

  static String readlinkAt(Descriptor d, String path) {
    PathResolver.Resolved r = d.resolve(path, false);
    String target;
    try {
      target = Files.readSymbolicLink(r.host()).toString();
    } catch (IOException e) {
      throw FsErrors.wrap("reading link '" + path + "'", e);
    }
    if (target.startsWith("/")) {
      throw new FsException(ErrorCode.NOT_PERMITTED, "'" + path + "' links to an absolute path");
    }
    return target;
  }

  static void setTimes(
      Path host, boolean follow, NewTimestamp atime, NewTimestamp mtime, Instant now) {
    LinkOption[] options =
        follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    BasicFileAttributeView view =
        Files.getFileAttributeView(host, BasicFileAttributeView.class, options);
    io("setting times", () -> view.setTimes(fileTime(mtime, now), fileTime(atime, now), null));
  }

  private static FileTime fileTime(NewTimestamp t, Instant now) {
    return switch (t) {
      case NewTimestamp.NoChange n -> null;
      case NewTimestamp.Now n -> FileTime.from(now);
      case NewTimestamp.At at -> FileTime.from(at.instant());
    };
  }

  static void setSize(Descriptor d, long size) {
    FileChannel channel = writable(d).channel();
    io(
        "setting the size",
        () -> {
          if (size < channel.size()) {
            channel.truncate(size);
          } else if (size > channel.size()) {
            channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
          }
        });
  }

  /**
   * {@code read}: up to {@code length} bytes at {@code offset}, and whether the end was reached.
   */
  static Chunk read(Descriptor d, int length, long offset) {
    if (!d.has(Descriptor.Flag.READ)) {
      throw new FsException(ErrorCode.BAD_DESCRIPTOR, "the descriptor is not open for reading");
    }
    FileChannel channel = d.requireFile().channel();
    try {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      int n = length == 0 ? 0 : channel.read(buffer, offset);
      if (n < 0) {
        return new Chunk(new byte[0], true);
      }
      byte[] bytes = n == length ? buffer.array() : Arrays.copyOf(buffer.array(), n);
      return new Chunk(bytes, offset + n >= channel.size());
    } catch (IOException e) {
      throw FsErrors.wrap("reading", e);
    }
  }

  /** Bytes read and whether the end of the file was reached. */
  record Chunk(byte[] bytes, boolean end) {}

  static long write(Descriptor d, byte[] bytes, long offset) {
    FileChannel channel = writable(d).channel();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      long at = offset;
      while (buffer.hasRemaining()) {
        at += channel.write(buffer, at);
      }
      return bytes.length;
    } catch (IOException e) {
      throw FsErrors.wrap("writing", e);
    }
  }

  static OpenFile writable(Descriptor d) {
    OpenFile file = d.requireFile();
    if (!d.has(Descriptor.Flag.WRITE)) {
      throw new FsException(ErrorCode.BAD_DESCRIPTOR, "the descriptor is not open for writing");
    }
    return file;
  }

  static OpenFile readable(Descriptor d) {
    OpenFile file = d.requireFile();
    if (!d.has(Descriptor.Flag.READ)) {
      throw new FsException(ErrorCode.BAD_DESCRIPTOR, "the descriptor is not open for reading");
    }
    return file;
  }

  static void sync(Descriptor d, boolean metadata) {
    if (d.file().isPresent()) {
      FileChannel channel = d.file().get().channel();
      io("syncing", () -> channel.force(metadata));
    }
  }

  /** The names in directory {@code d}, sorted, without {@code .} and {@code ..}. */
  static List<String> list(Descriptor d) {
    if (!d.isDirectory()) {
      throw new FsException(ErrorCode.NOT_DIRECTORY, "the descriptor is not a directory");
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(d.host())) {
      entries.forEach(p -> names.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw FsErrors.wrap("reading the directory", e);
    }
    names.sort(null);
    return names;
  }

  static boolean isSameObject(Descriptor a, Descriptor b) {
    Optional<Object> ka = stat(a).identity();
    Optional<Object> kb = stat(b).identity();
    return ka.isPresent() && kb.isPresent() ? ka.equals(kb) : a.host().equals(b.host());
  }

  private static PathResolver.Resolved belowRoot(PathResolver.Resolved r, String path) {
    if (r.components().isEmpty()) {
      throw new FsException(ErrorCode.NOT_PERMITTED, "'" + path + "' is the preopened directory");
    }
    return r;
  }

  private static BasicFileAttributes existing(PathResolver.Resolved r, String path) {
    return PathResolver.lstat(r.host())
        .orElseThrow(() -> new FsException(ErrorCode.NO_ENTRY, "'" + path + "' does not exist"));
  }

  /** An I/O step that may fail. */
  @FunctionalInterface
  private interface IoStep {
    void run() throws IOException;
  }

  private static void io(String what, IoStep step) {
    try {
      step.run();
    } catch (IOException e) {
      throw FsErrors.wrap(what, e);
    } catch (UnsupportedOperationException | SecurityException e) {
      throw FsErrors.wrap(what, e);
    }
  }
}
