package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.WitType.Primitive;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.BoolValue;
import dev.trellis.wrpc.wit.WitValue.CharValue;
import dev.trellis.wrpc.wit.WitValue.F32Value;
import dev.trellis.wrpc.wit.WitValue.F64Value;
import dev.trellis.wrpc.wit.WitValue.S16Value;
import dev.trellis.wrpc.wit.WitValue.S32Value;
import dev.trellis.wrpc.wit.WitValue.S64Value;
import dev.trellis.wrpc.wit.WitValue.S8Value;
import dev.trellis.wrpc.wit.WitValue.StringValue;
import dev.trellis.wrpc.wit.WitValue.U16Value;
import dev.trellis.wrpc.wit.WitValue.U32Value;
import dev.trellis.wrpc.wit.WitValue.U64Value;
import dev.trellis.wrpc.wit.WitValue.U8Value;

/**
 * Writes primitive values: {@code bool}, {@code s8} and {@code u8} as one byte, the wider integers
 * as (signed) LEB128, floats as little-endian IEEE bits with every NaN written as the canonical NaN
 * (as wrpc-transport does, following the canonical ABI), {@code char} as its UTF-8 bytes and {@code
 * string} as a LEB128 byte length and UTF-8, encoded straight into the buffer.
 */
final class PrimitiveWriter {
  private PrimitiveWriter() {}

  static void write(EncodeBuffer out, Primitive type, WitValue value, ValueWriter context) {
    boolean ok =
        switch (type) {
          case BOOL -> value instanceof BoolValue v && put(out, v.value() ? 1 : 0);
          case S8 -> value instanceof S8Value v && put(out, v.value());
          case U8 -> value instanceof U8Value v && put(out, v.value());
          case S16 -> value instanceof S16Value v && signed(out, v.value());
          case U16 -> value instanceof U16Value v && unsigned(out, v.value());
          case S32 -> value instanceof S32Value v && signed(out, v.value());
          case U32 -> value instanceof U32Value v && unsigned(out, v.value());
          case S64 -> value instanceof S64Value v && signed(out, v.value());
          case U64 -> value instanceof U64Value v && unsigned(out, v.value());
          case F32 -> value instanceof F32Value v && f32(out, v.value());
          case F64 -> value instanceof F64Value v && f64(out, v.value());
          case CHAR -> value instanceof CharValue v && codePoint(out, v.codePoint());
          case STRING -> value instanceof StringValue v && string(out, v.value());
        };
    if (!ok) {
      throw context.mismatch(type, value);
    }
  }

  private static boolean put(EncodeBuffer out, int b) {
    out.writeByte(b);
    return true;
  }

  private static boolean signed(EncodeBuffer out, long v) {
    out.writeSignedLeb128(v);
    return true;
  }

  private static boolean unsigned(EncodeBuffer out, long v) {
    out.writeUnsignedLeb128(v);
    return true;
  }

  private static boolean f32(EncodeBuffer out, float v) {
    out.writeIntLe(Float.floatToIntBits(v));
    return true;
  }

  private static boolean f64(EncodeBuffer out, double v) {
    out.writeLongLe(Double.doubleToLongBits(v));
    return true;
  }

  private static boolean codePoint(EncodeBuffer out, int cp) {
    out.reserve(4);
    out.advance(utf8(out.array(), out.size(), cp));
    return true;
  }

  /** Writes {@code s} as a LEB128 byte length and its UTF-8 bytes. */
  static boolean string(EncodeBuffer out, String s) {
    int length = utf8Length(s);
    out.writeUnsignedLeb128(length);
    out.reserve(length);
    byte[] buf = out.array();
    int p = out.size();
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[p++] = (byte) c;
      } else if (Character.isHighSurrogate(c)) {
        p += utf8(buf, p, Character.toCodePoint(c, s.charAt(++i)));
      } else {
        p += utf8(buf, p, c);
      }
    }
    out.advance(length);
    return true;
  }

  /** The UTF-8 length of a well-formed string (the model forbids unpaired surrogates). */
  private static int utf8Length(String s) {
    int n = s.length();
    int length = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          length += 1;
        } else if (Character.isHighSurrogate(c)) {
          length += 2;
          i++;
        } else {
          length += 2;
        }
      }
    }
    return length;
  }

  private static int utf8(byte[] buf, int p, int cp) {
    if (cp < 0x80) {
      buf[p] = (byte) cp;
      return 1;
    } else if (cp < 0x800) {
      buf[p] = (byte) (0xC0 | cp >>> 6);
      buf[p + 1] = (byte) (0x80 | (cp & 0x3F));
      return 2;
    } else if (cp < 0x10000) {
      buf[p] = (byte) (0xE0 | cp >>> 12);
      buf[p + 1] = (byte) (0x80 | (cp >>> 6 & 0x3F));
      buf[p + 2] = (byte) (0x80 | (cp & 0x3F));
      return 3;
    }
    buf[p] = (byte) (0xF0 | cp >>> 18);
    buf[p + 1] = (byte) (0x80 | (cp >>> 12 & 0x3F));
    buf[p + 2] = (byte) (0x80 | (cp >>> 6 & 0x3F));
    buf[p + 3] = (byte) (0x80 | (cp & 0x3F));
    return 4;
  }
}
