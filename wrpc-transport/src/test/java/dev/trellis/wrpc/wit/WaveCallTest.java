package dev.trellis.wrpc.wit;

import static dev.trellis.wrpc.wit.WitType.Primitive.S32;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WaveCallTest {

  @Test
  void splitsNameFromArguments() {
    WaveCall call = Wave.splitCall("  add(1, 2)");
    assertEquals("add", call.function());
    assertEquals(5, call.argumentsOffset());
    assertEquals(List.of(WitValue.s32(1), WitValue.s32(2)), call.arguments(List.of(S32, S32)));
    assertEquals(
        List.of(WitValue.s32(1), WitValue.s32(2)), Wave.parseCall("add(1, 2)", List.of(S32, S32)));
  }

  @Test
  void acceptsQualifiedAndAnnotatedNames() {
    for (String name :
        List.of(
            "nullary",
            "ui.string",
            "ui:tests/ui.nullary",
            "ui:tests/ui.string@0.1.0",
            "ns:pkg/iface#func",
            "wasi:cli/run@0.2.0-rc.1+build#run",
            "[method]res.name",
            "[constructor]res",
            "[static]res.make")) {
      assertEquals(name, Wave.splitCall(name + " ()").function());
    }
  }

  @Test
  void parsesArgumentsWithTrailingCommaAndComments() {
    List<WitValue> args =
        Wave.parseCall("greet( // who\n \"world\", 3, ) // done", List.of(STRING, U8));
    assertEquals(List.of(WitValue.string("world"), WitValue.u8(3)), args);
  }

  @Test
  void trailingOptionParametersMayBeOmitted() {
    List<WitType> params = List.of(WitType.option(U8), WitType.option(U8), WitType.option(U8));
    List<WitValue> expected =
        List.of(WitValue.some(WitValue.u8(1)), WitValue.none(), WitValue.none());
    assertEquals(expected, Wave.parseCall("f(some(1))", params));
    assertEquals(expected, Wave.parseCall("f(some(1), none)", params));
    assertEquals(expected, Wave.parseCall("f(1, none, none)", params));
    assertEquals(List.of(WitValue.none()), Wave.parseCall("f()", List.of(WitType.option(U8))));
  }

  @Test
  void argumentErrorsPointIntoTheWholeText() {
    WaveParseException missing =
        assertThrows(WaveParseException.class, () -> Wave.parseCall("string()", List.of(STRING)));
    assertEquals("missing argument 1 of type string", missing.problem());
    assertEquals(7, missing.offset());
    WaveParseException extra =
        assertThrows(WaveParseException.class, () -> Wave.parseCall("nullary(\"\")", List.of()));
    assertEquals("too many arguments: the function takes 0", extra.problem());
    assertEquals(8, extra.offset());
    WaveParseException wrong =
        assertThrows(
            WaveParseException.class, () -> Wave.parseCall("add(1, \"x\")", List.of(S32, S32)));
    assertEquals(7, wrong.offset());
    assertEquals("expected s32, found string literal", wrong.problem());
    WaveParseException comment =
        assertThrows(
            WaveParseException.class,
            () -> Wave.parseCall("basic-record({ required: 1 } // );", List.of(WaveTest.BASIC)));
    assertEquals(34, comment.offset());
    assertTrue(comment.problem().contains("found end of input"));
    WaveParseException trailing =
        assertThrows(WaveParseException.class, () -> Wave.parseCall("f(1) x", List.of(U8)));
    assertEquals("trailing characters after value: label x", trailing.problem());
  }

  @Test
  void malformedCallsAreRejected() {
    WaveParseException noName = assertThrows(WaveParseException.class, () -> Wave.splitCall("(1)"));
    assertEquals("expected a function name", noName.problem());
    WaveParseException noParen =
        assertThrows(WaveParseException.class, () -> Wave.splitCall("f 1"));
    assertEquals("expected '(' after function name f", noParen.problem());
    assertEquals(2, noParen.offset());
    assertThrows(WaveParseException.class, () -> Wave.splitCall(""));
    assertThrows(WaveParseException.class, () -> Wave.splitCall("f"));
    assertThrows(WaveParseException.class, () -> Wave.parseCall("f(1", List.of(U8)));
  }

  @Test
  void printsCalls() {
    assertEquals(
        "add(1, \"a\\n\")",
        Wave.printCall("add", List.of(WitValue.s32(1), WitValue.string("a\n"))));
    assertEquals("nullary()", Wave.printCall("nullary", List.of()));
  }

  @Test
  void callRecordValidatesItsOffset() {
    assertThrows(WitModelException.class, () -> new WaveCall("f", "f(1)", 0));
    assertThrows(WitModelException.class, () -> new WaveCall("", "(1)", 0));
  }
}
