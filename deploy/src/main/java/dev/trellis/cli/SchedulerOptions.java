package dev.trellis.cli;

import dev.trellis.scheduler.SchedulerConfig;
import dev.trellis.scheduler.reconcile.ReconcilerConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Flags of every command that runs a scheduler ({@code scheduler}, {@code up}). */
final class SchedulerOptions {
  @Option(
      names = "--lattice",
      defaultValue = "${env:TRELLIS_LATTICE:-default}",
      description = "Lattice to schedule (default: ${DEFAULT-VALUE}). Env: TRELLIS_LATTICE.")
  String lattice;

  @Option(
      names = "--scheduler-id",
      defaultValue = "${env:TRELLIS_SCHEDULER_ID}",
      description = "This replica's id (default: generated). Env: TRELLIS_SCHEDULER_ID.")
  String schedulerId;

  @Option(
      names = "--probe-interval",
      defaultValue = "${env:TRELLIS_PROBE_INTERVAL:-1s}",
      description = "How often hosts are probed for liveness (default: ${DEFAULT-VALUE}).")
  Duration probeInterval;

  @Option(
      names = "--resync-interval",
      defaultValue = "${env:TRELLIS_RESYNC_INTERVAL:-10s}",
      description = "How often every app is reconciled regardless (default: ${DEFAULT-VALUE}).")
  Duration resyncInterval;

  @Option(
      names = "--lease-ttl",
      defaultValue = "${env:TRELLIS_LEASE_TTL:-5s}",
      description = "Reconcile lease lifetime without renewal (default: ${DEFAULT-VALUE}).")
  Duration leaseTtl;

  SchedulerConfig toConfig() {
    ReconcilerConfig defaults = ReconcilerConfig.defaults();
    ReconcilerConfig timings =
        defaults
            .withProbeInterval(probeInterval)
            .withIntervals(defaults.pollInterval(), resyncInterval)
            .withLease(leaseTtl, defaults.leaseCheckInterval());
    String id =
        schedulerId == null || schedulerId.isBlank() ? SchedulerConfig.newId() : schedulerId;
    return new SchedulerConfig(lattice, id, timings);
  }
}
