package dev.trellis.host.engine.binary;

import dev.trellis.host.engine.binary.DefValType.LabeledType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of the component type index space ({@code deftype}): a value type, a function type, a
 * component or instance type, or a resource type. The instantiator and linker match imports and
 * exports against these.
 */
public sealed interface DefType
    permits DefValType,
        DefType.FuncType,
        DefType.ComponentType,
        DefType.InstanceType,
        DefType.ResourceType {

  /** A function type (0x40 sync, 0x43 async) with labelled params and at most one result. */
  record FuncType(boolean async, List<LabeledType> params, Optional<ValType> result)
      implements DefType {
    public FuncType {
      params = List.copyOf(params);
      Objects.requireNonNull(result, "result");
    }
  }

  /** A component type (0x41): the imports and exports a component must have. */
  record ComponentType(List<ComponentTypeDecl> decls) implements DefType {
    public ComponentType {
      decls = List.copyOf(decls);
    }
  }

  /** An instance type (0x42): the exports an instance must have. */
  record InstanceType(List<InstanceTypeDecl> decls) implements DefType {
    public InstanceType {
      decls = List.copyOf(decls);
    }
  }

  /**
   * A resource type (0x3f) defined by this component; its representation is always i32, and the
   * optional destructor is a core function index.
   */
  record ResourceType(OptionalInt destructor) implements DefType {
    public ResourceType {
      Objects.requireNonNull(destructor, "destructor");
    }
  }
}
