package dev.trellis.scheduler.reconcile;

import com.google.protobuf.Message;
import dev.trellis.proto.MalformedMessageException;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.proto.v2.Workload;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadStartResponse;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStatusRequest;
import dev.trellis.proto.v2.WorkloadStatusResponse;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.proto.v2.WorkloadStopResponse;
import dev.trellis.scheduler.store.JnatsAdapter;
import dev.trellis.scheduler.store.StoreException;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.function.Function;

/**
 * The scheduler's side of the Host API ({@code [{lattice}.]runtime.host.{id}.*}, proto3 JSON): the
 * only way it talks to hosts, and only to those of its own lattice. Every call returns a {@link
 * HostCall}; nothing here throws for a host that is gone, slow or confused.
 */
public final class HostApiClient {
  private final JnatsAdapter nats;
  private final String lattice;
  private final Duration timeout;

  /** A client of the default lattice's hosts. */
  public HostApiClient(Connection connection, Duration timeout) {
    this(connection, Subjects.DEFAULT_LATTICE, timeout);
  }

  /** A client of {@code lattice}'s hosts. */
  public HostApiClient(Connection connection, String lattice, Duration timeout) {
    this.nats = new JnatsAdapter(connection);
    this.lattice = Subjects.token("lattice", lattice);
    this.timeout = timeout;
  }

  /** The lattice whose hosts this client addresses. */
  public String lattice() {
    return lattice;
  }

  /** Sends {@code workload.start}. */
  public HostCall<WorkloadStatus> start(String hostId, String workloadId, Workload workload) {
    var request =
        WorkloadStartRequest.newBuilder().setWorkload(workload).setWorkloadId(workloadId).build();
    return call(
        hostId,
        HostOperation.WORKLOAD_START,
        request,
        WorkloadStartResponse.getDefaultInstance(),
        WorkloadStartResponse::getWorkloadStatus,
        timeout);
  }

  /** Sends {@code workload.stop}. */
  public HostCall<WorkloadStatus> stop(String hostId, String workloadId) {
    var request = WorkloadStopRequest.newBuilder().setWorkloadId(workloadId).build();
    return call(
        hostId,
        HostOperation.WORKLOAD_STOP,
        request,
        WorkloadStopResponse.getDefaultInstance(),
        WorkloadStopResponse::getWorkloadStatus,
        timeout);
  }

  /** Sends {@code workload.status}, waiting at most {@code wait}. */
  public HostCall<WorkloadStatus> status(String hostId, String workloadId, Duration wait) {
    var request = WorkloadStatusRequest.newBuilder().setWorkloadId(workloadId).build();
    return call(
        hostId,
        HostOperation.WORKLOAD_STATUS,
        request,
        WorkloadStatusResponse.getDefaultInstance(),
        WorkloadStatusResponse::getWorkloadStatus,
        wait);
  }

  /** Asks the host for its heartbeat, waiting at most {@code wait}: the liveness probe. */
  public HostCall<HostHeartbeat> heartbeat(String hostId, Duration wait) {
    return call(
        hostId,
        HostOperation.HEARTBEAT,
        HostHeartbeat.getDefaultInstance(),
        HostHeartbeat.getDefaultInstance(),
        Function.identity(),
        wait);
  }

  private <R extends Message, T> HostCall<T> call(
      String hostId,
      HostOperation operation,
      Message request,
      R prototype,
      Function<R, T> extract,
      Duration wait) {
    String subject = Subjects.hostApi(lattice, hostId, operation);
    byte[] body = operation == HostOperation.HEARTBEAT ? new byte[0] : ProtoJson.encode(request);
    JnatsAdapter.Reply reply;
    try {
      reply = nats.request(subject, new Headers(), body, wait);
    } catch (StoreException | IllegalStateException e) {
      return new HostCall.Failed<>("request on " + subject + " failed: " + e.getMessage());
    }
    return switch (reply) {
      case JnatsAdapter.Reply.Answered answered -> decode(answered, prototype, extract, subject);
      case JnatsAdapter.Reply.NoResponders none -> new HostCall.NoResponders<>();
      case JnatsAdapter.Reply.TimedOut timedOut -> new HostCall.TimedOut<>();
    };
  }

  private static <R extends Message, T> HostCall<T> decode(
      JnatsAdapter.Reply.Answered answered, R prototype, Function<R, T> extract, String subject) {
    try {
      return new HostCall.Answered<>(
          extract.apply(ProtoJson.decode(answered.message().getData(), prototype)));
    } catch (MalformedMessageException e) {
      return new HostCall.Failed<>("unreadable answer on " + subject + ": " + e.getMessage());
    }
  }
}
