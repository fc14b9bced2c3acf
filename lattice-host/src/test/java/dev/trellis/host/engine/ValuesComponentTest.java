package dev.trellis.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitTypeMismatchException;
import dev.trellis.wrpc.wit.WitValue;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every value type through the real {@code values} component (examples/components/values). */
class ValuesComponentTest {
  private static final String V = "trellis:examples/values#";
  private static ComponentInstance values;

  @BeforeAll
  static void instantiate() {
    values = Linker.create().instantiate(Fixtures.load("values"));
  }

  static Stream<Arguments> echoes() {
    return Stream.of(
        Arguments.of("echo-bool", "true"),
        Arguments.of("echo-bool", "false"),
        Arguments.of("echo-s8", "-128"),
        Arguments.of("echo-s8", "127"),
        Arguments.of("echo-u8", "255"),
        Arguments.of("echo-s16", "-32768"),
        Arguments.of("echo-u16", "65535"),
        Arguments.of("echo-s32", "-2147483648"),
        Arguments.of("echo-u32", "4294967295"),
        Arguments.of("echo-s64", "-9223372036854775808"),
        Arguments.of("echo-u64", "18446744073709551615"),
        Arguments.of("echo-f32", "1.5"),
        Arguments.of("echo-f32", "-inf"),
        Arguments.of("echo-f64", "3.141592653589793"),
        Arguments.of("echo-f64", "nan"),
        Arguments.of("echo-char", "'😀'"),
        Arguments.of("echo-char", "'x'"),
        Arguments.of("echo-string", "\"héllo, wörld 😀\""),
        Arguments.of("echo-string", "\"\""),
        Arguments.of("echo-bytes", "[0, 1, 127, 128, 255]"),
        Arguments.of("echo-bytes", "[]"),
        Arguments.of("echo-strings", "[\"a\", \"\", \"ünïcode\"]"),
        Arguments.of("echo-points", "[{x: 1, y: -2}, {x: 2147483647, y: 0}]"),
        Arguments.of("echo-point", "{x: -7, y: 9}"),
        Arguments.of(
            "echo-person",
            "{name: \"Ada\", age: 36, email: some(\"ada@x.org\"), tags: [\"a\", \"b\"]}"),
        Arguments.of("echo-person", "{name: \"Bob\", age: 0, tags: []}"),
        Arguments.of("echo-tuple", "(7, \"seven\", 7.5)"),
        Arguments.of("echo-number", "int(-5)"),
        Arguments.of("echo-number", "float(2.25)"),
        Arguments.of("echo-number", "small(200)"),
        Arguments.of("echo-number", "text(\"t\")"),
        Arguments.of("echo-number", "nothing"),
        Arguments.of("echo-color", "green"),
        Arguments.of("echo-option", "some(4294967295)"),
        Arguments.of("echo-option", "none"),
        Arguments.of("echo-result", "ok(\"fine\")"),
        Arguments.of("echo-result", "err(404)"),
        Arguments.of("echo-permissions", "{read, execute}"),
        Arguments.of("echo-permissions", "{}"),
        Arguments.of("echo-features", "{f0, f7, f8, f11}"));
  }

  @ParameterizedTest(name = "{0}({1})")
  @MethodSource("echoes")
  void echoFunctionsReturnTheirArgument(String function, String wave) {
    assertEquals(wave, Calls.wave(values, V + function + "(" + wave + ")"));
  }

  @Test
  void illTypedArgumentsAreRejectedWithoutPoisoning() {
    ComponentInstance fresh = Linker.create().instantiate(Fixtures.load("values"));
    var e =
        assertThrows(
            WitTypeMismatchException.class,
            () -> fresh.invoke(V + "echo-u8", new WitValue.StringValue("not a byte")));
    assertTrue(e.getMessage().contains("param \"x\""), e.getMessage());
    assertThrows(HostException.class, () -> fresh.invoke(V + "echo-u8"));
    assertFalse(fresh.isPoisoned());
    assertEquals("7", Calls.wave(fresh, V + "echo-u8(7)"));
  }

  @Test
  void worldLevelFunctions() {
    assertEquals("5", Calls.wave(values, "add(2, 3)"));
    assertEquals("-2147483648", Calls.wave(values, "add(2147483647, 1)"));
    assertEquals("\"Hello, Trellis!\"", Calls.wave(values, "greet(\"Trellis\")"));
  }

  @Test
  void computedResults() {
    assertEquals("ok(3)", Calls.wave(values, V + "divide(7, 2)"));
    assertEquals("err(\"division by zero\")", Calls.wave(values, V + "divide(1, 0)"));
    assertEquals("6", Calls.wave(values, V + "count-chars(\"héllo😀\")"));
    assertEquals("-7", Calls.wave(values, V + "sum-list([1, 2, -10])"));
    assertEquals("\"float 1.25\"", Calls.wave(values, V + "describe(float(1.25))"));
    assertEquals("red", Calls.wave(values, V + "next-color(blue)"));
    assertEquals("{x: 4, y: 6}", Calls.wave(values, V + "point-add({x: 1, y: 2}, {x: 3, y: 4})"));
  }

  @Test
  void moreThanSixteenFlatParametersArePassedInMemory() {
    assertEquals(
        "153",
        Calls.wave(
                values, V + "sum-mixed(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)")
            .replace(".0", ""));
    assertEquals(
        "\"abcdefghi\"",
        Calls.wave(
            values,
            V + "concat-many(\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\")"));
  }

  @Test
  void exportsListInterfaceAndWorldFunctionsWithTypes() {
    var exports = values.exports();
    assertTrue(exports.containsKey("add"));
    assertTrue(exports.containsKey(V + "echo-person"));
    ComponentFunction describe = exports.get(V + "describe");
    assertEquals(1, describe.paramTypes().size());
    assertTrue(describe.paramTypes().get(0) instanceof WitType.VariantType);
    assertEquals(WitType.Primitive.STRING, describe.resultType().orElseThrow());
    assertEquals("x", exports.get(V + "echo-u8").signature().params().get(0).name());
    assertFalse(values.isPoisoned());
  }

  @Test
  void definitionDescribesExports() {
    var exports = Fixtures.load("values").exports();
    assertTrue(
        exports.stream()
            .anyMatch(
                e ->
                    e instanceof ExternItem.Interface i
                        && i.name().equals("trellis:examples/values")
                        && i.functions().size() == 33));
    assertTrue(Fixtures.load("values").imports().isEmpty());
  }
}
