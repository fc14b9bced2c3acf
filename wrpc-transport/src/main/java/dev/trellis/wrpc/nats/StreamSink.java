package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;

/**
 * Where a {@link StreamProducer} writes an outgoing stream: each write becomes one chunk of the
 * stream on its wRPC index path (split further if it exceeds the server's {@code max_payload}).
 * Writes block while more than the publish window is unacknowledged by the NATS server, so a fast
 * producer cannot fill memory.
 */
public sealed interface StreamSink permits OutboundStream {

  /** Writes {@code elements} (nothing for an empty list). */
  void write(List<WitValue> elements);

  /**
   * Writes raw bytes of a {@code stream<u8>} without building one value per byte.
   *
   * @throws IllegalStateException if the stream's element type is not {@code u8}
   */
  void writeBytes(byte[] bytes, int offset, int length);

  /** Writes all of {@code bytes}; see {@link #writeBytes(byte[], int, int)}. */
  default void writeBytes(byte[] bytes) {
    writeBytes(bytes, 0, bytes.length);
  }

  /** Elements written so far. */
  long written();
}
