package dev.trellis.scheduler.manifest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named configuration handed to a component, a capability or one end of a link. With {@code
 * properties} the scheduler owns the config and writes it; without, it refers to a config that is
 * managed elsewhere and must already exist.
 *
 * @param name the config's name
 * @param properties its values, when this manifest owns it
 */
public record ConfigRef(String name, Optional<Map<String, String>> properties) {
  public ConfigRef {
    Checks.text(name, "config name");
    Objects.requireNonNull(properties, "config properties");
    properties = properties.map(p -> Checks.sorted(p, "config properties"));
  }

  /** A config owned by this manifest. */
  public static ConfigRef owned(String name, Map<String, String> properties) {
    return new ConfigRef(name, Optional.of(properties));
  }

  /** A reference to a config managed elsewhere. */
  public static ConfigRef external(String name) {
    return new ConfigRef(name, Optional.empty());
  }

  /** Whether this manifest supplies the values (and so the scheduler writes the config). */
  public boolean isOwned() {
    return properties.isPresent();
  }
}
