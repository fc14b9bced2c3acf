package dev.trellis.scheduler.manifest;

import java.util.List;

/**
 * A trait that decides how many instances of a component run and on which hosts. Both kinds share
 * the manifest shape ({@code instances}, alias {@code replicas}, and {@code spread}); they differ
 * in how instances are counted.
 */
public sealed interface Scaler extends Trait permits SpreadScaler, DaemonScaler {
  /** How many instances: in total for a spread scaler, per matching host for a daemon scaler. */
  int instances();

  /** Host groups to place instances on; empty means every host. */
  List<Spread> spread();
}
