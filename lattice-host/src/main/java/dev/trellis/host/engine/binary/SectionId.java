package dev.trellis.host.engine.binary;

import java.util.Optional;

/**
 * The section kinds of a component binary, so errors and ASTs can name a section by its id and
 * spelling instead of a bare number.
 */
public enum SectionId {
  CUSTOM(0, "custom"),
  CORE_MODULE(1, "core module"),
  CORE_INSTANCE(2, "core instance"),
  CORE_TYPE(3, "core type"),
  COMPONENT(4, "component"),
  INSTANCE(5, "instance"),
  ALIAS(6, "alias"),
  TYPE(7, "type"),
  CANON(8, "canon"),
  START(9, "start"),
  IMPORT(10, "import"),
  EXPORT(11, "export"),
  VALUE(12, "value");

  private final int code;
  private final String label;

  SectionId(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The id byte in the binary. */
  public int code() {
    return code;
  }

  /** The spec's name for the section, e.g. {@code core instance}. */
  public String label() {
    return label;
  }

  /** How errors refer to the section, e.g. {@code section 7 (type)}. */
  public String location() {
    return "section " + code + " (" + label + ")";
  }

  /** The section with id byte {@code code}, if it is one. */
  public static Optional<SectionId> fromCode(int code) {
    for (SectionId id : values()) {
      if (id.code == code) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }
}
