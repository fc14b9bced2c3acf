package dev.trellis.host.engine.abi;

import com.dylibso.chicory.wasm.types.ValType;

/**
 * A core WebAssembly number type that a component-level value flattens to. The canonical ABI only
 * ever uses these four, so this is smaller than a general core value type and maps one-to-one onto
 * Chicory's {@link ValType}.
 */
public enum FlatType {
  I32,
  I64,
  F32,
  F64;

  /** The Chicory value type, for building a {@code FunctionType}. */
  public ValType valType() {
    return switch (this) {
      case I32 -> ValType.I32;
      case I64 -> ValType.I64;
      case F32 -> ValType.F32;
      case F64 -> ValType.F64;
    };
  }

  /** Whether a value of this type occupies 32 bits (and so is zero-extended into an i64 slot). */
  boolean is32Bit() {
    return this == I32 || this == F32;
  }

  /**
   * The type of a variant's flat slot shared by two cases' values: equal types stay, i32 and f32
   * meet in i32, anything else needs i64.
   */
  public static FlatType join(FlatType a, FlatType b) {
    if (a == b) {
      return a;
    }
    if (a.is32Bit() && b.is32Bit()) {
      return I32;
    }
    return I64;
  }
}
