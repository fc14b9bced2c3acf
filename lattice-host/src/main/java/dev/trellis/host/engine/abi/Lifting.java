package dev.trellis.host.engine.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.trellis.host.HostException;
import dev.trellis.host.engine.abi.AbiType.Async;
import dev.trellis.host.engine.abi.AbiType.FixedList;
import dev.trellis.host.engine.abi.AbiType.Flags;
import dev.trellis.host.engine.abi.AbiType.Handle;
import dev.trellis.host.engine.abi.AbiType.ListOf;
import dev.trellis.host.engine.abi.AbiType.Scalar;
import dev.trellis.host.engine.abi.AbiType.Str;
import dev.trellis.host.engine.abi.AbiType.Struct;
import dev.trellis.host.engine.abi.AbiType.Variant;
import dev.trellis.wrpc.wit.WitType.Primitive;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.BoolValue;
import dev.trellis.wrpc.wit.WitValue.CharValue;
import dev.trellis.wrpc.wit.WitValue.EnumValue;
import dev.trellis.wrpc.wit.WitValue.F32Value;
import dev.trellis.wrpc.wit.WitValue.F64Value;
import dev.trellis.wrpc.wit.WitValue.FlagsValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import dev.trellis.wrpc.wit.WitValue.ListValue;
import dev.trellis.wrpc.wit.WitValue.OptionValue;
import dev.trellis.wrpc.wit.WitValue.RecordValue;
import dev.trellis.wrpc.wit.WitValue.ResultValue;
import dev.trellis.wrpc.wit.WitValue.S16Value;
import dev.trellis.wrpc.wit.WitValue.S32Value;
import dev.trellis.wrpc.wit.WitValue.S64Value;
import dev.trellis.wrpc.wit.WitValue.S8Value;
import dev.trellis.wrpc.wit.WitValue.StringValue;
import dev.trellis.wrpc.wit.WitValue.TupleValue;
import dev.trellis.wrpc.wit.WitValue.U16Value;
import dev.trellis.wrpc.wit.WitValue.U32Value;
import dev.trellis.wrpc.wit.WitValue.U64Value;
import dev.trellis.wrpc.wit.WitValue.U8Value;
import dev.trellis.wrpc.wit.WitValue.VariantValue;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lifting: reading guest values into {@link WitValue}s, from flat core values ({@code lift_flat})
 * or from linear memory ({@code load}). Flat values follow Chicory's {@code long[]} convention: an
 * i32 or f32 in the low 32 bits, f32/f64 as raw IEEE bits. Integers keep only their low bits, bool
 * is any non-zero, floats have NaNs canonicalized, and everything the guest controls is checked.
 */
final class Lifting {
  /** Longest list, in bytes, that may cross the ABI. */
  static final long MAX_LIST_BYTE_LENGTH = (1L << 28) - 1;

  private static final BoolValue TRUE = new BoolValue(true);
  private static final BoolValue FALSE = new BoolValue(false);
  private static final int CANONICAL_NAN32 = 0x7fc00000;
  private static final long CANONICAL_NAN64 = 0x7ff8000000000000L;

  private Lifting() {}

  /** Lifts a value of {@code type} from {@code flat[at..]}. */
  static WitValue liftFlat(Cx cx, AbiType type, long[] flat, int at) {
    return switch (type) {
      case Scalar s -> scalar(s.wit(), flat[at]);
      case Str s -> new StringValue(Strings.load(cx, (int) flat[at], (int) flat[at + 1]));
      case ListOf l -> listFromRange(cx, l, (int) flat[at], (int) flat[at + 1]);
      case FixedList l -> fixedListFlat(cx, l, flat, at);
      case Struct s -> structFlat(cx, s, flat, at);
      case Variant v -> variantFlat(cx, v, flat, at);
      case Flags f -> flags(f, (int) flat[at]);
      case Handle h -> handle(cx, h, (int) flat[at]);
      case Async a -> throw unsupported(a);
    };
  }

  /**
   * Lifts a value of {@code type} stored at {@code ptr}, already checked to be aligned and in
   * bounds.
   */
  static WitValue load(Cx cx, AbiType type, int ptr) {
    Memory m = cx.memory();
    return switch (type) {
      case Scalar s -> scalar(s.wit(), readBits(m, ptr, s.size()));
      case Str s -> new StringValue(Strings.load(cx, m.readInt(ptr), m.readInt(ptr + 4)));
      case ListOf l -> listFromRange(cx, l, m.readInt(ptr), m.readInt(ptr + 4));
      case FixedList l -> fixedListLoad(cx, l, ptr);
      case Struct s -> structLoad(cx, s, ptr);
      case Variant v -> variantLoad(cx, v, ptr);
      case Flags f -> flags(f, (int) readBits(m, ptr, f.size()));
      case Handle h -> handle(cx, h, m.readInt(ptr));
      case Async a -> throw unsupported(a);
    };
  }

  /** The little-endian integer of {@code size} bytes at {@code ptr}, sign-extended. */
  static long readBits(Memory m, int ptr, int size) {
    return switch (size) {
      case 1 -> m.read(ptr);
      case 2 -> m.readShort(ptr);
      case 4 -> m.readInt(ptr);
      default -> m.readLong(ptr);
    };
  }

  /** A scalar from its bits (only the bits of the type's width are looked at). */
  static WitValue scalar(Primitive p, long bits) {
    return switch (p) {
      case BOOL -> (int) bits != 0 ? TRUE : FALSE;
      case S8 -> new S8Value((byte) bits);
      case U8 -> U8Value.of((int) bits & 0xFF);
      case S16 -> new S16Value((short) bits);
      case U16 -> new U16Value((int) bits & 0xFFFF);
      case S32 -> new S32Value((int) bits);
      case U32 -> new U32Value(bits & 0xFFFF_FFFFL);
      case S64 -> new S64Value(bits);
      case U64 -> new U64Value(bits);
      case F32 -> new F32Value(f32((int) bits));
      case F64 -> new F64Value(f64(bits));
      case CHAR -> new CharValue(codePoint((int) bits));
      case STRING -> throw new IllegalArgumentException("string is not a scalar");
    };
  }

  private static float f32(int bits) {
    float f = Float.intBitsToFloat(bits);
    return Float.isNaN(f) ? Float.intBitsToFloat(CANONICAL_NAN32) : f;
  }

  private static double f64(long bits) {
    double d = Double.longBitsToDouble(bits);
    return Double.isNaN(d) ? Double.longBitsToDouble(CANONICAL_NAN64) : d;
  }

  private static int codePoint(int i) {
    if (Integer.compareUnsigned(i, 0x110000) >= 0 || (i >= 0xD800 && i <= 0xDFFF)) {
      throw new CanonicalAbiTrap(
          "char value " + CanonicalAbiTrap.hex(i) + " is not a Unicode scalar value");
    }
    return i;
  }

  /** {@code load_list_from_range}: checks byte length, alignment and bounds, then loads. */
  static ListValue listFromRange(Cx cx, ListOf type, int ptr, int length) {
    AbiType element = type.element();
    long count = Integer.toUnsignedLong(length);
    long byteLength = count * element.size();
    if (byteLength > MAX_LIST_BYTE_LENGTH) {
      throw new CanonicalAbiTrap(
          AbiType.describe(type)
              + " of "
              + count
              + " elements is "
              + byteLength
              + " bytes, over the maximum of "
              + MAX_LIST_BYTE_LENGTH);
    }
    cx.checkRange(ptr, byteLength, element.alignment(), type);
    int n = (int) count;
    if (element instanceof Scalar s && s.wit() == Primitive.U8) {
      return bytes(cx.memory(), ptr, n);
    }
    WitValue[] values = new WitValue[n];
    for (int i = 0; i < n; i++) {
      values[i] = load(cx, element, ptr + i * element.size());
    }
    return new ListValue(Arrays.asList(values));
  }

  /** A {@code list<u8>}: one copy out of guest memory into a byte-backed list. */
  private static ListValue bytes(Memory m, int ptr, int n) {
    if (n == 0) {
      return new ListValue(List.of());
    }
    return ListValue.wrapBytes(m.readBytes(ptr, n));
  }

  private static ListValue fixedListFlat(Cx cx, FixedList type, long[] flat, int at) {
    WitValue[] values = new WitValue[type.length()];
    int stride = type.element().flat().length;
    for (int i = 0; i < values.length; i++) {
      values[i] = liftFlat(cx, type.element(), flat, at + i * stride);
    }
    return new ListValue(Arrays.asList(values));
  }

  private static ListValue fixedListLoad(Cx cx, FixedList type, int ptr) {
    WitValue[] values = new WitValue[type.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = load(cx, type.element(), ptr + i * type.element().size());
    }
    return new ListValue(Arrays.asList(values));
  }

  private static WitValue structFlat(Cx cx, Struct type, long[] flat, int at) {
    WitValue[] values = new WitValue[type.fields().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = liftFlat(cx, type.fields()[i], flat, at + type.flatOffsets()[i]);
    }
    return struct(type, values);
  }

  private static WitValue structLoad(Cx cx, Struct type, int ptr) {
    WitValue[] values = new WitValue[type.fields().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = load(cx, type.fields()[i], ptr + type.offsets()[i]);
    }
    return struct(type, values);
  }

  private static WitValue struct(Struct type, WitValue[] values) {
    if (type.tuple()) {
      return new TupleValue(Arrays.asList(values));
    }
    RecordValue.Field[] fields = new RecordValue.Field[values.length];
    for (int i = 0; i < values.length; i++) {
      fields[i] = new RecordValue.Field(type.names()[i], values[i]);
    }
    return new RecordValue(Arrays.asList(fields));
  }

  private static WitValue variantFlat(Cx cx, Variant type, long[] flat, int at) {
    int index = caseIndex(type, Integer.toUnsignedLong((int) flat[at]));
    AbiType payload = type.payloads()[index];
    return variant(type, index, payload == null ? null : liftFlat(cx, payload, flat, at + 1));
  }

  private static WitValue variantLoad(Cx cx, Variant type, int ptr) {
    long discriminant = readBits(cx.memory(), ptr, type.discriminantSize());
    long unsigned = discriminant & (-1L >>> (64 - 8 * type.discriminantSize()));
    int index = caseIndex(type, unsigned);
    AbiType payload = type.payloads()[index];
    return variant(
        type, index, payload == null ? null : load(cx, payload, ptr + type.payloadOffset()));
  }

  private static int caseIndex(Variant type, long discriminant) {
    if (discriminant >= type.labels().length) {
      throw new CanonicalAbiTrap(
          "variant discriminant " + discriminant + " out of range for " + AbiType.describe(type));
    }
    return (int) discriminant;
  }

  /**
   * Builds the value of case {@code index}; {@code payload} is null exactly for payload-less cases.
   */
  private static WitValue variant(Variant type, int index, WitValue payload) {
    Optional<WitValue> p = Optional.ofNullable(payload);
    return switch (type.kind()) {
      case VARIANT -> new VariantValue(type.labels()[index], p);
      case ENUM -> new EnumValue(type.labels()[index]);
      case OPTION -> index == 0 ? OptionValue.NONE : new OptionValue(p);
      case RESULT -> new ResultValue(index == 0, p);
    };
  }

  private static FlagsValue flags(Flags type, int bits) {
    String[] labels = type.labels();
    Set<String> set = new LinkedHashSet<>();
    for (int i = 0; i < labels.length; i++) {
      if ((bits & (1 << i)) != 0) {
        set.add(labels[i]);
      }
    }
    return new FlagsValue(set);
  }

  private static HandleValue handle(Cx cx, Handle type, int handle) {
    int rep =
        type.own()
            ? cx.handles.liftOwn(type.resource(), handle)
            : cx.handles.liftBorrow(type.resource(), handle, cx.scope);
    return new HandleValue(type.resource(), Integer.toUnsignedLong(rep));
  }

  static HostException unsupported(Async type) {
    return new HostException(
        "the synchronous canonical ABI cannot carry " + AbiType.describe(type));
  }
}
