package dev.trellis.host.engine.binary;

/**
 * A component value type as it appears inside other types: either a primitive or a reference to a
 * defined value type in the type index space. Kept distinct from {@link DefValType} because the
 * binary format only allows indices and primitives in these positions.
 */
public sealed interface ValType permits PrimitiveType, ValType.Indexed {

  /** A reference to a type definition by its index in the enclosing type index space. */
  record Indexed(int typeIndex) implements ValType {
    public Indexed {
      if (typeIndex < 0) {
        throw new IllegalArgumentException("negative type index " + typeIndex);
      }
    }
  }
}
