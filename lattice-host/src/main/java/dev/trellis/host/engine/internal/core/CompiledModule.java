package dev.trellis.host.engine.internal.core;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.TableFactory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A core module parsed and compiled once per content digest and shared by every instance of every
 * component that embeds the same bytes. Holds what instantiation needs without recomputing it: the
 * machine factory, the import list and the table limits recorded right after parsing.
 *
 * <p>Chicory pitfall 1: {@code table.grow} mutates the parsed module's table limits, so {@link
 * #tableFactory()} builds every table from the recorded limits instead of the module's (possibly
 * grown) ones.
 */
public final class CompiledModule {
  private final String digest;
  private final WasmModule module;
  private final Function<Instance, Machine> machineFactory;
  private final List<CoreImport> imports;
  private final Set<Integer> interpretedFunctions;
  private final TableFactory tableFactory;

  CompiledModule(
      String digest,
      WasmModule module,
      Function<Instance, Machine> machineFactory,
      List<CoreImport> imports,
      Set<Integer> interpretedFunctions) {
    this.digest = Objects.requireNonNull(digest, "digest");
    this.module = Objects.requireNonNull(module, "module");
    this.machineFactory = Objects.requireNonNull(machineFactory, "machineFactory");
    this.imports = List.copyOf(imports);
    this.interpretedFunctions = Set.copyOf(interpretedFunctions);
    this.tableFactory = recordTableLimits(module);
  }

  /** SHA-256 of the module bytes, hex. */
  public String digest() {
    return digest;
  }

  /** The parsed module; never instantiate it without {@link #tableFactory()}. */
  public WasmModule module() {
    return module;
  }

  /** The compiled (or interpreter) machine factory, built once. */
  public Function<Instance, Machine> machineFactory() {
    return machineFactory;
  }

  /** The module's imports in order, with their original names. */
  public List<CoreImport> imports() {
    return imports;
  }

  /** Absolute function indices that run in the interpreter (tail calls, too large to compile). */
  public Set<Integer> interpretedFunctions() {
    return interpretedFunctions;
  }

  /** Makes fresh tables from the limits recorded at parse time (pitfall 1). */
  public TableFactory tableFactory() {
    return tableFactory;
  }

  private static TableFactory recordTableLimits(WasmModule module) {
    Map<Table, long[]> limits = new IdentityHashMap<>();
    var tables = module.tableSection();
    for (int i = 0; i < tables.tableCount(); i++) {
      Table table = tables.getTable(i);
      limits.put(table, new long[] {table.limits().min(), table.limits().max()});
    }
    return (table, initValue) -> {
      long[] recorded = limits.get(table);
      if (recorded == null) {
        return new TableInstance(table, initValue);
      }
      Table fresh =
          new Table(
              table.elementType(), new TableLimits(recorded[0], recorded[1]), table.initialize());
      return new TableInstance(fresh, initValue);
    };
  }
}
