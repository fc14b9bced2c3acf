package dev.trellis.host.engine.binary;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An immutable byte sequence with value equality, so that AST records can hold raw payloads (core
 * modules, custom sections) without exposing a mutable array or comparing by identity.
 */
public final class Bytes {
  private final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** Copies {@code length} bytes of {@code source} starting at {@code offset}. */
  public static Bytes copyOf(byte[] source, int offset, int length) {
    return new Bytes(Arrays.copyOfRange(source, offset, offset + length));
  }

  /** Copies all of {@code source}. */
  public static Bytes of(byte... source) {
    return new Bytes(source.clone());
  }

  public int size() {
    return data.length;
  }

  /** The byte at {@code index}, as an unsigned value. */
  public int get(int index) {
    return data[index] & 0xff;
  }

  /** A fresh copy of the bytes. */
  public byte[] toArray() {
    return data.clone();
  }

  /** A read-only view that does not copy. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  /** A stream over the bytes that does not copy them. */
  public InputStream asInputStream() {
    return new ByteArrayInputStream(data);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes that && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Bytes[" + data.length + "]";
  }
}
