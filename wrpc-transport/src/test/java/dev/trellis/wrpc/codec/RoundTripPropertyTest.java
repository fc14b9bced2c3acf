package dev.trellis.wrpc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import dev.trellis.wrpc.wit.WitTypes;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.FutureValue;
import dev.trellis.wrpc.wit.WitValue.StreamValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated types and values (fixed seeds) survive encode then decode, whole and split into random
 * chunks, in every async layout; out-of-band contents decode on their channels to the originals.
 */
class RoundTripPropertyTest {
  private static final int CASES = 2_500;

  @Test
  void inlineStatusByteLayoutRoundTripsExactly() {
    WrpcCodec codec = codec(true, StreamFormat.STATUS_BYTE);
    WitGen gen = new WitGen(0xC0DEC01L);
    for (int i = 0; i < CASES; i++) {
      List<WitType> types = gen.types(4);
      List<WitValue> values = gen.values(types);
      EncodedFrame frame = codec.encode(types, values);
      assertEquals(List.of(), frame.async().payloads());
      DecodedFrame decoded = decodeInChunks(codec, types, frame.toByteArray(), gen.random());
      assertEquals(values, decoded.values(), () -> "case " + types);
      assertEquals(frame.async().pending(), decoded.pending());
    }
  }

  @Test
  void inlineListLayoutRoundTripsWithEmptyStreamsSentAsPending() {
    WrpcCodec codec = codec(true, StreamFormat.LIST);
    WitGen gen = new WitGen(0x11571L);
    for (int i = 0; i < CASES; i++) {
      List<WitType> types = gen.types(4);
      List<WitValue> values = gen.values(types);
      EncodedFrame frame = codec.encode(types, values);
      DecodedFrame decoded = decodeInChunks(codec, types, frame.toByteArray(), gen.random());
      List<WitValue> expected = new ArrayList<>();
      values.forEach(v -> expected.add(Normalize.emptyStreamsPending(v)));
      assertEquals(expected, decoded.values(), () -> "case " + types);
      for (int k = 0; k < types.size(); k++) {
        WitTypes.check(types.get(k), decoded.values().get(k));
      }
    }
  }

  @Test
  void outOfBandContentsDecodeOnTheirChannels() {
    WrpcCodec codec = WrpcCodec.create();
    WitGen gen = new WitGen(0x0B0BL);
    for (int i = 0; i < CASES; i++) {
      List<WitType> types = gen.types(4);
      List<WitValue> values = gen.values(types);
      EncodedFrame frame = codec.encode(types, values);
      DecodedFrame decoded = decodeInChunks(codec, types, frame.toByteArray(), gen.random());
      List<WitValue> expected = new ArrayList<>();
      values.forEach(v -> expected.add(Normalize.asyncPending(v)));
      assertEquals(expected, decoded.values(), () -> "case " + types);

      Map<IndexPath, WitValue> async = new HashMap<>();
      for (int k = 0; k < types.size(); k++) {
        Normalize.collectAsync(types.get(k), values.get(k), IndexPath.of(k), async);
      }
      Set<IndexPath> channels = new HashSet<>();
      frame.async().pending().forEach(p -> channels.add(p.path()));
      for (AsyncPayload payload : frame.async().payloads()) {
        assertTrue(channels.add(payload.path()), () -> "two channels at " + payload.path());
        checkChannel(codec, payload, async.get(payload.path()));
      }
      assertEquals(async.keySet(), channels);
      assertEquals(
          new HashSet<>(decoded.pending()), new HashSet<>(pendingAtTop(types, frame.async())));
    }
  }

  /** Pending values of the frame itself: every async value in it, since all are sent pending. */
  private static List<PendingValue> pendingAtTop(List<WitType> types, AsyncParts async) {
    List<PendingValue> out = new ArrayList<>();
    Set<IndexPath> nested = new HashSet<>();
    async.payloads().forEach(p -> nested.add(p.path()));
    for (PendingValue p : async.pending()) {
      if (isTopLevel(p.path(), nested)) {
        out.add(p);
      }
    }
    for (AsyncPayload p : async.payloads()) {
      if (isTopLevel(p.path(), nested)) {
        out.add(new PendingValue(p.path(), p.type()));
      }
    }
    return out;
  }

  /** A channel is nested in another when a ready async value with a shorter path contains it. */
  private static boolean isTopLevel(IndexPath path, Set<IndexPath> readyChannels) {
    for (IndexPath outer : readyChannels) {
      List<Integer> o = outer.indices();
      List<Integer> p = path.indices();
      if (o.size() < p.size() && p.subList(0, o.size()).equals(o)) {
        return false;
      }
    }
    return true;
  }

  private static void checkChannel(WrpcCodec codec, AsyncPayload payload, WitValue original) {
    ByteBuffer bytes = payload.bytes();
    if (payload.type() instanceof FutureType f) {
      FutureValue future = assertInstanceOf(FutureValue.class, original);
      WrpcDecoder decoder = codec.futureDecoder(f, payload.path());
      decoder.feed(bytes.duplicate());
      List<WitValue> expected = new ArrayList<>();
      future.payload().ifPresent(v -> expected.add(Normalize.asyncPending(v)));
      assertEquals(expected, decoder.finish().values());
    } else if (payload.type() instanceof StreamType s) {
      StreamValue stream = assertInstanceOf(StreamValue.class, original);
      WrpcStreamDecoder decoder = codec.streamDecoder(s, payload.path());
      decoder.feed(bytes.duplicate());
      List<WitValue> elements = new ArrayList<>();
      for (StreamStep step = decoder.next();
          !(step instanceof StreamStep.End);
          step = decoder.next()) {
        elements.addAll(assertInstanceOf(StreamStep.Chunk.class, step).elements());
      }
      decoder.finish();
      List<WitValue> expected = new ArrayList<>();
      stream.elements().forEach(v -> expected.add(Normalize.asyncPending(v)));
      assertEquals(expected, elements);
    }
  }

  static DecodedFrame decodeInChunks(
      WrpcCodec codec, List<WitType> types, byte[] bytes, Random random) {
    WrpcDecoder decoder = codec.decoder("params", types);
    int at = 0;
    while (at < bytes.length) {
      int n = 1 + random.nextInt(Math.min(bytes.length - at, 1 + random.nextInt(16)));
      DecodeStep step = decoder.feed(ByteBuffer.wrap(bytes, at, n));
      at += n;
      if (at < bytes.length) {
        assertInstanceOf(NeedMore.class, step);
      }
    }
    decoder.feed(ByteBuffer.allocate(0));
    return decoder.finish();
  }

  private static WrpcCodec codec(boolean inline, StreamFormat format) {
    return WrpcCodec.create(
        WrpcCodecOptions.defaults().withInlineReadyAsync(inline).withStreamFormat(format),
        HandleCodec.int64());
  }
}
