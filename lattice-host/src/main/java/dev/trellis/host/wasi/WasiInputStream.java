package dev.trellis.host.wasi;

/**
 * The Java object behind a {@code wasi:io/streams.input-stream}: a source of bytes that the guest
 * reads in chunks. Implemented here for standard input and files, and by other plugins for their
 * bodies; failures and end of data are reported by throwing {@link WasiStreamException}.
 */
public interface WasiInputStream extends AutoCloseable {

  /**
   * Returns up to {@code max} bytes that are available now, possibly none; never blocks for long.
   * The array is handed to the caller, which may keep it without copying: return a fresh array (or
   * one the stream never touches again).
   *
   * @throws WasiStreamException when closed (end of data) or failed
   */
  byte[] read(int max);

  /**
   * Returns between 1 and {@code max} bytes (none only if {@code max} is 0), waiting for data. The
   * array is handed to the caller, as with {@link #read}.
   *
   * @throws WasiStreamException when closed (end of data) or failed
   */
  byte[] blockingRead(int max);

  /** Skips up to {@code max} bytes that are available now; returns how many. */
  default long skip(long max) {
    return read((int) Math.min(max, Streams.MAX_CHUNK)).length;
  }

  /** Skips between 1 and {@code max} bytes, waiting for data; returns how many. */
  default long blockingSkip(long max) {
    return blockingRead((int) Math.min(max, Streams.MAX_CHUNK)).length;
  }

  /** A pollable that is ready when {@link #read} would return data, end of data or an error. */
  WasiPollable subscribe();

  /** Releases what the stream holds; the guest dropped it. */
  @Override
  void close();
}
