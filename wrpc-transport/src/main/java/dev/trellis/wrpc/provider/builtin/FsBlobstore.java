package dev.trellis.wrpc.provider.builtin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A blobstore in a directory: containers are directories, objects are files (see {@link
 * ConfinedRoot} for the naming rules and what is refused). Writes go to a temporary file under the
 * root and are renamed into place when complete, so a reader never sees half an object and a failed
 * upload leaves nothing behind. Every failure is a {@link BlobstoreException} whose message names
 * the container and object.
 */
final class FsBlobstore {
  /** One object: its container and its name in it. */
  record ObjectId(String container, String object) {
    ObjectId {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(object, "object");
    }

    @Override
    public String toString() {
      return "object '" + object + "' in container '" + container + "'";
    }
  }

  /** An object's {@code created-at} (seconds since the epoch) and size in bytes. */
  record Info(long createdAt, long size) {}

  /** Where an upload's bytes come from: like {@code InputStream.read}, -1 at the end. */
  @FunctionalInterface
  interface ByteSource {
    int read(byte[] buffer, int offset, int length);
  }

  private static final int CHUNK = 64 * 1024;

  private final ConfinedRoot root;
  private final Path uploads;

  FsBlobstore(ConfinedRoot root) {
    this.root = root;
    this.uploads = root.internal("uploads");
    try {
      Files.createDirectories(uploads);
    } catch (IOException e) {
      throw new BlobstoreException("cannot create " + uploads + ": " + e, e);
    }
  }

  void createContainer(String name) {
    Path dir = root.container(name);
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!ConfinedRoot.isDirectory(dir)) {
        throw new BlobstoreException("container '" + name + "' exists but is not a directory");
      }
    } catch (IOException e) {
      throw failure("creating container '" + name + "'", e);
    }
  }

  boolean containerExists(String name) {
    return ConfinedRoot.isDirectory(root.container(name));
  }

  void deleteContainer(String name) {
    Path dir = existingContainer(name);
    deleteTree(dir, true, "container '" + name + "'");
  }

  void clearContainer(String name) {
    Path dir = existingContainer(name);
    deleteTree(dir, false, "container '" + name + "'");
  }

  /** The container's {@code created-at}, seconds since the epoch. */
  long containerCreatedAt(String name) {
    return attributes(existingContainer(name), "container '" + name + "'")
        .creationTime()
        .toInstant()
        .getEpochSecond();
  }

  Info objectInfo(ObjectId id) {
    BasicFileAttributes a = attributes(existingObject(id), id.toString());
    return new Info(a.creationTime().toInstant().getEpochSecond(), a.size());
  }

  boolean hasObject(ObjectId id) {
    return ConfinedRoot.isFile(root.object(id.container(), id.object()));
  }

  /** Deletes the object; nothing to do if it does not exist. */
  void deleteObject(ObjectId id) {
    existingContainer(id.container());
    Path file = root.object(id.container(), id.object());
    if (ConfinedRoot.isDirectory(file)) {
      throw new BlobstoreException(id + " is a directory of objects, not an object");
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw failure("deleting " + id, e);
    }
  }

  void copyObject(ObjectId src, ObjectId dest) {
    Path from = existingObject(src);
    Path to = target(dest);
    Path temp = temporary();
    try {
      Files.copy(from, temp, LinkOption.NOFOLLOW_LINKS);
      Files.createDirectories(to.getParent());
      Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw failure("copying " + src + " to " + dest, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  void moveObject(ObjectId src, ObjectId dest) {
    Path from = existingObject(src);
    Path to = target(dest);
    try {
      Files.createDirectories(to.getParent());
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw failure("moving " + src + " to " + dest, e);
    }
  }

  /**
   * The file of an existing object, checked now so that a missing object fails the call itself;
   * read it with {@link #openForRead}.
   */
  Path existingObject(ObjectId id) {
    existingContainer(id.container());
    Path file = root.object(id.container(), id.object());
    if (!ConfinedRoot.isFile(file)) {
      throw new BlobstoreException(id + " does not exist");
    }
    return file;
  }

  /** Opens an object file for reading without following a link in its last component. */
  FileChannel openForRead(Path file, ObjectId id) {
    try {
      return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw failure("opening " + id, e);
    }
  }

  /**
   * Checks that {@code id} can be written (its container exists, the name is valid and not a
   * directory), so that the call can fail before any data flows.
   */
  void checkWritable(ObjectId id) {
    target(id);
  }

  /**
   * Writes the object from {@code source} chunk by chunk (never the whole object in memory), then
   * renames it into place; on any failure, including one of the source, nothing is left.
   *
   * @return the number of bytes written
   */
  long write(ObjectId id, ByteSource source) {
    Path to = target(id);
    Path temp = temporary();
    long written = 0;
    try (FileChannel out =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[CHUNK];
      for (int n = source.read(buffer, 0, buffer.length);
          n >= 0;
          n = source.read(buffer, 0, buffer.length)) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        written += n;
      }
      out.force(true);
      Files.createDirectories(to.getParent());
      Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return written;
    } catch (IOException e) {
      throw failure("writing " + id, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Walks the container's objects (regular files, names relative to the container with {@code /}),
   * skipping {@code offset} and passing at most {@code limit}, in batches of up to {@code batch}
   * names; the directory is read lazily, never listed whole.
   */
  void list(String name, long offset, long limit, int batch, Consumer<List<String>> sink) {
    Path dir = existingContainer(name);
    List<String> pending = new ArrayList<>(batch);
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(ConfinedRoot::isFile)
          .skip(offset)
          .limit(limit)
          .map(p -> dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
          .forEach(
              n -> {
                pending.add(n);
                if (pending.size() == batch) {
                  sink.accept(List.copyOf(pending));
                  pending.clear();
                }
              });
    } catch (IOException e) {
      throw failure("listing container '" + name + "'", e);
    } catch (UncheckedIOException e) {
      throw failure("listing container '" + name + "'", e.getCause());
    }
    if (!pending.isEmpty()) {
      sink.accept(List.copyOf(pending));
    }
  }

  private Path existingContainer(String name) {
    Path dir = root.container(name);
    if (!ConfinedRoot.isDirectory(dir)) {
      throw new BlobstoreException("container '" + name + "' does not exist");
    }
    return dir;
  }

  /** Where {@code id} would be written; its container must exist. */
  private Path target(ObjectId id) {
    existingContainer(id.container());
    Path file = root.object(id.container(), id.object());
    if (ConfinedRoot.isDirectory(file)) {
      throw new BlobstoreException(id + " is a directory of objects, not an object");
    }
    return file;
  }

  private Path temporary() {
    return uploads.resolve(UUID.randomUUID() + ".part");
  }

  private static BasicFileAttributes attributes(Path path, String what) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw failure("reading the attributes of " + what, e);
    }
  }

  /**
   * Deletes everything under {@code dir}, and {@code dir} itself if {@code self}; links are
   * removed, never followed.
   */
  private static void deleteTree(Path dir, boolean self, String what) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              if (self || !d.equals(dir)) {
                Files.delete(d);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw failure("deleting the contents of " + what, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a temporary file that cannot be removed now is harmless: no object points at it
    }
  }

  /** A failure whose message says what went wrong without the server's absolute paths. */
  private static BlobstoreException failure(String doing, IOException e) {
    String reason =
        switch (e) {
          case NoSuchFileException n -> "not found";
          case FileAlreadyExistsException x -> "already exists";
          case DirectoryNotEmptyException d -> "directory not empty";
          case AccessDeniedException a -> "permission denied";
          default -> e.getClass().getSimpleName();
        };
    return new BlobstoreException(doing + " failed: " + reason, e);
  }
}
