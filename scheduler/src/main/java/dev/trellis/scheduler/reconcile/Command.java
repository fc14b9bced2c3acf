package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.v2.Workload;
import java.util.Objects;

/**
 * What a scaler wants done on one host: start a workload or stop one. Scalers only compute
 * commands; the reconciler records them as placements and sends them as Host API requests.
 */
public sealed interface Command permits Command.Start, Command.Stop {
  /** The host that receives the command. */
  String hostId();

  /** The workload concerned. */
  String workloadId();

  /**
   * Start {@code workload} under {@code workloadId} on {@code hostId} ({@code workload.start}).
   *
   * @param hostId the chosen host
   * @param workloadId the id the host will know it by (reused when a start is re-sent)
   * @param workload the workload, ownership annotations included
   */
  record Start(String hostId, String workloadId, Workload workload) implements Command {
    public Start {
      Objects.requireNonNull(hostId, "hostId");
      Objects.requireNonNull(workloadId, "workloadId");
      Objects.requireNonNull(workload, "workload");
    }

    /** The scaler key this start belongs to (from its annotations). */
    public String scalerKey() {
      return workload.getAnnotationsOrDefault(Ownership.SCALER, "");
    }
  }

  /**
   * Stop workload {@code workloadId} on {@code hostId} ({@code workload.stop}).
   *
   * @param hostId the host running it
   * @param workloadId the workload
   * @param reason why, for logs (e.g. "excess", "outdated", "failed")
   */
  record Stop(String hostId, String workloadId, String reason) implements Command {
    public Stop {
      Objects.requireNonNull(hostId, "hostId");
      Objects.requireNonNull(workloadId, "workloadId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
