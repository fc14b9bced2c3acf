package dev.trellis.scheduler.reconcile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many healthy instances each host holds, of one scaler and of the whole application, updated
 * as a scaler decides starts and stops, so that placement spreads load and stop choices take from
 * the most loaded host.
 */
final class Loads {
  private final Map<String, Integer> scaler = new HashMap<>();
  private final Map<String, Integer> app = new HashMap<>();

  private Loads() {}

  /** The loads in {@code snapshot}, counting {@code key}'s instances as the scaler's own. */
  static Loads of(LatticeSnapshot snapshot, String key) {
    Loads loads = new Loads();
    for (Instance instance : snapshot.instances()) {
      if (instance.isHealthy()) {
        loads.app.merge(instance.hostId(), 1, Integer::sum);
        if (instance.scalerKey().filter(key::equals).isPresent()) {
          loads.scaler.merge(instance.hostId(), 1, Integer::sum);
        }
      }
    }
    return loads;
  }

  int scalerLoad(String hostId) {
    return scaler.getOrDefault(hostId, 0);
  }

  /** The least loaded of {@code hosts} (scaler, then app, then heartbeat count, then id). */
  HostState leastLoaded(List<HostState> hosts) {
    return hosts.stream()
        .min(
            Comparator.comparingInt((HostState h) -> scalerLoad(h.hostId()))
                .thenComparingInt(h -> app.getOrDefault(h.hostId(), 0))
                .thenComparingLong(HostState::workloadCount)
                .thenComparing(HostState::hostId))
        .orElseThrow();
  }

  void added(String hostId) {
    scaler.merge(hostId, 1, Integer::sum);
    app.merge(hostId, 1, Integer::sum);
  }

  void removed(String hostId) {
    scaler.merge(hostId, -1, Integer::sum);
    app.merge(hostId, -1, Integer::sum);
  }

  /**
   * Picks {@code count} of {@code candidates} to stop: instances that are not running yet first,
   * then those on the host holding most of the scaler's instances; updates the loads.
   */
  List<Instance> pickToStop(List<Instance> candidates, int count) {
    List<Instance> left = new java.util.ArrayList<>(candidates);
    List<Instance> picked = new java.util.ArrayList<>();
    Comparator<Instance> order =
        Comparator.comparing((Instance i) -> i.state() == InstanceState.RUNNING)
            .thenComparing(i -> -scalerLoad(i.hostId()))
            .thenComparing(Instance::workloadId);
    for (int k = 0; k < count && !left.isEmpty(); k++) {
      Instance next = left.stream().min(order).orElseThrow();
      left.remove(next);
      picked.add(next);
      removed(next.hostId());
    }
    return picked;
  }
}
