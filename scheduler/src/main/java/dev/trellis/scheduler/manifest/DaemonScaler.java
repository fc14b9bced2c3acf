package dev.trellis.scheduler.manifest;

import java.util.List;

/**
 * Runs {@code instances} copies of a component on every host that matches one of the {@link Spread}
 * groups. Weights mean nothing here, so the constructor resets them to the default; the parser
 * warns when a manifest sets one.
 *
 * @param instances instances per matching host, zero or more
 * @param spread host groups; empty means every host
 */
public record DaemonScaler(int instances, List<Spread> spread) implements Scaler {
  /** The trait type in a manifest. */
  public static final String TYPE = "daemonscaler";

  public DaemonScaler {
    Checks.nonNegative(instances, "instances");
    spread =
        Checks.list(spread, "spread").stream()
            .map(s -> new Spread(s.name(), s.requirements(), Spread.DEFAULT_WEIGHT))
            .toList();
  }

  @Override
  public String type() {
    return TYPE;
  }
}
