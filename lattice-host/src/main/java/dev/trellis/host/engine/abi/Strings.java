package dev.trellis.host.engine.abi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.dylibso.chicory.runtime.Memory;
import dev.trellis.host.HostException;

/**
 * Strings in guest memory in the three canonical encodings: {@code load_string_from_range} (check
 * length, alignment and bounds, then decode strictly) and the {@code store_string_*} transcoding
 * algorithms, which allocate with the guest's realloc and, where the spec does, first allocate a
 * worst case and then shrink. The realloc call sequence is observable by the guest, so it follows
 * the spec step by step.
 */
final class Strings {
  /** Longest string, in bytes of its encoding, that may cross the ABI. */
  static final long MAX_STRING_BYTE_LENGTH = (1L << 28) - 1;

  /** Bit 31 of a latin1+utf16 length marks UTF-16. */
  static final int UTF16_TAG = 1 << 31;

  private static final String WHAT = "string";

  /**
   * The form a string being lowered is considered to arrive in; it picks the transcoding algorithm
   * and so the realloc sequence. {@code LATIN1} and {@code TAGGED_UTF16} are the two halves of the
   * latin1+utf16 encoding.
   */
  enum Source {
    UTF8,
    UTF16,
    LATIN1,
    TAGGED_UTF16
  }

  private Strings() {}

  /** Lifts the string at {@code ptr} with the (possibly tagged) code-unit count {@code units}. */
  static String load(Cx cx, int ptr, int units) {
    long count = Integer.toUnsignedLong(units);
    boolean utf16 =
        cx.encoding == StringEncoding.UTF16
            || (cx.encoding == StringEncoding.LATIN1_UTF16 && (units & UTF16_TAG) != 0);
    long byteLength =
        switch (cx.encoding) {
          case UTF8 -> count;
          case UTF16 -> 2 * count;
          case LATIN1_UTF16 -> utf16 ? 2 * (count & ~Integer.toUnsignedLong(UTF16_TAG)) : count;
        };
    if (byteLength > MAX_STRING_BYTE_LENGTH) {
      throw new CanonicalAbiTrap(
          "string of "
              + byteLength
              + " bytes exceeds the maximum of "
              + MAX_STRING_BYTE_LENGTH
              + " bytes");
    }
    cx.checkRange(ptr, byteLength, cx.encoding == StringEncoding.UTF8 ? 1 : 2, WHAT);
    if (byteLength == 0) {
      return "";
    }
    byte[] bytes = cx.memory().readBytes(ptr, (int) byteLength);
    if (utf16) {
      return decodeUtf16(bytes, ptr);
    }
    return cx.encoding == StringEncoding.UTF8
        ? decodeUtf8(bytes, ptr)
        : new String(bytes, ISO_8859_1);
  }

  private static String decodeUtf8(byte[] bytes, int ptr) {
    int bad = Utf.invalidUtf8Offset(bytes);
    if (bad >= 0) {
      String kind =
          Utf.isTruncated(bytes, bad) ? "incomplete utf-8 byte sequence" : "invalid utf-8";
      throw new CanonicalAbiTrap(
          kind
              + " in string at "
              + CanonicalAbiTrap.hex(ptr)
              + ", byte offset "
              + bad
              + " (byte "
              + CanonicalAbiTrap.hex(bytes[bad] & 0xFF)
              + ")");
    }
    return new String(bytes, UTF_8);
  }

  private static String decodeUtf16(byte[] bytes, int ptr) {
    char[] chars = Utf.utf16Units(bytes);
    int bad = Utf.unpairedSurrogate(chars);
    if (bad >= 0) {
      throw new CanonicalAbiTrap(
          "invalid utf-16 in string at "
              + CanonicalAbiTrap.hex(ptr)
              + ": unpaired surrogate "
              + CanonicalAbiTrap.hex(chars[bad])
              + " at code unit "
              + bad);
    }
    return new String(chars);
  }

  /**
   * Lowers {@code s} into fresh guest memory, transcoding from the context's source encoding.
   *
   * @return the pointer in the low 32 bits and the (tagged) code-unit count in the high 32 bits
   */
  static long store(Cx cx, String s) {
    return store(cx, s, sourceOf(cx.stringSource, s));
  }

  /** The form {@code s} takes in {@code encoding}: latin1+utf16 uses Latin-1 when it can. */
  static Source sourceOf(StringEncoding encoding, String s) {
    return switch (encoding) {
      case UTF8 -> Source.UTF8;
      case UTF16 -> Source.UTF16;
      case LATIN1_UTF16 ->
          Utf.prefixBelow(s, 0x100) == s.length() ? Source.LATIN1 : Source.TAGGED_UTF16;
    };
  }

  /** {@code store_string_into_range} for a string arriving in {@code source} form. */
  static long store(Cx cx, String s, Source source) {
    if (cx.encoding == StringEncoding.UTF8 && source == Source.UTF8) {
      byte[] encoded = s.getBytes(UTF_8);
      checkLength(encoded.length);
      return copy(cx, encoded, encoded.length, 1);
    }
    long units = source == Source.UTF8 ? Utf.utf8Length(s) : s.length();
    checkLength(source == Source.UTF16 || source == Source.TAGGED_UTF16 ? 2 * units : units);
    return switch (cx.encoding) {
      case UTF8 ->
          switch (source) {
            case UTF8 -> copy(cx, s.getBytes(UTF_8), units, 1);
            case UTF16, TAGGED_UTF16 -> toUtf8(cx, s, units, 3 * units);
            case LATIN1 -> toUtf8(cx, s, units, 2 * units);
          };
      case UTF16 ->
          switch (source) {
            case UTF8 -> utf8ToUtf16(cx, s, units);
            case UTF16, TAGGED_UTF16, LATIN1 -> copy(cx, s.getBytes(UTF_16LE), units, 2);
          };
      case LATIN1_UTF16 ->
          switch (source) {
            case UTF8, UTF16 -> toLatin1OrUtf16(cx, s, units);
            case LATIN1 -> copy(cx, s.getBytes(ISO_8859_1), units, 2);
            case TAGGED_UTF16 -> probablyUtf16ToLatin1OrUtf16(cx, s, units);
          };
    };
  }

  /** Host strings get the same limit guest strings do, so every lowered string can be lifted. */
  private static void checkLength(long sourceBytes) {
    if (sourceBytes > MAX_STRING_BYTE_LENGTH) {
      throw new HostException(
          "cannot pass a string of "
              + sourceBytes
              + " bytes to a guest: the canonical ABI maximum is "
              + MAX_STRING_BYTE_LENGTH);
    }
  }

  /** {@code store_string_copy}: one exact allocation, no transcoding needed. */
  private static long copy(Cx cx, byte[] encoded, long units, int alignment) {
    int ptr = cx.allocate(alignment, encoded.length, WHAT);
    write(cx.memory(), ptr, encoded, 0);
    return pack(ptr, units);
  }

  /**
   * {@code store_string_to_utf8}: allocate one byte per source code unit and copy ASCII; at the
   * first non-ASCII character grow to the worst case, encode the rest, then shrink to fit.
   */
  private static long toUtf8(Cx cx, String s, long units, long worstCase) {
    int ptr = cx.allocate(1, units, WHAT);
    Memory memory = cx.memory();
    int ascii = Utf.prefixBelow(s, 0x80);
    write(memory, ptr, s.substring(0, ascii).getBytes(ISO_8859_1), 0);
    if (ascii == s.length()) {
      return pack(ptr, units);
    }
    ptr = cx.reallocate(ptr, units, 1, worstCase, WHAT);
    byte[] encoded = s.getBytes(UTF_8);
    write(memory, ptr + ascii, encoded, ascii);
    if (worstCase > encoded.length) {
      ptr = cx.reallocate(ptr, worstCase, 1, encoded.length, WHAT);
    }
    return pack(ptr, encoded.length);
  }

  /** {@code store_utf8_to_utf16}: allocate the worst case (2 bytes per UTF-8 byte), then shrink. */
  private static long utf8ToUtf16(Cx cx, String s, long units) {
    long worstCase = 2 * units;
    int ptr = cx.allocate(2, worstCase, WHAT);
    byte[] encoded = s.getBytes(UTF_16LE);
    write(cx.memory(), ptr, encoded, 0);
    if (encoded.length < worstCase) {
      ptr = cx.reallocate(ptr, worstCase, 2, encoded.length, WHAT);
    }
    return pack(ptr, encoded.length / 2);
  }

  /**
   * {@code store_string_to_latin1_or_utf16}: write Latin-1 while it lasts; at the first character
   * above U+00FF grow to UTF-16 worst case, inflate what was written in place, encode the rest and
   * shrink; otherwise shrink the Latin-1 buffer to fit.
   */
  private static long toLatin1OrUtf16(Cx cx, String s, long units) {
    int ptr = cx.allocate(2, units, WHAT);
    Memory memory = cx.memory();
    int latin1 = Utf.prefixBelow(s, 0x100);
    write(memory, ptr, s.substring(0, latin1).getBytes(ISO_8859_1), 0);
    if (latin1 == s.length()) {
      if (latin1 < units) {
        ptr = cx.reallocate(ptr, units, 2, latin1, WHAT);
      }
      return pack(ptr, latin1);
    }
    long worstCase = 2 * units;
    ptr = cx.reallocate(ptr, units, 2, worstCase, WHAT);
    if (latin1 > 0) {
      byte[] narrow = memory.readBytes(ptr, latin1);
      byte[] wide = new byte[2 * latin1];
      for (int j = 0; j < latin1; j++) {
        wide[2 * j] = narrow[j];
      }
      memory.write(ptr, wide);
    }
    byte[] encoded = s.getBytes(UTF_16LE);
    write(memory, ptr + 2 * latin1, encoded, 2 * latin1);
    if (worstCase > encoded.length) {
      ptr = cx.reallocate(ptr, worstCase, 2, encoded.length, WHAT);
    }
    return pack(ptr, (encoded.length / 2) | UTF16_TAG);
  }

  /**
   * {@code store_probably_utf16_to_latin1_or_utf16}: copy as UTF-16; if every character fits in
   * Latin-1 after all, compress in place and shrink to half.
   */
  private static long probablyUtf16ToLatin1OrUtf16(Cx cx, String s, long units) {
    long byteLength = 2 * units;
    int ptr = cx.allocate(2, byteLength, WHAT);
    Memory memory = cx.memory();
    write(memory, ptr, s.getBytes(UTF_16LE), 0);
    if (Utf.prefixBelow(s, 0x100) < s.length()) {
      return pack(ptr, (int) units | UTF16_TAG);
    }
    write(memory, ptr, s.getBytes(ISO_8859_1), 0);
    ptr = cx.reallocate(ptr, byteLength, 1, units, WHAT);
    return pack(ptr, units);
  }

  /** Writes {@code bytes[from..]} at {@code ptr}; nothing for an empty range. */
  private static void write(Memory memory, int ptr, byte[] bytes, int from) {
    if (bytes.length > from) {
      memory.write(ptr, bytes, from, bytes.length - from);
    }
  }

  private static long pack(int ptr, long units) {
    return (units << 32) | Integer.toUnsignedLong(ptr);
  }

  /** The pointer half of a {@link #store} result. */
  static int ptr(long packed) {
    return (int) packed;
  }

  /** The (tagged) code-unit half of a {@link #store} result. */
  static int units(long packed) {
    return (int) (packed >>> 32);
  }
}
