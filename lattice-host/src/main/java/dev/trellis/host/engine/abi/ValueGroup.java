package dev.trellis.host.engine.abi;

import dev.trellis.host.engine.abi.AbiType.Struct;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.TupleType;
import dev.trellis.wrpc.wit.WitTypeMismatchException;
import dev.trellis.wrpc.wit.WitTypes;
import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One side of a call, the parameters or the results, compiled: each value's type and flat offset,
 * and whether the side flattens to more than its limit and so travels as a tuple in guest memory
 * ({@code lift_flat_values} / {@code lower_flat_values}). Adds the value's name and the function to
 * every trap and mismatch it lets through.
 */
final class ValueGroup {
  private final String function;
  private final String[] labels;
  private final WitType[] wit;
  private final AbiType[] types;
  private final int[] flatOffsets;
  private final List<FlatType> flatTypes;
  private final Struct tuple;
  private final String side;
  private final String tupleName;

  private ValueGroup(
      String function,
      String[] labels,
      WitType[] wit,
      AbiType[] types,
      int[] flatOffsets,
      List<FlatType> flatTypes,
      Struct tuple,
      String side) {
    this.function = function;
    this.labels = labels;
    this.wit = wit;
    this.types = types;
    this.flatOffsets = flatOffsets;
    this.flatTypes = flatTypes;
    this.tuple = tuple;
    this.side = side;
    this.tupleName = side + " tuple";
  }

  /**
   * Compiles the {@code side} ("params" or "results") of {@code function}: values called {@code
   * labels} in messages, of {@code types}, spilling beyond {@code maxFlat} flat values.
   */
  static ValueGroup compile(
      String function, String side, List<String> labels, List<WitType> types, int maxFlat) {
    int n = types.size();
    AbiType[] compiled = new AbiType[n];
    int[] flatOffsets = new int[n];
    List<FlatType> flat = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      compiled[i] = AbiTypes.compile(types.get(i));
      flatOffsets[i] = flat.size();
      flat.addAll(Arrays.asList(compiled[i].flat()));
    }
    Struct tuple = null;
    if (flat.size() > maxFlat) {
      String[] names = new String[n];
      Arrays.setAll(names, Integer::toString);
      tuple = AbiTypes.struct(new TupleType(types), true, names, compiled);
    }
    return new ValueGroup(
        function,
        labels.toArray(String[]::new),
        types.toArray(WitType[]::new),
        compiled,
        flatOffsets,
        List.copyOf(flat),
        tuple,
        side);
  }

  /** The same group under another function name, for messages. */
  ValueGroup named(String otherFunction) {
    return new ValueGroup(otherFunction, labels, wit, types, flatOffsets, flatTypes, tuple, side);
  }

  /** Whether every value is a scalar passed flat (no spilling, no memory, no handles). */
  boolean scalarsOnly() {
    if (tuple != null) {
      return false;
    }
    for (AbiType t : types) {
      if (!(t instanceof AbiType.Scalar)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Lowers scalar {@code values} straight to their flat bits; see {@link #scalarsOnly}. A value of
   * the wrong type is reported as a {@link WitTypeMismatchException} naming it.
   */
  long[] lowerScalars(List<WitValue> values) {
    checkCount(values);
    long[] out = new long[types.length];
    for (int i = 0; i < out.length; i++) {
      WitValue value = values.get(i);
      try {
        out[i] = Lowering.scalarBits(((AbiType.Scalar) types[i]).wit(), value);
      } catch (ClassCastException e) {
        String where = labels[i] + " of \"" + function + "\"";
        WitTypes.check(wit[i], value, where);
        throw new WitTypeMismatchException(where, e.getMessage());
      }
    }
    return out;
  }

  /** Lifts scalar values from their flat bits; see {@link #scalarsOnly}. */
  List<WitValue> liftScalars(long[] flat) {
    return switch (types.length) {
      case 0 -> List.of();
      case 1 -> List.of(liftScalar(flat, 0));
      default -> {
        WitValue[] values = new WitValue[types.length];
        for (int i = 0; i < values.length; i++) {
          values[i] = liftScalar(flat, i);
        }
        yield List.of(values);
      }
    };
  }

  private WitValue liftScalar(long[] flat, int i) {
    try {
      return Lifting.scalar(((AbiType.Scalar) types[i]).wit(), flat[i]);
    } catch (CanonicalAbiTrap trap) {
      throw trap.within("lifting " + labels[i] + " of \"" + function + "\"");
    }
  }

  AbiType[] types() {
    return types;
  }

  /** The flattened types before any spilling. */
  List<FlatType> flatTypes() {
    return flatTypes;
  }

  /** Whether the values travel as one tuple in guest memory. */
  boolean spilled() {
    return tuple != null;
  }

  /** Whether lifting or lowering these values touches guest memory. */
  boolean usesMemory() {
    return spilled() || anyUsesMemory();
  }

  /** Whether lowering these values into a guest needs its realloc (strings, lists). */
  boolean anyUsesMemory() {
    for (AbiType t : types) {
      if (AbiTypes.usesMemory(t)) {
        return true;
      }
    }
    return false;
  }

  /** Lifts the values from {@code flat}; when spilled, {@code flat[0]} points at the tuple. */
  List<WitValue> lift(Cx cx, long[] flat) {
    WitValue[] values = new WitValue[types.length];
    int ptr = 0;
    if (tuple != null) {
      ptr = (int) flat[0];
      try {
        cx.checkRange(ptr, tuple.size(), tuple.alignment(), tupleName);
      } catch (CanonicalAbiTrap trap) {
        throw trap.within("lifting " + side + " of \"" + function + "\"");
      }
    }
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] =
            tuple != null
                ? Lifting.load(cx, types[i], ptr + tuple.offsets()[i])
                : Lifting.liftFlat(cx, types[i], flat, flatOffsets[i]);
      } catch (CanonicalAbiTrap trap) {
        throw trap.within("lifting " + labels[i] + " of \"" + function + "\"");
      }
    }
    return listOf(values);
  }

  /**
   * Lowers {@code values} to flat core values; when spilled, allocates the tuple with the guest's
   * realloc and returns just its pointer.
   */
  long[] lower(Cx cx, List<WitValue> values) {
    checkCount(values);
    if (tuple == null) {
      long[] out = new long[flatTypes.size()];
      for (int i = 0; i < types.length; i++) {
        lowerOne(cx, values, i, out, 0);
      }
      return out;
    }
    int ptr;
    try {
      ptr = cx.allocate(tuple.alignment(), tuple.size(), tupleName);
    } catch (CanonicalAbiTrap trap) {
      throw trap.within("lowering " + side + " of \"" + function + "\"");
    }
    storeAll(cx, values, ptr);
    return new long[] {ptr};
  }

  /** Lowers {@code values} as a tuple at the guest-provided out-pointer {@code ptr}. */
  void lowerTo(Cx cx, List<WitValue> values, int ptr) {
    checkCount(values);
    try {
      cx.checkRange(ptr, tuple.size(), tuple.alignment(), tupleName);
    } catch (CanonicalAbiTrap trap) {
      throw trap.within("lowering " + side + " of \"" + function + "\"");
    }
    storeAll(cx, values, ptr);
  }

  private void storeAll(Cx cx, List<WitValue> values, int ptr) {
    for (int i = 0; i < types.length; i++) {
      lowerOne(cx, values, i, null, ptr + tuple.offsets()[i]);
    }
  }

  /**
   * Lowers value {@code i} flat into {@code out}, or when {@code out} is null stores it at {@code
   * ptr}.
   */
  private void lowerOne(Cx cx, List<WitValue> values, int i, long[] out, int ptr) {
    WitValue value = values.get(i);
    try {
      if (out != null) {
        Lowering.lowerFlat(cx, types[i], value, out, flatOffsets[i]);
      } else {
        Lowering.store(cx, types[i], value, ptr);
      }
    } catch (CanonicalAbiTrap trap) {
      throw trap.within("lowering " + labels[i] + " of \"" + function + "\"");
    } catch (ClassCastException | WitTypeMismatchException e) {
      String where = labels[i] + " of \"" + function + "\"";
      WitTypes.check(wit[i], value, where);
      throw new WitTypeMismatchException(where, e.getMessage());
    }
  }

  private void checkCount(List<WitValue> values) {
    if (values.size() != types.length) {
      throw new WitTypeMismatchException(
          "\"" + function + "\"", "expected " + types.length + " values, got " + values.size());
    }
  }

  private static List<WitValue> listOf(WitValue[] values) {
    return switch (values.length) {
      case 0 -> List.of();
      case 1 -> List.of(values[0]);
      default -> List.of(values);
    };
  }
}
