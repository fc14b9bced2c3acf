package dev.trellis.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatusRequest;
import dev.trellis.proto.v2.WorkloadStatusResponse;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * How many instances of each app the hosts themselves say they run, sampled twice a second. Hosts
 * have no "list workloads" call, so the workload ids come from the scheduler's placements (KV
 * {@code trellis_placements}, written before every start) and each host is asked over the Host API
 * for the state of every id placed on it; STARTING, RUNNING and STOPPING count, as they do for the
 * scheduler's desired + surge bound. A host that does not answer (frozen, partitioned, restarting)
 * counts with what it last reported while its process lives — it may well still run it — and as
 * nothing once its process is gone.
 */
final class InstanceSampler implements AutoCloseable {
  /** Instances of each app. */
  record Count(int hello, int compute) {
    Count plus(Count other) {
      return new Count(hello + other.hello, compute + other.compute);
    }

    Count max(Count other) {
      return new Count(Math.max(hello, other.hello), Math.max(compute, other.compute));
    }
  }

  private record Sample(long nanos, Count count) {}

  private record Placed(String app, String workloadId, String hostId) {}

  private static final Duration REPLY = Duration.ofMillis(500);
  private static final Set<WorkloadState> LIVE =
      Set.of(
          WorkloadState.WORKLOAD_STATE_STARTING,
          WorkloadState.WORKLOAD_STATE_RUNNING,
          WorkloadState.WORKLOAD_STATE_STOPPING);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection client;
  private final FaultLattice lattice;
  private final Map<String, Count> last = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService askers = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread thread;

  InstanceSampler(Connection client, FaultLattice lattice) {
    this.client = client;
    this.lattice = lattice;
    this.thread = Thread.ofVirtual().name("instance-sampler").start(this::run);
  }

  private void run() {
    long deadline = System.nanoTime() + Duration.ofMinutes(12).toNanos();
    while (running.get() && System.nanoTime() < deadline) {
      samples.add(new Sample(System.nanoTime(), total()));
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
  }

  /** Each host's instances now. */
  Map<String, Count> perHost() {
    List<Placed> placed = new ArrayList<>();
    for (String app : List.of("hello", "compute")) {
      placed.addAll(placements(app));
    }
    Map<String, Future<Optional<Count>>> asked = new LinkedHashMap<>();
    for (String host : FaultLattice.HOSTS) {
      List<Placed> here = placed.stream().filter(p -> p.hostId().equals(host)).toList();
      asked.put(host, askers.submit(() -> ask(host, here)));
    }
    Map<String, Count> counts = new LinkedHashMap<>();
    for (var entry : asked.entrySet()) {
      String host = entry.getKey();
      Count count = answer(entry.getValue()).orElse(last.getOrDefault(host, new Count(0, 0)));
      CliProcess process = lattice.process(host);
      if (process == null || !process.handle().isAlive()) {
        count = new Count(0, 0);
      }
      last.put(host, count);
      counts.put(host, count);
    }
    return counts;
  }

  /** The instances of every host now. */
  Count total() {
    return perHost().values().stream().reduce(new Count(0, 0), Count::plus);
  }

  /** The most instances of each app seen in one sample taken in {@code [from, to)}. */
  Count max(long from, long to) {
    Count max = new Count(0, 0);
    for (Sample s : samples) {
      if (s.nanos() >= from && s.nanos() < to) {
        max = max.max(s.count());
      }
    }
    return max;
  }

  private List<Placed> placements(String app) {
    try {
      KeyValue kv = client.keyValue("trellis_placements");
      KeyValueEntry entry = kv.get(FaultLattice.LATTICE + "." + app);
      if (entry == null || entry.getValue() == null) {
        return List.of();
      }
      List<Placed> placed = new ArrayList<>();
      for (JsonNode p : JSON.readTree(entry.getValue()).path("placements")) {
        placed.add(new Placed(app, p.path("workload_id").asText(), p.path("host_id").asText()));
      }
      return placed;
    } catch (IOException | io.nats.client.JetStreamApiException | RuntimeException e) {
      return List.of(); // the bucket is unreachable for a moment (a NATS node died)
    }
  }

  /** What {@code host} runs of {@code placed}; empty when it does not answer every question. */
  private Optional<Count> ask(String host, List<Placed> placed) throws InterruptedException {
    int hello = 0;
    int compute = 0;
    for (Placed p : placed) {
      Message reply =
          client.request(
              Subjects.hostApi(host, HostOperation.WORKLOAD_STATUS),
              ProtoJson.encode(
                  WorkloadStatusRequest.newBuilder().setWorkloadId(p.workloadId()).build()),
              REPLY);
      if (reply == null) {
        return Optional.empty();
      }
      WorkloadState state =
          ProtoJson.decode(reply.getData(), WorkloadStatusResponse.getDefaultInstance())
              .getWorkloadStatus()
              .getWorkloadState();
      if (LIVE.contains(state)) {
        if (p.app().equals("hello")) {
          hello++;
        } else {
          compute++;
        }
      }
    }
    return Optional.of(new Count(hello, compute));
  }

  private static Optional<Count> answer(Future<Optional<Count>> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(Duration.ofSeconds(10));
    askers.shutdownNow();
  }
}
