package dev.trellis.wrpc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitTypes;
import dev.trellis.wrpc.wit.WitValue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated and garbled frames (thousands, fixed seeds) yield only "need more" or {@link
 * WrpcDecodeException}, and whatever does decode is a valid value of the type.
 */
class MalformedCorpusTest {
  private static final int FRAMES = 600;
  private static final int MUTATIONS = 12;

  private final WrpcCodec codec =
      WrpcCodec.create(
          WrpcCodecOptions.defaults().withInlineReadyAsync(true).withMaxListLength(1 << 16),
          HandleCodec.int64());

  @Test
  void everyStrictPrefixOfAFrameIsIncomplete() {
    WitGen gen = new WitGen(0x7123L);
    int checked = 0;
    for (int i = 0; i < FRAMES; i++) {
      List<WitType> types = gen.types(3);
      byte[] bytes = codec.encode(types, gen.values(types)).toByteArray();
      for (int cut = 0; cut < bytes.length; cut += 1 + bytes.length / 48) {
        byte[] prefix = Arrays.copyOf(bytes, cut);
        WrpcDecodeException e =
            assertThrows(
                WrpcDecodeException.class, () -> codec.decode(types, ByteBuffer.wrap(prefix)));
        assertTrue(e.problem().startsWith("channel ended"), e::getMessage);
        checked++;
      }
    }
    assertTrue(checked > 2_000, "checked " + checked);
  }

  @Test
  void garbledFramesFailOnlyWithDecodeErrors() {
    WitGen gen = new WitGen(0x6A7B1EDL);
    Random random = gen.random();
    int failures = 0;
    for (int i = 0; i < FRAMES; i++) {
      List<WitType> types = gen.types(3);
      byte[] bytes = codec.encode(types, gen.values(types)).toByteArray();
      for (int m = 0; m < MUTATIONS; m++) {
        byte[] garbled = mutate(bytes, random);
        failures += decodeOrFail(types, garbled, random) ? 0 : 1;
      }
    }
    assertTrue(failures > FRAMES, "only " + failures + " garbled frames were rejected");
  }

  @Test
  void randomBytesAgainstRandomTypesFailOnlyWithDecodeErrors() {
    WitGen gen = new WitGen(0xBADC0DEL);
    Random random = gen.random();
    for (int i = 0; i < 3_000; i++) {
      List<WitType> types = gen.types(3);
      byte[] bytes = new byte[random.nextInt(40)];
      random.nextBytes(bytes);
      if (random.nextBoolean()) {
        for (int k = 0; k < bytes.length; k++) {
          bytes[k] = (byte) (bytes[k] & (random.nextBoolean() ? 0x01 : 0x83));
        }
      }
      decodeOrFail(types, bytes, random);
    }
  }

  @Test
  void garbledStreamChannelsFailOnlyWithDecodeErrors() {
    WitGen gen = new WitGen(0x57AEL);
    Random random = gen.random();
    for (int i = 0; i < 1_000; i++) {
      WitType.StreamType type = new WitType.StreamType(Optional.of(gen.type(2)));
      byte[] chunk =
          codec
              .encodeStreamChunk(type, List.of(gen.value(type.element().get())), 0, IndexPath.of(0))
              .toByteArray();
      byte[] garbled = mutate(chunk, random);
      WrpcStreamDecoder decoder = codec.streamDecoder(type, IndexPath.of(0));
      try {
        decoder.feed(ByteBuffer.wrap(garbled));
        for (StreamStep s = decoder.next(); s instanceof StreamStep.Chunk; s = decoder.next()) {
          assertEquals(false, ((StreamStep.Chunk) s).elements().isEmpty());
        }
      } catch (WrpcDecodeException expected) {
        // malformed input is reported, nothing else
      } catch (RuntimeException e) {
        fail("stream " + type + " bytes " + Hex.of(garbled), e);
      }
    }
  }

  /** Decodes whole and in random chunks; returns whether it decoded. */
  private boolean decodeOrFail(List<WitType> types, byte[] bytes, Random random) {
    boolean whole = decodes(types, bytes);
    WrpcDecoder decoder = codec.decoder("params", types);
    boolean chunked;
    String failure = "";
    try {
      int at = 0;
      while (at < bytes.length) {
        int n = 1 + random.nextInt(bytes.length - at);
        decoder.feed(ByteBuffer.wrap(bytes, at, n));
        at += n;
      }
      chunked = decoder.finish() != null;
    } catch (WrpcDecodeException e) {
      chunked = false;
      failure = e.getMessage();
    } catch (RuntimeException e) {
      return fail("chunked " + types + " bytes " + Hex.of(bytes), e);
    }
    String context = types + " bytes " + Hex.of(bytes) + " " + failure;
    assertEquals(
        whole || trailingOnly(types, bytes), chunked || trailingOnly(types, bytes), context);
    return whole;
  }

  private boolean decodes(List<WitType> types, byte[] bytes) {
    try {
      DecodedFrame frame = codec.decode(types, ByteBuffer.wrap(bytes));
      for (int i = 0; i < types.size(); i++) {
        WitTypes.check(types.get(i), frame.values().get(i));
      }
      return true;
    } catch (WrpcDecodeException e) {
      return false;
    } catch (RuntimeException e) {
      return fail("whole " + types + " bytes " + Hex.of(bytes), e);
    }
  }

  /** Whether the bytes hold a complete frame followed by extra bytes (whole decode rejects it). */
  private boolean trailingOnly(List<WitType> types, byte[] bytes) {
    try {
      return codec.decoder("params", types).feed(ByteBuffer.wrap(bytes))
              instanceof DecodeStep.Complete c
          && c.trailingBytes() > 0;
    } catch (WrpcDecodeException e) {
      return false;
    }
  }

  private static byte[] mutate(byte[] bytes, Random random) {
    byte[] out = bytes.clone();
    if (out.length == 0) {
      return new byte[] {(byte) random.nextInt(256)};
    }
    int at = random.nextInt(out.length);
    return switch (random.nextInt(6)) {
      case 0 -> {
        out[at] ^= (byte) (1 << random.nextInt(8));
        yield out;
      }
      case 1 -> {
        out[at] = (byte) random.nextInt(256);
        yield out;
      }
      case 2 -> {
        out[at] = (byte) 0xFF;
        yield out;
      }
      case 3 -> {
        byte[] longer = Arrays.copyOf(out, out.length + 1);
        System.arraycopy(out, at, longer, at + 1, out.length - at);
        longer[at] = (byte) random.nextInt(256);
        yield longer;
      }
      case 4 -> {
        byte[] shorter = new byte[out.length - 1];
        System.arraycopy(out, 0, shorter, 0, at);
        System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
        yield shorter;
      }
      default -> {
        for (int k = at; k < Math.min(out.length, at + 5); k++) {
          out[k] = (byte) 0x80;
        }
        yield out;
      }
    };
  }

  @Test
  void decodedGarbageIsStillAValidValue() {
    WitValue v =
        codec
            .decode(List.of(WitType.Primitive.CHAR), ByteBuffer.wrap(Hex.bytes("f4 8f bf bf")))
            .values()
            .get(0);
    assertEquals(WitValue.character(0x10FFFF), v);
    assertThrows(
        WrpcDecodeException.class,
        () ->
            codec.decode(
                List.of(WitType.Primitive.CHAR), ByteBuffer.wrap(Hex.bytes("f4 90 80 80"))));
  }
}
