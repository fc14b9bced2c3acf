package dev.trellis.host.engine.internal.plan;

import dev.trellis.host.engine.ComponentLoadException;
import dev.trellis.host.engine.binary.Alias;
import dev.trellis.host.engine.binary.ExternDesc;
import dev.trellis.host.engine.binary.InstanceTypeDecl;
import dev.trellis.host.engine.binary.Sort;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.host.engine.internal.types.ResolvedType;
import dev.trellis.host.engine.internal.types.TypeScope;
import dev.trellis.host.engine.internal.types.WitTypeResolver;
import dev.trellis.wrpc.wit.ResourceType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves instance types (the types of imported instances) into {@link StaticItem.InstanceItem}s.
 * Each resolution creates fresh resource types for the type's {@code (sub resource)} exports, which
 * is what makes two imports of the same instance type carry distinct resources.
 */
final class InstanceTypes {
  private InstanceTypes() {}

  /**
   * Resolves {@code type}.
   *
   * @param fresh receives the resource types created for {@code (sub resource)} exports, by name
   */
  static StaticItem.InstanceItem resolve(
      ResolvedType.Instance type, Map<String, ResourceType> fresh) {
    TypeScope local = type.scope().child();
    Map<String, StaticItem> exports = new LinkedHashMap<>();
    for (InstanceTypeDecl decl : type.decls()) {
      switch (decl) {
        case InstanceTypeDecl.CoreTypeDecl c -> {}
        case InstanceTypeDecl.TypeDecl t ->
            local.add(WitTypeResolver.resolve(t.type(), local, "resource"));
        case Alias a -> alias(a, local);
        case InstanceTypeDecl.ExportDecl e -> exports.put(e.name().name(), export(e, local, fresh));
      }
    }
    return new StaticItem.InstanceItem(exports);
  }

  private static void alias(Alias alias, TypeScope local) {
    if (alias.sort() == Sort.CORE_TYPE) {
      return;
    }
    if (alias.sort() == Sort.TYPE && alias.target() instanceof Alias.Outer outer) {
      local.add(local.outer(outer.outerCount()).get(outer.index()));
      return;
    }
    throw new ComponentLoadException(
        "unsupported: " + alias.sort() + " alias " + alias.target() + " inside an instance type");
  }

  private static StaticItem export(
      InstanceTypeDecl.ExportDecl decl, TypeScope local, Map<String, ResourceType> fresh) {
    String name = decl.name().name();
    return switch (decl.desc()) {
      case ExternDesc.Func f -> new StaticItem.FuncItem(funcSig(local.get(f.typeIndex()), name));
      case ExternDesc.Type t -> typeExport(name, t.bound(), local, fresh);
      case ExternDesc.Instance i -> {
        if (!(local.get(i.typeIndex()) instanceof ResolvedType.Instance nested)) {
          throw new ComponentLoadException("export " + name + " is not of an instance type");
        }
        yield resolve(nested, new LinkedHashMap<>());
      }
      case ExternDesc.Component c -> new StaticItem.OpaqueItem(Sort.COMPONENT);
      case ExternDesc.CoreModule m -> new StaticItem.OpaqueItem(Sort.CORE_MODULE);
      case ExternDesc.Value v -> new StaticItem.OpaqueItem(Sort.VALUE);
    };
  }

  /** Resolves a type import or export bound; adds the result to {@code scope}. */
  static StaticItem.TypeItem typeExport(
      String name, ExternDesc.TypeBound bound, TypeScope scope, Map<String, ResourceType> fresh) {
    ResolvedType type =
        switch (bound) {
          case ExternDesc.Eq eq -> named(scope.get(eq.typeIndex()), name);
          case ExternDesc.SubResource s -> {
            ResourceType resource = new ResourceType(name);
            fresh.put(name, resource);
            yield new ResolvedType.Resource(resource);
          }
        };
    scope.add(type);
    return new StaticItem.TypeItem(type);
  }

  static FuncSig funcSig(ResolvedType type, String name) {
    if (type instanceof ResolvedType.Func f) {
      return f.sig();
    }
    throw new ComponentLoadException(
        "function " + name + " has " + WitTypeResolver.kind(type) + " instead of a function type");
  }

  static ResolvedType named(ResolvedType type, String name) {
    if (type instanceof ResolvedType.Value v) {
      return new ResolvedType.Value(WitTypeResolver.named(v.type(), name));
    }
    return type;
  }
}
