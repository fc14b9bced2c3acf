package dev.trellis.host.engine.binary;

import java.util.List;

/**
 * An entry of the core type index space of a component: a core function type or a core module type.
 * Module types describe what an imported core module must look like.
 */
public sealed interface CoreType permits CoreType.CoreFuncType, CoreType.ModuleType {

  /** A core function type ({@code 0x60}). */
  record CoreFuncType(List<CoreValType> params, List<CoreValType> results) implements CoreType {
    public CoreFuncType {
      params = List.copyOf(params);
      results = List.copyOf(results);
    }
  }

  /** A core module type ({@code 0x50}): its imports, exports and local types. */
  record ModuleType(List<ModuleDecl> decls) implements CoreType {
    public ModuleType {
      decls = List.copyOf(decls);
    }
  }
}
