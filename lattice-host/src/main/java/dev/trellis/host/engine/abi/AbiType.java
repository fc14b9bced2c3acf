package dev.trellis.host.engine.abi;

import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.Primitive;
import dev.trellis.wrpc.wit.WitTypes;
import java.util.StringJoiner;

/**
 * A WIT type compiled for the canonical ABI: size, alignment, flattening and offsets computed once,
 * so lifting and lowering walk a tree of ready numbers instead of recomputing layout per value.
 * {@link AbiTypes#compile} builds it; {@code tuple}, {@code enum}, {@code option} and {@code
 * result} are despecialized into {@link Struct} and {@link Variant} as the spec does.
 *
 * <p>Arrays in these records are never mutated after compilation and never handed out.
 */
sealed interface AbiType
    permits AbiType.Scalar,
        AbiType.Str,
        AbiType.ListOf,
        AbiType.FixedList,
        AbiType.Struct,
        AbiType.Variant,
        AbiType.Flags,
        AbiType.Handle,
        AbiType.Async {

  /** Cases listed in a message before the rest are elided. */
  int MAX_DESCRIBED_CASES = 20;

  /** The WIT type this was compiled from. */
  WitType wit();

  /** Byte size in linear memory ({@code elem_size}). */
  int size();

  /** Byte alignment in linear memory. */
  int alignment();

  /** The flattened core types, in order. */
  FlatType[] flat();

  /** bool, integers, floats and char: one flat value, size equal to alignment. */
  record Scalar(Primitive wit, int size, FlatType[] flat) implements AbiType {
    @Override
    public int alignment() {
      return size;
    }
  }

  /** string: (pointer, tagged code-unit length). */
  record Str(FlatType[] flat) implements AbiType {
    @Override
    public WitType wit() {
      return Primitive.STRING;
    }

    @Override
    public int size() {
      return 8;
    }

    @Override
    public int alignment() {
      return 4;
    }
  }

  /** list&lt;T&gt;: (pointer, element count) with elements at {@code element.size()} stride. */
  record ListOf(WitType wit, AbiType element, FlatType[] flat) implements AbiType {
    @Override
    public int size() {
      return 8;
    }

    @Override
    public int alignment() {
      return 4;
    }
  }

  /** list&lt;T, N&gt;: N elements stored inline and flattened inline. */
  record FixedList(
      WitType wit, AbiType element, int length, int size, int alignment, FlatType[] flat)
      implements AbiType {}

  /** record or tuple: fields in order at {@code offsets}, flattened at {@code flatOffsets}. */
  record Struct(
      WitType wit,
      boolean tuple,
      String[] names,
      AbiType[] fields,
      int[] offsets,
      int[] flatOffsets,
      int size,
      int alignment,
      FlatType[] flat)
      implements AbiType {}

  /** The four WIT types that are variants underneath. */
  enum VariantKind {
    VARIANT,
    ENUM,
    OPTION,
    RESULT
  }

  /**
   * variant, enum, option or result: a discriminant of {@code discriminantSize} bytes, the payload
   * at {@code payloadOffset}; {@code payloads[i]} is null for a case without payload. {@code flat}
   * is the i32 discriminant followed by the joined payload slots.
   */
  record Variant(
      WitType wit,
      VariantKind kind,
      String[] labels,
      AbiType[] payloads,
      int discriminantSize,
      int payloadOffset,
      int size,
      int alignment,
      FlatType[] flat)
      implements AbiType {}

  /** flags: up to 32 labels packed into 1, 2 or 4 bytes, bit i for label i. */
  record Flags(WitType wit, String[] labels, int size, FlatType[] flat) implements AbiType {
    @Override
    public int alignment() {
      return size;
    }
  }

  /** own or borrow: an i32 handle-table index. */
  record Handle(WitType wit, ResourceType resource, boolean own, FlatType[] flat)
      implements AbiType {
    @Override
    public int size() {
      return 4;
    }

    @Override
    public int alignment() {
      return 4;
    }
  }

  /** future or stream: laid out as an i32 handle but not liftable by this synchronous ABI. */
  record Async(WitType wit, FlatType[] flat) implements AbiType {
    @Override
    public int size() {
      return 4;
    }

    @Override
    public int alignment() {
      return 4;
    }
  }

  /**
   * The type as a trap message shows it: WIT syntax, with variants and enums listing their cases,
   * e.g. {@code variant<a, b>} or {@code enum color<red, green>}.
   */
  static String describe(AbiType type) {
    if (type instanceof Variant v
        && (v.kind() == VariantKind.VARIANT || v.kind() == VariantKind.ENUM)) {
      String kind = v.kind() == VariantKind.VARIANT ? "variant" : "enum";
      String name = v.wit() instanceof WitType.VariantType vt ? vt.name().orElse("") : enumName(v);
      StringJoiner cases = new StringJoiner(", ", "<", ">");
      String[] labels = v.labels();
      for (int i = 0; i < Math.min(labels.length, MAX_DESCRIBED_CASES); i++) {
        cases.add(labels[i]);
      }
      if (labels.length > MAX_DESCRIBED_CASES) {
        cases.add("...");
      }
      return kind + (name.isEmpty() ? "" : " " + name) + cases;
    }
    return WitTypes.describe(type.wit());
  }

  private static String enumName(Variant v) {
    return v.wit() instanceof WitType.EnumType e ? e.name().orElse("") : "";
  }
}
