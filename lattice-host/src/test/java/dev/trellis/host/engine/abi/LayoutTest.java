package dev.trellis.host.engine.abi;

import static dev.trellis.wrpc.wit.WitType.Primitive.BOOL;
import static dev.trellis.wrpc.wit.WitType.Primitive.CHAR;
import static dev.trellis.wrpc.wit.WitType.Primitive.F32;
import static dev.trellis.wrpc.wit.WitType.Primitive.F64;
import static dev.trellis.wrpc.wit.WitType.Primitive.S16;
import static dev.trellis.wrpc.wit.WitType.Primitive.S64;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U16;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U64;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.FixedListType;
import dev.trellis.wrpc.wit.WitType.FlagsType;
import dev.trellis.wrpc.wit.WitType.OwnType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import dev.trellis.wrpc.wit.WitType.VariantType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LayoutTest {

  private static void assertLayout(WitType type, int size, int alignment) {
    assertEquals(size, Layout.size(type), "size of " + type);
    assertEquals(alignment, Layout.alignment(type), "alignment of " + type);
  }

  static List<String> labels(int n) {
    return IntStream.range(0, n).mapToObj(i -> "l" + i).toList();
  }

  @Test
  void primitivesHaveTheirNaturalSize() {
    assertLayout(BOOL, 1, 1);
    assertLayout(U8, 1, 1);
    assertLayout(S16, 2, 2);
    assertLayout(U16, 2, 2);
    assertLayout(U32, 4, 4);
    assertLayout(F32, 4, 4);
    assertLayout(CHAR, 4, 4);
    assertLayout(S64, 8, 8);
    assertLayout(U64, 8, 8);
    assertLayout(F64, 8, 8);
    assertLayout(STRING, 8, 4);
    assertLayout(WitType.list(U64), 8, 4);
    assertLayout(new OwnType(new ResourceType("r")), 4, 4);
  }

  @Test
  void recordFieldsAreAlignedAndSizeRoundsUp() {
    WitType r =
        WitType.record(
            "r", WitType.field("a", U8), WitType.field("b", U64), WitType.field("c", U16));
    assertLayout(r, 24, 8);
    assertEquals(List.of(0, 8, 16), Layout.fieldOffsets(r));
    WitType t = WitType.tuple(U8, STRING, U8);
    assertLayout(t, 16, 4);
    assertEquals(List.of(0, 4, 12), Layout.fieldOffsets(t));
  }

  @Test
  void nestedRecordsUseTheInnerAlignment() {
    WitType inner = WitType.tuple(U8, U16);
    WitType outer = WitType.record("o", WitType.field("x", U8), WitType.field("y", inner));
    assertLayout(inner, 4, 2);
    assertLayout(outer, 6, 2);
    assertEquals(List.of(0, 2), Layout.fieldOffsets(outer));
  }

  @Test
  void variantPayloadFollowsTheDiscriminantAtMaxCaseAlignment() {
    assertLayout(WitType.option(U8), 2, 1);
    assertEquals(1, Layout.payloadOffset(WitType.option(U8)));
    WitType r = WitType.result(U64, STRING);
    assertLayout(r, 16, 8);
    assertEquals(8, Layout.payloadOffset(r));
    WitType nested = WitType.option(WitType.option(U32));
    assertLayout(nested, 12, 4);
    assertEquals(4, Layout.payloadOffset(nested));
    assertLayout(new ResultType(Optional.empty(), Optional.empty()), 1, 1);
    assertLayout(WitType.enumType("e", "a", "b", "c"), 1, 1);
  }

  @Test
  void discriminantGrowsWithTheCaseCount() {
    assertEquals(1, Layout.discriminantSize(1));
    assertEquals(1, Layout.discriminantSize(256));
    assertEquals(2, Layout.discriminantSize(257));
    assertEquals(2, Layout.discriminantSize(65536));
    assertEquals(4, Layout.discriminantSize(65537));
    WitType e257 = new WitType.EnumType(Optional.empty(), labels(257));
    assertLayout(e257, 2, 2);
    List<VariantType.Case> cases = new ArrayList<>();
    for (String l : labels(257)) {
      cases.add(new VariantType.Case(l, Optional.empty()));
    }
    cases.set(3, new VariantType.Case("l3", Optional.of(U32)));
    VariantType v = new VariantType(Optional.empty(), cases);
    assertEquals(2, Layout.discriminantSize(v));
    assertEquals(4, Layout.payloadOffset(v));
    assertLayout(v, 8, 4);
  }

  @Test
  void flagsTakeOneTwoOrFourBytes() {
    assertLayout(new FlagsType(Optional.empty(), labels(1)), 1, 1);
    assertLayout(new FlagsType(Optional.empty(), labels(8)), 1, 1);
    assertLayout(new FlagsType(Optional.empty(), labels(9)), 2, 2);
    assertLayout(new FlagsType(Optional.empty(), labels(16)), 2, 2);
    assertLayout(new FlagsType(Optional.empty(), labels(17)), 4, 4);
    assertLayout(new FlagsType(Optional.empty(), labels(32)), 4, 4);
    var e = assertThrows(HostException.class, () -> Layout.flagsSize(33));
    assertEquals(
        "flags with 33 labels are not supported by the canonical ABI (1 to 32)", e.getMessage());
  }

  @Test
  void fixedListsAreInline() {
    assertLayout(new FixedListType(U16, 3), 6, 2);
    assertLayout(WitType.tuple(U8, new FixedListType(U64, 2)), 24, 8);
  }

  @Test
  void offsetsOfNonRecordsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Layout.fieldOffsets(U32));
    assertThrows(IllegalArgumentException.class, () -> Layout.payloadOffset(STRING));
  }
}
