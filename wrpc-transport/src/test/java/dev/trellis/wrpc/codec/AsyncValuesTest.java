package dev.trellis.wrpc.codec;

import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U16;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.FutureValue;
import dev.trellis.wrpc.wit.WitValue.StreamValue;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Futures and streams: pending versus ready on the wire, both inline stream layouts, the index
 * paths of values that travel on their own channels, and decoding those channels.
 */
class AsyncValuesTest {
  private static final FutureType FUTURE_U32 = new FutureType(Optional.of(U32));
  private static final StreamType STREAM_U8 = new StreamType(Optional.of(U8));
  private static final WitType FIELDS =
      WitType.list(WitType.tuple(STRING, WitType.list(WitType.list(U8))));
  private static final WitType.RecordType REQUEST =
      WitType.record(
          "request",
          WitType.field("body", STREAM_U8),
          WitType.field("trailers", new FutureType(Optional.of(WitType.option(FIELDS)))),
          WitType.field("path-with-query", WitType.option(STRING)));
  private static final WitType.RecordType RESPONSE =
      WitType.record(
          "response",
          WitType.field("body", STREAM_U8),
          WitType.field("trailers", new FutureType(Optional.of(WitType.option(FIELDS)))),
          WitType.field("status", U16));

  private final WrpcCodec codec = WrpcCodec.create();

  @Test
  void pendingFuturesAndStreamsAreOneZeroByteAndAPath() {
    EncodedFrame frame =
        codec.encode(
            List.of(U32, REQUEST),
            List.of(
                WitValue.u32(7),
                WitValue.record(
                    WitValue.field("body", StreamValue.pending()),
                    WitValue.field("trailers", FutureValue.pending()),
                    WitValue.field("path-with-query", WitValue.some(WitValue.string("/"))))));
    assertEquals("07 00 00 01 01 2f", Hex.of(frame.toByteArray()));
    assertEquals(
        List.of(
            new PendingValue(IndexPath.of(1, 0), STREAM_U8),
            new PendingValue(IndexPath.of(1, 1), REQUEST.fields().get(1).type())),
        frame.async().pending());
    DecodedFrame decoded = codec.decode(List.of(U32, REQUEST), frame.bytes());
    assertEquals(frame.async().pending(), decoded.pending());
    assertEquals(
        StreamValue.pending(),
        ((WitValue.RecordValue) decoded.values().get(1)).get("body").orElseThrow());
  }

  @Test
  void wrpcHttpPathsMatchTheReference() {
    WitType handleResult = WitType.result(RESPONSE, STRING);
    assertEquals(List.of("0.0", "0.1"), suffixes(AsyncPaths.of(List.of(REQUEST))));
    assertEquals(List.of("0.0", "0.1"), suffixes(AsyncPaths.of(List.of(handleResult))));
    assertEquals(
        List.of("0.*.0", "0.*.1", "1", "2.0", "2.0.*"),
        suffixes(
            AsyncPaths.of(
                List.of(
                    WitType.list(WitType.tuple(STREAM_U8, FUTURE_U32)),
                    WitType.option(FUTURE_U32),
                    WitType.tuple(new StreamType(Optional.of(FUTURE_U32)))))));
  }

  @Test
  void readyValuesGoOutOfBandByDefault() {
    EncodedFrame frame =
        codec.encode(
            List.of(FUTURE_U32, STREAM_U8, STREAM_U8),
            List.of(
                FutureValue.ready(WitValue.u32(300)),
                StreamValue.ready(List.of(WitValue.u8(1), WitValue.u8(2))),
                StreamValue.ready(List.of())));
    assertEquals("00 00 00", Hex.of(frame.toByteArray()));
    List<AsyncPayload> payloads = frame.async().payloads();
    assertEquals(3, payloads.size());
    assertEquals(IndexPath.of(0), payloads.get(0).path());
    assertEquals("ac 02", Hex.of(bytes(payloads.get(0).bytes())));
    assertEquals(IndexPath.of(1), payloads.get(1).path());
    assertEquals("02 01 02 00", Hex.of(bytes(payloads.get(1).bytes())));
    assertEquals("00", Hex.of(bytes(payloads.get(2).bytes())));
    assertEquals(List.of(), frame.async().pending());
  }

  @Test
  void readyValuesInlineWithTheListLayout() {
    WrpcCodec inline =
        WrpcCodec.create(
            WrpcCodecOptions.defaults().withInlineReadyAsync(true), HandleCodec.int64());
    List<WitType> types = List.of(FUTURE_U32, STREAM_U8, STREAM_U8);
    EncodedFrame frame =
        inline.encode(
            types,
            List.of(
                FutureValue.ready(WitValue.u32(300)),
                StreamValue.ready(List.of(WitValue.u8(1), WitValue.u8(2))),
                StreamValue.ready(List.of())));
    assertEquals("01 ac 02 02 01 02 00", Hex.of(frame.toByteArray()));
    assertEquals("00", Hex.of(bytes(frame.async().payloads().get(0).bytes())));
    DecodedFrame decoded = inline.decode(types, frame.bytes());
    assertEquals(
        List.of(
            FutureValue.ready(WitValue.u32(300)),
            StreamValue.ready(List.of(WitValue.u8(1), WitValue.u8(2))),
            StreamValue.pending()),
        decoded.values());
    assertEquals(List.of(new PendingValue(IndexPath.of(2), STREAM_U8)), decoded.pending());
  }

  @Test
  void readyValuesInlineWithTheStatusByteLayout() {
    WrpcCodec go =
        WrpcCodec.create(
            WrpcCodecOptions.defaults()
                .withInlineReadyAsync(true)
                .withStreamFormat(StreamFormat.STATUS_BYTE),
            HandleCodec.int64());
    List<WitType> types = List.of(STREAM_U8, STREAM_U8, STREAM_U8);
    List<WitValue> values =
        List.of(
            StreamValue.ready(List.of(WitValue.u8(9))),
            StreamValue.ready(List.of()),
            StreamValue.pending());
    EncodedFrame frame = go.encode(types, values);
    assertEquals("01 01 09 01 00 00", Hex.of(frame.toByteArray()));
    assertEquals(values, go.decode(types, frame.bytes()).values());
    WrpcDecodeException e =
        assertThrows(
            WrpcDecodeException.class,
            () -> go.decode(List.of(STREAM_U8), ByteBuffer.wrap(Hex.bytes("02"))));
    assertEquals("values.0: invalid stream status byte 0x02 at byte 0", e.getMessage());
  }

  @Test
  void nestedAsyncValuesInReadyContentsGetTheirOwnPaths() {
    StreamType streamOfFutures = new StreamType(Optional.of(FUTURE_U32));
    EncodedFrame frame =
        codec.encode(
            List.of(U8, streamOfFutures),
            List.of(
                WitValue.u8(1),
                StreamValue.ready(
                    List.of(FutureValue.ready(WitValue.u32(5)), FutureValue.pending()))));
    assertEquals("01 00", Hex.of(frame.toByteArray()));
    assertEquals(
        List.of(new PendingValue(IndexPath.of(1, 1), FUTURE_U32)), frame.async().pending());
    List<AsyncPayload> payloads = frame.async().payloads();
    assertEquals(IndexPath.of(1, 0), payloads.get(0).path());
    assertEquals("05", Hex.of(bytes(payloads.get(0).bytes())));
    assertEquals(IndexPath.of(1), payloads.get(1).path());
    assertEquals("02 00 00 00", Hex.of(bytes(payloads.get(1).bytes())));
  }

  @Test
  void streamChannelsDecodeChunkByChunkWithGlobalIndices() {
    StreamType type = new StreamType(Optional.of(WitType.tuple(U8, FUTURE_U32)));
    IndexPath path = IndexPath.of(0, 3);
    EncodedFrame first =
        codec.encodeStreamChunk(
            type, List.of(WitValue.tuple(WitValue.u8(1), FutureValue.pending())), 0, path);
    EncodedFrame second =
        codec.encodeStreamChunk(
            type,
            List.of(
                WitValue.tuple(WitValue.u8(2), FutureValue.pending()),
                WitValue.tuple(WitValue.u8(3), FutureValue.pending())),
            1,
            path);
    assertEquals(IndexPath.of(0, 3, 2, 1), second.async().pending().get(1).path());
    WrpcStreamDecoder decoder = codec.streamDecoder(type, path);
    decoder.feed(first.bytes());
    decoder.feed(second.bytes());
    decoder.feed(WrpcCodec.streamEnd());
    StreamStep.Chunk c1 = assertInstanceOf(StreamStep.Chunk.class, decoder.next());
    assertEquals(0, c1.firstIndex());
    assertEquals(List.of(new PendingValue(IndexPath.of(0, 3, 0, 1), FUTURE_U32)), c1.pending());
    StreamStep.Chunk c2 = assertInstanceOf(StreamStep.Chunk.class, decoder.next());
    assertEquals(1, c2.firstIndex());
    assertEquals(second.async().pending(), c2.pending());
    assertEquals(new StreamStep.End(0), decoder.next());
    decoder.finish();
  }

  @Test
  void aStreamChannelThatEndsEarlyIsAnError() {
    WrpcStreamDecoder decoder = codec.streamDecoder(STREAM_U8, IndexPath.of(0, 0));
    decoder.feed(ByteBuffer.wrap(Hex.bytes("03 01 02")));
    assertEquals(new NeedMore(1), decoder.next());
    WrpcDecodeException e = assertThrows(WrpcDecodeException.class, decoder::finish);
    assertEquals(
        "stream.0.0[2]: channel ended before the end of the stream at byte 3", e.getMessage());
  }

  @Test
  void futureChannelsDecodeOnePayload() {
    IndexPath path = IndexPath.of(2);
    EncodedFrame payload = codec.encodeFuturePayload(FUTURE_U32, WitValue.u32(300), path);
    WrpcDecoder decoder = codec.futureDecoder(FUTURE_U32, path);
    assertEquals(new NeedMore(1), decoder.feed(ByteBuffer.wrap(Hex.bytes("ac"))));
    DecodeStep step = decoder.feed(ByteBuffer.wrap(Hex.bytes("02")));
    assertEquals(List.of(WitValue.u32(300)), ((DecodeStep.Complete) step).frame().values());
    assertEquals("ac 02", Hex.of(payload.toByteArray()));
    WrpcDecoder unit = codec.futureDecoder(new FutureType(Optional.empty()), path);
    assertInstanceOf(DecodeStep.Complete.class, unit.feed(ByteBuffer.allocate(0)));
  }

  @Test
  void elementlessStreamsCannotCarryElements() {
    StreamType bare = new StreamType(Optional.empty());
    assertEquals(
        List.of(StreamValue.pending()),
        codec.decode(List.of(bare), ByteBuffer.wrap(Hex.bytes("00"))).values());
    WrpcDecodeException e =
        assertThrows(
            WrpcDecodeException.class,
            () -> codec.decode(List.of(bare), ByteBuffer.wrap(Hex.bytes("01"))));
    assertEquals(
        "values.0: a stream without an element type cannot carry elements at byte 0",
        e.getMessage());
  }

  private static List<String> suffixes(List<IndexPattern> patterns) {
    return patterns.stream().map(IndexPattern::toSubjectSuffix).sorted().toList();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
