package dev.trellis.host.engine.internal.runtime;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.Objects;

/**
 * A core function at runtime: either an export of a Chicory instance or a host trampoline made by
 * {@code canon lower} or a resource built-in. It can be called from Java and handed to another core
 * instance as an import.
 */
public final class CoreFunc {
  private static final long[] NO_RESULTS = new long[0];

  private final FunctionType type;
  private final WasmFunctionHandle handle;
  private final Instance source;
  private final ExportFunction export;

  private CoreFunc(
      FunctionType type, WasmFunctionHandle handle, Instance source, ExportFunction export) {
    this.type = Objects.requireNonNull(type, "type");
    this.handle = Objects.requireNonNull(handle, "handle");
    this.source = source;
    this.export = export;
  }

  /** The export {@code name} of {@code instance}. */
  public static CoreFunc exportOf(Instance instance, String name) {
    ExportFunction fn = instance.export(name);
    return new CoreFunc(instance.exportType(name), (inst, args) -> fn.apply(args), instance, fn);
  }

  /** A function implemented in Java. */
  public static CoreFunc host(FunctionType type, WasmFunctionHandle handle) {
    return new CoreFunc(type, handle, null, null);
  }

  /** The core function type. */
  public FunctionType type() {
    return type;
  }

  /** Calls the function; a function without results returns an empty array (never null). */
  public long[] call(long[] args) {
    long[] results = export != null ? export.apply(args) : handle.apply(null, args);
    return results != null ? results : NO_RESULTS;
  }

  /** The function as an import {@code module.name} of another core instance. */
  public ImportFunction asImport(String module, String name) {
    return new ImportFunction(module, name, type, handle, source);
  }
}
