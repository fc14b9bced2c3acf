package dev.trellis.host.image;

import dev.trellis.host.HostException;

/**
 * A component image could not be parsed, found, fetched, verified or pushed. Exists so that a
 * workload that cannot start says exactly why: every message names the image reference and the rule
 * or registry answer involved, and {@link #kind()} lets callers react without parsing text.
 */
public final class ImageException extends HostException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that turn failures into workload statuses or exit codes. */
  public enum Kind {
    /** The reference text breaks a rule of the reference grammar. */
    INVALID_REFERENCE,
    /** The registry answered 404 for the manifest or a blob. */
    NOT_FOUND,
    /** The registry answered 401/403: missing or wrong credentials. */
    UNAUTHORIZED,
    /** No connection to the registry could be made. */
    UNREACHABLE,
    /** Content did not hash to the digest that names it. */
    DIGEST_MISMATCH,
    /** The artifact exists but carries no (single) Wasm layer. */
    NOT_WASM,
    /** The pull policy forbids the network and the image is not cached. */
    NOT_CACHED,
    /** Any other registry answer (5xx, malformed manifest, unsupported media type). */
    REGISTRY_ERROR,
    /** Reading a local file or writing the cache failed. */
    IO
  }

  private final Kind kind;
  private final String reference;

  ImageException(Kind kind, String reference, String message) {
    super(message);
    this.kind = kind;
    this.reference = reference;
  }

  ImageException(Kind kind, String reference, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.reference = reference;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The image reference as the user wrote it (or its canonical form). */
  public String reference() {
    return reference;
  }
}
