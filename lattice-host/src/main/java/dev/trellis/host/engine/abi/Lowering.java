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
import dev.trellis.wrpc.wit.ByteList;
import dev.trellis.wrpc.wit.WitType.Primitive;
import dev.trellis.wrpc.wit.WitTypeMismatchException;
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
import java.util.List;
import java.util.Optional;

/**
 * Lowering: writing {@link WitValue}s into a guest, as flat core values ({@code lower_flat}) or
 * into linear memory ({@code store}), allocating strings and lists with the guest's realloc. Flat
 * values follow Chicory's convention (i32 sign-extended into the long, floats as raw bits); an i32
 * or f32 placed in a variant's joined i64 slot is zero-extended as the spec does.
 *
 * <p>A value that does not fit its type is the host's mistake, not the guest's: it surfaces as a
 * {@link WitTypeMismatchException} (or a {@link ClassCastException}, which callers turn into one
 * with the value's path).
 */
final class Lowering {
  private Lowering() {}

  /** Lowers {@code value} of {@code type} into {@code out[at..at + flat length)}. */
  static void lowerFlat(Cx cx, AbiType type, WitValue value, long[] out, int at) {
    switch (type) {
      case Scalar s -> out[at] = scalarBits(s.wit(), value);
      case Str s -> {
        long packed = Strings.store(cx, ((StringValue) value).value());
        out[at] = Strings.ptr(packed);
        out[at + 1] = Strings.units(packed);
      }
      case ListOf l -> {
        List<WitValue> elements = ((ListValue) value).elements();
        out[at] = storeListIntoRange(cx, l, elements);
        out[at + 1] = elements.size();
      }
      case FixedList l -> {
        List<WitValue> elements = fixedElements(l, value);
        int stride = l.element().flat().length;
        for (int i = 0; i < elements.size(); i++) {
          lowerFlat(cx, l.element(), elements.get(i), out, at + i * stride);
        }
      }
      case Struct s -> {
        List<WitValue> fields = fields(s, value);
        for (int i = 0; i < fields.size(); i++) {
          lowerFlat(cx, s.fields()[i], fields.get(i), out, at + s.flatOffsets()[i]);
        }
      }
      case Variant v -> variantFlat(cx, v, value, out, at);
      case Flags f -> out[at] = flagBits(f, value);
      case Handle h -> out[at] = handle(cx, h, value);
      case Async a -> throw Lifting.unsupported(a);
    }
  }

  /** Stores {@code value} of {@code type} at {@code ptr}, already checked aligned and in bounds. */
  static void store(Cx cx, AbiType type, WitValue value, int ptr) {
    Memory m = cx.memory();
    switch (type) {
      case Scalar s -> writeBits(m, ptr, s.size(), scalarBits(s.wit(), value));
      case Str s -> {
        long packed = Strings.store(cx, ((StringValue) value).value());
        m.writeI32(ptr, Strings.ptr(packed));
        m.writeI32(ptr + 4, Strings.units(packed));
      }
      case ListOf l -> {
        List<WitValue> elements = ((ListValue) value).elements();
        int begin = storeListIntoRange(cx, l, elements);
        m.writeI32(ptr, begin);
        m.writeI32(ptr + 4, elements.size());
      }
      case FixedList l -> {
        List<WitValue> elements = fixedElements(l, value);
        for (int i = 0; i < elements.size(); i++) {
          store(cx, l.element(), elements.get(i), ptr + i * l.element().size());
        }
      }
      case Struct s -> {
        List<WitValue> fields = fields(s, value);
        for (int i = 0; i < fields.size(); i++) {
          store(cx, s.fields()[i], fields.get(i), ptr + s.offsets()[i]);
        }
      }
      case Variant v -> variantStore(cx, v, value, ptr);
      case Flags f -> writeBits(m, ptr, f.size(), flagBits(f, value));
      case Handle h -> m.writeI32(ptr, handle(cx, h, value));
      case Async a -> throw Lifting.unsupported(a);
    }
  }

  static void writeBits(Memory m, int ptr, int size, long bits) {
    switch (size) {
      case 1 -> m.writeByte(ptr, (byte) bits);
      case 2 -> m.writeShort(ptr, (short) bits);
      case 4 -> m.writeI32(ptr, (int) bits);
      default -> m.writeLong(ptr, bits);
    }
  }

  /** The flat bits of a scalar: i32-typed values sign-extended, floats as raw bits. */
  static long scalarBits(Primitive p, WitValue v) {
    return switch (p) {
      case BOOL -> ((BoolValue) v).value() ? 1 : 0;
      case S8 -> ((S8Value) v).value();
      case U8 -> ((U8Value) v).value();
      case S16 -> ((S16Value) v).value();
      case U16 -> ((U16Value) v).value();
      case S32 -> ((S32Value) v).value();
      case U32 -> (int) ((U32Value) v).value();
      case S64 -> ((S64Value) v).value();
      case U64 -> ((U64Value) v).value();
      case F32 -> Float.floatToRawIntBits(((F32Value) v).value());
      case F64 -> Double.doubleToRawLongBits(((F64Value) v).value());
      case CHAR -> ((CharValue) v).codePoint();
      case STRING -> throw new IllegalArgumentException("string is not a scalar");
    };
  }

  /** {@code store_list_into_range}: allocates, checks, stores; returns the pointer. */
  static int storeListIntoRange(Cx cx, ListOf type, List<WitValue> elements) {
    AbiType element = type.element();
    long byteLength = (long) elements.size() * element.size();
    if (byteLength > Lifting.MAX_LIST_BYTE_LENGTH) {
      throw new HostException(
          "cannot pass "
              + AbiType.describe(type)
              + " of "
              + byteLength
              + " bytes to a guest: the canonical ABI maximum is "
              + Lifting.MAX_LIST_BYTE_LENGTH);
    }
    int ptr = cx.allocate(element.alignment(), byteLength, type);
    if (element instanceof Scalar s && s.wit() == Primitive.U8) {
      storeBytes(cx.memory(), ptr, elements);
      return ptr;
    }
    for (int i = 0; i < elements.size(); i++) {
      store(cx, element, elements.get(i), ptr + i * element.size());
    }
    return ptr;
  }

  /** A {@code list<u8>}: a byte-backed list goes into guest memory in one copy. */
  private static void storeBytes(Memory m, int ptr, List<WitValue> elements) {
    if (elements.isEmpty()) {
      return;
    }
    if (elements instanceof ByteList bytes) {
      bytes.writeTo((array, offset, length) -> m.write(ptr, array, offset, length));
      return;
    }
    byte[] raw = new byte[elements.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) ((U8Value) elements.get(i)).value();
    }
    m.write(ptr, raw);
  }

  private static List<WitValue> fixedElements(FixedList type, WitValue value) {
    List<WitValue> elements = ((ListValue) value).elements();
    if (elements.size() != type.length()) {
      throw mismatch(type, "expected " + type.length() + " elements, got " + elements.size());
    }
    return elements;
  }

  private static List<WitValue> fields(Struct type, WitValue value) {
    if (type.tuple()) {
      List<WitValue> elements = ((TupleValue) value).elements();
      if (elements.size() != type.fields().length) {
        throw mismatch(type, "expected " + type.fields().length + " elements");
      }
      return elements;
    }
    List<RecordValue.Field> fields = ((RecordValue) value).fields();
    if (fields.size() != type.fields().length) {
      throw mismatch(type, "expected " + type.fields().length + " fields");
    }
    WitValue[] values = new WitValue[fields.size()];
    for (int i = 0; i < values.length; i++) {
      RecordValue.Field f = fields.get(i);
      if (!f.name().equals(type.names()[i])) {
        throw mismatch(type, "expected field " + type.names()[i] + ", got " + f.name());
      }
      values[i] = f.value();
    }
    return Arrays.asList(values);
  }

  private static void variantFlat(Cx cx, Variant type, WitValue value, long[] out, int at) {
    int index = caseIndex(type, value);
    out[at] = index;
    FlatType[] joined = type.flat();
    int used = 0;
    AbiType payloadType = type.payloads()[index];
    WitValue payload = payload(type, index, value);
    if (payloadType != null) {
      lowerFlat(cx, payloadType, payload, out, at + 1);
      FlatType[] own = payloadType.flat();
      for (int i = 0; i < own.length; i++) {
        if (joined[1 + i] == FlatType.I64 && own[i].is32Bit()) {
          out[at + 1 + i] &= 0xFFFF_FFFFL;
        }
      }
      used = own.length;
    }
    for (int i = 1 + used; i < joined.length; i++) {
      out[at + i] = 0;
    }
  }

  private static void variantStore(Cx cx, Variant type, WitValue value, int ptr) {
    int index = caseIndex(type, value);
    writeBits(cx.memory(), ptr, type.discriminantSize(), index);
    AbiType payloadType = type.payloads()[index];
    WitValue payload = payload(type, index, value);
    if (payloadType != null) {
      store(cx, payloadType, payload, ptr + type.payloadOffset());
    }
  }

  private static int caseIndex(Variant type, WitValue value) {
    return switch (type.kind()) {
      case VARIANT -> labelIndex(type, ((VariantValue) value).caseName());
      case ENUM -> labelIndex(type, ((EnumValue) value).caseName());
      case OPTION -> ((OptionValue) value).value().isPresent() ? 1 : 0;
      case RESULT -> ((ResultValue) value).isOk() ? 0 : 1;
    };
  }

  private static int labelIndex(Variant type, String label) {
    String[] labels = type.labels();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i].equals(label)) {
        return i;
      }
    }
    throw mismatch(type, "no case " + label);
  }

  /**
   * The payload of case {@code index}, or null when the case has none; the value must carry a
   * payload exactly when the case declares one.
   */
  private static WitValue payload(Variant type, int index, WitValue value) {
    Optional<WitValue> payload =
        switch (type.kind()) {
          case VARIANT -> ((VariantValue) value).payload();
          case ENUM -> Optional.empty();
          case OPTION -> ((OptionValue) value).value();
          case RESULT -> ((ResultValue) value).payload();
        };
    boolean expected = type.payloads()[index] != null;
    if (payload.isPresent() != expected) {
      throw mismatch(
          type,
          "case " + type.labels()[index] + (expected ? " needs a payload" : " takes no payload"));
    }
    return payload.orElse(null);
  }

  private static long flagBits(Flags type, WitValue value) {
    FlagsValue flags = (FlagsValue) value;
    String[] labels = type.labels();
    int bits = 0;
    int matched = 0;
    for (int i = 0; i < labels.length; i++) {
      if (flags.flags().contains(labels[i])) {
        bits |= 1 << i;
        matched++;
      }
    }
    if (matched != flags.flags().size()) {
      throw mismatch(type, "value has flags the type does not declare: " + flags.flags());
    }
    return bits;
  }

  private static int handle(Cx cx, Handle type, WitValue value) {
    HandleValue h = (HandleValue) value;
    if (h.resource() != type.resource()) {
      throw mismatch(type, "handle is of resource " + h.resource().name());
    }
    if (h.handle() < 0 || h.handle() > 0xFFFF_FFFFL) {
      throw mismatch(type, "rep " + h.handle() + " is not a u32");
    }
    int rep = (int) h.handle();
    return type.own()
        ? cx.handles.lowerOwn(type.resource(), rep)
        : cx.handles.lowerBorrow(type.resource(), rep, cx.scope);
  }

  private static WitTypeMismatchException mismatch(AbiType type, String problem) {
    return new WitTypeMismatchException("value of " + AbiType.describe(type), problem);
  }
}
