package dev.trellis.host.engine.binary;

import dev.trellis.wrpc.wit.WitTypes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Bounds-checked cursor over a window of a component binary: the LEB128, name and vector primitives
 * of the binary format. Every read checks the window first, so malformed input ends in {@link
 * ComponentDecodeException} carrying the window's location and the absolute offset, never in an
 * index or allocation failure. It also counts nesting depth (a slice starts at its parent's depth),
 * so deeply nested input cannot exhaust the stack.
 */
final class ByteReader {
  /** Deepest nesting of components, component/instance types and module types accepted. */
  static final int MAX_DEPTH = 100;

  private final byte[] bytes;
  private final int end;
  private String location;
  private int pos;
  private int depth;

  private ByteReader(byte[] bytes, int start, int end, String location, int depth) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.location = location;
    this.depth = depth;
  }

  /** A reader over all of {@code bytes}. */
  static ByteReader of(byte[] bytes, String location) {
    return new ByteReader(bytes, 0, bytes.length, location, 0);
  }

  /** Consumes the next {@code length} bytes and returns a reader over just them. */
  ByteReader slice(long length, String sliceLocation) {
    requireAvailable(length, "size");
    ByteReader slice = new ByteReader(bytes, pos, pos + (int) length, sliceLocation, depth);
    pos += (int) length;
    return slice;
  }

  String location() {
    return location;
  }

  /** Changes the location that errors from now on are reported under. */
  void locate(String newLocation) {
    this.location = newLocation;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  boolean atEnd() {
    return pos >= end;
  }

  /** Enters one nesting level; fails once {@link #MAX_DEPTH} is exceeded. */
  void enter() {
    depth++;
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  void leave() {
    depth--;
  }

  int u8() {
    if (pos >= end) {
      throw error("unexpected end of data");
    }
    return bytes[pos++] & 0xff;
  }

  int peek() {
    if (pos >= end) {
      throw error("unexpected end of data");
    }
    return bytes[pos] & 0xff;
  }

  /** Reads an unsigned LEB128 u32 (at most 5 bytes, unused high bits zero). */
  long u32() {
    long result = 0;
    for (int i = 0; i < 5; i++) {
      int b = leb();
      if (i == 4) {
        checkLastByte(b, 0x70, "u32");
      }
      result |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** Reads an unsigned LEB128 u64 (at most 10 bytes). */
  long u64() {
    long result = 0;
    for (int i = 0; i < 10; i++) {
      int b = leb();
      if (i == 9) {
        checkLastByte(b, 0x7e, "u64");
      }
      result |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** Reads a signed LEB128 s33 (at most 5 bytes, unused high bits a sign extension). */
  long s33() {
    long result = 0;
    for (int i = 0; i < 5; i++) {
      int b = leb();
      if (i == 4) {
        checkLastByte(b, 0x00, "s33");
        int high = b & 0x70;
        if (high != 0 && high != 0x70) {
          throw errorAt(pos - 1, "integer too large for s33");
        }
      }
      result |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        int shift = 7 * (i + 1);
        return (b & 0x40) != 0 ? result | (-1L << shift) : result;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private int leb() {
    if (pos >= end) {
      throw error("truncated LEB128 integer");
    }
    return bytes[pos++] & 0xff;
  }

  private void checkLastByte(int b, int unusedBits, String kind) {
    if ((b & 0x80) != 0) {
      throw errorAt(pos - 1, "overlong LEB128 encoding of " + kind);
    }
    if ((b & unusedBits) != 0) {
      throw errorAt(pos - 1, "integer too large for " + kind);
    }
  }

  /** Reads a u32 used as an index or count that must fit a Java int. */
  int index() {
    int start = pos;
    long value = u32();
    if (value > Integer.MAX_VALUE) {
      throw errorAt(start, "index " + value + " is too large");
    }
    return (int) value;
  }

  /**
   * Reads a vector length. Every vector element takes at least one byte, so a length beyond the
   * remaining bytes is malformed; checking it here keeps huge lengths from allocating anything.
   */
  int count() {
    int start = pos;
    long value = u32();
    if (value > remaining()) {
      throw errorAt(
          start, "vector length " + value + " exceeds the " + remaining() + " bytes left");
    }
    return (int) value;
  }

  /** Reads a vector: a guarded length, then that many elements. */
  <T> List<T> vec(Function<ByteReader, T> element) {
    int length = count();
    List<T> result = new ArrayList<>(Math.min(length, 64));
    for (int i = 0; i < length; i++) {
      result.add(element.apply(this));
    }
    return result;
  }

  /** Reads an optional immediate: {@code 0x00} for none, {@code 0x01} followed by the value. */
  <T> Optional<T> optional(Function<ByteReader, T> element) {
    int marker = u8();
    return switch (marker) {
      case 0x00 -> Optional.empty();
      case 0x01 -> Optional.of(element.apply(this));
      default -> throw errorAt(pos - 1, "invalid optional marker " + hex(marker));
    };
  }

  /** Reads one byte that must equal {@code expected}; {@code what} names it in the error. */
  void expect(int expected, String what) {
    int actual = u8();
    if (actual != expected) {
      throw errorAt(pos - 1, what + ": expected " + hex(expected) + ", found " + hex(actual));
    }
  }

  /** Reads a length-prefixed, strictly validated UTF-8 name. */
  String name() {
    int start = pos;
    long length = u32();
    requireAvailable(length, "name length");
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      String name = decoder.decode(ByteBuffer.wrap(bytes, pos, (int) length)).toString();
      pos += (int) length;
      return name;
    } catch (CharacterCodingException e) {
      throw errorAt(start, "name is not valid UTF-8");
    }
  }

  /**
   * Reads a name that must be a kebab-case label (a record field, variant case, enum case, flag or
   * parameter): words of lowercase letters and digits or of uppercase letters and digits, joined by
   * single hyphens, the first word starting with a letter.
   */
  String label(String what) {
    int start = pos;
    String name = name();
    if (!WitTypes.isLabel(name)) {
      throw errorAt(start, what + " '" + printable(name) + "' is not a kebab-case label");
    }
    return name;
  }

  /** {@code text} with control and non-ASCII characters escaped, for messages. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(64)
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
              } else {
                out.append(String.format(Locale.ROOT, "\\u{%x}", c));
              }
            });
    return text.codePointCount(0, text.length()) > 64 ? out + "..." : out.toString();
  }

  /** Reads {@code length} raw bytes. */
  Bytes bytes(int length) {
    requireAvailable(length, "data length");
    Bytes result = Bytes.copyOf(bytes, pos, length);
    pos += length;
    return result;
  }

  /** Fails unless the window is fully consumed. */
  void expectEnd() {
    if (pos < end) {
      throw error((end - pos) + " unexpected trailing byte(s)");
    }
  }

  private void requireAvailable(long length, String what) {
    if (length > remaining()) {
      throw error(what + " " + length + " exceeds the " + remaining() + " bytes left");
    }
  }

  ComponentDecodeException error(String reason) {
    return errorAt(pos, reason);
  }

  ComponentDecodeException errorAt(int offset, String reason) {
    return new ComponentDecodeException(location, offset, reason);
  }

  /** Formats a byte as {@code 0xNN} for messages. */
  static String hex(int value) {
    return String.format(Locale.ROOT, "0x%02x", value);
  }
}
