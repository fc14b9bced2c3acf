package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.proto.v2.WitInterface;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One live host as the scalers see it: its id, its labels (what spreads match against), how many
 * workloads it reported in its newest heartbeat (a tie-breaker when placing) and which interfaces
 * its plugins serve (so a workload is not placed where it cannot start).
 *
 * @param hostId the host's id
 * @param labels its labels, built-in ones included
 * @param workloadCount workloads it reported running
 * @param serves the interfaces its heartbeat lists as imports or exports, as {@code
 *     namespace:package/interface} without versions; empty when it lists none (a host that does not
 *     advertise them is assumed to serve everything)
 */
public record HostState(
    String hostId, Map<String, String> labels, long workloadCount, Set<String> serves) {
  public HostState {
    Objects.requireNonNull(hostId, "hostId");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    serves = Collections.unmodifiableSet(new TreeSet<>(serves));
    if (workloadCount < 0) {
      throw new IllegalArgumentException("workloadCount must be >= 0, got " + workloadCount);
    }
  }

  /** A host with {@code labels}, no workloads, and no advertised interfaces. */
  public static HostState of(String hostId, Map<String, String> labels) {
    return new HostState(hostId, labels, 0, Set.of());
  }

  /** Host {@code hostId} as its newest heartbeat describes it. */
  public static HostState of(String hostId, HostHeartbeat beat) {
    Set<String> serves = new TreeSet<>();
    beat.getImportsList().forEach(i -> serves.addAll(names(i)));
    beat.getExportsList().forEach(i -> serves.addAll(names(i)));
    return new HostState(hostId, beat.getLabelsMap(), beat.getWorkloadCount(), serves);
  }

  /** Whether this host serves {@code iface} ({@code namespace:package/interface}). */
  public boolean serves(String iface) {
    return serves.isEmpty() || serves.contains(iface);
  }

  /** {@code namespace:package/interface} for each interface of {@code entry}. */
  static Set<String> names(WitInterface entry) {
    Set<String> out = new TreeSet<>();
    for (String name : entry.getInterfacesList()) {
      out.add(entry.getNamespace() + ":" + entry.getPackage() + "/" + name);
    }
    return out;
  }
}
