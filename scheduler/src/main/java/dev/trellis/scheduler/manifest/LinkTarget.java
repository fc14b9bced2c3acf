package dev.trellis.scheduler.manifest;

import java.util.List;

/**
 * The far end of a link: a component of the same application by name, with the config and secrets
 * it receives for this link (for example the bucket a key-value provider opens).
 *
 * @param name the target component's name in this manifest
 * @param config named configs
 * @param secrets named secrets
 */
public record LinkTarget(String name, List<ConfigRef> config, List<SecretRef> secrets) {
  public LinkTarget {
    Checks.text(name, "link target");
    config = Checks.list(config, "target config");
    secrets = Checks.list(secrets, "target secrets");
  }

  /** A target with no config or secrets. */
  public static LinkTarget named(String name) {
    return new LinkTarget(name, List.of(), List.of());
  }
}
