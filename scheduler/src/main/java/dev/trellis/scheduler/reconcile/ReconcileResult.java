package dev.trellis.scheduler.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * How a reconcile pass ended (controller-runtime's result): converged for now, or come back after a
 * delay (instances still starting, a backoff to wait out, a lease held elsewhere).
 */
public sealed interface ReconcileResult permits ReconcileResult.Done, ReconcileResult.RequeueAfter {
  /** Converged; the next trigger or periodic resync comes back. */
  record Done() implements ReconcileResult {}

  /**
   * Reconcile again after {@code delay}.
   *
   * @param delay how long to wait
   */
  record RequeueAfter(Duration delay) implements ReconcileResult {
    public RequeueAfter {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        delay = Duration.ZERO;
      }
    }
  }

  /** Done. */
  static ReconcileResult done() {
    return new Done();
  }

  /** Requeue after {@code delay}. */
  static ReconcileResult after(Duration delay) {
    return new RequeueAfter(delay);
  }

  /** The sooner of two results ({@link Done} is the latest of all). */
  default ReconcileResult sooner(ReconcileResult other) {
    return switch (this) {
      case Done d -> other;
      case RequeueAfter mine ->
          switch (other) {
            case Done d -> this;
            case RequeueAfter theirs -> mine.delay().compareTo(theirs.delay()) <= 0 ? this : other;
          };
    };
  }
}
