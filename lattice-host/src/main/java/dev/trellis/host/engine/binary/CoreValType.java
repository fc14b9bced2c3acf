package dev.trellis.host.engine.binary;

import java.util.Objects;
import java.util.Optional;

/**
 * A core WebAssembly value type as used in core function, global and table types inside component
 * core types: numbers, {@code v128} and reference types.
 */
public sealed interface CoreValType permits CoreValType.NumType, CoreValType.RefType {

  /** The number and vector types. */
  enum NumType implements CoreValType {
    I32(0x7f),
    I64(0x7e),
    F32(0x7d),
    F64(0x7c),
    V128(0x7b);

    private final int code;

    NumType(int code) {
      this.code = code;
    }

    /** The type's code byte. */
    public int code() {
      return code;
    }

    /** The number type with code byte {@code code}, if it is one. */
    public static Optional<NumType> fromCode(int code) {
      for (NumType type : values()) {
        if (type.code == code) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }
  }

  /** A reference type: a possibly nullable reference to a heap type. */
  record RefType(boolean nullable, HeapType heapType) implements CoreValType {
    public RefType {
      Objects.requireNonNull(heapType, "heapType");
    }
  }

  /** What a reference points at: an abstract heap type or a concrete type index. */
  sealed interface HeapType permits AbstractHeapType, ConcreteHeapType {}

  /** The abstract heap types with their codes. */
  enum AbstractHeapType implements HeapType {
    FUNC(0x70),
    EXTERN(0x6f),
    ANY(0x6e),
    EQ(0x6d),
    I31(0x6c),
    STRUCT(0x6b),
    ARRAY(0x6a),
    EXN(0x69),
    NOEXN(0x74),
    NOFUNC(0x73),
    NOEXTERN(0x72),
    NONE(0x71);

    private final int code;

    AbstractHeapType(int code) {
      this.code = code;
    }

    /** The type's code byte. */
    public int code() {
      return code;
    }

    /** The abstract heap type with code byte {@code code}, if it is one. */
    public static Optional<AbstractHeapType> fromCode(int code) {
      for (AbstractHeapType type : values()) {
        if (type.code == code) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }
  }

  /** A heap type given by core type index. */
  record ConcreteHeapType(int typeIndex) implements HeapType {}
}
