package dev.trellis.scheduler.manifest;

import java.util.Map;

/**
 * A group of hosts a scaler places instances on: hosts whose labels include every requirement. For
 * a spread scaler the weight sets the group's share of the instances.
 *
 * @param name the group's name (reported in status)
 * @param requirements labels a host must carry, compared by equality
 * @param weight relative share, zero or more; {@value #DEFAULT_WEIGHT} when the manifest omits it
 */
public record Spread(String name, Map<String, String> requirements, int weight) {
  /** wadm's default weight. */
  public static final int DEFAULT_WEIGHT = 100;

  public Spread {
    Checks.text(name, "spread name");
    requirements = Checks.sorted(requirements, "requirements");
    Checks.nonNegative(weight, "weight");
  }

  /** Whether a host with {@code labels} belongs to this group. */
  public boolean matches(Map<String, String> labels) {
    return requirements.entrySet().stream()
        .allMatch(r -> r.getValue().equals(labels.get(r.getKey())));
  }
}
