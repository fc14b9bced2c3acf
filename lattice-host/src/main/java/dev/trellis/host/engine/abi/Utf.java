package dev.trellis.host.engine.abi;

/**
 * Strict decoding and measuring of the encodings the canonical ABI uses. The JDK's decoders replace
 * malformed input, but the ABI must trap on it, so validation is done here before the JDK builds
 * the string.
 */
final class Utf {
  private Utf() {}

  /**
   * The offset of the first byte of an invalid UTF-8 sequence in {@code b}, or -1 when all of it is
   * well-formed (no overlongs, no surrogates, nothing above U+10FFFF, nothing truncated).
   */
  static int invalidUtf8Offset(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len = sequenceLength(c);
      if (len == 0 || i + len > n || !validContinuation(b, i, c, len)) {
        return i;
      }
      i += len;
    }
    return -1;
  }

  /** Whether the invalid sequence at {@code offset} is a valid prefix cut off by the end. */
  static boolean isTruncated(byte[] b, int offset) {
    int len = sequenceLength(b[offset] & 0xFF);
    if (len == 0 || offset + len <= b.length) {
      return false;
    }
    for (int k = 1; offset + k < b.length; k++) {
      if (!continuationOk(b[offset] & 0xFF, k, b[offset + k] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  private static int sequenceLength(int lead) {
    if (lead >= 0xC2 && lead <= 0xDF) {
      return 2;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      return 4;
    }
    return 0;
  }

  private static boolean validContinuation(byte[] b, int i, int lead, int len) {
    for (int k = 1; k < len; k++) {
      if (!continuationOk(lead, k, b[i + k] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code c} may be byte {@code k} (1-based after the lead) of a sequence. */
  private static boolean continuationOk(int lead, int k, int c) {
    if (k > 1) {
      return c >= 0x80 && c <= 0xBF;
    }
    return switch (lead) {
      case 0xE0 -> c >= 0xA0 && c <= 0xBF;
      case 0xED -> c >= 0x80 && c <= 0x9F;
      case 0xF0 -> c >= 0x90 && c <= 0xBF;
      case 0xF4 -> c >= 0x80 && c <= 0x8F;
      default -> c >= 0x80 && c <= 0xBF;
    };
  }

  /** Bytes {@code s} takes in UTF-8 ({@code s} has no unpaired surrogates). */
  static long utf8Length(String s) {
    long n = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The index of the first char of {@code s} at or above {@code limit}, or {@code s.length()}. */
  static int prefixBelow(String s, int limit) {
    int len = s.length();
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) >= limit) {
        return i;
      }
    }
    return len;
  }

  /** The code units of little-endian UTF-16 bytes {@code b} (of even length). */
  static char[] utf16Units(byte[] b) {
    char[] chars = new char[b.length / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ((b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8);
    }
    return chars;
  }

  /** The index of the first unpaired surrogate in {@code chars}, or -1 if there is none. */
  static int unpairedSurrogate(char[] chars) {
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (Character.isHighSurrogate(c)
          && i + 1 < chars.length
          && Character.isLowSurrogate(chars[i + 1])) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
