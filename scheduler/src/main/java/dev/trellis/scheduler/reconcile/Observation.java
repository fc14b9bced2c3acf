package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.v2.WorkloadStatus;
import java.util.Objects;

/** What the reconciler learned about one placement in this pass. */
public sealed interface Observation
    permits Observation.Reported, Observation.Unreachable, Observation.HostDown {
  /**
   * The host answered {@code workload.status}.
   *
   * @param status its answer
   */
  record Reported(WorkloadStatus status) implements Observation {
    public Reported {
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * The host is live but its answer did not arrive or did not decode.
   *
   * @param why what went wrong
   */
  record Unreachable(String why) implements Observation {
    public Unreachable {
      Objects.requireNonNull(why, "why");
    }
  }

  /** The host is not live (gone, stale or unresponsive). */
  record HostDown() implements Observation {}
}
