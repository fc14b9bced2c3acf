package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.AsyncPayload;
import dev.trellis.wrpc.codec.EncodedFrame;
import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.codec.WrpcCodec;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes one pending stream on its channel: each write is a chunk (element count and elements), the
 * end is the empty chunk {@code 0x00} followed by the empty message, as wrpc's stream encoders do.
 * {@code stream<u8>} chunks are written straight from the caller's bytes.
 */
final class OutboundStream implements StreamSink {
  private final Outbound out;
  private final WrpcCodec codec;
  private final StreamType type;
  private final IndexPath path;
  private final Function<IndexPath, Outbound> sibling;
  private final boolean bytes;
  private long written;

  OutboundStream(
      Outbound out,
      WrpcCodec codec,
      StreamType type,
      IndexPath path,
      Function<IndexPath, Outbound> sibling) {
    this.out = out;
    this.codec = codec;
    this.type = type;
    this.path = path;
    this.sibling = sibling;
    this.bytes = type.element().filter(e -> e == WitType.Primitive.U8).isPresent();
  }

  @Override
  public void write(List<WitValue> elements) {
    if (elements.isEmpty()) {
      return;
    }
    EncodedFrame frame = codec.encodeStreamChunk(type, elements, written, path);
    if (!frame.async().pending().isEmpty()) {
      throw new IllegalArgumentException(
          "stream "
              + path
              + ": pending futures or streams inside stream elements are not supported; send them"
              + " ready");
    }
    out.write(frame.bytes());
    for (AsyncPayload payload : frame.async().payloads()) {
      Outbound nested = sibling.apply(payload.path());
      nested.write(payload.bytes());
      nested.end(Optional.empty());
    }
    written += elements.size();
  }

  @Override
  public void writeBytes(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    if (!bytes) {
      throw new IllegalStateException("writeBytes needs a stream<u8>, this is " + type);
    }
    int room = Math.max(1, out.maxPayload() - 5);
    while (length > 0) {
      int n = Math.min(length, room);
      byte[] message = new byte[Leb128.size(n) + n];
      int at = Leb128.write(message, n);
      System.arraycopy(data, offset, message, at, n);
      out.message(message);
      offset += n;
      length -= n;
      written += n;
    }
  }

  @Override
  public long written() {
    return written;
  }

  /** Writes the end marker and ends the channel. */
  void finish() {
    out.message(new byte[] {0});
    out.end(Optional.empty());
  }
}
