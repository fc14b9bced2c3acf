package dev.trellis.host.wasi;

import dev.trellis.wrpc.wit.WitValue;
import java.nio.file.Path;
import java.util.List;

/**
 * The Java object behind a {@code wasi:filesystem/types.directory-entry-stream}: the names a
 * directory held when {@code read-directory} was called, in sorted order, each typed (without
 * following links) when it is read. Entries removed meanwhile are skipped.
 */
final class DirectoryEntries {
  private final Path directory;
  private final List<String> names;
  private int next;

  DirectoryEntries(Path directory, List<String> names) {
    this.directory = directory;
    this.names = List.copyOf(names);
  }

  /** The next {@code option<directory-entry>}. */
  WitValue next() {
    while (next < names.size()) {
      String name = names.get(next++);
      Path entry = directory.resolve(name);
      if (PathResolver.lstat(entry).isPresent()) {
        return WitValue.some(
            WitValue.record(
                WitValue.field(
                    "type", WitValue.enumCase(FileStat.of(entry, false).type().witName())),
                WitValue.field("name", WitValue.string(name))));
      }
    }
    return WitValue.none();
  }
}
