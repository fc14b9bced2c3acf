package dev.trellis.scheduler.manifest;

import java.util.List;
import java.util.Optional;

/**
 * The {@code spec} of an application: its components and its policies. Rules that span several
 * components (unique names, link targets, secret policies) are checked by {@link Application},
 * which also knows the application's name.
 *
 * @param components the components, in manifest order
 * @param policies application-wide policies
 */
public record Spec(List<Component> components, List<Policy> policies) {
  public Spec {
    components = Checks.list(components, "components");
    policies = Checks.list(policies, "policies");
  }

  /** The component called {@code name}, if any. */
  public Optional<Component> component(String name) {
    return components.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The policy called {@code name}, if any. */
  public Optional<Policy> policy(String name) {
    return policies.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
