package dev.trellis.wrpc.wit;

import static dev.trellis.wrpc.wit.WitType.Primitive.BOOL;
import static dev.trellis.wrpc.wit.WitType.Primitive.S32;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.wrpc.wit.WitType.EnumType;
import dev.trellis.wrpc.wit.WitType.FixedListType;
import dev.trellis.wrpc.wit.WitType.FlagsType;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.OwnType;
import dev.trellis.wrpc.wit.WitType.RecordType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import dev.trellis.wrpc.wit.WitType.TupleType;
import dev.trellis.wrpc.wit.WitType.VariantType;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WitModelTest {

  @Test
  void typesAreDescribedInWitSyntax() {
    assertEquals("u32", U32.toString());
    assertEquals("list<list<u8>>", WitType.list(WitType.list(U8)).toString());
    assertEquals("list<u8, 4>", new FixedListType(U8, 4).toString());
    assertEquals("tuple<s32, string>", WitType.tuple(S32, STRING).toString());
    assertEquals("option<bool>", WitType.option(BOOL).toString());
    assertEquals("result<u8, string>", WitType.result(U8, STRING).toString());
    assertEquals("result<u8>", new ResultType(Optional.of(U8), Optional.empty()).toString());
    assertEquals(
        "result<_, string>", new ResultType(Optional.empty(), Optional.of(STRING)).toString());
    assertEquals("result", new ResultType(Optional.empty(), Optional.empty()).toString());
    assertEquals("record point", WitType.record("point", WitType.field("x", S32)).toString());
    assertEquals(
        "record {x: s32, y: option<u8>}",
        new RecordType(
                Optional.empty(),
                List.of(WitType.field("x", S32), WitType.field("y", WitType.option(U8))))
            .toString());
    assertEquals(
        "variant {a(u8), b}",
        new VariantType(
                Optional.empty(), List.of(WitType.variantCase("a", U8), WitType.variantCase("b")))
            .toString());
    assertEquals(
        "enum {red, green}", new EnumType(Optional.empty(), List.of("red", "green")).toString());
    assertEquals("flags perms", WitType.flags("perms", "read").toString());
    ResourceType file = new ResourceType("file");
    assertEquals("own<file>", new OwnType(file).toString());
    assertEquals("borrow<file>", new WitType.BorrowType(file).toString());
    assertEquals("future<u8>", new FutureType(Optional.of(U8)).toString());
    assertEquals("stream", new StreamType(Optional.empty()).toString());
  }

  @Test
  void typeConstructionRejectsInvalidLabelsAndEmptyMembers() {
    assertThrows(WitModelException.class, () -> WitType.record("p"));
    assertThrows(WitModelException.class, () -> WitType.tuple());
    assertThrows(WitModelException.class, () -> WitType.enumType("e"));
    assertThrows(WitModelException.class, () -> WitType.flags("f"));
    assertThrows(WitModelException.class, () -> WitType.variant("v"));
    assertThrows(WitModelException.class, () -> new FixedListType(U8, 0));
    assertThrows(WitModelException.class, () -> WitType.field("", U8));
    assertThrows(WitModelException.class, () -> WitType.field("snake_case", U8));
    assertThrows(WitModelException.class, () -> WitType.field("mixedCase", U8));
    assertThrows(WitModelException.class, () -> WitType.field("1st", U8));
    assertThrows(WitModelException.class, () -> WitType.field("trailing-", U8));
    assertThrows(WitModelException.class, () -> WitType.record("Bad_Name", WitType.field("x", U8)));
    WitModelException dup =
        assertThrows(
            WitModelException.class,
            () -> WitType.record("p", WitType.field("x", U8), WitType.field("X", U8)));
    assertEquals("record p has duplicate field \"X\"", dup.getMessage());
    assertThrows(WitModelException.class, () -> WitType.enumType("e", "a", "a"));
    assertThrows(WitModelException.class, () -> WitType.flags("f", "r", "r"));
    assertThrows(
        WitModelException.class,
        () -> WitType.variant("v", WitType.variantCase("a"), WitType.variantCase("a", U8)));
  }

  @Test
  void validLabelsFollowWitKebabCase() {
    for (String ok : List.of("a", "two-words", "HTTP3", "method-GET", "color-42-2A-5d", "a-1")) {
      assertTrue(WitTypes.isLabel(ok), ok);
    }
    for (String bad : List.of("", "-a", "a--b", "aB", "1a", "a_b", "a.b", "%a")) {
      assertFalse(WitTypes.isLabel(bad), bad);
    }
  }

  @Test
  void typeListsAreCopiedAndIndexable() {
    List<RecordType.Field> fields = new java.util.ArrayList<>(List.of(WitType.field("x", S32)));
    RecordType r = new RecordType(Optional.of("p"), fields);
    fields.add(WitType.field("y", S32));
    assertEquals(1, r.fields().size());
    assertEquals(0, r.indexOf("x").getAsInt());
    assertTrue(r.indexOf("y").isEmpty());
    VariantType v = WitType.variant("v", WitType.variantCase("a"), WitType.variantCase("b", U8));
    assertEquals(1, v.indexOf("b").getAsInt());
    assertEquals(1, WitType.flags("f", "r", "w").indexOf("w").getAsInt());
  }

  @Test
  void resourceTypesCompareByIdentityNotName() {
    ResourceType a = new ResourceType("file");
    ResourceType b = new ResourceType("file");
    assertNotEquals(a, b);
    assertEquals(new OwnType(a), new OwnType(a));
    assertNotEquals(new OwnType(a), new OwnType(b));
    assertFalse(WitTypes.sameShape(new OwnType(a), new OwnType(b)));
    assertThrows(WitModelException.class, () -> new ResourceType(""));
  }

  @Test
  void sameShapeIgnoresTypeNamesButEqualsDoesNot() {
    RecordType p = WitType.record("point", WitType.field("x", S32));
    RecordType q = WitType.record("coord", WitType.field("x", S32));
    assertNotEquals(p, q);
    assertTrue(WitTypes.sameShape(p, q));
    assertFalse(WitTypes.sameShape(p, WitType.record("point", WitType.field("y", S32))));
    assertTrue(WitTypes.sameShape(WitType.list(p), WitType.list(q)));
    assertFalse(WitTypes.sameShape(WitType.list(U8), new FixedListType(U8, 1)));
    assertTrue(
        WitTypes.sameShape(WitType.enumType("a", "x", "y"), WitType.enumType("b", "x", "y")));
    assertFalse(WitTypes.sameShape(WitType.flags("a", "x"), WitType.enumType("a", "x")));
  }

  @Test
  void integerValuesAreRangeChecked() {
    assertThrows(WitModelException.class, () -> WitValue.u8(256));
    assertThrows(WitModelException.class, () -> WitValue.u8(-1));
    assertThrows(WitModelException.class, () -> new WitValue.U8Value(300));
    assertThrows(WitModelException.class, () -> WitValue.s8(128));
    assertThrows(WitModelException.class, () -> WitValue.s16(-32769));
    assertThrows(WitModelException.class, () -> WitValue.u16(65536));
    assertThrows(WitModelException.class, () -> WitValue.u32(1L << 32));
    assertThrows(WitModelException.class, () -> WitValue.u32(-1));
    assertEquals(-128, WitValue.s8(-128).value());
    assertEquals(4294967295L, WitValue.u32(4294967295L).value());
    assertTrue(WitValue.u8(7) == WitValue.u8(7), "u8 values are cached");
  }

  @Test
  void u64HoldsItsBitsUnsigned() {
    WitValue.U64Value max = WitValue.u64(-1L);
    assertEquals(new BigInteger("18446744073709551615"), max.toBigInteger());
    assertEquals("U64Value[value=18446744073709551615]", max.toString());
    assertEquals(max, WitValue.U64Value.of(new BigInteger("18446744073709551615")));
    assertThrows(WitModelException.class, () -> WitValue.U64Value.of(BigInteger.ONE.shiftLeft(64)));
    assertThrows(WitModelException.class, () -> WitValue.U64Value.of(BigInteger.valueOf(-1)));
  }

  @Test
  void charsAndStringsMustBeUnicodeScalarValues() {
    assertEquals(0x1F600, WitValue.character(0x1F600).codePoint());
    assertThrows(WitModelException.class, () -> WitValue.character(0xD800));
    assertThrows(WitModelException.class, () -> WitValue.character(0xDFFF));
    assertThrows(WitModelException.class, () -> WitValue.character(0x110000));
    assertThrows(WitModelException.class, () -> WitValue.character(-1));
    assertEquals("😀", WitValue.string("😀").value());
    WitModelException e = assertThrows(WitModelException.class, () -> WitValue.string("ab\uD800c"));
    assertEquals("string has an unpaired surrogate at index 2", e.getMessage());
    assertThrows(WitModelException.class, () -> WitValue.string("\uDC00"));
    assertThrows(WitModelException.class, () -> WitValue.string("x\uD83D"));
  }

  @Test
  void floatEqualityTreatsNansAlikeAndSignedZerosApart() {
    assertEquals(WitValue.f32(Float.NaN), WitValue.f32(Float.intBitsToFloat(0x7fc00001)));
    assertNotEquals(WitValue.f64(0.0), WitValue.f64(-0.0));
  }

  @Test
  void flagsCompareAsSetsButKeepInsertionOrder() {
    WitValue.FlagsValue ab = WitValue.flags("a", "b");
    WitValue.FlagsValue ba = WitValue.flags("b", "a");
    assertEquals(ab, ba);
    assertEquals(ab.hashCode(), ba.hashCode());
    assertEquals(List.of("b", "a"), List.copyOf(ba.flags()));
    assertThrows(UnsupportedOperationException.class, () -> ab.flags().add("c"));
    assertThrows(WitModelException.class, () -> WitValue.flags("not_a_label"));
    assertEquals(0, new WitValue.FlagsValue(new LinkedHashSet<>()).flags().size());
  }

  @Test
  void recordValuesRejectDuplicateFieldsAndLookUpByName() {
    WitValue.RecordValue r =
        WitValue.record(WitValue.field("x", WitValue.s32(1)), WitValue.field("y", WitValue.s32(2)));
    assertEquals(Optional.of(WitValue.s32(2)), r.get("y"));
    assertEquals(Optional.empty(), r.get("z"));
    assertThrows(
        WitModelException.class,
        () ->
            WitValue.record(
                WitValue.field("x", WitValue.s32(1)), WitValue.field("x", WitValue.s32(2))));
    assertThrows(WitModelException.class, () -> WitValue.tuple());
  }

  @Test
  void typeTupleListIsImmutable() {
    TupleType t = WitType.tuple(U8, U8);
    assertThrows(UnsupportedOperationException.class, () -> t.elements().add(U8));
    FlagsType f = WitType.flags("f", "a");
    assertThrows(UnsupportedOperationException.class, () -> f.flags().add("b"));
  }
}
