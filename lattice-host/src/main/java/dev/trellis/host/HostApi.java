package dev.trellis.host;

import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStatusRequest;
import dev.trellis.proto.v2.WorkloadStopRequest;

/**
 * The four calls every host answers (wasmCloud V2's Host API): heartbeat, and start, stop and
 * status of workloads. Served over NATS by {@link HostApiServer}; embedders call it directly.
 * Domain failures come back as a {@link WorkloadStatus} in state ERROR or NOT_FOUND, never as
 * exceptions.
 */
public interface HostApi {
  /** What this host is and runs, right now. */
  HostHeartbeat heartbeat();

  /** Starts a workload; a repeated start of the same id is answered with its current status. */
  WorkloadStatus start(WorkloadStartRequest request);

  /** Stops a workload. */
  WorkloadStatus stop(WorkloadStopRequest request);

  /** Reports a workload's state; NOT_FOUND for ids this host does not hold. */
  WorkloadStatus status(WorkloadStatusRequest request);
}
