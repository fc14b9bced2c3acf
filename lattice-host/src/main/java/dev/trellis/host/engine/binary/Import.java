package dev.trellis.host.engine.binary;

import java.util.Objects;

/**
 * An import: a named, typed hole that the host or an enclosing component fills at instantiation.
 * The same form is a component-level definition and a component type declarator.
 */
public record Import(ExternName name, ExternDesc desc) implements Definition, ComponentTypeDecl {
  public Import {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(desc, "desc");
  }

  @Override
  public Sort space() {
    return desc.sort();
  }
}
