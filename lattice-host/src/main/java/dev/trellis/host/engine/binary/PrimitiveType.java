package dev.trellis.host.engine.binary;

import java.util.Optional;

/**
 * The primitive value types with their single-byte codes; usable both inline as a {@link ValType}
 * and as a type definition of its own.
 */
public enum PrimitiveType implements ValType, DefValType {
  BOOL(0x7f, "bool"),
  S8(0x7e, "s8"),
  U8(0x7d, "u8"),
  S16(0x7c, "s16"),
  U16(0x7b, "u16"),
  S32(0x7a, "s32"),
  U32(0x79, "u32"),
  S64(0x78, "s64"),
  U64(0x77, "u64"),
  F32(0x76, "f32"),
  F64(0x75, "f64"),
  CHAR(0x74, "char"),
  STRING(0x73, "string"),
  ERROR_CONTEXT(0x64, "error-context");

  private final int code;
  private final String label;

  PrimitiveType(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The type's code byte. */
  public int code() {
    return code;
  }

  /** The WIT spelling, e.g. {@code u32}. */
  public String label() {
    return label;
  }

  /** The primitive type with code byte {@code code}, if it is one. */
  public static Optional<PrimitiveType> fromCode(int code) {
    for (PrimitiveType type : values()) {
      if (type.code == code) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
