package dev.trellis.host.engine.binary;

import java.util.List;
import java.util.Objects;

/**
 * The name of an import or export ({@code nameattributes}) with its optional attributes. The linker
 * matches on {@link #name()} alone; attributes only refine diagnostics and versioning.
 */
public record ExternName(String name, List<Attribute> attributes) {
  public ExternName {
    Objects.requireNonNull(name, "name");
    attributes = List.copyOf(attributes);
  }

  /** A name without attributes. */
  public static ExternName of(String name) {
    return new ExternName(name, List.of());
  }

  /** An attribute attached to a name by the {@code 0x02} name encoding. */
  public sealed interface Attribute {}

  /** {@code (implements "ns:pkg/iface")}: the interface an instance-typed name implements. */
  public record Implements(String interfaceName) implements Attribute {
    public Implements {
      Objects.requireNonNull(interfaceName, "interfaceName");
    }
  }

  /** {@code (versionsuffix "...")}: the rest of a semver after its canonical prefix. */
  public record VersionSuffix(String suffix) implements Attribute {
    public VersionSuffix {
      Objects.requireNonNull(suffix, "suffix");
    }
  }

  /** {@code (external-id "...")}: an opaque identifier for tooling. */
  public record ExternalId(String id) implements Attribute {
    public ExternalId {
      Objects.requireNonNull(id, "id");
    }
  }
}
