package dev.trellis.wrpc.wit;

import static dev.trellis.wrpc.wit.WitType.Primitive.BOOL;
import static dev.trellis.wrpc.wit.WitType.Primitive.CHAR;
import static dev.trellis.wrpc.wit.WitType.Primitive.F32;
import static dev.trellis.wrpc.wit.WitType.Primitive.F64;
import static dev.trellis.wrpc.wit.WitType.Primitive.S16;
import static dev.trellis.wrpc.wit.WitType.Primitive.S32;
import static dev.trellis.wrpc.wit.WitType.Primitive.S64;
import static dev.trellis.wrpc.wit.WitType.Primitive.S8;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U16;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U64;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static dev.trellis.wrpc.wit.WitValue.field;
import static dev.trellis.wrpc.wit.WitValue.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.wrpc.WrpcException;
import dev.trellis.wrpc.wit.WitType.FixedListType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Accepted WAVE text and canonical printing, mostly the cases of wasm-wave's UI tests. */
class WaveTest {
  static final WitType.RecordType BASIC =
      WitType.record(
          "basic", WitType.field("required", U8), WitType.field("optional", WitType.option(U8)));
  static final WitType.RecordType OPTIONAL_FIELDS =
      WitType.record(
          "optional-fields",
          WitType.field("a", WitType.option(U8)),
          WitType.field("b", WitType.option(U8)));
  static final WitType.EnumType KEYWORD_CASES =
      WitType.enumType("keyword-cases", "true", "false", "some", "none", "ok", "err", "inf", "nan");
  static final WitType.FlagsType PERMISSIONS = WitType.flags("permissions", "read", "write");

  /** Parses {@code text} as {@code type} and returns the canonical re-print. */
  private static String canon(String text, WitType type) {
    WitValue v = Wave.parse(text, type);
    WitTypes.check(type, v);
    return Wave.print(v);
  }

  @Test
  void bools() {
    assertEquals(WitValue.bool(true), Wave.parse("true", BOOL));
    assertEquals("false", canon(" false // comment", BOOL));
  }

  @Test
  void integersAtTheirLimits() {
    assertEquals("-128", canon("-128", S8));
    assertEquals("255", canon("255", U8));
    assertEquals("-32768", canon("-32768", S16));
    assertEquals("65535", canon("65535", U16));
    assertEquals("-2147483648", canon("-2147483648", S32));
    assertEquals("4294967295", canon("4294967295", U32));
    assertEquals("-9223372036854775808", canon("-9223372036854775808", S64));
    assertEquals("18446744073709551615", canon("18446744073709551615", U64));
    assertEquals(WitValue.u64(-1L), Wave.parse("18446744073709551615", U64));
    assertEquals("0", canon("-0", S32));
  }

  @Test
  void floatsPrintLikeRustDisplay() {
    WitType f32s = WitType.list(F32);
    assertEquals(
        "[0, 0, 0, 0, 0, 0, 0]", canon("[0, 0.0, 0e0, 0.0e0, 0e-1, 0e+1, 0.000e100]", f32s));
    assertEquals("[-3.1415, -100000, -0]", canon("[-3.1415, -100000, -0.0e-0]", f32s));
    assertEquals("[nan, inf, -inf]", canon("[nan, inf, -inf]", f32s));
    assertEquals("340282350000000000000000000000000000000", canon("3.4028234664e38", F32));
    assertEquals("340282350000000000000000000000000000000", canon("3.4028234664123e38", F32));
    assertEquals("inf", canon("3.4028234664e39", F32));
    assertEquals("0.000000000000000000000000000000000000000000001", canon("1.4012984643e-45", F32));
    assertEquals("0", canon("1.4012984643e-46", F32));
    assertEquals("3.14", canon("3.14", F32));
    assertEquals("0.1", canon("0.1", F64));
    assertEquals("602200000000000000000000", canon("6.022e+23", F64));
    assertEquals("1", canon("1", F64));
    assertEquals("0.30000000000000004", Wave.print(WitValue.f64(0.1 + 0.2)));
    assertEquals("0." + "0".repeat(323) + "5", Wave.print(WitValue.f64(Double.MIN_VALUE)));
    assertEquals("nan", Wave.print(WitValue.f64(Double.NaN)));
    // Exact ties between two shortest forms round away from zero, as Rust does (Java: to even).
    assertEquals("1595310.3", Wave.print(WitValue.f32(1595310.25f)));
    assertEquals("-2596012.3", Wave.print(WitValue.f32(-2596012.25f)));
    assertEquals("233115890514796.13", Wave.print(WitValue.f64(233115890514796.125)));
    assertEquals("-inf", Wave.print(WitValue.f64(Double.NEGATIVE_INFINITY)));
    assertEquals(
        WitValue.f32(3.4028235e38f), Wave.parse("340282350000000000000000000000000000000", F32));
  }

  @Test
  void chars() {
    WitType chars = WitType.list(CHAR);
    assertEquals("['W', 'A', 'V', 'E', '🌊']", canon("['W', 'A', 'V', 'E', '🌊']", chars));
    assertEquals(
        "['\\\\', '\\'', '\\\"', '\\t', '\\n', '\\r']",
        canon("['\\\\', '\\'', '\\\"', '\\t', '\\n', '\\r']", chars));
    assertEquals("['\\u{0}', '\\u{0}']", canon("['\\u{0}', '\\u{000000}']", chars));
    assertEquals("['x', 'x', 'x']", canon("['x', '\\u{78}', '\\u{000078}']", chars));
    assertEquals("['☃', '☃', '☃']", canon("['☃', '\\u{2603}', '\\u{002603}']", chars));
    assertEquals("['\\\"', '\\\"', '\\\"']", canon("['\"', '\\\"', '\\u{22}']", chars));
    assertEquals(WitValue.character(0x1F600), Wave.parse("'\\u{1F600}'", CHAR));
  }

  @Test
  void stringsAndEscapes() {
    assertEquals("\"\"", canon("\"\"", STRING));
    assertEquals("\"WAVE🌊\"", canon("\"WAVE🌊\"", STRING));
    assertEquals("\"\\\\\\'\\\"\\t\\n\\r\"", canon("\"\\\\\\'\\\"\\t\\n\\r\"", STRING));
    assertEquals("\"\\'\\'\\'\"", canon("\"'\\'\\u{27}\"", STRING));
    assertEquals("\"☃☃☃\"", canon("\"☃\\u{2603}\\u{002603}\"", STRING));
    assertEquals("😀", ((WitValue.StringValue) Wave.parse("\"\\u{1F600}\"", STRING)).value());
    // Control, format and combining characters are escaped; other printable ones are not.
    assertEquals(
        "\"\\u{7f}\\u{200b}\\u{301}\\u{a0}é\\u{e000}\"",
        Wave.print(WitValue.string("\u007f\u200b\u0301\u00a0é\ue000")));
    // Spacing marks that Unicode 16 made grapheme extenders are escaped too.
    assertEquals("'\\u{1b3b}'", Wave.print(WitValue.character(0x1B3B)));
  }

  @Test
  void multilineStrings() {
    assertEquals("", string("\"\"\"\n\"\"\""));
    assertEquals("A single line", string("\"\"\"\nA single line\n\"\"\""));
    assertEquals(
        "Break up double quote sequences: \"\"\"\"\nOther escapes work: \\'\"\t\n\r☃",
        string(
            "\"\"\"\nBreak up double quote sequences: \"\"\\\"\"\n"
                + "Other escapes work: \\\\\\'\\\"\\t\\n\\r\\u{2603}\n\"\"\""));
    assertEquals(
        "  Trailing indent\ndetermines dedent\n    behavior.",
        string("\"\"\"\n    Trailing indent\n  determines dedent\n      behavior.\n  \"\"\""));
    assertEquals(
        "\nEmpty leading and trailing lines are retained\n",
        string("\"\"\"\n\nEmpty leading and trailing lines are retained\n\n\"\"\""));
    assertEquals("a\nb", string("\"\"\"\r\n  a\r\n  b\r\n  \"\"\""));
    assertEquals("CR kept: \r", string("\"\"\"\nCR kept: \\r\n\"\"\""));
  }

  private static String string(String text) {
    return ((WitValue.StringValue) Wave.parse(text, STRING)).value();
  }

  @Test
  void listsAndTuples() {
    assertEquals("[]", canon("[ ]", WitType.list(U8)));
    assertEquals("[1, 2, 3]", canon("[1,2,3,]", WitType.list(U8)));
    assertEquals("[[1], []]", canon("[[1],[]]", WitType.list(WitType.list(U8))));
    assertEquals("[1, 2]", canon("[1, 2]", new FixedListType(U8, 2)));
    assertEquals("(1, \"a\")", canon("(1,\"a\",)", WitType.tuple(U8, STRING)));
    assertEquals("((true), 'x')", canon("((true), 'x')", WitType.tuple(WitType.tuple(BOOL), CHAR)));
  }

  @Test
  void records() {
    assertEquals("{required: 1}", canon("{ required: 1 }", BASIC));
    assertEquals("{required: 1}", canon("{ required: 1, optional: none, }", BASIC));
    assertEquals("{required: 1}", canon("{ optional: none, required: 1 }", BASIC));
    assertEquals(
        "{required: 1, optional: some(2)}", canon("{ optional: some(2), required: 1, }", BASIC));
    assertEquals("{required: 1, optional: some(2)}", canon("{ optional: 2, required: 1 }", BASIC));
    assertEquals("{:}", canon("{:}", OPTIONAL_FIELDS));
    assertEquals("{:}", canon("{ : }", OPTIONAL_FIELDS));
    assertEquals("{:}", canon("{a:none,b:none}", OPTIONAL_FIELDS));
    assertEquals("{a: some(1), b: some(2)}", canon("{b:some(2),a:some(1)}", OPTIONAL_FIELDS));
    assertEquals("{required: 0}", canon("{ %required: 0 }", BASIC));
    WitType.RecordType keywords =
        WitType.record(
            "keyword-fields",
            WitType.field("true", BOOL),
            WitType.field("some", WitType.option(U8)),
            WitType.field("none", WitType.option(U8)),
            WitType.field("err", new ResultType(Optional.empty(), Optional.empty())),
            WitType.field("nan", F32));
    assertEquals(
        "{true: true, some: some(1), err: err, nan: nan}",
        canon("{true: true, some: some(1), none: none, err: err, nan: nan}", keywords));
  }

  @Test
  void variantsAndEnums() {
    WitType.VariantType response =
        WitType.variant(
            "response",
            WitType.variantCase("empty"),
            WitType.variantCase("body", WitType.list(U8)),
            WitType.variantCase("err", STRING));
    assertEquals("empty", canon("empty", response));
    assertEquals("body([79, 75])", canon("body( [79, 75] )", response));
    assertEquals("%err(\"oops\")", canon("%err(\"oops\")", response));
    assertEquals(
        WitValue.variant("body", WitValue.list(u8(79))), Wave.parse("%body([79])", response));
    assertEquals("left", canon("%left", WitType.enumType("hand", "left", "right")));
    for (String keyword : KEYWORD_CASES.cases()) {
      assertEquals("%" + keyword, canon("%" + keyword, KEYWORD_CASES));
    }
  }

  @Test
  void optionsWithFlatAndExplicitSome() {
    WitType opt = WitType.option(U8);
    assertEquals("some(123)", canon("123", opt));
    assertEquals("some(123)", canon("some(123)", opt));
    assertEquals("none", canon("none", opt));
    WitType nested = WitType.option(WitType.option(U8));
    assertEquals("some(none)", canon("some(none)", nested));
    assertEquals("some(some(1))", canon("some(1)", nested));
    assertEquals("some(\"flat some\")", canon("\"flat some\"", WitType.option(STRING)));
    assertEquals("some(true)", canon("true", WitType.option(BOOL)));
    // An enum case spelled %none is a payload, the keyword none is the option's none.
    WitType optEnum = WitType.option(KEYWORD_CASES);
    assertEquals("some(%none)", canon("%none", optEnum));
    assertEquals("none", canon("none", optEnum));
  }

  @Test
  void resultsWithFlatAndExplicitOk() {
    assertEquals("ok(123)", canon("123", new ResultType(Optional.of(U8), Optional.empty())));
    assertEquals("err", canon("err", new ResultType(Optional.of(U8), Optional.empty())));
    WitType errOnly = new ResultType(Optional.empty(), Optional.of(STRING));
    assertEquals("ok", canon("ok", errOnly));
    assertEquals("err(\"oops\")", canon("err(\"oops\")", errOnly));
    WitType bare = new ResultType(Optional.empty(), Optional.empty());
    assertEquals("ok", canon("ok", bare));
    assertEquals("err", canon("err", bare));
    assertEquals("ok(\"flat ok\")", canon("\"flat ok\"", WitType.result(STRING, U8)));
  }

  @Test
  void flags() {
    assertEquals("{}", canon("{}", PERMISSIONS));
    assertEquals("{read}", canon("{ read, }", PERMISSIONS));
    assertEquals("{read, write}", canon("{ write, read }", PERMISSIONS));
    assertEquals("{read, write}", canon("{%read,%write}", PERMISSIONS));
    WitType.FlagsType keywordFlags = WitType.flags("k", "true", "none", "ok");
    assertEquals("{true, none, ok}", canon("{ok, none, true}", keywordFlags));
  }

  @Test
  void commentsAnywhereBetweenTokens() {
    String text =
        "       // comment\n  {                 // comment\n    required: 1,    // comment\n"
            + "    optional: some( // comment\n      1             // comment\n    ),\n  } // end";
    assertEquals("{required: 1, optional: some(1)}", canon(text, BASIC));
  }

  @Test
  void resourcesHaveNoTextForm() {
    ResourceType file = new ResourceType("file");
    WrpcException e =
        assertThrows(WrpcException.class, () -> Wave.print(new WitValue.HandleValue(file, 1)));
    assertEquals("WAVE has no text form for resource handles (a handle to file)", e.getMessage());
    assertThrows(WaveParseException.class, () -> Wave.parse("1", new WitType.OwnType(file)));
  }

  @Test
  void nestedValuePrintsCanonically() {
    WitValue v =
        WitValue.list(
            WitValue.record(field("required", u8(1)), field("optional", WitValue.some(u8(2)))),
            WitValue.record(field("required", u8(3)), field("optional", WitValue.none())));
    assertEquals("[{required: 1, optional: some(2)}, {required: 3}]", Wave.print(v));
    assertEquals(v, Wave.parse(Wave.print(v), WitType.list(BASIC)));
    assertEquals(
        List.of(), ((WitValue.ListValue) Wave.parse("[]", WitType.list(BASIC))).elements());
  }
}
