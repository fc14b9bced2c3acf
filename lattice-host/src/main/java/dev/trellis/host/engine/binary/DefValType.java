package dev.trellis.host.engine.binary;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A defined value type ({@code defvaltype}): the shapes of data that cross a component boundary and
 * that the canonical ABI lays out. Nested types are always {@link ValType}s (primitives or
 * indices), never inline definitions, which is why this hierarchy is flat.
 */
public sealed interface DefValType extends DefType
    permits PrimitiveType,
        DefValType.RecordType,
        DefValType.VariantType,
        DefValType.ListType,
        DefValType.FixedListType,
        DefValType.TupleType,
        DefValType.FlagsType,
        DefValType.EnumType,
        DefValType.OptionType,
        DefValType.ResultType,
        DefValType.OwnType,
        DefValType.BorrowType,
        DefValType.StreamType,
        DefValType.FutureType,
        DefValType.MapType {

  /** A labelled value type: a record field or a function parameter. */
  record LabeledType(String label, ValType type) {
    public LabeledType {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(type, "type");
    }
  }

  /** One case of a variant, with an optional payload. */
  record Case(String label, Optional<ValType> type) {
    public Case {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code record} (0x72): named fields in order. */
  record RecordType(List<LabeledType> fields) implements DefValType {
    public RecordType {
      fields = List.copyOf(fields);
    }
  }

  /** {@code variant} (0x71): a tagged union. */
  record VariantType(List<Case> cases) implements DefValType {
    public VariantType {
      cases = List.copyOf(cases);
    }
  }

  /** {@code list} (0x70): a variable-length sequence. */
  record ListType(ValType element) implements DefValType {
    public ListType {
      Objects.requireNonNull(element, "element");
    }
  }

  /** Fixed-length {@code list} (0x67). */
  record FixedListType(ValType element, int length) implements DefValType {
    public FixedListType {
      Objects.requireNonNull(element, "element");
    }
  }

  /** {@code tuple} (0x6f): unnamed fields in order. */
  record TupleType(List<ValType> types) implements DefValType {
    public TupleType {
      types = List.copyOf(types);
    }
  }

  /** {@code flags} (0x6e): a set of named bits. */
  record FlagsType(List<String> labels) implements DefValType {
    public FlagsType {
      labels = List.copyOf(labels);
    }
  }

  /** {@code enum} (0x6d): a variant without payloads. */
  record EnumType(List<String> labels) implements DefValType {
    public EnumType {
      labels = List.copyOf(labels);
    }
  }

  /** {@code option} (0x6b). */
  record OptionType(ValType type) implements DefValType {
    public OptionType {
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code result} (0x6a) with optional ok and error payloads. */
  record ResultType(Optional<ValType> ok, Optional<ValType> error) implements DefValType {
    public ResultType {
      Objects.requireNonNull(ok, "ok");
      Objects.requireNonNull(error, "error");
    }
  }

  /** {@code own} (0x69): an owned handle to the resource type at {@code resourceType}. */
  record OwnType(int resourceType) implements DefValType {}

  /** {@code borrow} (0x68): a borrowed handle to the resource type at {@code resourceType}. */
  record BorrowType(int resourceType) implements DefValType {}

  /** {@code stream} (0x66, async) with an optional element type. */
  record StreamType(Optional<ValType> element) implements DefValType {
    public StreamType {
      Objects.requireNonNull(element, "element");
    }
  }

  /** {@code future} (0x65, async) with an optional payload type. */
  record FutureType(Optional<ValType> element) implements DefValType {
    public FutureType {
      Objects.requireNonNull(element, "element");
    }
  }

  /** {@code map} (0x63). */
  record MapType(ValType key, ValType value) implements DefValType {
    public MapType {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }
}
