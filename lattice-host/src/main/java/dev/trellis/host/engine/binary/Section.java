package dev.trellis.host.engine.binary;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One section of a component binary, kept in binary order with its position so later stages can
 * point at the bytes a problem came from.
 */
public sealed interface Section permits Section.Custom, Section.Definitions {

  /** The section kind. */
  SectionId id();

  /**
   * Absolute offset of the section's content (after the id byte and size) in the outermost binary.
   */
  int offset();

  /** Length of the section's content in bytes. */
  int size();

  /**
   * A custom section: a name and uninterpreted payload. A well-formed {@code component-name}
   * section is also decoded into {@link #componentNames()}; a malformed one is kept only as bytes,
   * as the spec asks engines not to reject components for a bad name section.
   */
  record Custom(
      int offset, int size, String name, Bytes payload, Optional<ComponentNames> componentNames)
      implements Section {
    public Custom {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(componentNames, "componentNames");
    }

    @Override
    public SectionId id() {
      return SectionId.CUSTOM;
    }
  }

  /** Any other section: the definitions it contains, in order. */
  record Definitions(SectionId id, int offset, int size, List<Definition> definitions)
      implements Section {
    public Definitions {
      Objects.requireNonNull(id, "id");
      if (id == SectionId.CUSTOM) {
        throw new IllegalArgumentException("custom sections are Section.Custom");
      }
      definitions = List.copyOf(definitions);
    }
  }
}
