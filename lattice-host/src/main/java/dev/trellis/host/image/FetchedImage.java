package dev.trellis.host.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A component's bytes, verified and on local disk, with the digest the engine caches compiled code
 * under. A path rather than a byte array so that large components are not held in memory twice;
 * {@link #readBytes()} loads them when needed.
 *
 * @param ref the reference that was fetched
 * @param path the verified Wasm file (a cache entry, or the file itself for {@code file://})
 * @param digest {@code sha256:<hex>} of the Wasm bytes (the layer digest for OCI images)
 * @param size the number of bytes
 * @param manifestDigest the OCI manifest digest; empty for local files
 * @param source where the bytes came from on this call
 */
public record FetchedImage(
    ImageRef ref,
    Path path,
    String digest,
    long size,
    Optional<String> manifestDigest,
    Source source) {

  /** Where a fetch found the bytes, so callers can log and test what the cache did. */
  public enum Source {
    /** A {@code file://} reference, read and hashed in place. */
    LOCAL_FILE,
    /** The cache answered without any network traffic. */
    CACHE,
    /**
     * The registry resolved the reference; the layer was downloaded, or reused from the cache when
     * its digest was already there.
     */
    REGISTRY
  }

  public FetchedImage {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(path, "path");
    ImageRefParser.checkDigest(digest, ref.toString());
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(source, "source");
  }

  /** The Wasm bytes. */
  public byte[] readBytes() {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image " + ref + " from " + path, e);
    }
  }
}
