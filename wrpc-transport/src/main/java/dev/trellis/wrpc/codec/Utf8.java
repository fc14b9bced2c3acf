package dev.trellis.wrpc.codec;

/**
 * Strict UTF-8 as Rust's {@code str::from_utf8} accepts it: no overlong forms, no surrogates,
 * nothing above U+10FFFF. Java's own decoder substitutes bad input instead of rejecting it.
 */
final class Utf8 {
  private Utf8() {}

  /** The length of the sequence a lead byte starts (0 if it cannot start one). */
  static int sequenceLength(int lead) {
    if (lead < 0x80) {
      return 1;
    } else if (lead < 0xC2) {
      return 0;
    } else if (lead < 0xE0) {
      return 2;
    } else if (lead < 0xF0) {
      return 3;
    } else if (lead < 0xF5) {
      return 4;
    }
    return 0;
  }

  /** The index of the first byte of the first invalid sequence in {@code [from, to)}, or -1. */
  static int invalidAt(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      if (b[i] >= 0) {
        i++;
        continue;
      }
      int lead = b[i] & 0xFF;
      int length = sequenceLength(lead);
      if (length == 0 || to - i < length || !validTail(b, i, lead, length)) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  private static boolean validTail(byte[] b, int i, int lead, int length) {
    int second = b[i + 1] & 0xFF;
    boolean secondOk =
        switch (lead) {
          case 0xE0 -> second >= 0xA0 && second <= 0xBF;
          case 0xED -> second >= 0x80 && second <= 0x9F;
          case 0xF0 -> second >= 0x90 && second <= 0xBF;
          case 0xF4 -> second >= 0x80 && second <= 0x8F;
          default -> (second & 0xC0) == 0x80;
        };
    if (!secondOk) {
      return false;
    }
    for (int k = 2; k < length; k++) {
      if ((b[i + k] & 0xC0) != 0x80) {
        return false;
      }
    }
    return true;
  }
}
