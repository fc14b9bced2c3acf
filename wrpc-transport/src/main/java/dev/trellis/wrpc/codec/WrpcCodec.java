package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import dev.trellis.wrpc.wit.WitTypeMismatchException;
import dev.trellis.wrpc.wit.WitValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The wRPC 0.0.1 value codec: WIT values to and from the component-model value encoding that wRPC
 * puts on the wire, with the index paths of futures and streams that travel on their own channels.
 * A function's params (or results) are one frame: the values concatenated, no count prefix.
 * Immutable and thread-safe; the decoders it creates are per channel.
 */
public final class WrpcCodec {
  private static final byte[] STREAM_END = {0};

  private final WrpcCodecOptions options;
  private final HandleCodec handles;

  private WrpcCodec(WrpcCodecOptions options, HandleCodec handles) {
    this.options = Objects.requireNonNull(options, "options");
    this.handles = Objects.requireNonNull(handles, "handles");
  }

  /** A codec with {@link WrpcCodecOptions#defaults()} and {@code handles} for resources. */
  public static WrpcCodec create(WrpcCodecOptions options, HandleCodec handles) {
    return new WrpcCodec(options, handles);
  }

  /**
   * A codec with default options that sends handle numbers as 8 bytes ({@link
   * HandleCodec#int64()}).
   */
  public static WrpcCodec create() {
    return new WrpcCodec(WrpcCodecOptions.defaults(), HandleCodec.int64());
  }

  /** The options this codec was made with. */
  public WrpcCodecOptions options() {
    return options;
  }

  /**
   * Encodes {@code values} as one frame.
   *
   * @throws WitTypeMismatchException naming the path if a value does not conform to its type
   */
  public EncodedFrame encode(List<WitType> types, List<WitValue> values) {
    EncodeBuffer out = new EncodeBuffer();
    AsyncParts async = encodeInto(out, "values", types, values);
    return new EncodedFrame(out.asByteBuffer(), async);
  }

  /**
   * Appends {@code values} as one frame to {@code out}; {@code label} starts error paths (e.g.
   * {@code params}).
   *
   * @throws WitTypeMismatchException naming the path if a value does not conform to its type
   */
  public AsyncParts encodeInto(
      EncodeBuffer out, String label, List<WitType> types, List<WitValue> values) {
    AsyncCollector async = new AsyncCollector();
    TypeCursor cursor = new TypeCursor(label, IndexPath.root(), TypeCursor.Root.VALUES);
    new ValueWriter(options, handles, out, cursor, async).writeAll(types, values);
    return async.toParts();
  }

  /**
   * The contents of a pending future's channel at {@code path}: its encoded payload. (A
   * payload-less future's channel carries no bytes.)
   */
  public EncodedFrame encodeFuturePayload(FutureType type, WitValue payload, IndexPath path) {
    WitType payloadType =
        type.payload()
            .orElseThrow(
                () -> new WitTypeMismatchException(path.toString(), type + " has no payload"));
    EncodeBuffer out = new EncodeBuffer();
    AsyncCollector async = new AsyncCollector();
    TypeCursor cursor = new TypeCursor(path.appendTo("future"), path, TypeCursor.Root.SINGLE);
    new ValueWriter(options, handles, out, cursor, async)
        .writeAll(List.of(payloadType), List.of(payload));
    return new EncodedFrame(out.asByteBuffer(), async.toParts());
  }

  /**
   * One chunk for a pending stream's channel at {@code path}: the element count and the elements,
   * the first of which is element {@code firstIndex} of the whole stream. Finish the stream with
   * {@link #streamEnd()}.
   */
  public EncodedFrame encodeStreamChunk(
      StreamType type, List<WitValue> elements, long firstIndex, IndexPath path) {
    if (firstIndex < 0 || firstIndex + elements.size() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("stream element index out of range: " + firstIndex);
    }
    if (elements.isEmpty()) {
      throw new IllegalArgumentException(
          "a stream chunk must not be empty: that is the end marker");
    }
    WitType element =
        type.element()
            .orElseThrow(
                () -> new WitTypeMismatchException(path.toString(), type + " has no elements"));
    EncodeBuffer out = new EncodeBuffer();
    out.writeUnsignedLeb128(elements.size());
    AsyncCollector async = new AsyncCollector();
    TypeCursor cursor = new TypeCursor(path.appendTo("stream"), path, TypeCursor.Root.ELEMENTS);
    cursor.elementBase = firstIndex;
    new ValueWriter(options, handles, out, cursor, async).writeElements(element, elements);
    return new EncodedFrame(out.asByteBuffer(), async.toParts());
  }

  /** The empty chunk ({@code 0x00}) that ends a stream's channel. */
  public static ByteBuffer streamEnd() {
    return ByteBuffer.wrap(STREAM_END).asReadOnlyBuffer();
  }

  /**
   * Decodes one complete frame.
   *
   * @throws WrpcDecodeException if the bytes are malformed, end early, or go on past the frame
   */
  public DecodedFrame decode(List<WitType> types, ByteBuffer bytes) {
    WrpcDecoder decoder = decoder("values", types);
    DecodeStep step = decoder.feed(bytes.duplicate());
    if (step instanceof DecodeStep.Complete complete && complete.trailingBytes() > 0) {
      throw new WrpcDecodeException(
          "values",
          complete.trailingBytes() + " bytes follow the frame",
          bytes.remaining() - complete.trailingBytes());
    }
    return decoder.finish();
  }

  /**
   * Decodes one frame from {@code in}, reading it to its end.
   *
   * @throws WrpcDecodeException if the bytes are malformed, end early, or go on past the frame
   * @throws UncheckedIOException if reading fails
   */
  public DecodedFrame decode(List<WitType> types, InputStream in) {
    WrpcDecoder decoder = decoder("values", types);
    byte[] chunk = new byte[8192];
    long total = 0;
    try {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        total += n;
        if (decoder.feed(ByteBuffer.wrap(chunk, 0, n)) instanceof DecodeStep.Complete c
            && c.trailingBytes() > 0) {
          throw new WrpcDecodeException(
              "values", "bytes follow the frame", total - c.trailingBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading a wRPC frame failed", e);
    }
    return decoder.finish();
  }

  /**
   * An incremental decoder for a frame of {@code types} (a call's params or results); {@code label}
   * starts error paths, e.g. {@code params}.
   */
  public WrpcDecoder decoder(String label, List<WitType> types) {
    return new WrpcDecoder(
        options, handles, label, IndexPath.root(), TypeCursor.Root.VALUES, types);
  }

  /**
   * An incremental decoder for the channel of a pending future at {@code path}: one payload value
   * (none for a payload-less future, which completes at once).
   */
  public WrpcDecoder futureDecoder(FutureType type, IndexPath path) {
    List<WitType> types = type.payload().map(List::of).orElse(List.of());
    return new WrpcDecoder(
        options, handles, path.appendTo("future"), path, TypeCursor.Root.SINGLE, types);
  }

  /** An incremental decoder for the channel of a pending stream at {@code path}. */
  public WrpcStreamDecoder streamDecoder(StreamType type, IndexPath path) {
    return new WrpcStreamDecoder(options, handles, path.appendTo("stream"), path, type);
  }
}
