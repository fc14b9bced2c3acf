package dev.trellis.host.engine.binary;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One definition of a component, in binary order. Each definition appends exactly one entry to the
 * index space named by {@link #space()}; the instantiator replays definitions in order to build the
 * index spaces (see {@link IndexSpaces}).
 */
public sealed interface Definition
    permits Definition.CoreModule,
        Definition.CoreInstantiate,
        Definition.CoreInlineInstance,
        Definition.CoreTypeDef,
        Definition.NestedComponent,
        Definition.Instantiate,
        Definition.InlineInstance,
        Alias,
        Definition.TypeDef,
        Definition.Canon,
        Import,
        Definition.Export {

  /** The index space this definition extends. */
  Sort space();

  /**
   * An embedded core module, kept as raw bytes for Chicory to parse and compile.
   *
   * @param offset absolute offset of the module's first byte in the outermost binary
   */
  record CoreModule(int offset, Bytes bytes) implements Definition {
    public CoreModule {
      Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public Sort space() {
      return Sort.CORE_MODULE;
    }
  }

  /** A core instance made by instantiating core module {@code moduleIndex} with named instances. */
  record CoreInstantiate(int moduleIndex, List<CoreInstantiateArg> args) implements Definition {
    public CoreInstantiate {
      args = List.copyOf(args);
    }

    @Override
    public Sort space() {
      return Sort.CORE_INSTANCE;
    }
  }

  /**
   * Supplies the core instance {@code instanceIndex} for the module import namespace {@code name}.
   */
  record CoreInstantiateArg(String name, int instanceIndex) {
    public CoreInstantiateArg {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A core instance that is just a bag of existing core definitions under new names. */
  record CoreInlineInstance(List<CoreInlineExport> exports) implements Definition {
    public CoreInlineInstance {
      exports = List.copyOf(exports);
    }

    @Override
    public Sort space() {
      return Sort.CORE_INSTANCE;
    }
  }

  /** One member of a {@link CoreInlineInstance}; {@code item} always has a core sort. */
  record CoreInlineExport(String name, SortIndex item) {
    public CoreInlineExport {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(item, "item");
    }
  }

  /** A core type (function or module type). */
  record CoreTypeDef(CoreType type) implements Definition {
    public CoreTypeDef {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public Sort space() {
      return Sort.CORE_TYPE;
    }
  }

  /**
   * A nested component, decoded recursively.
   *
   * @param offset absolute offset of the nested component's preamble
   * @param size its length in bytes
   */
  record NestedComponent(int offset, int size, ComponentBinary component) implements Definition {
    public NestedComponent {
      Objects.requireNonNull(component, "component");
    }

    @Override
    public Sort space() {
      return Sort.COMPONENT;
    }
  }

  /** A component instance made by instantiating component {@code componentIndex}. */
  record Instantiate(int componentIndex, List<InstantiateArg> args) implements Definition {
    public Instantiate {
      args = List.copyOf(args);
    }

    @Override
    public Sort space() {
      return Sort.INSTANCE;
    }
  }

  /** Supplies {@code item} for the import named {@code name} of the instantiated component. */
  record InstantiateArg(String name, SortIndex item) {
    public InstantiateArg {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(item, "item");
    }
  }

  /** A component instance that is a bag of existing definitions under new names. */
  record InlineInstance(List<InlineExport> exports) implements Definition {
    public InlineInstance {
      exports = List.copyOf(exports);
    }

    @Override
    public Sort space() {
      return Sort.INSTANCE;
    }
  }

  /** One member of an {@link InlineInstance}. */
  record InlineExport(ExternName name, SortIndex item) {
    public InlineExport {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(item, "item");
    }
  }

  /** A type definition. */
  record TypeDef(DefType type) implements Definition {
    public TypeDef {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public Sort space() {
      return Sort.TYPE;
    }
  }

  /** A canonical built-in: {@code lift} makes a component func, the others make core funcs. */
  record Canon(CanonFunction function) implements Definition {
    public Canon {
      Objects.requireNonNull(function, "function");
    }

    @Override
    public Sort space() {
      return switch (function) {
        case CanonFunction.Lift lift -> Sort.FUNC;
        case CanonFunction.Lower lower -> Sort.CORE_FUNC;
        case CanonFunction.ResourceNew resourceNew -> Sort.CORE_FUNC;
        case CanonFunction.ResourceDrop resourceDrop -> Sort.CORE_FUNC;
        case CanonFunction.ResourceRep resourceRep -> Sort.CORE_FUNC;
      };
    }
  }

  /**
   * An export of {@code item} under {@code name}, optionally ascribed a (super)type; like an alias
   * it also adds a new index for the item in its sort's space.
   */
  record Export(ExternName name, SortIndex item, Optional<ExternDesc> ascribedType)
      implements Definition {
    public Export {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(ascribedType, "ascribedType");
    }

    @Override
    public Sort space() {
      return item.sort();
    }
  }
}
