package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.WitType.StreamType;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decodes the channel of a pending stream: a sequence of chunks, each an element count and the
 * elements, ended by an empty chunk. Feed bytes as they arrive and pull {@link StreamStep}s until
 * {@link NeedMore}. Elements keep their position in the whole stream, which is also the index of
 * any futures or streams nested in them. Not thread-safe: one decoder per channel.
 */
public final class WrpcStreamDecoder {
  private final ByteInput in = new ByteInput();
  private final ValueReader reader;
  private long nextIndex;
  private boolean ended;
  private long trailing;

  WrpcStreamDecoder(
      WrpcCodecOptions options,
      HandleCodec handles,
      String label,
      IndexPath path,
      StreamType type) {
    TypeCursor cursor = new TypeCursor(label, path, TypeCursor.Root.ELEMENTS);
    this.reader =
        new ValueReader(
            in, options, handles, cursor, TypeCursor.Root.ELEMENTS, List.of(), type.element());
  }

  /** Buffers the remaining bytes of {@code chunk} (consuming them) for {@link #next()}. */
  public void feed(ByteBuffer chunk) {
    if (ended) {
      trailing += chunk.remaining();
      chunk.position(chunk.limit());
      return;
    }
    in.append(chunk, false);
  }

  /**
   * The next chunk, the end of the stream, or {@link NeedMore}. After the end, every call returns
   * {@link StreamStep.End} with the count of bytes that followed the end marker.
   *
   * @throws WrpcDecodeException if the bytes are malformed; every later call throws again
   */
  public StreamStep next() {
    if (ended) {
      return new StreamStep.End(trailing);
    }
    if (!reader.run()) {
      return new NeedMore(in.needHint);
    }
    var elements = reader.values();
    if (elements.isEmpty()) {
      ended = true;
      trailing = in.available();
      in.pos = in.limit;
      return new StreamStep.End(trailing);
    }
    StreamStep.Chunk chunk = new StreamStep.Chunk(elements, nextIndex, reader.takePending());
    nextIndex += elements.size();
    reader.reset(nextIndex);
    return chunk;
  }

  /** Whether the end marker has been decoded. */
  public boolean isEnded() {
    return ended;
  }

  /**
   * Signals that the channel ended (the empty NATS message).
   *
   * @throws WrpcDecodeException if it ended before the stream's end marker
   */
  public void finish() {
    if (!ended) {
      throw new WrpcDecodeException(
          reader.describeStop(),
          "channel ended before the end of the stream",
          in.offset() + in.available());
    }
  }

  /** The position in the stream of the next element to arrive. */
  public long nextIndex() {
    return nextIndex;
  }
}
