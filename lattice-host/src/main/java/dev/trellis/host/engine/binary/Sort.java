package dev.trellis.host.engine.binary;

import java.util.Optional;

/**
 * The kinds of definition a component can refer to by index; each sort has its own index space,
 * built in definition order. Core sorts live in the core index spaces of the same component.
 */
public enum Sort {
  CORE_FUNC(true, "core func"),
  CORE_TABLE(true, "core table"),
  CORE_MEMORY(true, "core memory"),
  CORE_GLOBAL(true, "core global"),
  CORE_TAG(true, "core tag"),
  CORE_TYPE(true, "core type"),
  CORE_MODULE(true, "core module"),
  CORE_INSTANCE(true, "core instance"),
  FUNC(false, "func"),
  VALUE(false, "value"),
  TYPE(false, "type"),
  COMPONENT(false, "component"),
  INSTANCE(false, "instance");

  private final boolean core;
  private final String label;

  Sort(boolean core, String label) {
    this.core = core;
    this.label = label;
  }

  /** Whether this sort indexes a core (Wasm module level) index space. */
  public boolean isCore() {
    return core;
  }

  /** The text-format spelling, e.g. {@code core func}. */
  public String label() {
    return label;
  }

  /** The core sort with binary code {@code code} ({@code core:sort}). */
  static Optional<Sort> fromCoreCode(int code) {
    return switch (code) {
      case 0x00 -> Optional.of(CORE_FUNC);
      case 0x01 -> Optional.of(CORE_TABLE);
      case 0x02 -> Optional.of(CORE_MEMORY);
      case 0x03 -> Optional.of(CORE_GLOBAL);
      case 0x04 -> Optional.of(CORE_TAG);
      case 0x10 -> Optional.of(CORE_TYPE);
      case 0x11 -> Optional.of(CORE_MODULE);
      case 0x12 -> Optional.of(CORE_INSTANCE);
      default -> Optional.empty();
    };
  }

  /** The component-level sort with binary code {@code code} (other than the core prefix 0x00). */
  static Optional<Sort> fromComponentCode(int code) {
    return switch (code) {
      case 0x01 -> Optional.of(FUNC);
      case 0x02 -> Optional.of(VALUE);
      case 0x03 -> Optional.of(TYPE);
      case 0x04 -> Optional.of(COMPONENT);
      case 0x05 -> Optional.of(INSTANCE);
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
