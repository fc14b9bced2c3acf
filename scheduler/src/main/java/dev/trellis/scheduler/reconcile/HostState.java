package dev.trellis.scheduler.reconcile;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One live host as the scalers see it: its id, its labels (what spreads match against) and how many
 * workloads it reported in its newest heartbeat (a tie-breaker when placing).
 *
 * @param hostId the host's id
 * @param labels its labels, built-in ones included
 * @param workloadCount workloads it reported running
 */
public record HostState(String hostId, Map<String, String> labels, long workloadCount) {
  public HostState {
    Objects.requireNonNull(hostId, "hostId");
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    if (workloadCount < 0) {
      throw new IllegalArgumentException("workloadCount must be >= 0, got " + workloadCount);
    }
  }

  /** A host with {@code labels} and no workloads. */
  public static HostState of(String hostId, Map<String, String> labels) {
    return new HostState(hostId, labels, 0);
  }
}
