package dev.trellis.scheduler.reconcile;

/**
 * Where one instance (a workload the scheduler started) stands, as far as the reconciler knows.
 * Scalers count {@link #PENDING}, {@link #STARTING} and {@link #RUNNING} instances as present,
 * replace {@link #FAILED} ones and ignore {@link #STOPPING} ones except for the surge bound.
 */
public enum InstanceState {
  /** A start was sent and its outcome is not known yet (an expected event). */
  PENDING,
  /** The host accepted the start and reports the workload starting. */
  STARTING,
  /** The host reports the workload running. */
  RUNNING,
  /** The host reports an error (or it never came up); the message says why. */
  FAILED,
  /** A stop was sent and the host has not confirmed it yet. */
  STOPPING
}
