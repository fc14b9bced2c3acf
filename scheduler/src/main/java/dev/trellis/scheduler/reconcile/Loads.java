package dev.trellis.scheduler.reconcile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many healthy instances each host holds — of one scaler's current definition, of the scaler,
 * and of the whole application — updated as a scaler decides starts and stops, so that placement
 * spreads load and stop choices take from the most loaded host.
 *
 * <p>Placement looks at current instances first: during a rollout a host whose old instances are
 * not yet replaced gets the next new one before a host that already runs the new definition, so
 * every host that served the application keeps serving it throughout (its old instance stops only
 * once a new one runs beside it, see {@link Rollout}).
 */
final class Loads {
  private final String specHash;
  private final Map<String, Integer> current = new HashMap<>();
  private final Map<String, Integer> scaler = new HashMap<>();
  private final Map<String, Integer> app = new HashMap<>();

  private Loads(String specHash) {
    this.specHash = specHash;
  }

  /**
   * The loads in {@code snapshot}, counting {@code key}'s instances as the scaler's own and those
   * among them with {@code specHash} as current.
   */
  static Loads of(LatticeSnapshot snapshot, String key, String specHash) {
    Loads loads = new Loads(specHash);
    for (Instance instance : snapshot.instances()) {
      if (instance.isHealthy()) {
        loads.app.merge(instance.hostId(), 1, Integer::sum);
        if (instance.scalerKey().filter(key::equals).isPresent()) {
          loads.scaler.merge(instance.hostId(), 1, Integer::sum);
          if (loads.isCurrent(instance)) {
            loads.current.merge(instance.hostId(), 1, Integer::sum);
          }
        }
      }
    }
    return loads;
  }

  private boolean isCurrent(Instance instance) {
    return instance.specHash().filter(specHash::equals).isPresent();
  }

  int scalerLoad(String hostId) {
    return scaler.getOrDefault(hostId, 0);
  }

  /**
   * The least loaded of {@code hosts}: fewest current instances of the scaler, then of the scaler,
   * then of the app, then the heartbeat's workload count, then the host id.
   */
  HostState leastLoaded(List<HostState> hosts) {
    return hosts.stream()
        .min(
            Comparator.comparingInt((HostState h) -> current.getOrDefault(h.hostId(), 0))
                .thenComparingInt(h -> scalerLoad(h.hostId()))
                .thenComparingInt(h -> app.getOrDefault(h.hostId(), 0))
                .thenComparingLong(HostState::workloadCount)
                .thenComparing(HostState::hostId))
        .orElseThrow();
  }

  /** A current instance is to start on {@code hostId}. */
  void added(String hostId) {
    current.merge(hostId, 1, Integer::sum);
    scaler.merge(hostId, 1, Integer::sum);
    app.merge(hostId, 1, Integer::sum);
  }

  /** {@code instance} is to stop. */
  void removed(Instance instance) {
    String hostId = instance.hostId();
    if (isCurrent(instance)) {
      current.merge(hostId, -1, Integer::sum);
    }
    scaler.merge(hostId, -1, Integer::sum);
    app.merge(hostId, -1, Integer::sum);
  }

  /**
   * Picks {@code count} of {@code candidates} to stop: instances that are not running yet first,
   * then those on the host holding most of the scaler's instances; updates the loads.
   */
  List<Instance> pickToStop(List<Instance> candidates, int count) {
    return pickToStop(candidates, count, Comparator.comparingInt(i -> 0));
  }

  /** As {@link #pickToStop(List, int)}, ordering first by {@code preferred}. */
  List<Instance> pickToStop(List<Instance> candidates, int count, Comparator<Instance> preferred) {
    List<Instance> left = new java.util.ArrayList<>(candidates);
    List<Instance> picked = new java.util.ArrayList<>();
    Comparator<Instance> order =
        preferred
            .thenComparing((Instance i) -> i.state() == InstanceState.RUNNING)
            .thenComparing(i -> -scalerLoad(i.hostId()))
            .thenComparing(Instance::workloadId);
    for (int k = 0; k < count && !left.isEmpty(); k++) {
      Instance next = left.stream().min(order).orElseThrow();
      left.remove(next);
      picked.add(next);
      removed(next);
    }
    return picked;
  }
}
