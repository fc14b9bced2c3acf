package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.ByteReader.hex;

import dev.trellis.host.engine.binary.DefType.ComponentType;
import dev.trellis.host.engine.binary.DefType.FuncType;
import dev.trellis.host.engine.binary.DefType.InstanceType;
import dev.trellis.host.engine.binary.DefType.ResourceType;
import dev.trellis.host.engine.binary.DefValType.Case;
import dev.trellis.host.engine.binary.DefValType.LabeledType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decodes component-level types ({@code deftype}): value types, function types, component and
 * instance types with their declarators, and resource types.
 */
final class TypeReader {
  /** The most labels a {@code flags} type may have. */
  static final int MAX_FLAGS = 32;

  private TypeReader() {}

  /** {@code deftype}. */
  static DefType defType(ByteReader r) {
    int start = r.position();
    int opcode = r.peek();
    return switch (opcode) {
      case 0x40, 0x43 -> funcType(r);
      case 0x41 -> componentType(r);
      case 0x42 -> instanceType(r);
      case 0x3f -> resourceType(r);
      default -> defValType(r, start);
    };
  }

  /** {@code valtype}: a primitive code or a non-negative s33 type index. */
  static ValType valType(ByteReader r) {
    int start = r.position();
    int first = r.peek();
    Optional<PrimitiveType> primitive = PrimitiveType.fromCode(first);
    if (primitive.isPresent()) {
      r.u8();
      return primitive.get();
    }
    long value = r.s33();
    if (value < 0) {
      throw r.errorAt(start, "unknown value type " + hex(first));
    }
    if (value > Integer.MAX_VALUE) {
      throw r.errorAt(start, "type index " + value + " is too large");
    }
    return new ValType.Indexed((int) value);
  }

  private static DefValType defValType(ByteReader r, int start) {
    int opcode = r.u8();
    Optional<PrimitiveType> primitive = PrimitiveType.fromCode(opcode);
    if (primitive.isPresent()) {
      return primitive.get();
    }
    return switch (opcode) {
      case 0x72 -> new DefValType.RecordType(nonEmpty(r, start, "record", labeledTypes(r)));
      case 0x71 ->
          new DefValType.VariantType(nonEmpty(r, start, "variant", r.vec(TypeReader::variantCase)));
      case 0x70 -> new DefValType.ListType(valType(r));
      case 0x67 -> fixedList(r, start);
      case 0x6f ->
          new DefValType.TupleType(nonEmpty(r, start, "tuple", r.vec(TypeReader::valType)));
      case 0x6e -> new DefValType.FlagsType(flagLabels(r, start));
      case 0x6d ->
          new DefValType.EnumType(nonEmpty(r, start, "enum", r.vec(in -> in.label("enum case"))));
      case 0x6b -> new DefValType.OptionType(valType(r));
      case 0x6a ->
          new DefValType.ResultType(
              r.optional(TypeReader::valType), r.optional(TypeReader::valType));
      case 0x69 -> new DefValType.OwnType(r.index());
      case 0x68 -> new DefValType.BorrowType(r.index());
      case 0x66 -> new DefValType.StreamType(r.optional(TypeReader::valType));
      case 0x65 -> new DefValType.FutureType(r.optional(TypeReader::valType));
      case 0x63 -> new DefValType.MapType(valType(r), valType(r));
      default -> throw r.errorAt(start, "unknown defvaltype opcode " + hex(opcode));
    };
  }

  private static List<LabeledType> labeledTypes(ByteReader r) {
    return r.vec(in -> new LabeledType(in.label("field or parameter name"), valType(in)));
  }

  private static Case variantCase(ByteReader r) {
    String label = r.label("variant case");
    Optional<ValType> type = r.optional(TypeReader::valType);
    r.expect(0x00, "variant case '" + label + "' refinement");
    return new Case(label, type);
  }

  private static DefValType fixedList(ByteReader r, int start) {
    ValType element = valType(r);
    int length = r.index();
    if (length == 0) {
      throw r.errorAt(start, "fixed-length list of length 0");
    }
    return new DefValType.FixedListType(element, length);
  }

  private static List<String> flagLabels(ByteReader r, int start) {
    List<String> labels = nonEmpty(r, start, "flags", r.vec(in -> in.label("flag")));
    if (labels.size() > MAX_FLAGS) {
      throw r.errorAt(
          start, "flags type has " + labels.size() + " labels, at most " + MAX_FLAGS + " allowed");
    }
    return labels;
  }

  private static <T> List<T> nonEmpty(ByteReader r, int start, String what, List<T> items) {
    if (items.isEmpty()) {
      throw r.errorAt(start, what + " type must not be empty");
    }
    return items;
  }

  private static FuncType funcType(ByteReader r) {
    boolean async = r.u8() == 0x43;
    List<LabeledType> params = labeledTypes(r);
    int start = r.position();
    int kind = r.u8();
    Optional<ValType> result =
        switch (kind) {
          case 0x00 -> Optional.of(valType(r));
          case 0x01 -> {
            int named = r.index();
            if (named != 0) {
              throw r.errorAt(start, "named function results are not supported");
            }
            yield Optional.empty();
          }
          default -> throw r.errorAt(start, "unknown function result list " + hex(kind));
        };
    return new FuncType(async, params, result);
  }

  private static ComponentType componentType(ByteReader r) {
    r.u8();
    r.enter();
    List<ComponentTypeDecl> decls = r.vec(TypeReader::componentDecl);
    r.leave();
    return new ComponentType(decls);
  }

  private static InstanceType instanceType(ByteReader r) {
    r.u8();
    r.enter();
    List<InstanceTypeDecl> decls = r.vec(TypeReader::instanceDecl);
    r.leave();
    return new InstanceType(decls);
  }

  private static ComponentTypeDecl componentDecl(ByteReader r) {
    if (r.peek() == 0x03) {
      r.u8();
      return new Import(ExternReader.externName(r), ExternReader.externDesc(r));
    }
    return instanceDecl(r);
  }

  private static InstanceTypeDecl instanceDecl(ByteReader r) {
    int start = r.position();
    int kind = r.u8();
    return switch (kind) {
      case 0x00 -> new InstanceTypeDecl.CoreTypeDecl(CoreTypeReader.coreType(r));
      case 0x01 -> new InstanceTypeDecl.TypeDecl(defType(r));
      case 0x02 -> ExternReader.alias(r);
      case 0x04 ->
          new InstanceTypeDecl.ExportDecl(ExternReader.externName(r), ExternReader.externDesc(r));
      default -> throw r.errorAt(start, "unknown type declarator " + hex(kind));
    };
  }

  private static ResourceType resourceType(ByteReader r) {
    r.u8();
    int start = r.position();
    int rep = r.u8();
    if (rep != 0x7f) {
      throw r.errorAt(start, "resource representation must be i32 (0x7f), found " + hex(rep));
    }
    Optional<Integer> destructor = r.optional(ByteReader::index);
    return new ResourceType(destructor.map(OptionalInt::of).orElseGet(OptionalInt::empty));
  }
}
