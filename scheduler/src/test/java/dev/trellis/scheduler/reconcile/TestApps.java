package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.Manifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Manifests, snapshots and a tiny lattice simulator for the scaler tests. */
final class TestApps {
  private TestApps() {}

  static Application parse(String yaml) {
    return Manifests.parse(yaml).orThrow();
  }

  /** One component {@code api} with a spread scaler of {@code instances} over {@code spreads}. */
  static Application spread(String version, String image, int instances, String spreads) {
    return parse(
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: shop
          annotations:
            version: %s
        spec:
          components:
            - name: api
              type: component
              properties:
                image: %s
              traits:
                - type: spreadscaler
                  properties:
                    instances: %d
                    spread: %s
        """
            .formatted(version, image, instances, spreads));
  }

  /** One component {@code agent} with a daemon scaler. */
  static Application daemon(int instances, String spreads) {
    return parse(
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: agents
          annotations:
            version: v1
        spec:
          components:
            - name: agent
              type: component
              properties:
                image: ghcr.io/acme/agent:1.0.0
              traits:
                - type: daemonscaler
                  properties:
                    instances: %d
                    spread: %s
        """
            .formatted(instances, spreads));
  }

  static HostState host(String id, String... labels) {
    Map<String, String> map = new java.util.TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      map.put(labels[i], labels[i + 1]);
    }
    return HostState.of(id, map);
  }

  /** Workload ids w1, w2, ... */
  static Supplier<String> ids() {
    int[] next = {0};
    return () -> "w" + (++next[0]);
  }

  /** The snapshot after the hosts carried out {@code commands}: starts run, stops are gone. */
  static LatticeSnapshot apply(LatticeSnapshot snapshot, List<Command> commands) {
    List<Instance> instances = new ArrayList<>(snapshot.instances());
    for (Command command : commands) {
      switch (command) {
        case Command.Start start ->
            instances.add(
                new Instance(
                    start.hostId(),
                    start.workloadId(),
                    start.workload().getAnnotationsMap(),
                    InstanceState.RUNNING,
                    ""));
        case Command.Stop stop -> instances.removeIf(i -> i.workloadId().equals(stop.workloadId()));
      }
    }
    return new LatticeSnapshot(snapshot.hosts(), instances);
  }

  static long starts(List<Command> commands) {
    return commands.stream().filter(Command.Start.class::isInstance).count();
  }

  static long stops(List<Command> commands) {
    return commands.stream().filter(Command.Stop.class::isInstance).count();
  }

  /** How many instances of the snapshot run on each host. */
  static Map<String, Long> perHost(LatticeSnapshot snapshot) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    snapshot.instances().forEach(i -> counts.merge(i.hostId(), 1L, Long::sum));
    return counts;
  }
}
