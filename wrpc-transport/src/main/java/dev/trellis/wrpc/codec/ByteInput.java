package dev.trellis.wrpc.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a decoder has received and not yet consumed. A chunk that arrives while nothing is
 * buffered is read in place (no copy); only bytes left over when a decoder stops are copied, so a
 * frame that fits in one message costs no copy at all.
 */
final class ByteInput {
  private static final byte[] EMPTY = new byte[0];

  byte[] buf = EMPTY;
  int pos;
  int limit;

  /** Absolute offset (from the start of the channel) of {@code buf[0]}. */
  private long base;

  private boolean borrowed;

  /** Bytes still needed by the last underflow, as a hint for {@link NeedMore}. */
  long needHint = 1;

  int available() {
    return limit - pos;
  }

  /** The absolute channel offset of {@code buf[index]}. */
  long offsetOf(int index) {
    return base + index;
  }

  /** The absolute channel offset of the next unread byte. */
  long offset() {
    return base + pos;
  }

  /**
   * Appends the remaining bytes of {@code chunk} (consuming them). When nothing is buffered and the
   * chunk has an array, the array is read in place until {@link #release()}.
   */
  void append(ByteBuffer chunk, boolean mayBorrow) {
    int n = chunk.remaining();
    if (n == 0) {
      return;
    }
    if (mayBorrow && pos == limit && chunk.hasArray() && !chunk.isReadOnly()) {
      long at = offset();
      buf = chunk.array();
      pos = chunk.arrayOffset() + chunk.position();
      limit = pos + n;
      base = at - pos;
      borrowed = true;
      chunk.position(chunk.limit());
      return;
    }
    makeRoom(n);
    chunk.get(buf, limit, n);
    limit += n;
  }

  /** Stops reading a borrowed array in place, copying the unread bytes. */
  void release() {
    if (borrowed) {
      long at = offset();
      buf = pos == limit ? EMPTY : Arrays.copyOfRange(buf, pos, limit);
      limit -= pos;
      pos = 0;
      base = at;
      borrowed = false;
    }
  }

  /** Throws {@link Underflow} unless {@code n} more bytes are buffered. */
  void require(int n) {
    if (limit - pos < n) {
      needHint = (long) n - (limit - pos);
      throw Underflow.INSTANCE;
    }
  }

  /** Throws {@link Underflow} unless {@code n} bytes are buffered from {@code index}. */
  void requireFrom(int index, long n) {
    long have = (long) limit - index;
    if (have < n) {
      needHint = n - have;
      throw Underflow.INSTANCE;
    }
  }

  int readByte() {
    if (pos == limit) {
      needHint = 1;
      throw Underflow.INSTANCE;
    }
    return buf[pos++] & 0xFF;
  }

  private void makeRoom(int n) {
    release();
    if (buf.length - limit >= n) {
      return;
    }
    int live = limit - pos;
    if (pos > 0 && buf.length - live >= n) {
      System.arraycopy(buf, pos, buf, 0, live);
    } else {
      long wanted = Math.max((long) live + n, Math.max(64L, (long) buf.length * 2));
      byte[] grown = new byte[(int) Math.min(wanted, Integer.MAX_VALUE - 16)];
      System.arraycopy(buf, pos, grown, 0, live);
      buf = grown;
    }
    base += pos;
    limit = live;
    pos = 0;
  }
}
