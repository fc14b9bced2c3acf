package dev.trellis.host.wasi;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Java object behind a {@code wasi:filesystem/types.descriptor}: a directory or regular file
 * inside a {@link Preopen}, named by its confined path below the preopen's root, with the flags it
 * was opened with and, for files, the open channel.
 */
final class Descriptor implements AutoCloseable {

  /** {@code descriptor-flags}. */
  enum Flag {
    READ,
    WRITE,
    FILE_INTEGRITY_SYNC,
    DATA_INTEGRITY_SYNC,
    REQUESTED_WRITE_SYNC,
    MUTATE_DIRECTORY;

    String witName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Set<Flag> fromWit(Set<String> names) {
      Set<Flag> out = EnumSet.noneOf(Flag.class);
      for (Flag f : values()) {
        if (names.contains(f.witName())) {
          out.add(f);
        }
      }
      return out;
    }
  }

  private final Preopen preopen;
  private final List<String> components;
  private final Set<Flag> flags;
  private final Optional<OpenFile> file;

  private Descriptor(
      Preopen preopen, List<String> components, Set<Flag> flags, Optional<OpenFile> file) {
    this.preopen = preopen;
    this.components = List.copyOf(components);
    this.flags = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
    this.file = file;
  }

  /** The root directory of {@code preopen}: readable, and mutable unless it is read-only. */
  static Descriptor root(Preopen preopen) {
    Set<Flag> flags =
        preopen.readOnly() ? EnumSet.of(Flag.READ) : EnumSet.of(Flag.READ, Flag.MUTATE_DIRECTORY);
    return new Descriptor(preopen, List.of(), flags, Optional.empty());
  }

  /** A directory below the same preopen. */
  Descriptor directory(List<String> path, Set<Flag> requested) {
    return new Descriptor(preopen, path, requested, Optional.empty());
  }

  /** A regular file below the same preopen. */
  Descriptor file(List<String> path, Set<Flag> requested, OpenFile open) {
    return new Descriptor(preopen, path, requested, Optional.of(open));
  }

  Preopen preopen() {
    return preopen;
  }

  List<String> components() {
    return components;
  }

  /** The host path this descriptor names. */
  Path host() {
    return PathResolver.host(preopen.hostPath(), components);
  }

  Set<Flag> flags() {
    return flags;
  }

  boolean has(Flag flag) {
    return flags.contains(flag);
  }

  Optional<OpenFile> file() {
    return file;
  }

  boolean isDirectory() {
    return file.isEmpty();
  }

  /** Whether this directory may create, change or remove what lies below it. */
  boolean canMutate() {
    return !preopen.readOnly() && flags.contains(Flag.MUTATE_DIRECTORY);
  }

  /** The path {@code path} relative to this directory, confined to the preopen. */
  PathResolver.Resolved resolve(String path, boolean follow) {
    if (!isDirectory()) {
      throw new FsException(ErrorCode.NOT_DIRECTORY, "the descriptor is not a directory");
    }
    return PathResolver.resolve(preopen.hostPath(), components, path, follow);
  }

  /** The open file, or {@code bad-descriptor} for a directory. */
  OpenFile requireFile() {
    return file.orElseThrow(
        () -> new FsException(ErrorCode.BAD_DESCRIPTOR, "the descriptor is a directory"));
  }

  /** Fails with {@code read-only} unless this directory may be changed. */
  void requireMutable(String what) {
    if (!canMutate()) {
      throw new FsException(ErrorCode.READ_ONLY, what + " needs a writable directory");
    }
  }

  @Override
  public void close() {
    file.ifPresent(OpenFile::release);
  }

  @Override
  public String toString() {
    return "Descriptor[" + preopen.guestPath() + "/" + String.join("/", components) + "]";
  }
}
