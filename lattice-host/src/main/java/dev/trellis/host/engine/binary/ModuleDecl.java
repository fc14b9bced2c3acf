package dev.trellis.host.engine.binary;

import java.util.Objects;

/** A declarator of a core module type, in order; types and aliases build its local type space. */
public sealed interface ModuleDecl
    permits ModuleDecl.ModuleImport,
        ModuleDecl.ModuleTypeDecl,
        ModuleDecl.ModuleOuterAlias,
        ModuleDecl.ModuleExport {

  /** {@code 0x00}: an import {@code module.name} of the given type. */
  record ModuleImport(String module, String name, CoreExternType type) implements ModuleDecl {
    public ModuleImport {
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code 0x01}: a local core type. */
  record ModuleTypeDecl(CoreType type) implements ModuleDecl {
    public ModuleTypeDecl {
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code 0x02}: an outer alias of core type {@code typeIndex}, {@code outerCount} scopes out. */
  record ModuleOuterAlias(int outerCount, int typeIndex) implements ModuleDecl {}

  /** {@code 0x03}: an export of the given type. */
  record ModuleExport(String name, CoreExternType type) implements ModuleDecl {
    public ModuleExport {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }
}
