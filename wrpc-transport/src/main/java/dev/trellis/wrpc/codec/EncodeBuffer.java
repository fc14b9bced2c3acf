package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.WrpcException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte buffer the encoder appends to, with the wire primitives wRPC needs (raw bytes,
 * LEB128, little-endian floats). A transport can reuse one per connection with {@link #clear()} and
 * hand out its contents without copying via {@link #asByteBuffer()}. Not thread-safe.
 */
public final class EncodeBuffer {
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

  private byte[] bytes;
  private int size;

  /** An empty buffer with room for 64 bytes. */
  public EncodeBuffer() {
    this(64);
  }

  /** An empty buffer with room for {@code capacity} bytes. */
  public EncodeBuffer(int capacity) {
    this.bytes = new byte[Math.max(capacity, 16)];
  }

  /** The number of bytes written. */
  public int size() {
    return size;
  }

  /** Forgets the contents, keeping the capacity. */
  public void clear() {
    size = 0;
  }

  /** A view of the contents, positioned at the first byte; valid until the next write. */
  public ByteBuffer asByteBuffer() {
    return ByteBuffer.wrap(bytes, 0, size);
  }

  /** A copy of the contents. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** Makes room for {@code extra} more bytes. */
  public void reserve(int extra) {
    if (extra > bytes.length - size) {
      grow(extra);
    }
  }

  /** Appends one byte (the low 8 bits of {@code b}). */
  public void writeByte(int b) {
    if (size == bytes.length) {
      grow(1);
    }
    bytes[size++] = (byte) b;
  }

  /** Appends {@code length} bytes of {@code src} from {@code offset}. */
  public void writeBytes(byte[] src, int offset, int length) {
    reserve(length);
    System.arraycopy(src, offset, bytes, size, length);
    size += length;
  }

  /** Appends the remaining bytes of {@code src} without moving its position. */
  public void writeBytes(ByteBuffer src) {
    int length = src.remaining();
    reserve(length);
    src.get(src.position(), bytes, size, length);
    size += length;
  }

  /** Appends an unsigned LEB128 number; {@code value} is read as unsigned 64 bits. */
  public void writeUnsignedLeb128(long value) {
    reserve(10);
    long v = value;
    while ((v & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    bytes[size++] = (byte) v;
  }

  /** Appends a signed LEB128 number in its shortest form. */
  public void writeSignedLeb128(long value) {
    reserve(10);
    long v = value;
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
        bytes[size++] = (byte) b;
        return;
      }
      bytes[size++] = (byte) (b | 0x80);
    }
  }

  /** Appends 4 bytes, little-endian. */
  public void writeIntLe(int value) {
    reserve(4);
    bytes[size] = (byte) value;
    bytes[size + 1] = (byte) (value >>> 8);
    bytes[size + 2] = (byte) (value >>> 16);
    bytes[size + 3] = (byte) (value >>> 24);
    size += 4;
  }

  /** Appends 8 bytes, little-endian. */
  public void writeLongLe(long value) {
    writeIntLe((int) value);
    writeIntLe((int) (value >>> 32));
  }

  /** The backing array, for the encoder's in-place UTF-8 writes; valid until the next write. */
  byte[] array() {
    return bytes;
  }

  /** Marks {@code n} bytes written directly into {@link #array()} after {@link #reserve}. */
  void advance(int n) {
    size += n;
  }

  private void grow(int extra) {
    long needed = (long) size + extra;
    if (needed > MAX_CAPACITY) {
      throw new WrpcException("encoded frame would exceed " + MAX_CAPACITY + " bytes");
    }
    long doubled = Math.max(needed, (long) bytes.length * 2);
    bytes = Arrays.copyOf(bytes, (int) Math.min(doubled, MAX_CAPACITY));
  }
}
