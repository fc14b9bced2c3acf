package dev.trellis.host.plugin.keyvalue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The counter encoding shared by the backends: decimal text, reading 8-byte big-endian too. */
final class Counters {
  private Counters() {}

  /** The counter value stored as {@code bytes} under {@code key} of {@code bucket}. */
  static long decode(String bucket, String key, byte[] bytes) {
    if (bytes.length > 0 && bytes.length <= 20 && isDigits(bytes)) {
      try {
        return Long.parseUnsignedLong(new String(bytes, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw notCounter(bucket, key, e);
      }
    }
    if (bytes.length == 8) {
      return ByteBuffer.wrap(bytes).getLong();
    }
    throw notCounter(bucket, key, null);
  }

  /** {@code value} as decimal text. */
  static byte[] encode(long value) {
    return Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code current + delta}, unsigned, saturating at 2^64-1. */
  static long add(long current, long delta) {
    long sum = current + delta;
    return Long.compareUnsigned(sum, current) < 0 ? -1L : sum;
  }

  private static boolean isDigits(byte[] bytes) {
    for (byte b : bytes) {
      if (b < '0' || b > '9') {
        return false;
      }
    }
    return true;
  }

  private static KeyValueException notCounter(String bucket, String key, Throwable cause) {
    return new KeyValueException(
        KeyValueException.Kind.OTHER,
        "key '" + key + "' of bucket '" + bucket + "' does not hold a counter (decimal u64)",
        cause);
  }
}
