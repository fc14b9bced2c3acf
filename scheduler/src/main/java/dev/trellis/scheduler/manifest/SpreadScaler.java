package dev.trellis.scheduler.manifest;

import java.util.List;

/**
 * Runs {@code instances} copies of a component across the lattice, divided between the {@link
 * Spread} groups in proportion to their weights.
 *
 * @param instances total instances, zero or more
 * @param spread weighted host groups; empty means any host
 */
public record SpreadScaler(int instances, List<Spread> spread) implements Scaler {
  /** The trait type in a manifest. */
  public static final String TYPE = "spreadscaler";

  public SpreadScaler {
    Checks.nonNegative(instances, "instances");
    spread = Checks.list(spread, "spread");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
