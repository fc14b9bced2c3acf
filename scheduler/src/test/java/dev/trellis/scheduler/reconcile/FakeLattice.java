package dev.trellis.scheduler.reconcile;

import java.util.HashMap;
import java.util.Map;

/**
 * What the fake hosts of one test did, across all of them: how many workloads of each app run at
 * once (and the most ever), and how many times each workload id was really started (a repeated
 * start of an id a host already runs does not count: hosts treat it idempotently).
 */
final class FakeLattice {
  private final Map<String, Integer> running = new HashMap<>();
  private final Map<String, Integer> maxRunning = new HashMap<>();
  private final Map<String, Integer> starts = new HashMap<>();
  private int requests;

  synchronized void requested() {
    requests++;
  }

  synchronized int requests() {
    return requests;
  }

  synchronized void started(String app, String workloadId) {
    int now = running.merge(app, 1, Integer::sum);
    maxRunning.merge(app, now, Math::max);
    starts.merge(workloadId, 1, Integer::sum);
  }

  synchronized void stopped(String app) {
    running.merge(app, -1, Integer::sum);
  }

  synchronized int running(String app) {
    return running.getOrDefault(app, 0);
  }

  synchronized int maxRunning(String app) {
    return maxRunning.getOrDefault(app, 0);
  }

  synchronized int totalStarts() {
    return starts.values().stream().mapToInt(Integer::intValue).sum();
  }

  synchronized Map<String, Integer> starts() {
    return Map.copyOf(starts);
  }

  synchronized void resetMax(String app) {
    maxRunning.put(app, running.getOrDefault(app, 0));
  }
}
