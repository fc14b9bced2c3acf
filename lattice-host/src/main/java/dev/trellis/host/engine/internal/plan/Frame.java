package dev.trellis.host.engine.internal.plan;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import dev.trellis.host.engine.binary.Sort;
import dev.trellis.host.engine.internal.runtime.ComponentState;
import dev.trellis.host.engine.internal.runtime.CoreFunc;
import dev.trellis.host.engine.internal.runtime.CoreInstance;
import dev.trellis.host.engine.internal.runtime.Func;
import dev.trellis.host.engine.internal.runtime.InstanceValue;

/**
 * The runtime index spaces of one component instance while its plan runs: plain arrays sized by the
 * plan, filled step by step. Types, components and modules are static and not stored here.
 */
final class Frame {
  final ComponentState state;
  final Object[] imports;
  final CoreInstance[] coreInstances;
  final CoreFunc[] coreFuncs;
  final Memory[] memories;
  final TableInstance[] tables;
  final GlobalInstance[] globals;
  final Func[] funcs;
  final InstanceValue[] instances;

  Frame(ComponentState state, Object[] imports, int[] sizes) {
    this.state = state;
    this.imports = imports;
    this.coreInstances = new CoreInstance[sizes[ScopePlan.CORE_INSTANCES]];
    this.coreFuncs = new CoreFunc[sizes[ScopePlan.CORE_FUNCS]];
    this.memories = new Memory[sizes[ScopePlan.MEMORIES]];
    this.tables = new TableInstance[sizes[ScopePlan.TABLES]];
    this.globals = new GlobalInstance[sizes[ScopePlan.GLOBALS]];
    this.funcs = new Func[sizes[ScopePlan.FUNCS]];
    this.instances = new InstanceValue[sizes[ScopePlan.INSTANCES]];
  }

  /** The runtime item at {@code index} of a runtime-carrying sort. */
  Object get(Sort sort, int index) {
    return switch (sort) {
      case CORE_FUNC -> coreFuncs[index];
      case CORE_TABLE -> tables[index];
      case CORE_MEMORY -> memories[index];
      case CORE_GLOBAL -> globals[index];
      case CORE_INSTANCE -> coreInstances[index];
      case FUNC -> funcs[index];
      case INSTANCE -> instances[index];
      case CORE_TAG, CORE_TYPE, CORE_MODULE, VALUE, TYPE, COMPONENT -> null;
    };
  }

  /** Stores a runtime item at {@code index} of its sort. */
  void set(Sort sort, int index, Object item) {
    switch (sort) {
      case CORE_FUNC -> coreFuncs[index] = (CoreFunc) item;
      case CORE_TABLE -> tables[index] = (TableInstance) item;
      case CORE_MEMORY -> memories[index] = (Memory) item;
      case CORE_GLOBAL -> globals[index] = (GlobalInstance) item;
      case CORE_INSTANCE -> coreInstances[index] = (CoreInstance) item;
      case FUNC -> funcs[index] = (Func) item;
      case INSTANCE -> instances[index] = (InstanceValue) item;
      case CORE_TAG, CORE_TYPE, CORE_MODULE, VALUE, TYPE, COMPONENT -> {}
    }
  }
}
