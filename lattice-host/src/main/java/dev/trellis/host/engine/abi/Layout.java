package dev.trellis.host.engine.abi;

import dev.trellis.host.engine.abi.AbiType.Struct;
import dev.trellis.host.engine.abi.AbiType.Variant;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a WIT value lives in linear memory under the canonical ABI: size, alignment, record field
 * offsets, variant discriminant and payload placement. For tools, tests and the instantiator's
 * diagnostics; lifting and lowering use the same rules through a compiled form.
 */
public final class Layout {
  private Layout() {}

  /** Bytes a value of {@code type} occupies in memory (the spec's {@code elem_size}). */
  public static int size(WitType type) {
    return AbiTypes.compile(type).size();
  }

  /** Required alignment of a value of {@code type} in memory. */
  public static int alignment(WitType type) {
    return AbiTypes.compile(type).alignment();
  }

  /**
   * Byte offsets of the fields of a record or the elements of a tuple.
   *
   * @throws IllegalArgumentException if {@code type} is neither
   */
  public static List<Integer> fieldOffsets(WitType type) {
    if (!(AbiTypes.compile(type) instanceof Struct s)) {
      throw new IllegalArgumentException("not a record or tuple: " + WitTypes.describe(type));
    }
    List<Integer> offsets = new ArrayList<>(s.offsets().length);
    for (int offset : s.offsets()) {
      offsets.add(offset);
    }
    return List.copyOf(offsets);
  }

  /**
   * Byte offset of the payload of a variant, enum, option or result (after the discriminant,
   * aligned to the largest case alignment).
   *
   * @throws IllegalArgumentException if {@code type} is none of these
   */
  public static int payloadOffset(WitType type) {
    return variant(type).payloadOffset();
  }

  /** Bytes of the discriminant of a variant, enum, option or result {@code type}. */
  public static int discriminantSize(WitType type) {
    return variant(type).discriminantSize();
  }

  /** Bytes of the discriminant of a variant with {@code caseCount} cases: 1, 2 or 4. */
  public static int discriminantSize(int caseCount) {
    return AbiTypes.discriminantSize(caseCount);
  }

  /**
   * Bytes of a flags value with {@code labelCount} labels: 1 (up to 8), 2 (up to 16) or 4 (up to
   * 32).
   *
   * @throws dev.trellis.host.HostException for more than 32 labels, which the ABI does not support
   */
  public static int flagsSize(int labelCount) {
    return AbiTypes.flagsSize(labelCount);
  }

  private static Variant variant(WitType type) {
    if (!(AbiTypes.compile(type) instanceof Variant v)) {
      throw new IllegalArgumentException(
          "not a variant, enum, option or result: " + WitTypes.describe(type));
    }
    return v;
  }
}
