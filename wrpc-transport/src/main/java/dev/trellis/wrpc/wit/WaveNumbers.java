package dev.trellis.wrpc.wit;

import dev.trellis.wrpc.wit.WaveLexer.Kind;
import dev.trellis.wrpc.wit.WaveLexer.Token;
import dev.trellis.wrpc.wit.WitType.Primitive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * WAVE numbers: reading integer and float tokens for a given primitive type, and writing floats the
 * way wasm-wave does (Rust's {@code Display}: shortest round-trip digits, never an exponent).
 */
final class WaveNumbers {
  private WaveNumbers() {}

  /** Reads an integer token as a value of the integer type {@code p}, range-checked. */
  static WitValue integer(Primitive p, WaveLexer lex, Token t) {
    if (t.kind() != Kind.NUMBER) {
      throw lex.error(t.start(), "expected " + p + ", found " + t.describe());
    }
    String text = t.text();
    if (!isIntegerLiteral(text)) {
      throw lex.error(t.start(), "expected " + p + ", found " + text + " (not an integer)");
    }
    boolean unsigned = p.witName().startsWith("u");
    if (unsigned && text.startsWith("-")) {
      throw lex.error(t.start(), p + " cannot be negative: " + text);
    }
    BigInteger v = new BigInteger(text);
    int bits = Integer.parseInt(p.witName().substring(1));
    BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
    BigInteger max =
        (unsigned ? BigInteger.ONE.shiftLeft(bits) : BigInteger.ONE.shiftLeft(bits - 1))
            .subtract(BigInteger.ONE);
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw lex.error(t.start(), p + " value " + text + " is out of range " + min + ".." + max);
    }
    return make(p, v);
  }

  private static boolean isIntegerLiteral(String text) {
    int from = text.startsWith("-") ? 1 : 0;
    if (from == text.length()) {
      return false;
    }
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static WitValue make(Primitive p, BigInteger v) {
    return switch (p) {
      case S8 -> WitValue.s8(v.intValue());
      case U8 -> WitValue.u8(v.intValue());
      case S16 -> WitValue.s16(v.intValue());
      case U16 -> WitValue.u16(v.intValue());
      case S32 -> WitValue.s32(v.intValue());
      case U32 -> WitValue.u32(v.longValue());
      case S64 -> WitValue.s64(v.longValue());
      case U64 -> WitValue.u64(v.longValue());
      case BOOL, F32, F64, CHAR, STRING ->
          throw new IllegalStateException(p + " is not an integer type");
    };
  }

  /** Reads a number token, or {@code nan} / {@code inf}, as an f32 or f64 value. */
  static WitValue floating(Primitive p, WaveLexer lex, Token t) {
    boolean keyword = t.isLabel("nan") || t.isLabel("inf");
    if (t.kind() != Kind.NUMBER && !keyword) {
      throw lex.error(t.start(), "expected " + p + ", found " + t.describe());
    }
    String text =
        switch (t.text()) {
          case "nan" -> "NaN";
          case "inf" -> "Infinity";
          case "-inf" -> "-Infinity";
          default -> t.text();
        };
    try {
      return p == Primitive.F32
          ? new WitValue.F32Value(Float.parseFloat(text))
          : new WitValue.F64Value(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      throw lex.error(t.start(), "invalid " + p + " " + t.text());
    }
  }

  /** An f32 as wasm-wave prints it. */
  static String format(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f) || f == 0) {
      return special(f, Float.floatToRawIntBits(f) < 0);
    }
    return shortest(new BigDecimal(f), Float.toString(f), d -> Float.parseFloat(d.toString()) == f);
  }

  /** An f64 as wasm-wave prints it. */
  static String format(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
      return special(d, Double.doubleToRawLongBits(d) < 0);
    }
    return shortest(
        new BigDecimal(d), Double.toString(d), x -> Double.parseDouble(x.toString()) == d);
  }

  /**
   * Rust's shortest form: the fewest significant digits that read back as the same float, and of
   * those the decimal closest to the exact value, ties rounded away from zero. Java's {@code
   * toString} has the same digit count, except that it prefers a closer 2-digit form when a 1-digit
   * one exists (4.9E-324 where Rust prints 5e-324), and it breaks ties to even.
   */
  private static String shortest(
      BigDecimal exact, String javaToString, Predicate<BigDecimal> roundTrips) {
    BigDecimal java = new BigDecimal(javaToString).stripTrailingZeros();
    int digits = java.precision();
    if (digits == 2 && roundTrips.test(exact.round(new MathContext(1, RoundingMode.HALF_UP)))) {
      digits = 1;
    }
    BigDecimal closest = exact.round(new MathContext(digits, RoundingMode.HALF_UP));
    BigDecimal chosen = roundTrips.test(closest) ? closest : java;
    return chosen.stripTrailingZeros().toPlainString();
  }

  private static String special(double v, boolean negative) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return negative ? "-inf" : "inf";
    }
    return negative ? "-0" : "0";
  }
}
