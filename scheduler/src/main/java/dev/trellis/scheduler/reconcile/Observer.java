package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.v2.WorkloadStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Observes an application's placements: asks each live host for the status of each workload the
 * scheduler placed there, all at once (one virtual thread per request). Placements on hosts that
 * are not live are not asked about; they are {@link Observation.HostDown}. A live host that does
 * not answer within {@code wait} (frozen, partitioned) costs the pass no more than that.
 */
final class Observer {
  private final HostApiClient hosts;
  private final ExecutorService pool;
  private final Duration wait;

  Observer(HostApiClient hosts, ExecutorService pool, Duration wait) {
    this.hosts = hosts;
    this.pool = pool;
    this.wait = wait;
  }

  Map<String, Observation> observe(List<Placement> placements, Set<String> liveHosts) {
    Map<String, Future<HostCall<WorkloadStatus>>> asked = new HashMap<>();
    Map<String, Observation> observed = new HashMap<>();
    for (Placement p : placements) {
      if (liveHosts.contains(p.hostId())) {
        asked.put(
            p.workloadId(), pool.submit(() -> hosts.status(p.hostId(), p.workloadId(), wait)));
      } else {
        observed.put(p.workloadId(), new Observation.HostDown());
      }
    }
    asked.forEach((id, future) -> observed.put(id, observation(await(future))));
    return observed;
  }

  private static Observation observation(HostCall<WorkloadStatus> call) {
    return switch (call) {
      case HostCall.Answered<WorkloadStatus> answered -> new Observation.Reported(answered.value());
      case HostCall.NoResponders<WorkloadStatus> none -> new Observation.HostDown();
      case HostCall.TimedOut<WorkloadStatus> slow -> new Observation.Unreachable("timed out");
      case HostCall.Failed<WorkloadStatus> failed -> new Observation.Unreachable(failed.message());
    };
  }

  static <T> HostCall<T> await(Future<HostCall<T>> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new HostCall.Failed<>("interrupted");
    } catch (ExecutionException e) {
      return new HostCall.Failed<>(String.valueOf(e.getCause()));
    }
  }
}
