package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.ScalerStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an application wants running, derived from its deployed manifest: one {@link ScalerSpec} per
 * scaler that starts workloads, plus the statuses of parts that start nothing (capabilities served
 * by host plugins or by remote wRPC providers). An undeployed application wants nothing.
 *
 * @param app the application's name
 * @param version the deployed version, empty when undeployed
 * @param scalers scalers that start workloads
 * @param passive statuses of parts that need no workload
 */
public record DesiredApp(
    String app, Optional<String> version, List<ScalerSpec> scalers, List<ScalerStatus> passive) {
  public DesiredApp {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(version, "version");
    scalers = List.copyOf(scalers);
    passive = List.copyOf(passive);
  }

  /** An application that wants nothing running (undeployed or deleted). */
  public static DesiredApp none(String app) {
    return new DesiredApp(app, Optional.empty(), List.of(), List.of());
  }

  /** Whether a version is deployed. */
  public boolean deployed() {
    return version.isPresent();
  }
}
