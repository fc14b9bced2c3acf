package dev.trellis.wrpc.wit;

import static dev.trellis.wrpc.wit.WitType.Primitive.BOOL;
import static dev.trellis.wrpc.wit.WitType.Primitive.S32;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static dev.trellis.wrpc.wit.WitValue.field;
import static dev.trellis.wrpc.wit.WitValue.s32;
import static dev.trellis.wrpc.wit.WitValue.string;
import static dev.trellis.wrpc.wit.WitValue.u8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.wrpc.wit.WitType.FixedListType;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.OwnType;
import dev.trellis.wrpc.wit.WitType.RecordType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WitTypesCheckTest {
  private static final RecordType POINT =
      WitType.record("point", WitType.field("x", S32), WitType.field("y", S32));
  private static final RecordType LINE =
      WitType.record("line", WitType.field("start", POINT), WitType.field("end", POINT));

  private static String mismatch(WitType type, WitValue value) {
    assertFalse(value.conformsTo(type));
    return assertThrows(WitTypeMismatchException.class, () -> WitTypes.check(type, value))
        .getMessage();
  }

  private static WitValue point(int x, WitValue y) {
    return WitValue.record(field("x", s32(x)), field("y", y));
  }

  @Test
  void conformingValuesPass() {
    WitValue line =
        WitValue.record(field("start", point(1, s32(2))), field("end", point(3, s32(4))));
    assertDoesNotThrow(() -> WitTypes.check(LINE, line));
    assertTrue(line.conformsTo(LINE));
    assertTrue(WitValue.list().conformsTo(WitType.list(STRING)));
    assertTrue(WitValue.ok().conformsTo(new ResultType(Optional.empty(), Optional.of(U8))));
  }

  @Test
  void messagesNameThePathToTheMismatch() {
    assertEquals(
        "record point.y: expected s32, got string", mismatch(POINT, point(1, string("two"))));
    WitValue badLine =
        WitValue.record(field("start", point(1, s32(2))), field("end", point(3, string("4"))));
    assertEquals("record line.end.y: expected s32, got string", mismatch(LINE, badLine));
    assertEquals(
        "value[2]: expected u8, got bool",
        mismatch(WitType.list(U8), WitValue.list(u8(1), u8(2), WitValue.bool(true))));
    assertEquals(
        "value.1: expected string, got s32",
        mismatch(WitType.tuple(U8, STRING), WitValue.tuple(u8(1), s32(2))));
    assertEquals(
        "value.some: expected bool, got u8", mismatch(WitType.option(BOOL), WitValue.some(u8(1))));
    assertEquals(
        "value.err: expected string, got u8",
        mismatch(WitType.result(U8, STRING), WitValue.err(u8(1))));
  }

  @Test
  void callersCanNameTheRoot() {
    WitTypeMismatchException e =
        assertThrows(
            WitTypeMismatchException.class,
            () -> WitTypes.check(WitType.list(U8), WitValue.list(s32(1)), "param bytes"));
    assertEquals("param bytes[0]", e.path());
    assertEquals("expected u8, got s32", e.problem());
  }

  @Test
  void recordShapeMismatches() {
    assertEquals(
        "record point: missing field y of record point",
        mismatch(POINT, WitValue.record(field("x", s32(1)))));
    assertEquals(
        "record point: unexpected field z for record point",
        mismatch(
            POINT, WitValue.record(field("x", s32(1)), field("y", s32(1)), field("z", s32(1)))));
    assertEquals(
        "record point: field y is out of order: expected x",
        mismatch(POINT, WitValue.record(field("y", s32(1)), field("x", s32(1)))));
    assertEquals(
        "record point: expected record point, got tuple", mismatch(POINT, WitValue.tuple(s32(1))));
  }

  @Test
  void variantEnumFlagsAndResultMismatches() {
    WitType.VariantType shape =
        WitType.variant(
            "shape",
            WitType.variantCase("circle", WitType.Primitive.F64),
            WitType.variantCase("dot"));
    assertEquals(
        "variant shape: unknown case square of variant shape",
        mismatch(shape, WitValue.variant("square")));
    assertEquals(
        "variant shape: case circle of variant shape requires a payload",
        mismatch(shape, WitValue.variant("circle")));
    assertEquals(
        "variant shape: case dot of variant shape has no payload",
        mismatch(shape, WitValue.variant("dot", u8(1))));
    assertEquals(
        "variant shape.circle: expected f64, got f32",
        mismatch(shape, WitValue.variant("circle", WitValue.f32(1))));
    assertEquals(
        "enum color: unknown case blue of enum color",
        mismatch(WitType.enumType("color", "red"), WitValue.enumCase("blue")));
    assertEquals(
        "flags perms: unknown flag exec of flags perms",
        mismatch(WitType.flags("perms", "read"), WitValue.flags("read", "exec")));
    assertEquals(
        "value: case ok of result<_, u8> has no payload",
        mismatch(new ResultType(Optional.empty(), Optional.of(U8)), WitValue.ok(u8(1))));
  }

  @Test
  void listTupleAndHandleMismatches() {
    assertEquals(
        "value: expected list<u8, 2> (2 elements), got 3",
        mismatch(new FixedListType(U8, 2), WitValue.list(u8(1), u8(2), u8(3))));
    assertEquals(
        "value: expected tuple<u8, u8> of 2 elements, got tuple of 1",
        mismatch(WitType.tuple(U8, U8), WitValue.tuple(u8(1))));
    ResourceType file = new ResourceType("file");
    ResourceType other = new ResourceType("file");
    assertTrue(new WitValue.HandleValue(file, 3).conformsTo(new OwnType(file)));
    assertTrue(new WitValue.HandleValue(file, 3).conformsTo(new WitType.BorrowType(file)));
    assertEquals(
        "value: expected own<file>, got a handle to a different resource file",
        mismatch(new OwnType(file), new WitValue.HandleValue(other, 3)));
    assertEquals(
        "value: expected future<u8>, got u8", mismatch(new FutureType(Optional.of(U8)), u8(1)));
  }

  @Test
  void everyPrimitiveRejectsEveryOtherPrimitiveValue() {
    List<WitValue> samples =
        List.of(
            WitValue.bool(true),
            WitValue.s8(1),
            u8(1),
            WitValue.s16(1),
            WitValue.u16(1),
            s32(1),
            WitValue.u32(1),
            WitValue.s64(1),
            WitValue.u64(1),
            WitValue.f32(1),
            WitValue.f64(1),
            WitValue.character('a'),
            string("a"));
    WitType.Primitive[] types = WitType.Primitive.values();
    for (int t = 0; t < types.length; t++) {
      for (int v = 0; v < samples.size(); v++) {
        assertEquals(
            t == v, samples.get(v).conformsTo(types[t]), types[t] + " vs " + samples.get(v));
      }
    }
  }
}
