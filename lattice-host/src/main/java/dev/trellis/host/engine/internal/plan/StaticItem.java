package dev.trellis.host.engine.internal.plan;

import dev.trellis.host.engine.binary.ComponentBinary;
import dev.trellis.host.engine.binary.Sort;
import dev.trellis.host.engine.internal.core.CompiledModule;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.host.engine.internal.types.ResolvedType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the planner knows at load time about one entry of a component-level index space: a
 * function's signature, a type, an instance's exports, a nested component or a core module. The
 * runtime counterparts live in the instance's frame; these only drive planning and linking.
 */
public sealed interface StaticItem {

  /** The sort this item belongs to. */
  Sort sort();

  /** A component function. */
  record FuncItem(FuncSig sig) implements StaticItem {
    public FuncItem {
      Objects.requireNonNull(sig, "sig");
    }

    @Override
    public Sort sort() {
      return Sort.FUNC;
    }
  }

  /** A type. */
  record TypeItem(ResolvedType type) implements StaticItem {
    public TypeItem {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public Sort sort() {
      return Sort.TYPE;
    }
  }

  /** A component instance: its exports by name, in declaration order. */
  record InstanceItem(Map<String, StaticItem> exports) implements StaticItem {
    public InstanceItem {
      exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    /** The export called {@code name}, if any. */
    public Optional<StaticItem> export(String name) {
      return Optional.ofNullable(exports.get(name));
    }

    @Override
    public Sort sort() {
      return Sort.INSTANCE;
    }
  }

  /** A component definition together with the scope it was defined in (for outer aliases). */
  record ComponentItem(ComponentBinary binary, Scope definingScope, String name)
      implements StaticItem {
    public ComponentItem {
      Objects.requireNonNull(binary, "binary");
      Objects.requireNonNull(definingScope, "definingScope");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public Sort sort() {
      return Sort.COMPONENT;
    }
  }

  /** A compiled core module. */
  record ModuleItem(CompiledModule module) implements StaticItem {
    public ModuleItem {
      Objects.requireNonNull(module, "module");
    }

    @Override
    public Sort sort() {
      return Sort.CORE_MODULE;
    }
  }

  /**
   * Something of {@code sort} that is only ever passed along, never run by this engine (values, or
   * components and modules whose types are only described).
   */
  record OpaqueItem(Sort sort) implements StaticItem {
    public OpaqueItem {
      Objects.requireNonNull(sort, "sort");
    }
  }
}
