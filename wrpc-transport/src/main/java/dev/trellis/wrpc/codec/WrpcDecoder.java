package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.WitType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Decodes one frame of values (a call's params or results, or a pending future's contents) from a
 * channel whose bytes arrive in chunks, as NATS messages do. Feed each chunk as it arrives; the
 * decoder keeps its place, so a frame split across messages is decoded once, not re-parsed. A chunk
 * that holds the whole frame is decoded in place without copying. Not thread-safe: one decoder per
 * channel.
 */
public final class WrpcDecoder {
  private final ByteInput in = new ByteInput();
  private final ValueReader reader;
  private Optional<DecodedFrame> frame = Optional.empty();
  private long trailing;

  WrpcDecoder(
      WrpcCodecOptions options,
      HandleCodec handles,
      String label,
      IndexPath base,
      TypeCursor.Root root,
      List<WitType> types) {
    TypeCursor cursor = new TypeCursor(label, base, root);
    this.reader = new ValueReader(in, options, handles, cursor, root, types, Optional.empty());
  }

  /**
   * Consumes the remaining bytes of {@code chunk} and decodes as far as they allow.
   *
   * @return {@link DecodeStep.Complete} once the frame is whole (again on every later call, with
   *     the count of bytes that followed it), otherwise {@link NeedMore}
   * @throws WrpcDecodeException if the bytes are malformed; every later call throws again
   */
  public DecodeStep feed(ByteBuffer chunk) {
    if (frame.isPresent()) {
      trailing += chunk.remaining();
      chunk.position(chunk.limit());
      return new DecodeStep.Complete(frame.get(), trailing);
    }
    in.append(chunk, true);
    try {
      return advance();
    } finally {
      in.release();
    }
  }

  private DecodeStep advance() {
    if (!reader.run()) {
      return new NeedMore(in.needHint);
    }
    DecodedFrame done = new DecodedFrame(reader.values(), reader.takePending());
    frame = Optional.of(done);
    trailing = in.available();
    in.pos = in.limit;
    return new DecodeStep.Complete(done, trailing);
  }

  /** Whether the frame has been decoded completely. */
  public boolean isComplete() {
    return frame.isPresent();
  }

  /**
   * Signals that the channel ended (the empty NATS message) and returns the frame.
   *
   * @throws WrpcDecodeException if the channel ended before the frame was complete
   */
  public DecodedFrame finish() {
    if (frame.isPresent() || advance() instanceof DecodeStep.Complete) {
      return frame.orElseThrow();
    }
    throw new WrpcDecodeException(
        reader.describeStop(),
        "channel ended inside the value (" + in.available() + " unread bytes)",
        in.offset() + in.available());
  }
}
