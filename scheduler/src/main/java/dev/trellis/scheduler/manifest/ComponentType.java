package dev.trellis.scheduler.manifest;

import java.util.Optional;

/**
 * What a manifest component is: a WebAssembly component that the application runs, or a capability
 * (a provider serving interfaces to components). wadm's older name {@code actor} is read as {@link
 * #COMPONENT}.
 */
public enum ComponentType {
  COMPONENT("component"),
  CAPABILITY("capability");

  /** The legacy spelling of {@code component}. */
  public static final String ACTOR_ALIAS = "actor";

  private final String wireName;

  ComponentType(String wireName) {
    this.wireName = wireName;
  }

  /** The value of {@code type} in a manifest. */
  public String wireName() {
    return wireName;
  }

  /** The type spelled {@code value} in a manifest, aliases included. */
  public static Optional<ComponentType> fromWire(String value) {
    return switch (value) {
      case "component", ACTOR_ALIAS -> Optional.of(COMPONENT);
      case "capability" -> Optional.of(CAPABILITY);
      default -> Optional.empty();
    };
  }
}
