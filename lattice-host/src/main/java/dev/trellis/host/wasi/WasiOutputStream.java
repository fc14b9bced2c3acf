package dev.trellis.host.wasi;

/**
 * The Java object behind a {@code wasi:io/streams.output-stream}: a sink of bytes the guest writes
 * to. Implemented here for standard output, standard error and files, and by other plugins for
 * their bodies; failures are reported by throwing {@link WasiStreamException}.
 */
public interface WasiOutputStream extends AutoCloseable {

  /**
   * How many bytes {@link #write} accepts now without blocking (0 means wait on {@link
   * #subscribe()}).
   *
   * @throws WasiStreamException when closed or failed
   */
  long checkWrite();

  /**
   * Accepts {@code bytes} (at most what {@link #checkWrite()} allowed).
   *
   * @throws WasiStreamException when closed or failed
   */
  void write(byte[] bytes);

  /** Starts flushing what was written; a no-op for sinks that write through. */
  void flush();

  /** Flushes and waits until everything written has left the stream. */
  default void blockingFlush() {
    flush();
  }

  /** A pollable that is ready when {@link #checkWrite()} would return more than 0 or fail. */
  default WasiPollable subscribe() {
    return WasiPollable.alwaysReady();
  }

  /** Releases what the stream holds; the guest dropped it. */
  @Override
  void close();
}
