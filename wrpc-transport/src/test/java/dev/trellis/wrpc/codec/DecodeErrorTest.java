package dev.trellis.wrpc.codec;

import static dev.trellis.wrpc.wit.WitType.Primitive.BOOL;
import static dev.trellis.wrpc.wit.WitType.Primitive.CHAR;
import static dev.trellis.wrpc.wit.WitType.Primitive.S32;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitTypeMismatchException;
import dev.trellis.wrpc.wit.WitValue;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Decode and encode failures name the type path, the problem and the byte. */
class DecodeErrorTest {
  private static final WitType.RecordType POINT =
      WitType.record("point", WitType.field("x", S32), WitType.field("y", S32));

  private final WrpcCodec codec = WrpcCodec.create();

  private String failure(List<WitType> types, String hex) {
    WrpcDecoder decoder = codec.decoder("params", types);
    return assertThrows(
            WrpcDecodeException.class,
            () -> {
              decoder.feed(ByteBuffer.wrap(Hex.bytes(hex)));
              decoder.finish();
            })
        .getMessage();
  }

  @Test
  void messagesNameTheTypePathAndTheByte() {
    assertEquals(
        "params.1.record point.y: LEB128 overflow for s32 at byte 7",
        failure(List.of(U32, POINT), "ac 02 01 ff ff ff ff 10"));
    assertEquals("params.0: invalid bool byte 0x02 at byte 0", failure(List.of(BOOL), "02"));
    assertEquals(
        "params.0[1]: invalid option status byte 0x07 at byte 2",
        failure(List.of(WitType.list(WitType.option(U8))), "02 00 07"));
    assertEquals(
        "params.0.variant shape: unknown variant discriminant 3 (2 cases) at byte 0",
        failure(
            List.of(WitType.variant("shape", WitType.variantCase("a"), WitType.variantCase("b"))),
            "03"));
    assertEquals(
        "params.0.enum color: unknown enum discriminant 9 (1 cases) at byte 0",
        failure(List.of(WitType.enumType("color", "red")), "09"));
    assertEquals(
        "params.0.ok: string is not valid UTF-8 at byte 3",
        failure(List.of(WitType.result(STRING, U8)), "00 02 61 ff"));
    assertEquals(
        "params.0: invalid UTF-8 lead byte 0x80 for char at byte 0", failure(List.of(CHAR), "80"));
    assertEquals("params.0: char is not valid UTF-8 at byte 0", failure(List.of(CHAR), "ed a0 80"));
    assertEquals(
        "params.1.record point.y: channel ended inside the value (2 unread bytes) at byte 5",
        failure(List.of(U32, POINT), "ac 02 01 ff ff"));
  }

  @Test
  void lengthPrefixesBeyondTheLimitsFailWithoutAllocating() {
    WrpcCodec strict =
        WrpcCodec.create(
            WrpcCodecOptions.defaults()
                .withMaxStringBytes(4)
                .withMaxListLength(3)
                .withMaxHandleBytes(8),
            HandleCodec.int64());
    WrpcDecodeException e =
        assertThrows(
            WrpcDecodeException.class,
            () -> strict.decode(List.of(STRING), ByteBuffer.wrap(Hex.bytes("ff ff ff ff 0f"))));
    assertEquals(
        "values.0: string length 4294967295 exceeds the limit of 4 bytes at byte 0",
        e.getMessage());
    e =
        assertThrows(
            WrpcDecodeException.class,
            () -> strict.decode(List.of(WitType.list(U32)), ByteBuffer.wrap(Hex.bytes("04"))));
    assertEquals("values.0: list length 4 exceeds the limit of 3 at byte 0", e.getMessage());
    e =
        assertThrows(
            WrpcDecodeException.class,
            () ->
                strict.decode(
                    List.of(new WitType.OwnType(WitGen.FILE)),
                    ByteBuffer.wrap(Hex.bytes("03 01 02 03"))));
    assertEquals(
        "values.0: handle of 3 bytes is not accepted for resource file at byte 0", e.getMessage());
  }

  @Test
  void aFailedDecoderKeepsFailing() {
    WrpcDecoder decoder = codec.decoder("params", List.of(BOOL, BOOL));
    assertThrows(WrpcDecodeException.class, () -> decoder.feed(ByteBuffer.wrap(Hex.bytes("05"))));
    WrpcDecodeException again =
        assertThrows(
            WrpcDecodeException.class, () -> decoder.feed(ByteBuffer.wrap(Hex.bytes("01"))));
    assertEquals(
        "params.0: decoder already failed: invalid bool byte 0x05 at byte 0", again.getMessage());
  }

  @Test
  void aHugeAnnouncedStringJustWaitsForItsBytes() {
    WrpcDecoder decoder = codec.decoder("params", List.of(STRING));
    assertEquals(new NeedMore(60_000_000), decoder.feed(ByteBuffer.wrap(Hex.bytes("80 8e ce 1c"))));
  }

  @Test
  void encodingAMismatchedValueNamesThePath() {
    WitTypeMismatchException e =
        assertThrows(
            WitTypeMismatchException.class,
            () ->
                codec.encode(
                    List.of(U32, POINT),
                    List.of(
                        WitValue.u32(1),
                        WitValue.record(
                            WitValue.field("x", WitValue.s32(1)),
                            WitValue.field("y", WitValue.string("no"))))));
    assertEquals("values.1.record point.y: expected s32, got string", e.getMessage());
    e = assertThrows(WitTypeMismatchException.class, () -> codec.encode(List.of(U32), List.of()));
    assertEquals("values: expected 1 values, got 0", e.getMessage());
    e =
        assertThrows(
            WitTypeMismatchException.class,
            () ->
                codec.encode(
                    List.of(new WitType.FlagsType(Optional.empty(), List.of("a"))),
                    List.of(WitValue.flags("a", "b"))));
    assertEquals("values.0: unknown flag b of flags {a}", e.getMessage());
  }
}
