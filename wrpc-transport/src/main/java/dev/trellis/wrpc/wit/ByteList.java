package dev.trellis.wrpc.wit;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The elements of a {@code list<u8>} stored as one byte array instead of one {@link
 * WitValue.U8Value} per byte. It is an immutable {@code List<WitValue>} whose elements are the
 * shared {@code U8Value} instances, so code that walks {@link WitValue.ListValue#elements()} keeps
 * working, and it equals any list of the same {@code U8Value}s. Code that moves bytes (the
 * canonical ABI, the wRPC codec, WASI streams) uses {@link #writeTo} and {@link #toByteArray}
 * instead, one copy per move.
 *
 * <p>{@link WitValue.ListValue} stores every non-empty list whose elements are all {@code U8Value}s
 * this way; {@link WitValue.ListValue#ofBytes} and {@link WitValue.ListValue#wrapBytes} build one
 * directly from bytes.
 */
public final class ByteList extends AbstractList<WitValue> implements RandomAccess {
  private final byte[] bytes;
  private final int offset;
  private final int length;

  /**
   * Receives the bytes of a list as a read-only region of an array; it must neither modify the
   * array nor keep a reference to it. {@code OutputStream::write} fits.
   */
  @FunctionalInterface
  public interface Sink {
    /** Takes {@code length} bytes of {@code bytes} starting at {@code offset}. */
    void write(byte[] bytes, int offset, int length);
  }

  private ByteList(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
  }

  /** A list owning {@code bytes} (not copied: the caller must not modify the array afterwards). */
  static ByteList wrap(byte[] bytes) {
    return new ByteList(Objects.requireNonNull(bytes, "bytes"), 0, bytes.length);
  }

  /** A list of a copy of {@code length} bytes of {@code bytes} from {@code offset}. */
  static ByteList copyOf(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return new ByteList(Arrays.copyOfRange(bytes, offset, offset + length), 0, length);
  }

  /**
   * {@code elements} as a byte list if it is non-empty and holds only {@code U8Value}s, or null
   * (this runs in every list's constructor, so the miss stays allocation-free).
   */
  static ByteList compactOrNull(List<WitValue> elements) {
    int n = elements.size();
    if (n == 0 || !(elements.get(0) instanceof WitValue.U8Value)) {
      return null;
    }
    byte[] out = new byte[n];
    int i = 0;
    for (WitValue element : elements) {
      if (!(element instanceof WitValue.U8Value b)) {
        return null;
      }
      out[i++] = (byte) b.value();
    }
    return new ByteList(out, 0, n);
  }

  @Override
  public WitValue get(int index) {
    return WitValue.U8Value.of(byteAt(index) & 0xFF);
  }

  @Override
  public int size() {
    return length;
  }

  /** The byte at {@code index}, as stored (read it with {@code & 0xFF} for the u8 value). */
  public byte byteAt(int index) {
    Objects.checkIndex(index, length);
    return bytes[offset + index];
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(bytes, offset, offset + length);
  }

  /** Hands the bytes to {@code sink} without copying them. */
  public void writeTo(Sink sink) {
    sink.write(bytes, offset, length);
  }

  @Override
  public List<WitValue> subList(int fromIndex, int toIndex) {
    Objects.checkFromToIndex(fromIndex, toIndex, length);
    return new ByteList(bytes, offset + fromIndex, toIndex - fromIndex);
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof ByteList other) {
      return Arrays.equals(
          bytes, offset, offset + length, other.bytes, other.offset, other.offset + other.length);
    }
    return super.equals(o);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < length; i++) {
      h = 31 * h + WitValue.U8Value.of(bytes[offset + i] & 0xFF).hashCode();
    }
    return h;
  }
}
