package dev.trellis.scheduler.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code properties} block of a component: its source, an optional fixed id, and the config and
 * secrets it receives. A reference to a shared component may carry neither config nor secrets (the
 * shared application owns them), which the constructor enforces.
 *
 * @param source where the code comes from
 * @param id the component id to use instead of the derived {@code {app}-{component}}
 * @param config named configs
 * @param secrets named secrets
 */
public record ComponentProperties(
    ComponentSource source, Optional<String> id, List<ConfigRef> config, List<SecretRef> secrets) {
  public ComponentProperties {
    Objects.requireNonNull(source, "source");
    Checks.optionalText(id, "component id");
    config = Checks.list(config, "config");
    secrets = Checks.list(secrets, "secrets");
    if (source instanceof ComponentSource.Shared && !(config.isEmpty() && secrets.isEmpty())) {
      throw new IllegalArgumentException(
          "a shared component reference cannot add config or secrets");
    }
  }

  /** Properties with only an image. */
  public static ComponentProperties image(String reference) {
    return new ComponentProperties(
        new ComponentSource.Image(reference), Optional.empty(), List.of(), List.of());
  }
}
