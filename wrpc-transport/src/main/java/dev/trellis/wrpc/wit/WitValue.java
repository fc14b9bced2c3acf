package dev.trellis.wrpc.wit;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable WIT value, mirroring {@link WitType} case by case, so the engine can lift guest
 * memory into it, the wRPC codec can encode it and WAVE can print it without any of them knowing
 * the others. A value carries labels (record fields, cases, flags) but not its full type; {@link
 * #conformsTo} and {@link WitTypes#check} relate the two.
 *
 * <p>Integers are stored in a Java type wide enough for the WIT range and range-checked, except
 * {@code u64}, which is a {@code long} read as unsigned (see {@link U64Value}).
 */
public sealed interface WitValue
    permits WitValue.BoolValue,
        WitValue.S8Value,
        WitValue.U8Value,
        WitValue.S16Value,
        WitValue.U16Value,
        WitValue.S32Value,
        WitValue.U32Value,
        WitValue.S64Value,
        WitValue.U64Value,
        WitValue.F32Value,
        WitValue.F64Value,
        WitValue.CharValue,
        WitValue.StringValue,
        WitValue.ListValue,
        WitValue.RecordValue,
        WitValue.TupleValue,
        WitValue.VariantValue,
        WitValue.EnumValue,
        WitValue.OptionValue,
        WitValue.ResultValue,
        WitValue.FlagsValue,
        WitValue.HandleValue,
        WitValue.FutureValue,
        WitValue.StreamValue {

  /**
   * Whether this value is a valid value of {@code type}; see {@link WitTypes#check} for why not.
   */
  default boolean conformsTo(WitType type) {
    return TypeChecker.mismatch(type, this, "value").isEmpty();
  }

  /** {@code bool}. */
  record BoolValue(boolean value) implements WitValue {}

  /** {@code s8}. */
  record S8Value(byte value) implements WitValue {}

  /** {@code u8}, 0..255. */
  record U8Value(int value) implements WitValue {
    private static final U8Value[] CACHE = new U8Value[256];

    static {
      Arrays.setAll(CACHE, U8Value::new);
    }

    public U8Value {
      checkRange("u8", value, 0, 0xFF);
    }

    /** A shared instance; lists of bytes are common and this avoids one object per byte. */
    public static U8Value of(int value) {
      checkRange("u8", value, 0, 0xFF);
      return CACHE[value];
    }
  }

  /** {@code s16}. */
  record S16Value(short value) implements WitValue {}

  /** {@code u16}, 0..65535. */
  record U16Value(int value) implements WitValue {
    public U16Value {
      checkRange("u16", value, 0, 0xFFFF);
    }
  }

  /** {@code s32}. */
  record S32Value(int value) implements WitValue {}

  /** {@code u32}, 0..4294967295. */
  record U32Value(long value) implements WitValue {
    public U32Value {
      checkRange("u32", value, 0, 0xFFFF_FFFFL);
    }
  }

  /** {@code s64}. */
  record S64Value(long value) implements WitValue {}

  /**
   * {@code u64}. {@code value} holds the 64 bits and is read as unsigned: {@code -1L} is
   * 18446744073709551615. Use {@link #toBigInteger()} or {@link Long#toUnsignedString(long)} to
   * show it and {@link Long#compareUnsigned} to compare.
   */
  record U64Value(long value) implements WitValue {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** The u64 for a non-negative integer up to 2^64-1. */
    public static U64Value of(BigInteger value) {
      if (value.signum() < 0 || value.compareTo(MAX) > 0) {
        throw new WitModelException("u64 value " + value + " is out of range 0.." + MAX);
      }
      return new U64Value(value.longValue());
    }

    /** The unsigned value. */
    public BigInteger toBigInteger() {
      return new BigInteger(Long.toUnsignedString(value));
    }

    @Override
    public String toString() {
      return "U64Value[value=" + Long.toUnsignedString(value) + "]";
    }
  }

  /** {@code f32}; equality treats every NaN as equal and 0.0 as distinct from -0.0. */
  record F32Value(float value) implements WitValue {}

  /** {@code f64}; equality treats every NaN as equal and 0.0 as distinct from -0.0. */
  record F64Value(double value) implements WitValue {}

  /** {@code char}: a Unicode scalar value (a code point that is not a surrogate). */
  record CharValue(int codePoint) implements WitValue {
    public CharValue {
      if (!Unicode.isScalarValue(codePoint)) {
        throw new WitModelException(
            String.format(Locale.ROOT, "char U+%04X is not a Unicode scalar value", codePoint));
      }
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "CharValue[U+%04X]", codePoint);
    }
  }

  /** {@code string}: any sequence of Unicode scalar values (no unpaired surrogates). */
  record StringValue(String value) implements WitValue {
    public StringValue {
      Objects.requireNonNull(value, "value");
      int bad = Unicode.unpairedSurrogateIndex(value);
      if (bad >= 0) {
        throw new WitModelException("string has an unpaired surrogate at index " + bad);
      }
    }
  }

  /**
   * {@code list<T>} or {@code list<T, N>}. A non-empty list of {@link U8Value}s keeps its elements
   * as a {@link ByteList} (one byte each); it is equal to the same list built element by element.
   */
  record ListValue(List<WitValue> elements) implements WitValue {
    public ListValue {
      if (elements.isEmpty()) {
        elements = List.of();
      } else if (!(elements instanceof ByteList)) {
        ByteList bytes = ByteList.compactOrNull(elements);
        elements = bytes != null ? bytes : List.copyOf(elements);
      }
    }

    /** A {@code list<u8>} of a copy of {@code bytes}. */
    public static ListValue ofBytes(byte[] bytes) {
      return ofBytes(bytes, 0, bytes.length);
    }

    /**
     * A {@code list<u8>} of a copy of {@code length} bytes of {@code bytes} from {@code offset}.
     */
    public static ListValue ofBytes(byte[] bytes, int offset, int length) {
      return new ListValue(ByteList.copyOf(bytes, offset, length));
    }

    /**
     * A {@code list<u8>} that takes ownership of {@code bytes} without copying them: the caller
     * must not modify the array afterwards. For code that has just filled a fresh array (reading
     * guest memory, a socket or a decoder's buffer copy).
     */
    public static ListValue wrapBytes(byte[] bytes) {
      return new ListValue(ByteList.wrap(bytes));
    }

    /** The elements as a {@link ByteList}, if this is a non-empty list of {@code u8}s. */
    public Optional<ByteList> bytes() {
      return elements instanceof ByteList b ? Optional.of(b) : Optional.empty();
    }

    /**
     * The elements as bytes (a copy); the empty list gives an empty array.
     *
     * @throws WitModelException if an element is not a {@code u8}
     */
    public byte[] toByteArray() {
      if (elements instanceof ByteList b) {
        return b.toByteArray();
      }
      for (int i = 0; i < elements.size(); i++) {
        if (!(elements.get(i) instanceof U8Value)) {
          throw new WitModelException(
              "list is not a list<u8>: element "
                  + i
                  + " is a "
                  + elements.get(i).getClass().getSimpleName());
        }
      }
      return new byte[0];
    }
  }

  /** {@code record}: fields in declaration order. */
  record RecordValue(List<Field> fields) implements WitValue {
    /** One named field value. */
    public record Field(String name, WitValue value) {
      public Field {
        Labels.requireLabel("record field", Objects.requireNonNull(name, "name"));
        Objects.requireNonNull(value, "value");
      }
    }

    public RecordValue {
      fields = List.copyOf(fields);
      Labels.requireUniqueLabels(
          "record value", "field", fields.stream().map(Field::name).toList());
    }

    /** The value of the field called {@code name}, if present. */
    public Optional<WitValue> get(String name) {
      return fields.stream().filter(f -> f.name().equals(name)).findFirst().map(Field::value);
    }
  }

  /** {@code tuple<...>}. */
  record TupleValue(List<WitValue> elements) implements WitValue {
    public TupleValue {
      elements = List.copyOf(elements);
      if (elements.isEmpty()) {
        throw new WitModelException("tuple value must have at least one element");
      }
    }
  }

  /** A {@code variant} case, by name, with its payload if the case has one. */
  record VariantValue(String caseName, Optional<WitValue> payload) implements WitValue {
    public VariantValue {
      Labels.requireLabel("variant case", Objects.requireNonNull(caseName, "caseName"));
      Objects.requireNonNull(payload, "payload");
    }
  }

  /** An {@code enum} case, by name. */
  record EnumValue(String caseName) implements WitValue {
    public EnumValue {
      Labels.requireLabel("enum case", Objects.requireNonNull(caseName, "caseName"));
    }
  }

  /** {@code option<T>}: {@code some(value)} or {@code none}. */
  record OptionValue(Optional<WitValue> value) implements WitValue {
    public static final OptionValue NONE = new OptionValue(Optional.empty());

    public OptionValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code result<T, E>}: ok or err, each with a payload exactly when the type declares one. */
  record ResultValue(boolean isOk, Optional<WitValue> payload) implements WitValue {
    public ResultValue {
      Objects.requireNonNull(payload, "payload");
    }
  }

  /**
   * {@code flags}: the names of the flags that are set. Equality ignores order; iteration keeps
   * insertion order, which {@link Wave#print} uses.
   */
  record FlagsValue(Set<String> flags) implements WitValue {
    public FlagsValue {
      Set<String> copy = new LinkedHashSet<>(flags);
      copy.forEach(f -> Labels.requireLabel("flag", Objects.requireNonNull(f, "flag")));
      flags = Collections.unmodifiableSet(copy);
    }
  }

  /**
   * An {@code own<R>} or {@code borrow<R>} handle: an opaque number whose meaning belongs to
   * whoever made it (a handle-table index in the engine, a local id for a remote resource in wRPC).
   */
  record HandleValue(ResourceType resource, long handle) implements WitValue {
    public HandleValue {
      Objects.requireNonNull(resource, "resource");
    }
  }

  /**
   * A {@code future<T>} value as wRPC carries it: either ready, with its payload (none for a
   * payload-less {@code future}), or pending, meaning the payload travels later on the future's own
   * wRPC index path rather than inside the enclosing value.
   */
  record FutureValue(boolean isReady, Optional<WitValue> payload) implements WitValue {
    private static final FutureValue PENDING = new FutureValue(false, Optional.empty());

    public FutureValue {
      Objects.requireNonNull(payload, "payload");
      if (!isReady && payload.isPresent()) {
        throw new WitModelException("a pending future has no payload yet");
      }
    }

    /** A future whose payload is sent later, out of band. */
    public static FutureValue pending() {
      return PENDING;
    }

    /** A resolved {@code future<T>}. */
    public static FutureValue ready(WitValue payload) {
      return new FutureValue(true, Optional.of(payload));
    }

    /** A resolved payload-less {@code future}. */
    public static FutureValue ready() {
      return new FutureValue(true, Optional.empty());
    }
  }

  /**
   * A {@code stream<T>} value as wRPC carries it: either ready, with its complete contents, or
   * pending, meaning its elements travel later, in chunks, on the stream's own wRPC index path.
   */
  record StreamValue(boolean isReady, List<WitValue> elements) implements WitValue {
    private static final StreamValue PENDING = new StreamValue(false, List.of());

    public StreamValue {
      elements = List.copyOf(elements);
      if (!isReady && !elements.isEmpty()) {
        throw new WitModelException("a pending stream has no elements yet");
      }
    }

    /** A stream whose elements are sent later, out of band. */
    public static StreamValue pending() {
      return PENDING;
    }

    /** A finished stream with exactly these elements. */
    public static StreamValue ready(List<WitValue> elements) {
      return new StreamValue(true, elements);
    }
  }

  // ---- factories ----

  static BoolValue bool(boolean value) {
    return new BoolValue(value);
  }

  static S8Value s8(int value) {
    checkRange("s8", value, Byte.MIN_VALUE, Byte.MAX_VALUE);
    return new S8Value((byte) value);
  }

  static U8Value u8(int value) {
    return U8Value.of(value);
  }

  static S16Value s16(int value) {
    checkRange("s16", value, Short.MIN_VALUE, Short.MAX_VALUE);
    return new S16Value((short) value);
  }

  static U16Value u16(int value) {
    return new U16Value(value);
  }

  static S32Value s32(int value) {
    return new S32Value(value);
  }

  static U32Value u32(long value) {
    return new U32Value(value);
  }

  static S64Value s64(long value) {
    return new S64Value(value);
  }

  /** A u64 from its 64 bits, read as unsigned. */
  static U64Value u64(long bits) {
    return new U64Value(bits);
  }

  static F32Value f32(float value) {
    return new F32Value(value);
  }

  static F64Value f64(double value) {
    return new F64Value(value);
  }

  /** A char from a code point. */
  static CharValue character(int codePoint) {
    return new CharValue(codePoint);
  }

  static StringValue string(String value) {
    return new StringValue(value);
  }

  static ListValue list(WitValue... elements) {
    return new ListValue(List.of(elements));
  }

  static TupleValue tuple(WitValue... elements) {
    return new TupleValue(List.of(elements));
  }

  static RecordValue.Field field(String name, WitValue value) {
    return new RecordValue.Field(name, value);
  }

  static RecordValue record(RecordValue.Field... fields) {
    return new RecordValue(List.of(fields));
  }

  static VariantValue variant(String caseName, WitValue payload) {
    return new VariantValue(caseName, Optional.of(payload));
  }

  static VariantValue variant(String caseName) {
    return new VariantValue(caseName, Optional.empty());
  }

  static EnumValue enumCase(String caseName) {
    return new EnumValue(caseName);
  }

  static OptionValue some(WitValue value) {
    return new OptionValue(Optional.of(value));
  }

  static OptionValue none() {
    return OptionValue.NONE;
  }

  static ResultValue ok(WitValue payload) {
    return new ResultValue(true, Optional.of(payload));
  }

  static ResultValue ok() {
    return new ResultValue(true, Optional.empty());
  }

  static ResultValue err(WitValue payload) {
    return new ResultValue(false, Optional.of(payload));
  }

  static ResultValue err() {
    return new ResultValue(false, Optional.empty());
  }

  /** Flags from the names that are set; an empty call gives the empty set. */
  static FlagsValue flags(String... set) {
    return new FlagsValue(new LinkedHashSet<>(Arrays.asList(set)));
  }

  // ---- validation helpers ----

  private static void checkRange(String type, long value, long min, long max) {
    if (value < min || value > max) {
      throw new WitModelException(
          type + " value " + value + " is out of range " + min + ".." + max);
    }
  }
}
