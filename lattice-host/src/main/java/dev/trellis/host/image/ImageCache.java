package dev.trellis.host.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk image cache: Wasm layers stored by digest ({@code blobs/sha256/<hex>}) and an index
 * from references to digests ({@code refs/<sha256 of the reference>.properties}) so that a cached
 * tag resolves with no network at all. Every write goes to {@code tmp/} and is moved into place
 * atomically, and every read re-hashes the blob, so a crash or a corrupted file never yields wrong
 * bytes: a damaged entry is removed and counts as a miss. Hand-written because the ORAS SDK has no
 * pull cache (its {@code OCILayout} stores whole repositories, not a tag index with verified
 * reads).
 */
final class ImageCache {

  private static final Logger LOG = LoggerFactory.getLogger(ImageCache.class);

  /** What the index knows about one reference. */
  record Entry(String manifestDigest, String layerDigest, long size) {}

  /** An index entry together with its verified blob. */
  record Hit(Entry entry, Path blob) {}

  private final Path root;

  ImageCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** The index entry of {@code ref} whose layer is present and intact. */
  Optional<Hit> lookup(ImageRef.Oci ref) {
    Path file = indexFile(ref);
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn(
          "image cache index unreadable, ignoring ref={} file={} error={}",
          ref,
          file,
          e.toString());
      return Optional.empty();
    }
    Optional<Entry> entry = parse(props);
    if (entry.isEmpty() || !ref.toString().equals(props.getProperty("ref"))) {
      LOG.warn("image cache index entry malformed, ignoring ref={} file={}", ref, file);
      return Optional.empty();
    }
    return entry.flatMap(e -> blob(e.layerDigest()).map(path -> new Hit(e, path)));
  }

  /** The intact blob stored under {@code digest}. */
  Optional<Path> blob(String digest) {
    Path file = blobFile(digest);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String actual = Sha256.of(file);
      if (actual.equals(digest)) {
        return Optional.of(file);
      }
      LOG.warn("image cache blob corrupted, removing digest={} actual={}", digest, actual);
      Files.deleteIfExists(file);
      return Optional.empty();
    } catch (IOException e) {
      throw io("cannot read cached blob " + file, digest, e);
    }
  }

  /**
   * Streams {@code in} into the cache under {@code expectedDigest}, verifying it on the way.
   *
   * @throws ImageException of kind DIGEST_MISMATCH naming both digests; nothing is stored then
   */
  Path store(ImageRef.Oci ref, InputStream in, String expectedDigest, Sha256.Counter counter) {
    Path target = blobFile(expectedDigest);
    Path temp = tempFile(target, Sha256.hex(expectedDigest), ref);
    try {
      String actual;
      try (OutputStream out = Files.newOutputStream(temp)) {
        actual = Sha256.copy(in, out, counter);
      }
      if (!actual.equals(expectedDigest)) {
        throw new ImageException(
            ImageException.Kind.DIGEST_MISMATCH,
            ref.toString(),
            "digest mismatch for image "
                + ref
                + ": the manifest names layer "
                + expectedDigest
                + " but the registry sent bytes hashing to "
                + actual);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw io("cannot write image cache entry " + target, ref.toString(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Records that {@code ref} resolves to {@code entry}. */
  void record(ImageRef.Oci ref, Entry entry) {
    Properties props = new Properties();
    props.setProperty("ref", ref.toString());
    props.setProperty("manifestDigest", entry.manifestDigest());
    props.setProperty("layerDigest", entry.layerDigest());
    props.setProperty("size", Long.toString(entry.size()));
    Path target = indexFile(ref);
    Path temp = tempFile(target, "ref", ref);
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        props.store(out, "trellis image cache index entry");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw io("cannot write image cache index " + target, ref.toString(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static Optional<Entry> parse(Properties props) {
    String manifest = props.getProperty("manifestDigest", "");
    String layer = props.getProperty("layerDigest", "");
    String size = props.getProperty("size", "");
    if (!manifest.matches("sha256:[a-f0-9]{64}")
        || !layer.matches("sha256:[a-f0-9]{64}")
        || !size.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return Optional.of(new Entry(manifest, layer, Long.parseLong(size)));
  }

  private Path blobFile(String digest) {
    return root.resolve("blobs").resolve("sha256").resolve(Sha256.hex(digest));
  }

  private Path indexFile(ImageRef.Oci ref) {
    String key = Sha256.hex(Sha256.of(ref.toString().getBytes(StandardCharsets.UTF_8)));
    return root.resolve("refs").resolve(key + ".properties");
  }

  /** A fresh file in {@code tmp/}, beside {@code target}'s file system, after making both dirs. */
  private Path tempFile(Path target, String prefix, ImageRef.Oci ref) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createDirectories(root.resolve("tmp"));
      return Files.createTempFile(tmp, prefix, ".part");
    } catch (IOException e) {
      throw io("cannot create image cache directory under " + root, ref.toString(), e);
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.warn("cannot remove temporary cache file file={} error={}", temp, e.toString());
    }
  }

  private static ImageException io(String what, String reference, IOException e) {
    return new ImageException(
        ImageException.Kind.IO, reference, what + " (image " + reference + "): " + e, e);
  }
}
