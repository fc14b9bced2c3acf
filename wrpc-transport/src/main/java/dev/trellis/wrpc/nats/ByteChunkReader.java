package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.WrpcDecodeException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the channel of a {@code stream<u8>} straight into the caller's buffer: chunks of a LEB128
 * count and that many raw bytes, ended by a zero count. The general stream decoder would build one
 * value per byte; this keeps a 100 MB body at the cost of one message in memory.
 */
final class ByteChunkReader {
  private final String label;
  private byte[] current = NatsIo.EMPTY;
  private int pos;
  private long remaining;
  private long count;
  private int shift;
  private long offset;
  private boolean ended;

  ByteChunkReader(String label) {
    this.label = label;
  }

  boolean isEnded() {
    return ended;
  }

  /**
   * Copies up to {@code length} bytes into {@code out}; -1 at the end of the stream.
   *
   * @param next the next message of the channel, empty when the channel has ended
   * @throws WrpcDecodeException if the framing is malformed or the channel ends inside the stream
   */
  int read(byte[] out, int at, int length, Supplier<Optional<byte[]>> next) {
    if (length == 0) {
      return ended ? -1 : 0;
    }
    while (!ended) {
      if (pos == current.length) {
        Optional<byte[]> message = next.get();
        if (message.isEmpty()) {
          throw new WrpcDecodeException(
              label, "channel ended before the end of the stream", offset);
        }
        current = message.get();
        pos = 0;
      } else if (remaining == 0) {
        readCountByte();
      } else {
        int n = (int) Math.min(Math.min(length, remaining), current.length - pos);
        System.arraycopy(current, pos, out, at, n);
        pos += n;
        offset += n;
        remaining -= n;
        return n;
      }
    }
    return -1;
  }

  private void readCountByte() {
    int b = current[pos++] & 0xFF;
    offset++;
    if (shift == 35 || (shift == 28 && (b & 0x70) != 0)) {
      throw new WrpcDecodeException(label, "chunk length overflows u32", offset - 1);
    }
    count |= (long) (b & 0x7F) << shift;
    shift += 7;
    if ((b & 0x80) == 0) {
      if (count == 0) {
        ended = true;
      }
      remaining = count;
      count = 0;
      shift = 0;
    }
  }
}
