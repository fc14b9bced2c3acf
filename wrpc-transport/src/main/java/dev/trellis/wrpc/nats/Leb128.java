package dev.trellis.wrpc.nats;

/**
 * Unsigned LEB128 for the {@code stream<u8>} fast path, which frames raw bytes without going
 * through the value codec (wrpc has the same special case for byte streams).
 */
final class Leb128 {
  private Leb128() {}

  /** Bytes needed for {@code value} (non-negative). */
  static int size(long value) {
    int n = 1;
    for (long v = value >>> 7; v != 0; v >>>= 7) {
      n++;
    }
    return n;
  }

  /** Writes {@code value} at the start of {@code out}; returns the bytes written. */
  static int write(byte[] out, long value) {
    int i = 0;
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out[i++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[i++] = (byte) v;
    return i;
  }
}
