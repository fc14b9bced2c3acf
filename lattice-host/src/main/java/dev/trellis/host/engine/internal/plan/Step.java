package dev.trellis.host.engine.internal.plan;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.trellis.host.engine.abi.FunctionAbi;
import dev.trellis.host.engine.abi.ResourceRegistry;
import dev.trellis.host.engine.abi.StringEncoding;
import dev.trellis.host.engine.binary.Sort;
import dev.trellis.host.engine.internal.core.CompiledModule;
import dev.trellis.host.engine.internal.runtime.ComponentState;
import dev.trellis.host.engine.internal.runtime.CoreFunc;
import dev.trellis.host.engine.internal.runtime.CoreInstance;
import dev.trellis.host.engine.internal.runtime.FlatScalars;
import dev.trellis.host.engine.internal.runtime.InstanceValue;
import dev.trellis.host.engine.internal.runtime.LiftedFunc;
import dev.trellis.host.engine.internal.runtime.LoweredCall;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.wrpc.wit.ResourceType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One precomputed instantiation step, derived from one definition at load time with every index
 * resolved and every signature compiled; running a plan is a loop over these.
 */
sealed interface Step {

  /** Performs the step on {@code frame}. */
  void run(Frame frame);

  /** Where one core import comes from: export {@code name} of core instance {@code instance}. */
  record ImportSource(int instance, String name, ExternalType kind, String chicoryModule) {}

  /** {@code (core instance (instantiate m (with ...)))}. */
  record CoreInstantiate(int target, CompiledModule module, ImportSource[] sources, String label)
      implements Step {
    @Override
    public void run(Frame f) {
      ImportValues.Builder imports = ImportValues.builder();
      for (ImportSource s : sources) {
        Object item = f.coreInstances[s.instance()].export(s.name(), s.kind());
        switch (s.kind()) {
          case FUNCTION ->
              imports.addFunction(((CoreFunc) item).asImport(s.chicoryModule(), s.name()));
          case MEMORY ->
              imports.addMemory(new ImportMemory(s.chicoryModule(), s.name(), (Memory) item));
          case TABLE ->
              imports.addTable(new ImportTable(s.chicoryModule(), s.name(), (TableInstance) item));
          case GLOBAL ->
              imports.addGlobal(
                  new ImportGlobal(s.chicoryModule(), s.name(), (GlobalInstance) item));
          case TAG -> throw new IllegalStateException("tag imports are rejected at load time");
        }
      }
      // withStart(false): Chicory would otherwise call an exported "_start" on instantiation (a
      // command's main); the module's start section still runs, as the spec requires.
      Instance instance =
          Instance.builder(module.module())
              .withStart(false)
              .withImportValues(imports.build())
              .withMachineFactory(module.machineFactory())
              .withTableFactory(module.tableFactory())
              .withMemoryFactory(f.state.root().memoryFactory())
              .build();
      f.coreInstances[target] = new CoreInstance.Module(instance);
    }
  }

  /** {@code (core instance (export "n" (func i)) ...)}. */
  record CoreBag(int target, String[] names, Sort[] sorts, int[] indices) implements Step {
    @Override
    public void run(Frame f) {
      Map<String, Object> items = new HashMap<>();
      for (int i = 0; i < names.length; i++) {
        items.put(names[i], f.get(sorts[i], indices[i]));
      }
      f.coreInstances[target] = new CoreInstance.Bag(items);
    }
  }

  /** {@code (alias core export i "n" (core sort))}. */
  record CoreAlias(Sort sort, int target, int instance, String name, ExternalType kind)
      implements Step {
    @Override
    public void run(Frame f) {
      f.set(sort, target, f.coreInstances[instance].export(name, kind));
    }
  }

  /** A function or instance import of this scope, taken from the import values. */
  record Import(Sort sort, int target, int slot) implements Step {
    @Override
    public void run(Frame f) {
      f.set(sort, target, f.imports[slot]);
    }
  }

  /** {@code (alias export i "n" (func|instance))}. */
  record AliasExport(Sort sort, int target, int instance, String name) implements Step {
    @Override
    public void run(Frame f) {
      InstanceValue from = f.instances[instance];
      f.set(sort, target, sort == Sort.FUNC ? from.func(name) : from.instance(name));
    }
  }

  /** An export or other re-indexing of an existing item. */
  record Copy(Sort sort, int target, int source) implements Step {
    @Override
    public void run(Frame f) {
      f.set(sort, target, f.get(sort, source));
    }
  }

  /** The decoded canon options, by core index. */
  record Options(
      OptionalInt memory, OptionalInt realloc, OptionalInt postReturn, StringEncoding encoding) {
    LiftedFunc.Options resolve(Frame f) {
      return new LiftedFunc.Options(
          memory.isPresent() ? Optional.of(f.memories[memory.getAsInt()]) : Optional.empty(),
          realloc.isPresent() ? Optional.of(f.coreFuncs[realloc.getAsInt()]) : Optional.empty(),
          postReturn.isPresent()
              ? Optional.of(f.coreFuncs[postReturn.getAsInt()])
              : Optional.empty(),
          encoding);
    }
  }

  /** {@code (func (canon lift (core func i) opts))}. */
  record Lift(
      int target,
      int coreFunc,
      Options options,
      FuncSig sig,
      FunctionAbi abi,
      Optional<FlatScalars> flat,
      boolean retagParams,
      String name)
      implements Step {
    @Override
    public void run(Frame f) {
      f.funcs[target] =
          new LiftedFunc(
              f.state,
              sig,
              abi,
              f.coreFuncs[coreFunc],
              options.resolve(f),
              flat,
              retagParams,
              name);
    }
  }

  /** {@code (core func (canon lower (func i) opts))}. */
  record Lower(
      int target,
      int func,
      Options options,
      FuncSig sig,
      FunctionAbi abi,
      FunctionType coreType,
      String name,
      Optional<FlatScalars> scalars,
      boolean retagResults)
      implements Step {
    @Override
    public void run(Frame f) {
      var callee = f.funcs[func];
      boolean sameScalars =
          scalars.isPresent()
              && FlatScalars.of(callee.sig()).isPresent()
              && sameShape(callee.sig());
      LoweredCall call =
          new LoweredCall(
              f.state, callee, sig, abi, name, options.resolve(f), sameScalars, retagResults);
      f.coreFuncs[target] = CoreFunc.host(coreType, call);
    }

    private boolean sameShape(FuncSig other) {
      return sig.paramTypes().equals(other.paramTypes()) && sig.result().equals(other.result());
    }
  }

  /** The three resource built-ins. */
  enum Builtin {
    NEW,
    REP,
    DROP
  }

  /** {@code (core func (canon resource.new|rep|drop t))}. */
  record Resource(int target, Builtin builtin, ResourceType type, FunctionType coreType)
      implements Step {
    @Override
    public void run(Frame f) {
      ComponentState state = f.state;
      f.coreFuncs[target] =
          CoreFunc.host(
              coreType,
              switch (builtin) {
                case NEW ->
                    (inst, args) -> new long[] {state.handles().resourceNew(type, (int) args[0])};
                case REP ->
                    (inst, args) -> new long[] {state.handles().resourceRep(type, (int) args[0])};
                case DROP ->
                    (inst, args) -> {
                      state.handles().resourceDrop(type, (int) args[0]);
                      return new long[0];
                    };
              });
    }
  }

  /** {@code (type (resource (rep i32) (dtor f)))}: registers the type with its destructor. */
  record DefineResource(ResourceType type, OptionalInt destructor) implements Step {
    @Override
    public void run(Frame f) {
      Optional<ResourceRegistry.Destructor> dtor = Optional.empty();
      if (destructor.isPresent()) {
        CoreFunc fn = f.coreFuncs[destructor.getAsInt()];
        dtor = Optional.of(rep -> fn.call(new long[] {rep}));
      }
      f.state.root().defineGuestResource(type, f.state.handles(), dtor);
    }
  }

  /** {@code (instance (instantiate c (with ...)))}: runs the nested plan. */
  record Instantiate(int target, ScopePlan plan, Sort[] argSorts, int[] argIndices)
      implements Step {
    @Override
    public void run(Frame f) {
      Object[] args = new Object[argSorts.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = f.get(argSorts[i], argIndices[i]);
      }
      ComponentState nested = new ComponentState(f.state.root(), plan.componentName());
      f.instances[target] = plan.run(nested, args);
    }
  }

  /** {@code (instance (export "n" (func i)) ...)}. */
  record InlineInstance(int target, String[] names, Sort[] sorts, int[] indices) implements Step {
    @Override
    public void run(Frame f) {
      Map<String, Object> exports = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        Object item = f.get(sorts[i], indices[i]);
        if (item != null) {
          exports.put(names[i], item);
        }
      }
      f.instances[target] = new InstanceValue(exports);
    }
  }
}
