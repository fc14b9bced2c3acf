package dev.trellis.scheduler.reconcile;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What scalers compute from: the live hosts of the lattice and the instances of one application on
 * them. Instances on hosts that are not live are left out by the reconciler, so scalers replace
 * them. Hosts are kept sorted by id so every computation is deterministic.
 *
 * @param hosts the live hosts
 * @param instances the application's instances on those hosts
 */
public record LatticeSnapshot(List<HostState> hosts, List<Instance> instances) {
  public LatticeSnapshot {
    hosts = hosts.stream().sorted(Comparator.comparing(HostState::hostId)).toList();
    instances = instances.stream().sorted(Comparator.comparing(Instance::workloadId)).toList();
  }

  /** The live host called {@code hostId}, if any. */
  public Optional<HostState> host(String hostId) {
    return hosts.stream().filter(h -> h.hostId().equals(hostId)).findFirst();
  }

  /** The live hosts by id. */
  public Map<String, HostState> hostsById() {
    return hosts.stream().collect(Collectors.toMap(HostState::hostId, Function.identity()));
  }

  /** The instances belonging to scaler {@code key}. */
  public List<Instance> instancesOf(String key) {
    return instances.stream().filter(i -> i.scalerKey().filter(key::equals).isPresent()).toList();
  }
}
