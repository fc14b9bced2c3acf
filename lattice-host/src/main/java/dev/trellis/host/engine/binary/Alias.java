package dev.trellis.host.engine.binary;

import java.util.Objects;

/**
 * An alias: gives a definition that lives elsewhere (an instance's export, a core instance's
 * export, or an enclosing scope's definition) an index in this scope's {@link #sort()} space. The
 * same form is a component-level definition and an instance/component type declarator.
 */
public record Alias(Sort sort, Target target) implements Definition, InstanceTypeDecl {
  public Alias {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(target, "target");
  }

  @Override
  public Sort space() {
    return sort;
  }

  /** What the alias refers to. */
  public sealed interface Target {}

  /** {@code 0x00}: the export {@code name} of the component instance {@code instanceIndex}. */
  public record InstanceExport(int instanceIndex, String name) implements Target {
    public InstanceExport {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code 0x01}: the export {@code name} of the core instance {@code coreInstanceIndex}. */
  public record CoreInstanceExport(int coreInstanceIndex, String name) implements Target {
    public CoreInstanceExport {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code 0x02}: definition {@code index} of the scope {@code outerCount} levels out. */
  public record Outer(int outerCount, int index) implements Target {}
}
