package dev.trellis.scheduler.reconcile;

import dev.trellis.nats.HeartbeatStream;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.proto.v2.Workload;
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
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a host: serves the Host API on {@code runtime.host.{id}.*} from a map of workloads
 * it "runs" (answering RUNNING at once, or an ERROR when told to fail) and publishes heartbeats
 * with its labels. It can be killed (connection dropped, workloads gone, as kill -9), partitioned
 * (stops answering and beating, workloads kept) and healed.
 */
final class FakeHost implements AutoCloseable {
  static final Duration BEAT = Duration.ofSeconds(15); // the V2 default: liveness comes from probes

  private final String url;
  private final String hostId;
  private final Map<String, String> labels;
  private final FakeLattice lattice;
  private final Map<String, Workload> running = new ConcurrentHashMap<>();
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile Optional<String> failWith = Optional.empty();
  private volatile Duration startDelay = Duration.ZERO;
  private volatile boolean frozen;
  private Connection connection;
  private Dispatcher dispatcher;
  private ScheduledExecutorService beats;

  FakeHost(String url, String hostId, Map<String, String> labels, FakeLattice lattice) {
    this.url = url;
    this.hostId = hostId;
    this.labels = Map.copyOf(labels);
    this.lattice = lattice;
    connect();
  }

  private void connect() {
    connection = NatsConnector.connect(NatsClientConfig.of(url, "fake-host-" + hostId));
    HeartbeatStream.ensure(connection, LatticeFixture.LATTICE);
    dispatcher = connection.createDispatcher(m -> handlers.execute(() -> handle(m)));
    dispatcher.subscribe(apiPrefix() + ".>");
    beats = Executors.newSingleThreadScheduledExecutor();
    beats.scheduleAtFixedRate(this::beat, 0, BEAT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      connection.flush(Duration.ofSeconds(2));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String id() {
    return hostId;
  }

  /** Workloads of {@code app} this host runs. */
  long count(String app) {
    return running.values().stream()
        .filter(w -> app.equals(w.getAnnotationsMap().get(Ownership.APPSPEC)))
        .count();
  }

  Map<String, Workload> workloads() {
    return Map.copyOf(running);
  }

  void failWith(Optional<String> message) {
    failWith = message;
  }

  void delayStarts(Duration delay) {
    startDelay = delay;
  }

  /** Puts a workload on this host that no scheduler started. */
  void runForeign(String workloadId, Workload workload) {
    running.put(workloadId, workload);
  }

  /** Dies like kill -9: its connection drops, its workloads are gone. */
  void kill() {
    disconnect();
    running.values().forEach(w -> lattice.stopped(app(w)));
    running.clear();
  }

  /** Cut off: no answers, no heartbeats; its workloads keep running. */
  void partition() {
    disconnect();
  }

  /**
   * Cut off without the server noticing (a network partition or a frozen process): it stays
   * subscribed but answers nothing and stops beating; its workloads keep running.
   */
  void freeze() {
    frozen = true;
  }

  /** Answers and beats again after {@link #freeze}. */
  void thaw() {
    frozen = false;
  }

  /** Comes back (after {@link #kill} empty, after {@link #partition} with its workloads). */
  void heal() {
    connect();
  }

  private void disconnect() {
    beats.shutdownNow();
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void beat() {
    if (frozen) {
      return;
    }
    HostHeartbeat beat =
        HostHeartbeat.newBuilder()
            .setId(hostId)
            .setFriendlyName(hostId)
            .putAllLabels(labels)
            .setWorkloadCount(running.size())
            .build();
    Headers headers =
        new Headers().put(Subjects.HEARTBEAT_INTERVAL_HEADER, Long.toString(BEAT.toMillis()));
    try {
      connection.publish(
          Subjects.heartbeat(LatticeFixture.LATTICE, hostId), headers, ProtoJson.encode(beat));
    } catch (IllegalStateException e) {
      // closed meanwhile
    }
  }

  /** {@code {lattice}.runtime.host.{id}}: the fixture's lattice is not the default one. */
  private String apiPrefix() {
    return Subjects.latticePrefix(LatticeFixture.LATTICE) + Subjects.HOST_API_PREFIX + "." + hostId;
  }

  private void handle(Message message) {
    if (frozen) {
      return;
    }
    String op = message.getSubject().substring((apiPrefix() + ".").length());
    byte[] reply =
        switch (op) {
          case "heartbeat" ->
              ProtoJson.encode(
                  HostHeartbeat.newBuilder()
                      .setId(hostId)
                      .putAllLabels(labels)
                      .setWorkloadCount(running.size())
                      .build());
          case "workload.start" ->
              start(ProtoJson.decode(message.getData(), WorkloadStartRequest.getDefaultInstance()));
          case "workload.stop" ->
              stop(ProtoJson.decode(message.getData(), WorkloadStopRequest.getDefaultInstance()));
          case "workload.status" -> {
            var request =
                ProtoJson.decode(message.getData(), WorkloadStatusRequest.getDefaultInstance());
            yield ProtoJson.encode(
                WorkloadStatusResponse.newBuilder()
                    .setWorkloadStatus(status(request.getWorkloadId()))
                    .build());
          }
          default -> new byte[0];
        };
    try {
      connection.publish(message.getReplyTo(), reply);
    } catch (IllegalStateException e) {
      // killed while answering
    }
  }

  private byte[] start(WorkloadStartRequest request) {
    String id = request.getWorkloadId();
    lattice.requested();
    WorkloadStatus status;
    if (failWith.isPresent()) {
      status = status(id, WorkloadState.WORKLOAD_STATE_ERROR, failWith.get());
    } else {
      sleep(startDelay);
      if (running.putIfAbsent(id, request.getWorkload()) == null) {
        lattice.started(app(request.getWorkload()), id);
      }
      status = status(id, WorkloadState.WORKLOAD_STATE_RUNNING, "");
    }
    return ProtoJson.encode(WorkloadStartResponse.newBuilder().setWorkloadStatus(status).build());
  }

  private byte[] stop(WorkloadStopRequest request) {
    Workload removed = running.remove(request.getWorkloadId());
    if (removed != null) {
      lattice.stopped(app(removed));
    }
    WorkloadState state =
        removed == null
            ? WorkloadState.WORKLOAD_STATE_NOT_FOUND
            : WorkloadState.WORKLOAD_STATE_COMPLETED;
    return ProtoJson.encode(
        WorkloadStopResponse.newBuilder()
            .setWorkloadStatus(status(request.getWorkloadId(), state, ""))
            .build());
  }

  private WorkloadStatus status(String id) {
    return running.containsKey(id)
        ? status(id, WorkloadState.WORKLOAD_STATE_RUNNING, "")
        : status(id, WorkloadState.WORKLOAD_STATE_NOT_FOUND, "");
  }

  private static WorkloadStatus status(String id, WorkloadState state, String message) {
    return WorkloadStatus.newBuilder()
        .setWorkloadId(id)
        .setWorkloadState(state)
        .setMessage(message)
        .build();
  }

  private static String app(Workload workload) {
    return workload.getAnnotationsMap().getOrDefault(Ownership.APPSPEC, "-");
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    beats.shutdownNow();
    NatsConnector.closeQuietly(connection);
    handlers.shutdownNow();
  }
}
