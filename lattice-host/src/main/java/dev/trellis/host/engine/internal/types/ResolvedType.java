package dev.trellis.host.engine.internal.types;

import dev.trellis.host.engine.binary.ComponentTypeDecl;
import dev.trellis.host.engine.binary.InstanceTypeDecl;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a component's type index space after resolution. Value and function types are
 * resolved eagerly; instance and component types keep their declarators and are resolved where they
 * are used, because every import of an instance type gets fresh abstract resource types.
 */
public sealed interface ResolvedType {

  /** A value type. */
  record Value(WitType type) implements ResolvedType {
    public Value {
      Objects.requireNonNull(type, "type");
    }
  }

  /** A function type. */
  record Func(FuncSig sig) implements ResolvedType {
    public Func {
      Objects.requireNonNull(sig, "sig");
    }
  }

  /** A resource type: defined here, imported (abstract) or aliased. */
  record Resource(ResourceType type) implements ResolvedType {
    public Resource {
      Objects.requireNonNull(type, "type");
    }
  }

  /** An instance type, resolved on use against the scope it was defined in. */
  record Instance(List<InstanceTypeDecl> decls, TypeScope scope) implements ResolvedType {
    public Instance {
      decls = List.copyOf(decls);
      Objects.requireNonNull(scope, "scope");
    }
  }

  /** A component type (only described, never instantiated from a type). */
  record Component(List<ComponentTypeDecl> decls, TypeScope scope) implements ResolvedType {
    public Component {
      decls = List.copyOf(decls);
      Objects.requireNonNull(scope, "scope");
    }
  }
}
