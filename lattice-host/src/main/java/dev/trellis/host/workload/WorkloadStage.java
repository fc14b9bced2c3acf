package dev.trellis.host.workload;

/**
 * A workload's typestate. {@link UnresolvedWorkload#resolve} fetches, loads, plans, binds and
 * instantiates — all or nothing — into a {@link ResolvedWorkload}; {@link ResolvedWorkload#start}
 * starts delivering invocations and yields a {@link RunningWorkload}. Each stage holds exactly what
 * it has acquired, and every failure gives it back through the workload's one teardown.
 */
public sealed interface WorkloadStage
    permits UnresolvedWorkload, ResolvedWorkload, RunningWorkload {

  /** What the workload is. */
  WorkloadSpec spec();
}
