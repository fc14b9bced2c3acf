package dev.trellis.scheduler.manifest;

import java.util.List;

/**
 * Config and secrets given to the source end of a link (the component that carries the trait), for
 * example the address an HTTP server listens on for the component it forwards to.
 *
 * @param config named configs
 * @param secrets named secrets
 */
public record LinkSource(List<ConfigRef> config, List<SecretRef> secrets) {
  /** No config, no secrets. */
  public static final LinkSource EMPTY = new LinkSource(List.of(), List.of());

  public LinkSource {
    config = Checks.list(config, "source config");
    secrets = Checks.list(secrets, "source secrets");
  }

  /** Whether there is nothing to hand over. */
  public boolean isEmpty() {
    return config.isEmpty() && secrets.isEmpty();
  }
}
