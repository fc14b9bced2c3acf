package dev.trellis.host.engine.binary;

import java.util.Objects;

/**
 * The declared type of an import or export ({@code externtype}): which sort it is and the type it
 * must have. The sort also tells which index space an import extends.
 */
public sealed interface ExternDesc {

  /** The sort of the imported or exported item. */
  default Sort sort() {
    return switch (this) {
      case CoreModule m -> Sort.CORE_MODULE;
      case Func f -> Sort.FUNC;
      case Value v -> Sort.VALUE;
      case Type t -> Sort.TYPE;
      case Component c -> Sort.COMPONENT;
      case Instance i -> Sort.INSTANCE;
    };
  }

  /** {@code 0x00 0x11}: a core module of the core module type at {@code coreTypeIndex}. */
  record CoreModule(int coreTypeIndex) implements ExternDesc {}

  /** {@code 0x01}: a function of the function type at {@code typeIndex}. */
  record Func(int typeIndex) implements ExternDesc {}

  /** {@code 0x02}: a value (value definitions are not otherwise supported). */
  record Value(ValueBound bound) implements ExternDesc {
    public Value {
      Objects.requireNonNull(bound, "bound");
    }
  }

  /** {@code 0x03}: a type with a bound. */
  record Type(TypeBound bound) implements ExternDesc {
    public Type {
      Objects.requireNonNull(bound, "bound");
    }
  }

  /** {@code 0x04}: a component of the component type at {@code typeIndex}. */
  record Component(int typeIndex) implements ExternDesc {}

  /** {@code 0x05}: an instance of the instance type at {@code typeIndex}. */
  record Instance(int typeIndex) implements ExternDesc {}

  /** The bound of a type import or export. */
  sealed interface TypeBound {}

  /** {@code (eq i)}: the type is exactly the type at {@code typeIndex}. */
  record Eq(int typeIndex) implements TypeBound {}

  /** {@code (sub resource)}: a fresh abstract resource type. */
  record SubResource() implements TypeBound {}

  /** The bound of a value import or export. */
  sealed interface ValueBound {}

  /** {@code (eq i)}: the value is exactly the value at {@code valueIndex}. */
  record ValueEq(int valueIndex) implements ValueBound {}

  /** A value of type {@code type}. */
  record ValueOfType(ValType type) implements ValueBound {
    public ValueOfType {
      Objects.requireNonNull(type, "type");
    }
  }
}
