package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.SchedulerException;

/**
 * The reconciler could not read or write its own state (placements, leases) or reach the lattice.
 * The message names the app, host, bucket or subject involved; a failed pass is retried with
 * backoff, so this never stops the reconciler.
 */
public class ReconcileException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  public ReconcileException(String message) {
    super(message);
  }

  public ReconcileException(String message, Throwable cause) {
    super(message, cause);
  }
}
