package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.BorrowType;
import dev.trellis.wrpc.wit.WitType.EnumType;
import dev.trellis.wrpc.wit.WitType.FixedListType;
import dev.trellis.wrpc.wit.WitType.FlagsType;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.ListType;
import dev.trellis.wrpc.wit.WitType.OptionType;
import dev.trellis.wrpc.wit.WitType.OwnType;
import dev.trellis.wrpc.wit.WitType.Primitive;
import dev.trellis.wrpc.wit.WitType.RecordType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import dev.trellis.wrpc.wit.WitType.TupleType;
import dev.trellis.wrpc.wit.WitType.VariantType;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the items that are decoded in one go, without a decoder frame: primitives, enums, flags,
 * handles and {@code list<u8>}, plus the headers of composite values (lengths, discriminants,
 * status bytes). Every read either completes, throws {@link Underflow} (the caller rewinds), or
 * throws {@link Malformed}; nothing is allocated for a length before its bytes are all present.
 */
final class AtomReader {
  private final ByteInput in;
  private final WrpcCodecOptions options;
  private final HandleCodec handles;

  AtomReader(ByteInput in, WrpcCodecOptions options, HandleCodec handles) {
    this.in = in;
    this.options = options;
    this.handles = handles;
  }

  /** Whether values of {@code type} are read here rather than through a decoder frame. */
  static boolean isAtomic(WitType type) {
    return switch (type) {
      case Primitive p -> true;
      case EnumType e -> true;
      case FlagsType f -> true;
      case OwnType o -> true;
      case BorrowType b -> true;
      case ListType l -> l.element() == Primitive.U8;
      case FixedListType l -> false;
      case RecordType r -> false;
      case TupleType t -> false;
      case VariantType v -> false;
      case OptionType o -> false;
      case ResultType r -> false;
      case FutureType f -> false;
      case StreamType s -> false;
    };
  }

  /** Reads one value of an atomic type (see {@link #isAtomic}). */
  WitValue read(WitType type) {
    return switch (type) {
      case Primitive p -> primitive(p);
      case EnumType e -> enumCase(e);
      case FlagsType f -> flags(f);
      case OwnType o -> handle(o.resource());
      case BorrowType b -> handle(b.resource());
      case ListType l -> bytes();
      case FixedListType l -> throw notAtomic(type);
      case RecordType r -> throw notAtomic(type);
      case TupleType t -> throw notAtomic(type);
      case VariantType v -> throw notAtomic(type);
      case OptionType o -> throw notAtomic(type);
      case ResultType r -> throw notAtomic(type);
      case FutureType f -> throw notAtomic(type);
      case StreamType s -> throw notAtomic(type);
    };
  }

  private static IllegalStateException notAtomic(WitType type) {
    return new IllegalStateException(type + " is decoded through a frame, not as an atom");
  }

  private WitValue primitive(Primitive p) {
    return switch (p) {
      case BOOL -> WitValue.bool(bool());
      case S8 -> new WitValue.S8Value((byte) in.readByte());
      case U8 -> WitValue.U8Value.of(in.readByte());
      case S16 -> new WitValue.S16Value((short) signed(16, "s16"));
      case U16 -> new WitValue.U16Value((int) unsigned(16, "u16"));
      case S32 -> new WitValue.S32Value((int) signed(32, "s32"));
      case U32 -> new WitValue.U32Value(unsigned(32, "u32"));
      case S64 -> new WitValue.S64Value(signed(64, "s64"));
      case U64 -> new WitValue.U64Value(unsigned(64, "u64"));
      case F32 -> new WitValue.F32Value(Float.intBitsToFloat(intLe()));
      case F64 -> new WitValue.F64Value(Double.longBitsToDouble(longLe()));
      case CHAR -> new WitValue.CharValue(utf8Char());
      case STRING -> new WitValue.StringValue(string());
    };
  }

  private boolean bool() {
    int b = in.readByte();
    if (b > 1) {
      throw new Malformed(String.format(Locale.ROOT, "invalid bool byte 0x%02x", b), at(-1));
    }
    return b == 1;
  }

  /** A {@code 0x00}/{@code 0x01} status byte (option, result, future, stream status). */
  int tag(String what) {
    int b = in.readByte();
    if (b > 1) {
      throw new Malformed(
          String.format(Locale.ROOT, "invalid %s status byte 0x%02x", what, b), at(-1));
    }
    return b;
  }

  /** A u32 LEB128 discriminant below {@code cases}. */
  int discriminant(int cases, String what) {
    int start = in.pos;
    long d = unsigned(32, what + " discriminant");
    if (d >= cases) {
      throw new Malformed(
          "unknown " + what + " discriminant " + d + " (" + cases + " cases)", in.offsetOf(start));
    }
    return (int) d;
  }

  /** A u32 LEB128 element count no greater than the configured limit. */
  int listLength(String what) {
    int start = in.pos;
    long n = unsigned(32, what);
    if (n > options.maxListLength()) {
      throw new Malformed(
          what + " " + n + " exceeds the limit of " + options.maxListLength(), in.offsetOf(start));
    }
    return (int) n;
  }

  private WitValue enumCase(EnumType type) {
    return new WitValue.EnumValue(type.cases().get(discriminant(type.cases().size(), "enum")));
  }

  private WitValue flags(FlagsType type) {
    List<String> names = type.flags();
    int n = (names.size() + 7) >>> 3;
    in.require(n);
    byte[] buf = in.buf;
    int p = in.pos;
    Set<String> set = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      if ((buf[p + (i >>> 3)] & (1 << (i & 7))) != 0) {
        set.add(names.get(i));
      }
    }
    in.pos = p + n;
    return new WitValue.FlagsValue(set);
  }

  private WitValue handle(ResourceType resource) {
    int start = in.pos;
    long n = unsigned(32, "handle length");
    if (n > options.maxHandleBytes()) {
      throw new Malformed(
          "handle length " + n + " exceeds the limit of " + options.maxHandleBytes(),
          in.offsetOf(start));
    }
    in.requireFrom(in.pos, n);
    byte[] bytes = Arrays.copyOfRange(in.buf, in.pos, in.pos + (int) n);
    Optional<HandleValue> handle = handles.fromWire(resource, bytes);
    if (handle.isEmpty()) {
      throw new Malformed(
          "handle of " + n + " bytes is not accepted for resource " + resource.name(),
          in.offsetOf(start));
    }
    in.pos += (int) n;
    return handle.get();
  }

  private WitValue bytes() {
    int n = listLength("list length");
    in.requireFrom(in.pos, n);
    int p = in.pos;
    in.pos = p + n;
    return WitValue.ListValue.wrapBytes(Arrays.copyOfRange(in.buf, p, p + n));
  }

  private String string() {
    int start = in.pos;
    long n = unsigned(32, "string length");
    if (n > options.maxStringBytes()) {
      throw new Malformed(
          "string length " + n + " exceeds the limit of " + options.maxStringBytes() + " bytes",
          in.offsetOf(start));
    }
    int len = (int) n;
    in.requireFrom(in.pos, len);
    int bad = Utf8.invalidAt(in.buf, in.pos, in.pos + len);
    if (bad >= 0) {
      throw new Malformed("string is not valid UTF-8", in.offsetOf(bad));
    }
    String s = new String(in.buf, in.pos, len, StandardCharsets.UTF_8);
    in.pos += len;
    return s;
  }

  private int utf8Char() {
    int start = in.pos;
    int b0 = in.readByte();
    if (b0 < 0x80) {
      return b0;
    }
    int length = Utf8.sequenceLength(b0);
    if (length == 0) {
      throw new Malformed(
          String.format(Locale.ROOT, "invalid UTF-8 lead byte 0x%02x for char", b0),
          in.offsetOf(start));
    }
    in.require(length - 1);
    int bad = Utf8.invalidAt(in.buf, start, start + length);
    if (bad >= 0) {
      throw new Malformed("char is not valid UTF-8", in.offsetOf(bad));
    }
    int cp = b0 & (0x7F >>> length);
    for (int k = 1; k < length; k++) {
      cp = cp << 6 | (in.buf[start + k] & 0x3F);
    }
    in.pos = start + length;
    return cp;
  }

  private int intLe() {
    in.require(4);
    byte[] b = in.buf;
    int p = in.pos;
    in.pos = p + 4;
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] << 24);
  }

  private long longLe() {
    long low = intLe() & 0xFFFF_FFFFL;
    return low | (long) intLe() << 32;
  }

  /**
   * Unsigned LEB128 of at most {@code bits} bits, as wasm-tokio reads it: at most ceil(bits/7)
   * bytes, redundant zero groups allowed, bits beyond the width rejected.
   */
  long unsigned(int bits, String what) {
    byte[] b = in.buf;
    int p = in.pos;
    int lim = in.limit;
    if (p < lim && b[p] >= 0) {
      in.pos = p + 1;
      return b[p];
    }
    int last = (bits + 6) / 7 - 1;
    long result = 0;
    for (int i = 0; ; i++) {
      if (p + i >= lim) {
        in.needHint = 1;
        throw Underflow.INSTANCE;
      }
      int x = b[p + i] & 0xFF;
      if (i == last) {
        if ((x >>> (bits - 7 * last)) != 0) {
          throw new Malformed("LEB128 overflow for " + what, in.offsetOf(p + i));
        }
        in.pos = p + i + 1;
        return result | (long) x << (7 * last);
      }
      result |= (long) (x & 0x7F) << (7 * i);
      if (x < 0x80) {
        in.pos = p + i + 1;
        return result;
      }
    }
  }

  /**
   * Signed LEB128 of at most {@code bits} bits. The last possible byte may be a proper sign
   * extension (as every encoder writes) or hold just the remaining bits (as wasm-tokio's decoder
   * expects); both mean the same value, so both are accepted.
   */
  long signed(int bits, String what) {
    byte[] b = in.buf;
    int p = in.pos;
    int lim = in.limit;
    if (p < lim && b[p] >= 0) {
      in.pos = p + 1;
      return (long) b[p] << 57 >> 57;
    }
    int last = (bits + 6) / 7 - 1;
    int rest = bits - 7 * last;
    long result = 0;
    for (int i = 0; ; i++) {
      if (p + i >= lim) {
        in.needHint = 1;
        throw Underflow.INSTANCE;
      }
      int x = b[p + i] & 0xFF;
      if (i == last) {
        boolean raw = (x >>> rest) == 0;
        boolean extended = x < 0x80 && (x >>> (rest - 1)) == (0x7F >>> (rest - 1));
        if (!raw && !extended) {
          throw new Malformed("LEB128 overflow for " + what, in.offsetOf(p + i));
        }
        in.pos = p + i + 1;
        long all = result | (long) x << (7 * last);
        return all << (64 - bits) >> (64 - bits);
      }
      result |= (long) (x & 0x7F) << (7 * i);
      if (x < 0x80) {
        in.pos = p + i + 1;
        return (x & 0x40) != 0 ? result | -1L << (7 * (i + 1)) : result;
      }
    }
  }

  private long at(int relative) {
    return in.offsetOf(in.pos + relative);
  }
}
