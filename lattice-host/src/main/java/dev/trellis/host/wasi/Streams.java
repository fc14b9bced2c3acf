package dev.trellis.host.wasi;

/** Limits shared by the stream implementations. */
final class Streams {
  /** The most bytes one read returns and one {@code check-write} grants (1 MiB). */
  static final int MAX_CHUNK = 1 << 20;

  private Streams() {}

  /** {@code len} (a WIT u64) capped to {@link #MAX_CHUNK}. */
  static int chunk(long len) {
    return len < 0 || len > MAX_CHUNK ? MAX_CHUNK : (int) len;
  }
}
