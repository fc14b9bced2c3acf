package dev.trellis.host;

import dev.trellis.proto.MalformedMessageException;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadStartResponse;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStatusRequest;
import dev.trellis.proto.v2.WorkloadStatusResponse;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.proto.v2.WorkloadStopResponse;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link HostApi} on {@code [{lattice}.]runtime.host.{id}.*} in proto3 JSON (no prefix in
 * the default lattice, see {@link Subjects#latticePrefix}). Each request runs on its own virtual
 * thread, so a slow start never delays a status. A malformed request (not proto3 JSON of the
 * operation's type, or a workload id longer than {@value #MAX_ID_LENGTH} characters) is answered
 * with an ERROR status naming the problem (upstream hosts leave the caller to time out). Given an
 * inventory, it also answers Trellis' {@code trellis.host.{id}.inventory} with {@code
 * {"hostId":..,"workloads":[WorkloadStatus..]}} (the Host API has no listing).
 */
public final class HostApiServer implements AutoCloseable {
  /** Header set on replies to requests this server cannot interpret. */
  public static final String ERROR_HEADER = "Trellis-Error";

  /** The longest workload id the API accepts. */
  public static final int MAX_ID_LENGTH = 1024;

  private static final int MAX_HEADER = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(HostApiServer.class);

  private final Connection connection;
  private final HostApi api;
  private final String hostId;
  private static final Duration SUBSCRIBE_FLUSH = Duration.ofSeconds(5);
  private final Dispatcher dispatcher;
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

  /** Serves the default lattice's subjects. */
  public HostApiServer(Connection connection, String hostId, HostApi api) {
    this(connection, Subjects.DEFAULT_LATTICE, hostId, api, Optional.empty());
  }

  /** Serves {@code lattice}'s subjects, and {@code inventory} on {@link Subjects#hostInventory}. */
  public HostApiServer(
      Connection connection,
      String lattice,
      String hostId,
      HostApi api,
      Optional<Supplier<List<WorkloadStatus>>> inventory) {
    this.connection = connection;
    this.api = api;
    this.hostId = hostId;
    this.dispatcher = connection.createDispatcher();
    for (HostOperation operation : HostOperation.values()) {
      String subject = Subjects.hostApi(lattice, hostId, operation);
      dispatcher.subscribe(subject, message -> handlers.execute(() -> handle(operation, message)));
    }
    inventory.ifPresent(
        list ->
            dispatcher.subscribe(
                Subjects.hostInventory(lattice, hostId),
                message -> handlers.execute(() -> answerInventory(message, list))));
    // A round trip to the server: once it returns the subscriptions are registered, so a caller
    // who learns of the host (its first heartbeat comes after this) is never told "no responders".
    try {
      connection.flush(SUBSCRIBE_FLUSH);
    } catch (TimeoutException e) {
      LOG.warn(
          "host_api_subscribe_unconfirmed host_id={} waited_ms={}",
          hostId,
          SUBSCRIBE_FLUSH.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void answerInventory(Message message, Supplier<List<WorkloadStatus>> inventory) {
    if (message.getReplyTo() == null) {
      return;
    }
    // Each element is printed by the one proto3-JSON codec; only the envelope is written here.
    String workloads =
        inventory.get().stream().map(ProtoJson::print).collect(Collectors.joining(","));
    String json = "{\"hostId\":\"" + hostId + "\",\"workloads\":[" + workloads + "]}";
    connection.publish(message.getReplyTo(), json.getBytes(StandardCharsets.UTF_8));
  }

  private void handle(HostOperation operation, Message message) {
    if (message.getReplyTo() == null) {
      LOG.warn("host_api_no_reply_subject subject={}", message.getSubject());
      return;
    }
    try {
      byte[] reply = answer(operation, message.getData());
      connection.publish(message.getReplyTo(), reply);
    } catch (MalformedMessageException e) {
      LOG.warn("host_api_malformed subject={} error={}", message.getSubject(), e.getMessage());
      replyError(message, operation, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("host_api_failed subject={} error={}", message.getSubject(), e.toString(), e);
      replyError(
          message,
          operation,
          "host " + hostId + " failed to handle " + operation.suffix() + ": " + e);
    }
  }

  private void replyError(Message message, HostOperation operation, String text) {
    Headers headers = new Headers().put(ERROR_HEADER, headerSafe(text));
    connection.publish(message.getReplyTo(), headers, errorReply(operation, text));
  }

  /** NATS header values are printable ASCII on one line; the body keeps the full text. */
  private static String headerSafe(String text) {
    String ascii = text.replaceAll("[^\\x20-\\x7e]", "?");
    return ascii.length() > MAX_HEADER ? ascii.substring(0, MAX_HEADER) + "..." : ascii;
  }

  /** Rejects ids no host would have given out, before they are echoed into replies and logs. */
  private static void checkId(String id) {
    if (id.length() > MAX_ID_LENGTH) {
      throw new MalformedMessageException(
          "workload_id: must be at most " + MAX_ID_LENGTH + " characters, got " + id.length());
    }
  }

  private byte[] answer(HostOperation operation, byte[] payload) {
    return switch (operation) {
      case HEARTBEAT -> ProtoJson.encode(api.heartbeat());
      case WORKLOAD_START -> {
        var request = ProtoJson.decode(payload, WorkloadStartRequest.getDefaultInstance());
        checkId(request.getWorkloadId());
        yield ProtoJson.encode(
            WorkloadStartResponse.newBuilder().setWorkloadStatus(api.start(request)).build());
      }
      case WORKLOAD_STOP -> {
        var request = ProtoJson.decode(payload, WorkloadStopRequest.getDefaultInstance());
        checkId(request.getWorkloadId());
        yield ProtoJson.encode(
            WorkloadStopResponse.newBuilder().setWorkloadStatus(api.stop(request)).build());
      }
      case WORKLOAD_STATUS -> {
        var request = ProtoJson.decode(payload, WorkloadStatusRequest.getDefaultInstance());
        checkId(request.getWorkloadId());
        yield ProtoJson.encode(
            WorkloadStatusResponse.newBuilder().setWorkloadStatus(api.status(request)).build());
      }
    };
  }

  /** An ERROR status in the response shape the operation promises; heartbeats get an empty body. */
  private static byte[] errorReply(HostOperation operation, String message) {
    WorkloadStatus status =
        WorkloadStatus.newBuilder()
            .setWorkloadState(WorkloadState.WORKLOAD_STATE_ERROR)
            .setMessage(message)
            .build();
    return switch (operation) {
      case HEARTBEAT -> new byte[0];
      case WORKLOAD_START ->
          ProtoJson.encode(WorkloadStartResponse.newBuilder().setWorkloadStatus(status).build());
      case WORKLOAD_STOP ->
          ProtoJson.encode(WorkloadStopResponse.newBuilder().setWorkloadStatus(status).build());
      case WORKLOAD_STATUS ->
          ProtoJson.encode(WorkloadStatusResponse.newBuilder().setWorkloadStatus(status).build());
    };
  }

  /** Stops taking requests and lets those in flight finish (up to 5 s). */
  @Override
  public void close() {
    connection.closeDispatcher(dispatcher);
    handlers.shutdown();
    try {
      if (!handlers.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("host_api_close_timeout host_id={}", hostId);
        handlers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handlers.shutdownNow();
    }
  }
}
