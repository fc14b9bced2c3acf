package dev.trellis.scheduler.manifest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named configuration handed to a component, a capability or one end of a link. With {@code
 * properties} the scheduler owns the config and writes it; without, it refers to a config that is
 * managed elsewhere: a named config stored in the lattice's config bucket ({@code
 * CONFIGDATA_{lattice}}, e.g. by {@code trellis config put}), which the scheduler reads when it
 * reconciles. Such a name must therefore be a valid key of that bucket ({@link
 * #storedNameProblem}).
 *
 * @param name the config's name
 * @param properties its values, when this manifest owns it
 */
public record ConfigRef(String name, Optional<Map<String, String>> properties) {
  /** A JetStream KV key: these characters, with dots only between others. */
  private static final Pattern STORED_NAME =
      Pattern.compile("[A-Za-z0-9_=/-]+(\\.[A-Za-z0-9_=/-]+)*");

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

  /**
   * Why {@code name} cannot name a config stored in the lattice's config bucket, whose keys are
   * JetStream KV keys; empty when it can. The one rule for manifests, the config store and the CLI.
   */
  public static Optional<String> storedNameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("config name must not be empty");
    }
    if (!STORED_NAME.matcher(name).matches()) {
      return Optional.of(
          "config name '"
              + name
              + "' cannot name a stored config: use ASCII letters, digits, '-', '_', '=', '/'"
              + " and '.' (not first, last or twice in a row)");
    }
    return Optional.empty();
  }
}
