package dev.trellis.scheduler.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * The reconciler's timings. {@link #defaults()} aims at replacing the workloads of a killed host
 * within about two seconds while keeping the load on NATS small.
 *
 * @param pollInterval how soon to look again while instances start or stop
 * @param resyncInterval how often every application is reconciled regardless of triggers
 * @param requestTimeout how long a start or stop request waits for its answer at most
 * @param answerWait how long a pass waits for answers (status polls, commands) before moving on;
 *     later answers to commands are recorded when they arrive
 * @param expectTimeout how long a sent command's outcome is awaited before it is re-sent
 * @param startTimeout how long a workload may stay STARTING before it counts as failed
 * @param forgetAfter how long placements on a gone host (and the host itself) are remembered
 * @param backoffBase the delay after a scaler's first failure (doubling per further failure)
 * @param backoffMax the longest delay
 * @param leaseTtl how long an unrenewed lease lasts before another replica takes over
 * @param leaseCheckInterval how often a replica without an app's lease checks on its holder
 * @param probeInterval how often every host is probed for liveness
 * @param probeTimeout how long a probe waits
 */
public record ReconcilerConfig(
    Duration pollInterval,
    Duration resyncInterval,
    Duration requestTimeout,
    Duration answerWait,
    Duration expectTimeout,
    Duration startTimeout,
    Duration forgetAfter,
    Duration backoffBase,
    Duration backoffMax,
    Duration leaseTtl,
    Duration leaseCheckInterval,
    Duration probeInterval,
    Duration probeTimeout) {
  public ReconcilerConfig {
    for (Duration d :
        new Duration[] {
          pollInterval, resyncInterval, requestTimeout, answerWait, expectTimeout, startTimeout,
          forgetAfter, backoffBase, backoffMax, leaseTtl, leaseCheckInterval, probeInterval,
          probeTimeout
        }) {
      Objects.requireNonNull(d, "durations");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("reconciler durations must be positive, got " + d);
      }
    }
  }

  /** The defaults. */
  public static ReconcilerConfig defaults() {
    return new ReconcilerConfig(
        Duration.ofMillis(500),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        Duration.ofMinutes(10),
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofMillis(500));
  }

  /** These settings probing hosts every {@code interval}. */
  public ReconcilerConfig withProbeInterval(Duration interval) {
    return new ReconcilerConfig(
        pollInterval,
        resyncInterval,
        requestTimeout,
        answerWait,
        expectTimeout,
        startTimeout,
        forgetAfter,
        backoffBase,
        backoffMax,
        leaseTtl,
        leaseCheckInterval,
        interval,
        probeTimeout);
  }

  /** These settings with another poll and resync interval. */
  public ReconcilerConfig withIntervals(Duration poll, Duration resync) {
    return new ReconcilerConfig(
        poll,
        resync,
        requestTimeout,
        answerWait,
        expectTimeout,
        startTimeout,
        forgetAfter,
        backoffBase,
        backoffMax,
        leaseTtl,
        leaseCheckInterval,
        probeInterval,
        probeTimeout);
  }

  /** These settings with another lease TTL and check interval. */
  public ReconcilerConfig withLease(Duration ttl, Duration checkInterval) {
    return new ReconcilerConfig(
        pollInterval,
        resyncInterval,
        requestTimeout,
        answerWait,
        expectTimeout,
        startTimeout,
        forgetAfter,
        backoffBase,
        backoffMax,
        ttl,
        checkInterval,
        probeInterval,
        probeTimeout);
  }

  /** These settings with another backoff. */
  public ReconcilerConfig withBackoff(Duration base, Duration max) {
    return new ReconcilerConfig(
        pollInterval,
        resyncInterval,
        requestTimeout,
        answerWait,
        expectTimeout,
        startTimeout,
        forgetAfter,
        base,
        max,
        leaseTtl,
        leaseCheckInterval,
        probeInterval,
        probeTimeout);
  }

  /** The host monitor's settings. */
  public HostMonitor.Settings monitorSettings() {
    return new HostMonitor.Settings(probeInterval, probeTimeout, 3, forgetAfter);
  }
}
