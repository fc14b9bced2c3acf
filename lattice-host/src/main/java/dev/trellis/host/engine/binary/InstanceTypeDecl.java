package dev.trellis.host.engine.binary;

import java.util.Objects;

/**
 * A declarator inside an instance type (and, via {@link ComponentTypeDecl}, a component type):
 * local core types and types, aliases (usually {@code outer} aliases pulling in resource types),
 * and the exports the instance provides.
 */
public sealed interface InstanceTypeDecl extends ComponentTypeDecl
    permits InstanceTypeDecl.CoreTypeDecl,
        InstanceTypeDecl.TypeDecl,
        Alias,
        InstanceTypeDecl.ExportDecl {

  /** {@code 0x00}: a local core type. */
  record CoreTypeDecl(CoreType type) implements InstanceTypeDecl {
    public CoreTypeDecl {
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code 0x01}: a local type definition. */
  record TypeDecl(DefType type) implements InstanceTypeDecl {
    public TypeDecl {
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code 0x04}: an export of the described instance or component. */
  record ExportDecl(ExternName name, ExternDesc desc) implements InstanceTypeDecl {
    public ExportDecl {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(desc, "desc");
    }
  }
}
