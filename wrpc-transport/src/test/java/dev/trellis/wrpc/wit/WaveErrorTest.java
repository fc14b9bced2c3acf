package dev.trellis.wrpc.wit;

import static dev.trellis.wrpc.wit.WitType.Primitive.BOOL;
import static dev.trellis.wrpc.wit.WitType.Primitive.CHAR;
import static dev.trellis.wrpc.wit.WitType.Primitive.F32;
import static dev.trellis.wrpc.wit.WitType.Primitive.F64;
import static dev.trellis.wrpc.wit.WitType.Primitive.S8;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U64;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.wrpc.WrpcException;
import dev.trellis.wrpc.wit.WitType.FixedListType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rejected WAVE text: every failure is a WaveParseException that says what and where. */
class WaveErrorTest {

  private static WaveParseException fail(String text, WitType type) {
    return assertThrows(WaveParseException.class, () -> Wave.parse(text, type));
  }

  /** Asserts the failure's offset and that its problem mentions {@code fragment}. */
  private static void rejects(String text, WitType type, int offset, String fragment) {
    WaveParseException e = fail(text, type);
    assertEquals(offset, e.offset(), () -> text + " -> " + e.getMessage());
    assertTrue(e.problem().contains(fragment), () -> text + " -> " + e.getMessage());
  }

  @Test
  void messageNamesLineColumnAndOffset() {
    WaveParseException e = fail("[1,\n  2,\n  \"x\"]", WitType.list(U8));
    assertEquals(
        "expected u8, found string literal at line 3, column 3 (offset 11)", e.getMessage());
    assertEquals(3, e.line());
    assertEquals(3, e.column());
    assertTrue(e instanceof WrpcException);
    WaveParseException wide = fail("['☃', 1]", WitType.list(CHAR));
    assertEquals(7, wide.column());
  }

  @Test
  void numbers() {
    rejects("256", U8, 0, "u8 value 256 is out of range 0..255");
    rejects("-1", U32, 0, "u32 cannot be negative");
    rejects("-0", U64, 0, "u64 cannot be negative");
    rejects("-129", S8, 0, "out of range -128..127");
    rejects("18446744073709551616", U64, 0, "out of range");
    rejects("1.5", U8, 0, "not an integer");
    rejects("1e3", U32, 0, "not an integer");
    rejects("inf", U32, 0, "expected u32, found label inf");
    rejects("01", U8, 1, "trailing characters");
    rejects("1.", F64, 1, "invalid token '.'");
    rejects(".5", F64, 0, "invalid token '.'");
    rejects("+1", F64, 0, "invalid token '+'");
    rejects("- 1", S8, 0, "'-' must be followed by digits");
    rejects("true", U8, 0, "expected u8, found label true");
  }

  @Test
  void floatsAcceptOnlyLowercaseKeywords() {
    rejects("-nan", F32, 0, "'-' must be followed");
    rejects("NaN", F32, 0, "expected f32, found label N");
    rejects("infinity", F64, 0, "expected f64, found label infinity");
    rejects("-infinity", F64, 4, "trailing characters after value: label inity");
    rejects("INF", F32, 0, "expected f32");
    rejects("%inf", F32, 0, "expected f32");
  }

  @Test
  void chars() {
    rejects("''", CHAR, 0, "expected one character");
    rejects("'ab'", CHAR, 0, "exactly one character");
    rejects("'☃☃'", CHAR, 0, "exactly one character");
    rejects("'\\n\\n'", CHAR, 0, "exactly one character");
    rejects("'\\z'", CHAR, 1, "invalid escape");
    rejects("'\\x1f'", CHAR, 1, "invalid escape");
    rejects("'\\u1f'", CHAR, 1, "invalid escape");
    rejects("'\\u{1f'", CHAR, 1, "1 to 6 hexadecimal digits");
    rejects("'\\u{}'", CHAR, 1, "1 to 6 hexadecimal digits");
    rejects("'\\u{x}'", CHAR, 1, "1 to 6 hexadecimal digits");
    rejects("'\\u{1234567}'", CHAR, 1, "1 to 6 hexadecimal digits");
    rejects("'\\u{110000}'", CHAR, 1, "U+110000 is not a Unicode scalar value");
    rejects("'\\u{D800}'", CHAR, 1, "U+D800 is not a Unicode scalar value");
    rejects("'\\u{DFFF}'", CHAR, 1, "not a Unicode scalar value");
    rejects("'", CHAR, 0, "invalid char literal");
    rejects("x'", CHAR, 0, "expected char, found label x");
    rejects("'x", CHAR, 0, "exactly one character");
    rejects("'\\'", CHAR, 0, "exactly one character");
    rejects("'''", CHAR, 0, "expected one character");
    rejects("'\n'", CHAR, 0, "expected one character");
    rejects("\"a\"", CHAR, 0, "expected char, found string literal");
  }

  @Test
  void strings() {
    rejects("\"\\u{d800}\"", STRING, 1, "not a Unicode scalar value");
    rejects("\"ok\\u{dc00}\"", STRING, 3, "not a Unicode scalar value");
    rejects("\"\\u{ffffffff}\"", STRING, 1, "1 to 6 hexadecimal digits");
    rejects("\"\\u{-1}\"", STRING, 1, "invalid escape");
    rejects("\"\\\"", STRING, 0, "unterminated string");
    rejects("\"a\nb\"", STRING, 0, "unterminated string");
    rejects("\"abc", STRING, 0, "unterminated string");
    rejects("'a'", STRING, 0, "expected string, found char literal");
  }

  @Test
  void multilineStrings() {
    rejects("\"\"\"\"\"\"", STRING, 3, "opening \"\"\" must be followed by a newline");
    rejects("\"\"\" \"\"\"", STRING, 3, "opening \"\"\" must be followed by a newline");
    rejects("\"\"\"extra\n\"\"\"", STRING, 3, "must be followed by a newline");
    rejects("\"\"\"\nextra\"\"\"", STRING, 9, "closing \"\"\" must follow only spaces");
    rejects("\"\"\"\n  a\n b\n  \"\"\"", STRING, 8, "indented less than closing");
    rejects("\"\"\"\n  \"\"\"\n  \"\"\"", STRING, 12, "unterminated multi-line string");
    rejects("\"\"\"\nInvalid: \\u{d800}\n\"\"\"", STRING, 13, "not a Unicode scalar value");
    rejects("\"\"\"\nInvalid: \\j\n\"\"\"", STRING, 13, "invalid escape");
    rejects("\"\"\"\nno end", STRING, 0, "unterminated multi-line string");
  }

  @Test
  void listsAndTuples() {
    WitType strings = WitType.list(STRING);
    rejects("[\"a\",,]", strings, 5, "expected string, found ','");
    rejects("[,\"a\"]", strings, 1, "expected string, found ','");
    rejects("[,]", strings, 1, "found ','");
    rejects("[)", strings, 1, "expected string, found ')'");
    rejects("(]", strings, 0, "expected list<string>, found '('");
    rejects("[\"a\" \"b\"]", strings, 5, "expected ',' or ']', found string literal");
    rejects("[\"a\"", strings, 4, "expected ',' or ']', found end of input");
    rejects("[1, 2, 3]", new FixedListType(U8, 2), 0, "expected 2 elements for list<u8, 2>, got 3");
    WitType pair = WitType.tuple(U8, BOOL);
    rejects("()", pair, 0, "empty tuple");
    rejects("(1)", pair, 0, "expected 2 elements");
    rejects("(1, true, 2)", pair, 10, "too many elements");
    rejects("(1, 2)", pair, 4, "expected bool (true or false), found number 2");
  }

  @Test
  void records() {
    WitType basic = WaveTest.BASIC;
    rejects("{ optional: none }", basic, 0, "missing field required of record basic");
    rejects("{ required: 0, required: 0 }", basic, 15, "duplicate field required");
    rejects("{ required: 0, optional: none, %optional: none }", basic, 31, "duplicate field");
    rejects("{ required: 0,, }", basic, 14, "expected a field name of record basic, found ','");
    rejects("{ , required: 0 }", basic, 2, "found ','");
    rejects("{ required: 0, extra: 1 }", basic, 15, "unknown field extra of record basic");
    rejects("{ required 0 }", basic, 11, "expected ':' after field name required");
    rejects("{}", WaveTest.OPTIONAL_FIELDS, 0, "an empty record is written {:}");
    rejects("{:}", basic, 0, "missing field required");
  }

  @Test
  void variantsEnumsAndKeywords() {
    WitType.VariantType v =
        WitType.variant("v", WitType.variantCase("some", U8), WitType.variantCase("plain"));
    rejects("some(1)", v, 0, "found keyword some (write %some for a case of that name)");
    rejects("other", v, 0, "unknown case other of variant v");
    rejects("%some", v, 5, "case some needs a payload of type u8 in parentheses");
    rejects("plain(1)", v, 5, "case plain has no payload");
    rejects("%some(1", v, 7, "expected ')' after the payload of case some");
    for (String keyword : WaveTest.KEYWORD_CASES.cases()) {
      rejects(keyword, WaveTest.KEYWORD_CASES, 0, "found keyword " + keyword);
    }
    rejects("left(1)", WitType.enumType("hand", "left"), 4, "enum case left takes no payload");
    rejects("\"left\"", WitType.enumType("hand", "left"), 0, "expected a case of enum hand");
  }

  @Test
  void optionsAndResults() {
    WitType opt = WitType.option(U8);
    rejects("some", opt, 4, "some needs a payload of type u8");
    rejects("some()", opt, 5, "expected u8, found ')'");
    rejects("some(some(0))", opt, 5, "expected u8, found label some");
    rejects("none()", opt, 4, "trailing characters");
    WitType nested = WitType.option(WitType.option(U8));
    rejects("1", nested, 0, "expected some(...) or none for option<option<u8>>");
    WitType okU8 = new ResultType(Optional.of(U8), Optional.empty());
    rejects("ok", okU8, 2, "ok of result<u8> needs a payload");
    rejects("err(0)", okU8, 3, "err of result<u8> has no payload");
    rejects("o(0)", okU8, 0, "expected u8, found label o");
    WitType errU8 = new ResultType(Optional.empty(), Optional.of(U8));
    rejects("0", errU8, 0, "expected ok or err for result<_, u8>");
    rejects("ok(0)", errU8, 2, "has no payload");
    rejects("ok(1)", new ResultType(Optional.empty(), Optional.empty()), 2, "has no payload");
    rejects("some(1)", WitType.result(WitType.option(U8), U8), 0, "expected ok or err");
  }

  @Test
  void flags() {
    WitType perms = WaveTest.PERMISSIONS;
    rejects("{ read, read }", perms, 8, "duplicate flag read");
    rejects("{ read, write, execute }", perms, 15, "unknown flag execute of flags permissions");
    rejects("{:}", perms, 1, "expected a flag of flags permissions, found ':'");
    rejects("{ read write }", perms, 7, "expected ',' or '}'");
  }

  @Test
  void trailingInputNestingAndEmptyInput() {
    rejects("1 2", U8, 2, "trailing characters after value: number 2");
    rejects("", U8, 0, "expected u8, found end of input");
    rejects("   // only a comment", U8, 20, "found end of input");
    rejects("#", U8, 0, "invalid token '#'");
    rejects("\u0007", U8, 0, "invalid token U+0007");
    WitType deep = U8;
    for (int i = 0; i < 150; i++) {
      deep = WitType.list(deep);
    }
    String text = "[".repeat(150) + "]".repeat(150);
    rejects(text, deep, 100, "value nesting too deep (limit 100)");
    WitType ok = U8;
    for (int i = 0; i < 99; i++) {
      ok = WitType.list(ok);
    }
    assertEquals(
        "[".repeat(99) + "]".repeat(99),
        Wave.print(Wave.parse("[".repeat(99) + "]".repeat(99), ok)));
  }

  @Test
  void typesWithoutTextForm() {
    ResourceType r = new ResourceType("res");
    rejects("1", new WitType.BorrowType(r), 0, "WAVE has no text form for borrow<res> values");
    rejects("1", new WitType.StreamType(Optional.of(U8)), 0, "stream<u8>");
    rejects("1", new WitType.FutureType(Optional.empty()), 0, "future");
    rejects("[1]", WitType.list(new WitType.OwnType(r)), 1, "own<res>");
    assertEquals(List.of(), Wave.parseCall("f()", List.of()));
  }
}
