package dev.trellis.wrpc.codec;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One encoded frame (a call's parameters, its results, or a future's or stream chunk's contents)
 * together with the async parts that travel on other channels.
 *
 * @param bytes the encoded values, read-only, positioned at the first byte
 * @param async pending values and out-of-band payloads nested in the values
 */
public record EncodedFrame(ByteBuffer bytes, AsyncParts async) {
  public EncodedFrame {
    bytes = bytes.asReadOnlyBuffer();
    Objects.requireNonNull(async, "async");
  }

  /** A copy of the encoded bytes. */
  public byte[] toByteArray() {
    ByteBuffer copy = bytes.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
