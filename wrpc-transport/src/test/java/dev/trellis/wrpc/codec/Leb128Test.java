package dev.trellis.wrpc.codec;

import static dev.trellis.wrpc.wit.WitType.Primitive.S16;
import static dev.trellis.wrpc.wit.WitType.Primitive.S32;
import static dev.trellis.wrpc.wit.WitType.Primitive.S64;
import static dev.trellis.wrpc.wit.WitType.Primitive.U16;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Integer encodings: wasm-tokio's LEB128 vectors (leb128-tokio tests in wrpc/wasm-tokio), the
 * boundaries of every width, and the signed forms the Rust decoder wrongly rejects.
 */
class Leb128Test {
  private final WrpcCodec codec = WrpcCodec.create();

  private WitValue decode(WitType type, String hex) {
    return codec.decode(List.of(type), ByteBuffer.wrap(Hex.bytes(hex))).values().get(0);
  }

  private String encode(WitType type, WitValue value) {
    return Hex.of(codec.encode(List.of(type), List.of(value)).toByteArray());
  }

  private void rejects(WitType type, String hex, String message) {
    WrpcDecodeException e = assertThrows(WrpcDecodeException.class, () -> decode(type, hex));
    assertEquals(message, e.getMessage());
  }

  @Test
  void wasmTokioUnsignedVectors() {
    assertEquals(WitValue.u32(624_485), decode(U32, "e5 8e 26"));
    assertEquals(WitValue.u64(624_485), decode(U64, "e5 8e 26"));
    assertEquals("e5 8e 26", encode(U32, WitValue.u32(624_485)));
    assertEquals("e5 8e 26", encode(U64, WitValue.u64(624_485)));
    assertEquals(WitValue.u16(0x7fff), decode(U16, "ff ff 01"));
    assertEquals(WitValue.u16(0xbfff), decode(U16, "ff ff 02"));
    assertEquals(WitValue.u16(0xffff), decode(U16, "ff ff 03"));
    rejects(U16, "ff ff 04", "values.0: LEB128 overflow for u16 at byte 2");
    assertEquals(WitValue.u32(0xFFFF_FFFFL), decode(U32, "ff ff ff ff 0f"));
    rejects(U32, "ff ff ff ff 10", "values.0: LEB128 overflow for u32 at byte 4");
    assertEquals(WitValue.u64(-1), decode(U64, "ff ff ff ff ff ff ff ff ff 01"));
    rejects(U64, "ff ff ff ff ff ff ff ff ff 02", "values.0: LEB128 overflow for u64 at byte 9");
    assertEquals(WitValue.u64(1L << 35), decode(U64, "80 80 80 80 80 01"));
  }

  @Test
  void wasmTokioSignedVectors() {
    assertEquals(WitValue.s32(-123_456), decode(S32, "c0 bb 78"));
    assertEquals(WitValue.s64(-123_456), decode(S64, "c0 bb 78"));
    assertEquals("c0 bb 78", encode(S32, WitValue.s32(-123_456)));
    assertEquals("c0 bb 78", encode(S64, WitValue.s64(-123_456)));
    assertEquals("7f", encode(S64, WitValue.s64(-1)));
    assertEquals("7e", encode(S64, WitValue.s64(-2)));
    assertEquals(WitValue.s16(0x7fff), decode(S16, "ff ff 01"));
    assertEquals(WitValue.s16(-0x4001), decode(S16, "ff ff 02"));
    assertEquals(WitValue.s16(-1), decode(S16, "ff ff 03"));
    rejects(S16, "ff ff 04", "values.0: LEB128 overflow for s16 at byte 2");
    assertEquals(WitValue.s32(-1), decode(S32, "7f"));
    assertEquals(WitValue.s32(-2), decode(S32, "7e"));
    assertEquals(WitValue.s32(-1), decode(S32, "ff ff ff ff 0f"));
    assertEquals(WitValue.s32(-2), decode(S32, "fe ff ff ff 0f"));
    rejects(S32, "ff ff ff ff 10", "values.0: LEB128 overflow for s32 at byte 4");
    assertEquals(WitValue.s64(-1), decode(S64, "ff ff ff ff ff ff ff ff ff 01"));
    rejects(S64, "ff ff ff ff ff ff ff ff ff 02", "values.0: LEB128 overflow for s64 at byte 9");
  }

  @Test
  void signedExtremesThatTheRustDecoderRejectsRoundTrip() {
    assertEquals("80 80 80 80 78", encode(S32, WitValue.s32(Integer.MIN_VALUE)));
    assertEquals(WitValue.s32(Integer.MIN_VALUE), decode(S32, "80 80 80 80 78"));
    assertEquals(
        WitValue.s32(-(1 << 27) - 1), decode(S32, encode(S32, WitValue.s32(-(1 << 27) - 1))));
    assertEquals("80 80 7e", encode(S16, WitValue.s16(Short.MIN_VALUE)));
    assertEquals(WitValue.s16(Short.MIN_VALUE), decode(S16, "80 80 7e"));
    String min64 = "80 80 80 80 80 80 80 80 80 7f";
    assertEquals(min64, encode(S64, WitValue.s64(Long.MIN_VALUE)));
    assertEquals(WitValue.s64(Long.MIN_VALUE), decode(S64, min64));
  }

  @Test
  void boundariesOfEveryWidthRoundTrip() {
    long[] samples = {0, 1, 63, 64, 127, 128, 8191, 8192, 16383, 16384};
    for (long v : samples) {
      for (long s : new long[] {v, -v, -v - 1}) {
        roundTrip(S16, WitValue.s16((int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s))));
        roundTrip(S32, WitValue.s32((int) s));
        roundTrip(S64, WitValue.s64(s));
      }
      roundTrip(U16, WitValue.u16((int) v));
      roundTrip(U32, WitValue.u32(v));
      roundTrip(U64, WitValue.u64(v));
    }
    roundTrip(U16, WitValue.u16(0xFFFF));
    roundTrip(S16, WitValue.s16(Short.MAX_VALUE));
    roundTrip(S32, WitValue.s32(Integer.MAX_VALUE));
    roundTrip(S64, WitValue.s64(Long.MAX_VALUE));
    assertEquals("ff ff ff ff ff ff ff ff ff 01", encode(U64, WitValue.u64(-1)));
  }

  @Test
  void redundantZeroGroupsAreAcceptedWithinTheWidth() {
    assertEquals(WitValue.u32(0), decode(U32, "80 80 80 80 00"));
    assertEquals(WitValue.s32(-1), decode(S32, "ff ff 7f"));
    rejects(U32, "80 80 80 80 80 00", "values.0: LEB128 overflow for u32 at byte 4");
  }

  @Test
  void anEmptyChannelIsIncomplete() {
    WrpcDecodeException e = assertThrows(WrpcDecodeException.class, () -> decode(U32, ""));
    assertEquals(
        "values.0: channel ended inside the value (0 unread bytes) at byte 0", e.getMessage());
  }

  private void roundTrip(WitType type, WitValue value) {
    assertEquals(value, decode(type, encode(type, value)), () -> type + " " + value);
  }
}
