package dev.trellis.host.engine.internal.types;

import dev.trellis.host.engine.ComponentLoadException;
import dev.trellis.host.engine.abi.FunctionSignature;
import dev.trellis.host.engine.binary.DefType;
import dev.trellis.host.engine.binary.DefValType;
import dev.trellis.host.engine.binary.PrimitiveType;
import dev.trellis.host.engine.binary.ValType;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitModelException;
import dev.trellis.wrpc.wit.WitType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns decoded type definitions into resolved types: value types into {@link WitType}s (with type
 * indices followed through the scope), function types into {@link FuncSig}s, resource definitions
 * into fresh {@link ResourceType}s. Runs once per component at load time.
 */
public final class WitTypeResolver {
  private WitTypeResolver() {}

  /**
   * Resolves a type definition in {@code scope}.
   *
   * @param resourceName the name a resource definition gets (for messages)
   */
  public static ResolvedType resolve(DefType type, TypeScope scope, String resourceName) {
    return switch (type) {
      case DefValType v -> new ResolvedType.Value(valueType(v, scope));
      case DefType.FuncType f -> new ResolvedType.Func(funcSig(f, scope));
      case DefType.ComponentType c -> new ResolvedType.Component(c.decls(), scope);
      case DefType.InstanceType i -> new ResolvedType.Instance(i.decls(), scope);
      case DefType.ResourceType r -> new ResolvedType.Resource(new ResourceType(resourceName));
    };
  }

  /** The signature of a function type. */
  public static FuncSig funcSig(DefType.FuncType f, TypeScope scope) {
    if (f.async()) {
      throw new ComponentLoadException("unsupported: async function types");
    }
    List<FunctionSignature.Param> params = new ArrayList<>(f.params().size());
    for (DefValType.LabeledType p : f.params()) {
      params.add(new FunctionSignature.Param(p.label(), valType(p.type(), scope)));
    }
    return new FuncSig(params, f.result().map(r -> valType(r, scope)));
  }

  /** The WIT type of a value type reference. */
  public static WitType valType(ValType type, TypeScope scope) {
    return switch (type) {
      case PrimitiveType p -> primitive(p);
      case ValType.Indexed i -> valueAt(i.typeIndex(), scope);
    };
  }

  /** The WIT type that type index {@code index} names; it must be a value type. */
  public static WitType valueAt(int index, TypeScope scope) {
    ResolvedType resolved = scope.get(index);
    if (resolved instanceof ResolvedType.Value v) {
      return v.type();
    }
    throw new ComponentLoadException(
        "type index " + index + " is used as a value type but is " + kind(resolved));
  }

  /** The resource type that type index {@code index} names. */
  public static ResourceType resourceAt(int index, TypeScope scope) {
    ResolvedType resolved = scope.get(index);
    if (resolved instanceof ResolvedType.Resource r) {
      return r.type();
    }
    throw new ComponentLoadException(
        "type index " + index + " is used as a resource type but is " + kind(resolved));
  }

  /** A short description of a resolved type's kind for messages. */
  public static String kind(ResolvedType type) {
    return switch (type) {
      case ResolvedType.Value v -> "the value type " + v.type();
      case ResolvedType.Func f -> "a function type";
      case ResolvedType.Resource r -> "the resource type " + r.type().name();
      case ResolvedType.Instance i -> "an instance type";
      case ResolvedType.Component c -> "a component type";
    };
  }

  private static WitType valueType(DefValType type, TypeScope scope) {
    return switch (type) {
      case PrimitiveType p -> primitive(p);
      case DefValType.RecordType r -> record(r, scope);
      case DefValType.VariantType v -> variant(v, scope);
      case DefValType.ListType l -> new WitType.ListType(valType(l.element(), scope));
      case DefValType.FixedListType l ->
          new WitType.FixedListType(valType(l.element(), scope), l.length());
      case DefValType.TupleType t -> new WitType.TupleType(valTypes(t.types(), scope));
      case DefValType.FlagsType f -> new WitType.FlagsType(Optional.empty(), f.labels());
      case DefValType.EnumType e -> new WitType.EnumType(Optional.empty(), e.labels());
      case DefValType.OptionType o -> new WitType.OptionType(valType(o.type(), scope));
      case DefValType.ResultType r ->
          new WitType.ResultType(
              r.ok().map(t -> valType(t, scope)), r.error().map(t -> valType(t, scope)));
      case DefValType.OwnType o -> new WitType.OwnType(resourceAt(o.resourceType(), scope));
      case DefValType.BorrowType b -> new WitType.BorrowType(resourceAt(b.resourceType(), scope));
      case DefValType.StreamType s ->
          new WitType.StreamType(s.element().map(t -> valType(t, scope)));
      case DefValType.FutureType f ->
          new WitType.FutureType(f.element().map(t -> valType(t, scope)));
      case DefValType.MapType m -> throw new ComponentLoadException("unsupported: map types");
    };
  }

  private static WitType record(DefValType.RecordType r, TypeScope scope) {
    List<WitType.RecordType.Field> fields = new ArrayList<>(r.fields().size());
    for (DefValType.LabeledType f : r.fields()) {
      fields.add(new WitType.RecordType.Field(f.label(), valType(f.type(), scope)));
    }
    return new WitType.RecordType(Optional.empty(), fields);
  }

  private static WitType variant(DefValType.VariantType v, TypeScope scope) {
    List<WitType.VariantType.Case> cases = new ArrayList<>(v.cases().size());
    for (DefValType.Case c : v.cases()) {
      cases.add(new WitType.VariantType.Case(c.label(), c.type().map(t -> valType(t, scope))));
    }
    return new WitType.VariantType(Optional.empty(), cases);
  }

  private static List<WitType> valTypes(List<ValType> types, TypeScope scope) {
    List<WitType> out = new ArrayList<>(types.size());
    for (ValType t : types) {
      out.add(valType(t, scope));
    }
    return out;
  }

  private static WitType primitive(PrimitiveType p) {
    return switch (p) {
      case BOOL -> WitType.Primitive.BOOL;
      case S8 -> WitType.Primitive.S8;
      case U8 -> WitType.Primitive.U8;
      case S16 -> WitType.Primitive.S16;
      case U16 -> WitType.Primitive.U16;
      case S32 -> WitType.Primitive.S32;
      case U32 -> WitType.Primitive.U32;
      case S64 -> WitType.Primitive.S64;
      case U64 -> WitType.Primitive.U64;
      case F32 -> WitType.Primitive.F32;
      case F64 -> WitType.Primitive.F64;
      case CHAR -> WitType.Primitive.CHAR;
      case STRING -> WitType.Primitive.STRING;
      case ERROR_CONTEXT -> throw new ComponentLoadException("unsupported: error-context");
    };
  }

  /**
   * {@code type} carrying the WIT name {@code name} when it is a record, variant, enum or flags
   * without a name yet (names come from type exports); other types are returned unchanged.
   */
  public static WitType named(WitType type, String name) {
    try {
      if (type instanceof WitType.RecordType r && r.name().isEmpty()) {
        return new WitType.RecordType(Optional.of(name), r.fields());
      }
      if (type instanceof WitType.VariantType v && v.name().isEmpty()) {
        return new WitType.VariantType(Optional.of(name), v.cases());
      }
      if (type instanceof WitType.EnumType e && e.name().isEmpty()) {
        return new WitType.EnumType(Optional.of(name), e.cases());
      }
      if (type instanceof WitType.FlagsType f && f.name().isEmpty()) {
        return new WitType.FlagsType(Optional.of(name), f.flags());
      }
    } catch (WitModelException e) {
      return type; // not a valid WIT label: keep the type anonymous
    }
    return type;
  }
}
