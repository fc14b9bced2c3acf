package dev.trellis.cli;

import dev.trellis.nats.NatsUnavailableException;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadStartResponse;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStatusRequest;
import dev.trellis.proto.v2.WorkloadStatusResponse;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.proto.v2.WorkloadStopResponse;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CLI's side of the Host API: proto3-JSON requests on {@code [{lattice}.]runtime.host.{id}.*},
 * and Trellis' inventory request. The one place the CLI's NATS requests turn jnats' checked
 * exceptions and missing replies into errors that name the host and the likely fix.
 */
final class HostApiClient {
  private final Connection connection;
  private final String lattice;
  private final Duration timeout;

  HostApiClient(Connection connection, String lattice, Duration timeout) {
    this.connection = connection;
    this.lattice = Subjects.token("lattice", lattice);
    this.timeout = timeout;
  }

  WorkloadStatus start(String hostId, WorkloadStartRequest request) {
    byte[] reply =
        request(hostId, Subjects.hostApi(lattice, hostId, HostOperation.WORKLOAD_START), request);
    return ProtoJson.decode(reply, WorkloadStartResponse.getDefaultInstance()).getWorkloadStatus();
  }

  WorkloadStatus stop(String hostId, String workloadId) {
    byte[] reply =
        request(
            hostId,
            Subjects.hostApi(lattice, hostId, HostOperation.WORKLOAD_STOP),
            WorkloadStopRequest.newBuilder().setWorkloadId(workloadId).build());
    return ProtoJson.decode(reply, WorkloadStopResponse.getDefaultInstance()).getWorkloadStatus();
  }

  WorkloadStatus status(String hostId, String workloadId) {
    byte[] reply =
        request(
            hostId,
            Subjects.hostApi(lattice, hostId, HostOperation.WORKLOAD_STATUS),
            WorkloadStatusRequest.newBuilder().setWorkloadId(workloadId).build());
    return ProtoJson.decode(reply, WorkloadStatusResponse.getDefaultInstance()).getWorkloadStatus();
  }

  /** The host's inventory reply, or empty when it does not answer (not a Trellis host). */
  Optional<byte[]> inventory(String hostId, Duration wait) {
    try {
      return Optional.of(
          call(Subjects.hostInventory(lattice, hostId), new byte[0], wait).getData());
    } catch (NatsUnavailableException e) {
      return Optional.empty();
    }
  }

  private byte[] request(String hostId, String subject, com.google.protobuf.Message body) {
    try {
      return call(subject, ProtoJson.encode(body), timeout).getData();
    } catch (NatsUnavailableException e) {
      throw new NatsUnavailableException(
          "host "
              + hostId
              + " did not answer on "
              + subject
              + " ("
              + e.getMessage()
              + "); `trellis get hosts --lattice "
              + lattice
              + "` lists the live hosts",
          e);
    }
  }

  private Message call(String subject, byte[] body, Duration wait) {
    try {
      return connection
          .requestWithTimeout(subject, body, wait)
          .get(wait.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (CancellationException e) {
      throw new NatsUnavailableException("no responders", e);
    } catch (ExecutionException e) {
      throw new NatsUnavailableException(
          e.getCause() instanceof CancellationException
              ? "no responders"
              : String.valueOf(e.getCause()),
          e);
    } catch (TimeoutException e) {
      throw new NatsUnavailableException("no reply within " + Durations.format(wait), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NatsUnavailableException("interrupted", e);
    }
  }
}
