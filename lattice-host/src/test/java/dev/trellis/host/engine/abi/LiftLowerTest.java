package dev.trellis.host.engine.abi;

import static dev.trellis.wrpc.wit.WitType.Primitive.BOOL;
import static dev.trellis.wrpc.wit.WitType.Primitive.CHAR;
import static dev.trellis.wrpc.wit.WitType.Primitive.F32;
import static dev.trellis.wrpc.wit.WitType.Primitive.F64;
import static dev.trellis.wrpc.wit.WitType.Primitive.S16;
import static dev.trellis.wrpc.wit.WitType.Primitive.S8;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U16;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U64;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.FlagsType;
import dev.trellis.wrpc.wit.WitType.VariantType;
import dev.trellis.wrpc.wit.WitTypeMismatchException;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.F32Value;
import dev.trellis.wrpc.wit.WitValue.F64Value;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiftLowerTest {
  private final GuestMemory guest = new GuestMemory();
  private final Cx cx = guest.cx(StringEncoding.UTF8);

  private void storeAt(WitType type, WitValue value, int ptr) {
    Lowering.store(cx, AbiTypes.compile(type), value, ptr);
  }

  private WitValue loadAt(WitType type, int ptr) {
    return Lifting.load(cx, AbiTypes.compile(type), ptr);
  }

  private long[] lowerFlat(WitType type, WitValue value) {
    AbiType t = AbiTypes.compile(type);
    long[] out = new long[t.flat().length];
    Lowering.lowerFlat(cx, t, value, out, 0);
    return out;
  }

  private WitValue liftFlat(WitType type, long... flat) {
    return Lifting.liftFlat(cx, AbiTypes.compile(type), flat, 0);
  }

  private CanonicalAbiTrap liftFails(WitType type, long... flat) {
    return assertThrows(CanonicalAbiTrap.class, () -> liftFlat(type, flat));
  }

  private static VariantType anonymous(VariantType.Case... cases) {
    return new VariantType(Optional.empty(), List.of(cases));
  }

  @Test
  void recordStoresFieldsAtAlignedOffsets() {
    WitType point =
        WitType.record(
            "p", WitType.field("a", U8), WitType.field("b", U32), WitType.field("c", U16));
    WitValue value =
        WitValue.record(
            WitValue.field("a", WitValue.u8(1)),
            WitValue.field("b", WitValue.u32(0x01020304)),
            WitValue.field("c", WitValue.u16(0xBEEF)));
    storeAt(point, value, 0x20);
    assertEquals("0100000004030201efbe0000", guest.bytes(0x20, 12));
    assertEquals(value, loadAt(point, 0x20));
  }

  @Test
  void listIsAllocatedAtElementAlignmentAndStoredAsPointerAndLength() {
    WitType type = WitType.list(U32);
    WitValue value = WitValue.list(WitValue.u32(1), WitValue.u32(2), WitValue.u32(3));
    storeAt(type, value, 0x20);
    assertEquals(List.of("realloc(0x0, 0, 4, 12) = 0x100"), guest.calls);
    assertEquals("0001000003000000", guest.bytes(0x20, 8));
    assertEquals("010000000200000003000000", guest.bytes(0x100, 12));
    assertEquals(value, loadAt(type, 0x20));
  }

  @Test
  void listOfStringsAllocatesTheListBeforeItsElements() {
    WitType type = WitType.list(STRING);
    WitValue value = WitValue.list(WitValue.string("a"), WitValue.string("bc"));
    long[] flat = lowerFlat(type, value);
    assertArrayEquals(new long[] {0x100, 2}, flat);
    assertEquals(
        List.of(
            "realloc(0x0, 0, 4, 16) = 0x100",
            "realloc(0x0, 0, 1, 1) = 0x110",
            "realloc(0x0, 0, 1, 2) = 0x111"),
        guest.calls);
    assertEquals("10010000010000001101000002000000", guest.bytes(0x100, 16));
    assertEquals("616263", guest.bytes(0x110, 3));
    assertEquals(value, liftFlat(type, flat));
  }

  @Test
  void emptyListStillCallsRealloc() {
    assertArrayEquals(new long[] {0x100, 0}, lowerFlat(WitType.list(U64), WitValue.list()));
    assertEquals(List.of("realloc(0x0, 0, 8, 0) = 0x100"), guest.calls);
  }

  @Test
  void variantsStoreDiscriminantThenPayload() {
    storeAt(WitType.option(U32), WitValue.some(WitValue.u32(7)), 0x20);
    assertEquals("0100000007000000", guest.bytes(0x20, 8));
    storeAt(WitType.result(STRING, U8), WitValue.err(WitValue.u8(5)), 0x40);
    assertEquals("0100000005", guest.bytes(0x40, 5));
    storeAt(WitType.enumType("e", "a", "b", "c"), WitValue.enumCase("c"), 0x50);
    assertEquals("02", guest.bytes(0x50, 1));
    WitType big = new WitType.EnumType(Optional.empty(), LayoutTest.labels(300));
    storeAt(big, WitValue.enumCase("l258"), 0x60);
    assertEquals("0201", guest.bytes(0x60, 2));
    assertEquals(WitValue.enumCase("l258"), loadAt(big, 0x60));
    assertEquals(WitValue.err(WitValue.u8(5)), loadAt(WitType.result(STRING, U8), 0x40));
  }

  @Test
  void flagsPackLabelsIntoBitsAndIgnoreUnusedBitsOnLift() {
    FlagsType ten = new FlagsType(Optional.empty(), LayoutTest.labels(10));
    storeAt(ten, WitValue.flags("l0", "l9"), 0x20);
    assertEquals("0102", guest.bytes(0x20, 2));
    FlagsType three = WitType.flags("f", "a", "b", "c");
    assertEquals(WitValue.flags("a", "b", "c"), liftFlat(three, 0xFFFF_FFFFL));
    guest.put(0x30, "fe");
    assertEquals(WitValue.flags("b", "c"), loadAt(three, 0x30));
    assertArrayEquals(new long[] {0b101}, lowerFlat(three, WitValue.flags("c", "a")));
  }

  @Test
  void integersKeepTheirLowBitsAndBoolIsNonZero() {
    assertEquals(WitValue.u8(255), liftFlat(U8, 0x1FF));
    assertEquals(WitValue.s8(-128), liftFlat(S8, 0x80));
    assertEquals(WitValue.s16(-32768), liftFlat(S16, 0x18000));
    assertEquals(WitValue.u16(65535), liftFlat(U16, -1));
    assertEquals(WitValue.u32(0xFFFF_FFFFL), liftFlat(U32, -1));
    assertEquals(WitValue.bool(true), liftFlat(BOOL, 2));
    guest.put(0x20, "fe");
    assertEquals(WitValue.bool(true), loadAt(BOOL, 0x20));
    assertArrayEquals(new long[] {-1}, lowerFlat(S8, WitValue.s8(-1)));
    assertArrayEquals(new long[] {-1}, lowerFlat(U32, WitValue.u32(0xFFFF_FFFFL)));
    assertArrayEquals(new long[] {1}, lowerFlat(BOOL, WitValue.bool(true)));
  }

  @Test
  void charsOutsideTheScalarRangeTrap() {
    assertEquals(WitValue.character(0x1F600), liftFlat(CHAR, 0x1F600));
    assertEquals(
        "char value 0xd800 is not a Unicode scalar value", liftFails(CHAR, 0xD800).getMessage());
    liftFails(CHAR, 0xDFFF);
    liftFails(CHAR, 0x110000);
    assertEquals(
        "char value 0xffffffff is not a Unicode scalar value", liftFails(CHAR, -1).getMessage());
    guest.put(0x20, "00d80000");
    assertThrows(CanonicalAbiTrap.class, () -> loadAt(CHAR, 0x20));
  }

  @Test
  void liftedNansAreCanonical() {
    var f = (F32Value) liftFlat(F32, 0x7fa00001L);
    assertEquals(0x7fc00000, Float.floatToRawIntBits(f.value()));
    var d = (F64Value) liftFlat(F64, 0x7ff0000000000001L);
    assertEquals(0x7ff8000000000000L, Double.doubleToRawLongBits(d.value()));
    guest.put(0x20, "010080ff");
    assertEquals(0x7fc00000, Float.floatToRawIntBits(((F32Value) loadAt(F32, 0x20)).value()));
    assertEquals(WitValue.f32(-0.0f), liftFlat(F32, Float.floatToRawIntBits(-0.0f)));
  }

  @Test
  void floatsLowerAsRawBitsInChicorysConvention() {
    assertArrayEquals(new long[] {0x3fc00000L}, lowerFlat(F32, WitValue.f32(1.5f)));
    assertArrayEquals(new long[] {0xffff_ffff_bf80_0000L}, lowerFlat(F32, WitValue.f32(-1f)));
    assertArrayEquals(
        new long[] {Double.doubleToRawLongBits(-2.5)}, lowerFlat(F64, WitValue.f64(-2.5)));
  }

  @Test
  void variantPayloadsAreCoercedIntoJoinedSlots() {
    WitType v = anonymous(WitType.variantCase("a", F32), WitType.variantCase("b", U64));
    long[] a = lowerFlat(v, WitValue.variant("a", WitValue.f32(-1f)));
    assertArrayEquals(new long[] {0, 0xbf80_0000L}, a, "f32 zero-extended into the i64 slot");
    assertEquals(WitValue.variant("a", WitValue.f32(-1f)), liftFlat(v, a));
    long[] b = lowerFlat(v, WitValue.variant("b", WitValue.u64(-1)));
    assertArrayEquals(new long[] {1, -1}, b);
    assertEquals(WitValue.variant("b", WitValue.u64(-1)), liftFlat(v, b));
    WitType mixed = anonymous(WitType.variantCase("a", U32), WitType.variantCase("b", F32));
    long[] f = lowerFlat(mixed, WitValue.variant("b", WitValue.f32(1.5f)));
    assertArrayEquals(new long[] {1, 0x3fc00000L}, f);
    assertEquals(WitValue.variant("b", WitValue.f32(1.5f)), liftFlat(mixed, f));
    WitType wide =
        anonymous(WitType.variantCase("a", U8), WitType.variantCase("b", WitType.tuple(U64, U64)));
    assertArrayEquals(new long[] {0, 9, 0}, lowerFlat(wide, WitValue.variant("a", WitValue.u8(9))));
    assertEquals(WitValue.variant("a", WitValue.u8(9)), liftFlat(wide, 0, 0x7_0000_0009L, 123));
  }

  @Test
  void discriminantsOutOfRangeTrap() {
    WitType v = anonymous(WitType.variantCase("a"), WitType.variantCase("b", U32));
    assertEquals(
        "variant discriminant 7 out of range for variant<a, b>", liftFails(v, 7, 0).getMessage());
    guest.put(0x20, "07");
    assertEquals(
        "variant discriminant 7 out of range for variant<a, b>",
        assertThrows(CanonicalAbiTrap.class, () -> loadAt(v, 0x20)).getMessage());
    assertEquals(
        "variant discriminant 4294967295 out of range for enum e<x, y>",
        liftFails(WitType.enumType("e", "x", "y"), -1).getMessage());
    assertEquals(
        "variant discriminant 2 out of range for option<u32>",
        liftFails(WitType.option(U32), 2, 0).getMessage());
    guest.put(0x30, "02");
    assertThrows(CanonicalAbiTrap.class, () -> loadAt(WitType.result(U8, U8), 0x30));
    guest.put(0x40, "ff");
    assertEquals(
        "variant discriminant 255 out of range for variant<a, b>",
        assertThrows(CanonicalAbiTrap.class, () -> loadAt(v, 0x40)).getMessage());
    WitType big = new WitType.EnumType(Optional.empty(), LayoutTest.labels(300));
    guest.put(0x50, "0080");
    assertEquals(
        "variant discriminant 32768 out of range for enum<l0, l1, l2, l3, l4, l5, l6, l7, l8, l9,"
            + " l10, l11, l12, l13, l14, l15, l16, l17, l18, l19, ...>",
        assertThrows(CanonicalAbiTrap.class, () -> loadAt(big, 0x50)).getMessage());
  }

  @Test
  void listPointersAreCheckedForAlignmentBoundsAndLength() {
    WitType list = WitType.list(U32);
    assertEquals(
        "unaligned pointer 0x3 for list<u32> (alignment 4)", liftFails(list, 3, 1).getMessage());
    assertEquals(
        "list<u32> pointer 0xfff0 with length 32 out of bounds (memory is 65536 bytes)",
        liftFails(list, 0xfff0, 8).getMessage());
    assertEquals(
        "list<u32> of 67108864 elements is 268435456 bytes, over the maximum of 268435455",
        liftFails(list, 0, 1 << 26).getMessage());
    assertEquals(WitValue.list(), liftFlat(list, 0x10000, 0));
  }

  @Test
  void bytesRoundTripThroughTheFastPath() {
    WitType bytes = WitType.list(U8);
    WitValue value = WitValue.list(WitValue.u8(0), WitValue.u8(0x7f), WitValue.u8(0xff));
    long[] flat = lowerFlat(bytes, value);
    assertEquals("007fff", guest.bytes((int) flat[0], 3));
    assertEquals(value, liftFlat(bytes, flat));
  }

  @Test
  void bytesAreLiftedIntoAByteBackedListAndLoweredFromOne() {
    WitType bytes = WitType.list(U8);
    byte[] body = new byte[1000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 7);
    }
    long[] flat = lowerFlat(bytes, WitValue.ListValue.ofBytes(body));
    WitValue.ListValue lifted = (WitValue.ListValue) liftFlat(bytes, flat);
    assertTrue(lifted.bytes().isPresent());
    assertArrayEquals(body, lifted.toByteArray());
    ValueGroup group =
        ValueGroup.compile(
            "f", "params", List.of("param \"body\""), List.of(bytes), Flattening.MAX_FLAT_PARAMS);
    var e =
        assertThrows(
            WitTypeMismatchException.class,
            () -> group.lower(cx, List.of(WitValue.list(WitValue.u8(1), WitValue.s8(2)))));
    assertTrue(
        e.getMessage().startsWith("param \"body\" of \"f\"[1]: expected u8"), e.getMessage());
  }

  @Test
  void valuesThatDoNotFitTheTypeNameTheParameter() {
    ValueGroup group =
        ValueGroup.compile(
            "f", "params", List.of("param \"count\""), List.of(U32), Flattening.MAX_FLAT_PARAMS);
    var e =
        assertThrows(
            WitTypeMismatchException.class, () -> group.lower(cx, List.of(WitValue.string("x"))));
    assertTrue(e.getMessage().startsWith("param \"count\" of \"f\": expected u32"), e.getMessage());
    ValueGroup variant =
        ValueGroup.compile(
            "f",
            "results",
            List.of("result"),
            List.of(WitType.result(U8, U8)),
            Flattening.MAX_FLAT_RESULTS);
    assertThrows(WitTypeMismatchException.class, () -> variant.lower(cx, List.of(WitValue.ok())));
    assertThrows(WitTypeMismatchException.class, () -> group.lower(cx, List.of()));
  }
}
