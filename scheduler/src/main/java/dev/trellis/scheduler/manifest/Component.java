package dev.trellis.scheduler.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of {@code spec.components}: a named component or capability with its properties and
 * traits (scalers that say where it runs, links that wire it to others). The scheduler turns each
 * into workloads; its {@link #id(String) id} names it on the lattice.
 *
 * @param name unique within the application
 * @param type component or capability
 * @param properties source, id, config, secrets
 * @param traits scalers and links, in manifest order
 */
public record Component(
    String name, ComponentType type, ComponentProperties properties, List<Trait> traits) {
  public Component {
    Checks.text(name, "component name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(properties, "properties");
    traits = Checks.list(traits, "traits");
    if (properties.source() instanceof ComponentSource.Shared
        && traits.stream().anyMatch(Scaler.class::isInstance)) {
      throw new IllegalArgumentException(
          "shared component reference '" + name + "' cannot have a scaler");
    }
  }

  /**
   * The id this component has on the lattice in application {@code appName}: the explicit {@code
   * id}, else {@link #defaultId(String, String)}.
   */
  public String id(String appName) {
    return properties.id().orElseGet(() -> defaultId(appName, name));
  }

  /**
   * wadm's derived component id: {@code {app}-{component}}, each part lower-cased with every
   * character that is not an ASCII letter or digit replaced by {@code _}.
   */
  public static String defaultId(String appName, String componentName) {
    return idPart(appName) + "-" + idPart(componentName);
  }

  private static String idPart(String value) {
    return value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
  }

  /** The link traits, in manifest order. */
  public List<Link> links() {
    return traits.stream().filter(Link.class::isInstance).map(Link.class::cast).toList();
  }

  /** The scaler traits, in manifest order. */
  public List<Scaler> scalers() {
    return traits.stream().filter(Scaler.class::isInstance).map(Scaler.class::cast).toList();
  }
}
