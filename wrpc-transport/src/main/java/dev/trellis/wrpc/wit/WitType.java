package dev.trellis.wrpc.wit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A WIT value type, the one type model shared by the component engine (canonical ABI) and the wRPC
 * codec. It is a closed set so every consumer can {@code switch} over it exhaustively.
 *
 * <p>Records, variants, enums and flags may carry the WIT name they were declared with; it is used
 * in messages and is part of {@code equals}. Use {@link WitTypes#sameShape} to compare two types
 * structurally, as the Component Model does. Layout (size, alignment, flattening) is the engine's
 * job and deliberately absent here.
 */
public sealed interface WitType
    permits WitType.Primitive,
        WitType.ListType,
        WitType.FixedListType,
        WitType.RecordType,
        WitType.TupleType,
        WitType.VariantType,
        WitType.EnumType,
        WitType.OptionType,
        WitType.ResultType,
        WitType.FlagsType,
        WitType.OwnType,
        WitType.BorrowType,
        WitType.FutureType,
        WitType.StreamType {

  /** The primitive types; each is a singleton, so they compare with {@code ==}. */
  enum Primitive implements WitType {
    BOOL("bool"),
    S8("s8"),
    U8("u8"),
    S16("s16"),
    U16("u16"),
    S32("s32"),
    U32("u32"),
    S64("s64"),
    U64("u64"),
    F32("f32"),
    F64("f64"),
    CHAR("char"),
    STRING("string");

    private final String witName;

    Primitive(String witName) {
      this.witName = witName;
    }

    /** The name as written in WIT and in messages, e.g. {@code u32}. */
    public String witName() {
      return witName;
    }

    @Override
    public String toString() {
      return witName;
    }
  }

  /** {@code list<T>}: a variable-length sequence. */
  record ListType(WitType element) implements WitType {
    public ListType {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code list<T, N>}: a sequence of exactly {@code length} elements (N ≥ 1). */
  record FixedListType(WitType element, int length) implements WitType {
    public FixedListType {
      Objects.requireNonNull(element, "element");
      if (length < 1) {
        throw new WitModelException("fixed-size list length must be >= 1, got " + length);
      }
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code record}: named fields in declaration order (at least one). */
  record RecordType(Optional<String> name, List<Field> fields) implements WitType {
    /** One field of a record. */
    public record Field(String name, WitType type) {
      public Field {
        Labels.requireLabel("record field", Objects.requireNonNull(name, "name"));
        Objects.requireNonNull(type, "type");
      }
    }

    public RecordType {
      requireTypeName(name);
      fields = List.copyOf(fields);
      Labels.requireUniqueLabels(
          owner("record", name), "field", fields.stream().map(Field::name).toList());
    }

    /** The position of the field called {@code label}, if there is one. */
    public OptionalInt indexOf(String label) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(label)) {
          return OptionalInt.of(i);
        }
      }
      return OptionalInt.empty();
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code tuple<A, B, ...>}: positional fields (at least one). */
  record TupleType(List<WitType> elements) implements WitType {
    public TupleType {
      elements = List.copyOf(elements);
      if (elements.isEmpty()) {
        throw new WitModelException("tuple must have at least one element");
      }
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code variant}: one of several named cases, each with an optional payload. */
  record VariantType(Optional<String> name, List<Case> cases) implements WitType {
    /** One case of a variant; {@code payload} is empty for a case without one. */
    public record Case(String name, Optional<WitType> payload) {
      public Case {
        Labels.requireLabel("variant case", Objects.requireNonNull(name, "name"));
        Objects.requireNonNull(payload, "payload");
      }
    }

    public VariantType {
      requireTypeName(name);
      cases = List.copyOf(cases);
      Labels.requireUniqueLabels(
          owner("variant", name), "case", cases.stream().map(Case::name).toList());
    }

    /** The index (discriminant) of the case called {@code label}, if there is one. */
    public OptionalInt indexOf(String label) {
      for (int i = 0; i < cases.size(); i++) {
        if (cases.get(i).name().equals(label)) {
          return OptionalInt.of(i);
        }
      }
      return OptionalInt.empty();
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code enum}: one of several named cases without payloads. */
  record EnumType(Optional<String> name, List<String> cases) implements WitType {
    public EnumType {
      requireTypeName(name);
      cases = Labels.requireUniqueLabels(owner("enum", name), "case", cases);
    }

    /** The index (discriminant) of the case called {@code label}, if there is one. */
    public OptionalInt indexOf(String label) {
      int i = cases.indexOf(label);
      return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code option<T>}. */
  record OptionType(WitType some) implements WitType {
    public OptionType {
      Objects.requireNonNull(some, "some");
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /**
   * {@code result<T, E>}, where either payload may be absent ({@code result<_, E>}, {@code
   * result}).
   */
  record ResultType(Optional<WitType> ok, Optional<WitType> err) implements WitType {
    public ResultType {
      Objects.requireNonNull(ok, "ok");
      Objects.requireNonNull(err, "err");
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code flags}: a set of named booleans, in declaration order (at least one). */
  record FlagsType(Optional<String> name, List<String> flags) implements WitType {
    public FlagsType {
      requireTypeName(name);
      flags = Labels.requireUniqueLabels(owner("flags", name), "flag", flags);
    }

    /** The bit position of the flag called {@code label}, if there is one. */
    public OptionalInt indexOf(String label) {
      int i = flags.indexOf(label);
      return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code own<R>}: an owned handle to a resource. */
  record OwnType(ResourceType resource) implements WitType {
    public OwnType {
      Objects.requireNonNull(resource, "resource");
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code borrow<R>}: a handle to a resource lent for the duration of one call. */
  record BorrowType(ResourceType resource) implements WitType {
    public BorrowType {
      Objects.requireNonNull(resource, "resource");
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code future<T>} (or payload-less {@code future}), carried by wRPC as an async value. */
  record FutureType(Optional<WitType> payload) implements WitType {
    public FutureType {
      Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  /** {@code stream<T>} (or element-less {@code stream}), carried by wRPC as an async value. */
  record StreamType(Optional<WitType> element) implements WitType {
    public StreamType {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public String toString() {
      return WitTypes.describe(this);
    }
  }

  private static String owner(String kind, Optional<String> name) {
    return name.map(n -> kind + " " + n).orElse(kind);
  }

  private static void requireTypeName(Optional<String> name) {
    Objects.requireNonNull(name, "name").ifPresent(n -> Labels.requireLabel("type name", n));
  }

  // ---- factories, so call sites read like WIT ----

  /** {@code list<element>}. */
  static ListType list(WitType element) {
    return new ListType(element);
  }

  /** {@code option<some>}. */
  static OptionType option(WitType some) {
    return new OptionType(some);
  }

  /** {@code tuple<elements...>}. */
  static TupleType tuple(WitType... elements) {
    return new TupleType(List.of(elements));
  }

  /** {@code result<ok, err>}. */
  static ResultType result(WitType ok, WitType err) {
    return new ResultType(Optional.of(ok), Optional.of(err));
  }

  /** A record field, for {@link #record}. */
  static RecordType.Field field(String name, WitType type) {
    return new RecordType.Field(name, type);
  }

  /** {@code record name { fields... }}. */
  static RecordType record(String name, RecordType.Field... fields) {
    return new RecordType(Optional.of(name), List.of(fields));
  }

  /** A variant case with a payload, for {@link #variant}. */
  static VariantType.Case variantCase(String name, WitType payload) {
    return new VariantType.Case(name, Optional.of(payload));
  }

  /** A variant case without a payload, for {@link #variant}. */
  static VariantType.Case variantCase(String name) {
    return new VariantType.Case(name, Optional.empty());
  }

  /** {@code variant name { cases... }}. */
  static VariantType variant(String name, VariantType.Case... cases) {
    return new VariantType(Optional.of(name), List.of(cases));
  }

  /** {@code enum name { cases... }}. */
  static EnumType enumType(String name, String... cases) {
    return new EnumType(Optional.of(name), List.of(cases));
  }

  /** {@code flags name { flags... }}. */
  static FlagsType flags(String name, String... flags) {
    return new FlagsType(Optional.of(name), List.of(flags));
  }
}
