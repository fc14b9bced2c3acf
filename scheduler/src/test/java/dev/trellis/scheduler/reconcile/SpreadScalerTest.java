package dev.trellis.scheduler.reconcile;

import static dev.trellis.scheduler.reconcile.TestApps.apply;
import static dev.trellis.scheduler.reconcile.TestApps.host;
import static dev.trellis.scheduler.reconcile.TestApps.perHost;
import static dev.trellis.scheduler.reconcile.TestApps.spread;
import static dev.trellis.scheduler.reconcile.TestApps.starts;
import static dev.trellis.scheduler.reconcile.TestApps.stops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.manifest.Application;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The spread scaler as snapshot → commands. */
class SpreadScalerTest {
  private static final String TWO_REGIONS =
      "[{name: eu, requirements: {region: eu-west}, weight: 2},"
          + " {name: us, requirements: {region: us-east}, weight: 1}]";
  private static final List<HostState> HOSTS =
      List.of(
          host("eu1", "region", "eu-west"),
          host("eu2", "region", "eu-west"),
          host("us1", "region", "us-east"));

  private final Supplier<String> ids = TestApps.ids();

  private AppPlan plan(Application app, LatticeSnapshot snapshot) {
    return AppPlanner.plan(WorkloadMapper.map(app), snapshot, ids);
  }

  @Test
  void weightsTwoToOneSplitInstancesAndSpreadLoad() {
    Application app = spread("v1", "ghcr.io/acme/api:1.0.0", 6, TWO_REGIONS);
    LatticeSnapshot empty = new LatticeSnapshot(HOSTS, List.of());
    AppPlan plan = plan(app, empty);
    assertEquals(6, starts(plan.commands()));
    assertEquals(Map.of("eu1", 2L, "eu2", 2L, "us1", 2L), perHost(apply(empty, plan.commands())));
    assertEquals(StatusType.RECONCILING, plan.scalers().getFirst().status().type());
  }

  @Test
  void threeInstancesTwoToOneGiveTwoInEuropeOneInUs() {
    Application app = spread("v1", "ghcr.io/acme/api:1.0.0", 3, TWO_REGIONS);
    LatticeSnapshot empty = new LatticeSnapshot(HOSTS, List.of());
    LatticeSnapshot after = apply(empty, plan(app, empty).commands());
    assertEquals(Map.of("eu1", 1L, "eu2", 1L, "us1", 1L), perHost(after));
    AppPlan again = plan(app, after);
    assertEquals(List.of(), again.commands(), "converged: nothing more to do");
    assertEquals(StatusType.DEPLOYED, again.scalers().getFirst().status().type());
    assertEquals("3/3 running", again.scalers().getFirst().status().message());
  }

  @Test
  void overlappingRequirementsConvergeAndNeverMoveInstances() {
    String overlapping =
        "[{name: eu, requirements: {region: eu-west}, weight: 1},"
            + " {name: all, requirements: {}, weight: 1}]";
    Application app = spread("v1", "ghcr.io/acme/api:1.0.0", 4, overlapping);
    LatticeSnapshot snapshot = new LatticeSnapshot(HOSTS, List.of());
    snapshot = apply(snapshot, plan(app, snapshot).commands());
    assertEquals(4, snapshot.instances().size());
    for (int pass = 0; pass < 5; pass++) {
      assertEquals(List.of(), plan(app, snapshot).commands(), "pass " + pass + " must be a no-op");
    }
    long inEu =
        snapshot.instances().stream()
            .filter(i -> i.spreadName().orElseThrow().equals("eu"))
            .count();
    assertEquals(2, inEu);
  }

  @Test
  void noMatchingHostWaitsAndSaysWhy() {
    String spreads = "[{name: eu, requirements: {region: eu-west}}]";
    Application app = spread("v1", "ghcr.io/acme/api:1.0.0", 2, spreads);
    AppPlan plan =
        plan(app, new LatticeSnapshot(List.of(host("us1", "region", "us-east")), List.of()));
    assertEquals(List.of(), plan.commands());
    var status = plan.scalers().getFirst().status();
    assertEquals(StatusType.WAITING, status.type());
    assertTrue(status.message().contains("no host matches {region=eu-west}"), status.message());
  }

  /** An HTTP handler behind wasmCloud's http-server image: the host's HTTP plugin must serve it. */
  private static Application httpApp(int instances) {
    return TestApps.parse(
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata: {name: web, annotations: {version: v1}}
        spec:
          components:
            - name: api
              type: component
              properties: {image: ghcr.io/acme/api:1.0.0}
              traits:
                - type: spreadscaler
                  properties: {instances: %d}
            - name: ingress
              type: capability
              properties: {image: ghcr.io/wasmcloud/http-server:0.23.0}
              traits:
                - type: link
                  properties:
                    namespace: wasi
                    package: http
                    interfaces: [incoming-handler]
                    target: {name: api}
        """
            .formatted(instances));
  }

  private static HostState advertising(String id, String... interfaces) {
    return new HostState(id, Map.of(), 0, java.util.Set.of(interfaces));
  }

  @Test
  void workloadsGoOnlyToHostsWhosePluginsServeThem() {
    LatticeSnapshot snapshot =
        new LatticeSnapshot(
            List.of(
                advertising("no-http", "wasi:http/outgoing-handler", "wasi:keyvalue/store"),
                advertising("http", "wasi:http/outgoing-handler", "wasi:http/incoming-handler")),
            List.of());
    AppPlan plan = plan(httpApp(3), snapshot);
    assertEquals(Map.of("http", 3L), perHost(apply(snapshot, plan.commands())));
  }

  @Test
  void noHostServingTheWorkloadWaitsAndNamesWhatIsMissing() {
    LatticeSnapshot snapshot =
        new LatticeSnapshot(
            List.of(advertising("no-http", "wasi:http/outgoing-handler")), List.of());
    AppPlan plan = plan(httpApp(1), snapshot);
    assertEquals(List.of(), plan.commands());
    var status = plan.scalers().getFirst().status();
    assertEquals(StatusType.WAITING, status.type());
    assertTrue(
        status.message().contains("host no-http lacks wasi:http/incoming-handler"),
        status.message());
  }

  @Test
  void aHostThatAdvertisesNoInterfacesIsAssumedToServeEverything() {
    LatticeSnapshot snapshot = new LatticeSnapshot(List.of(host("plain")), List.of());
    assertEquals(1, starts(plan(httpApp(1), snapshot).commands()));
  }

  @Test
  void zeroWeightSpreadGetsNothingAndLosesWhatItHad() {
    String spreads =
        "[{name: eu, requirements: {region: eu-west}, weight: 1},"
            + " {name: us, requirements: {region: us-east}, weight: 0}]";
    Application app = spread("v1", "ghcr.io/acme/api:1.0.0", 3, spreads);
    LatticeSnapshot empty = new LatticeSnapshot(HOSTS, List.of());
    AppPlan first = plan(app, empty);
    LatticeSnapshot after = apply(empty, first.commands());
    assertEquals(Map.of("eu1", 2L, "eu2", 1L), perHost(after));
    Instance stray =
        new Instance(
            "us1",
            "stray",
            Map.of(
                Ownership.SCALER, "spreadscaler:api",
                Ownership.SPREAD, "us",
                Ownership.SPEC_HASH,
                    first.scalers().getFirst().commands().stream()
                        .map(
                            c ->
                                ((Command.Start) c)
                                    .workload()
                                    .getAnnotationsOrThrow(Ownership.SPEC_HASH))
                        .findFirst()
                        .orElseThrow()),
            InstanceState.RUNNING,
            "");
    List<Instance> withStray = new java.util.ArrayList<>(after.instances());
    withStray.add(stray);
    AppPlan cleanup = plan(app, new LatticeSnapshot(HOSTS, withStray));
    assertEquals(List.of(new Command.Stop("us1", "stray", "excess")), cleanup.commands());
  }

  @Test
  void hostLossIsReplacedOnRemainingMatchingHosts() {
    Application app = spread("v1", "ghcr.io/acme/api:1.0.0", 3, TWO_REGIONS);
    LatticeSnapshot empty = new LatticeSnapshot(HOSTS, List.of());
    LatticeSnapshot running = apply(empty, plan(app, empty).commands());
    List<HostState> withoutEu1 = HOSTS.stream().filter(h -> !h.hostId().equals("eu1")).toList();
    LatticeSnapshot lost =
        new LatticeSnapshot(
            withoutEu1,
            running.instances().stream().filter(i -> !i.hostId().equals("eu1")).toList());
    AppPlan heal = plan(app, lost);
    assertEquals(List.of("eu2"), heal.commands().stream().map(Command::hostId).toList());
    assertEquals(Map.of("eu2", 2L, "us1", 1L), perHost(apply(lost, heal.commands())));
  }

  @Test
  void rolloutNeverExceedsDesiredPlusSurgeAndKeepsDesiredRunning() {
    Application v1 = spread("v1", "ghcr.io/acme/api:1.0.0", 4, "[]");
    Application v2 = spread("v2", "ghcr.io/acme/api:2.0.0", 4, "[]");
    LatticeSnapshot snapshot = new LatticeSnapshot(HOSTS, List.of());
    snapshot = apply(snapshot, plan(v1, snapshot).commands());
    int passes = 0;
    while (true) {
      AppPlan plan = plan(v2, snapshot);
      if (plan.commands().isEmpty()) {
        break;
      }
      // Starts land before stops: the lattice briefly holds both, which must stay within bounds.
      LatticeSnapshot started =
          apply(
              snapshot, plan.commands().stream().filter(Command.Start.class::isInstance).toList());
      assertTrue(
          started.instances().size() <= 4 + 1,
          "surge bound exceeded: " + started.instances().size());
      snapshot = apply(snapshot, plan.commands());
      assertTrue(snapshot.instances().size() >= 4, "fewer than desired running");
      assertTrue(++passes < 20, "rollout does not converge");
    }
    assertEquals(4, snapshot.instances().size());
    assertTrue(
        snapshot.instances().stream()
            .allMatch(i -> i.annotations().get(Ownership.VERSION).equals("v2")));
  }

  @Test
  void rolloutReplacesInPlaceSoEveryServingHostKeepsAnInstance() {
    for (int instances : List.of(3, 6)) {
      Application v1 = spread("v1", "ghcr.io/acme/api:1.0.0", instances, TWO_REGIONS);
      Application v2 = spread("v2", "ghcr.io/acme/api:2.0.0", instances, TWO_REGIONS);
      LatticeSnapshot snapshot = new LatticeSnapshot(HOSTS, List.of());
      snapshot = apply(snapshot, plan(v1, snapshot).commands());
      Map<String, Long> before = perHost(snapshot);
      for (int passes = 0; ; passes++) {
        assertTrue(passes < 30, "rollout of " + instances + " does not converge");
        AppPlan plan = plan(v2, snapshot);
        if (plan.commands().isEmpty()) {
          break;
        }
        snapshot = apply(snapshot, plan.commands());
        assertEquals(
            before.keySet(),
            perHost(snapshot).keySet(),
            "a host that served the app must keep an instance at every step (" + instances + ")");
      }
      assertEquals(before, perHost(snapshot), "the rollout ends as balanced as it began");
      assertTrue(
          snapshot.instances().stream()
              .allMatch(i -> i.annotations().get(Ownership.VERSION).equals("v2")));
    }
  }

  @Test
  void rolloutOnAHostHoldingTwoInstancesKeepsItServing() {
    Application v1 = spread("v1", "ghcr.io/acme/api:1.0.0", 3, TWO_REGIONS);
    Application v2 = spread("v2", "ghcr.io/acme/api:2.0.0", 3, TWO_REGIONS);
    List<HostState> healed = HOSTS.stream().filter(h -> !h.hostId().equals("eu1")).toList();
    LatticeSnapshot snapshot = new LatticeSnapshot(healed, List.of());
    snapshot = apply(snapshot, plan(v1, snapshot).commands());
    assertEquals(Map.of("eu2", 2L, "us1", 1L), perHost(snapshot));
    for (int passes = 0; ; passes++) {
      assertTrue(passes < 30, "rollout does not converge");
      AppPlan plan = plan(v2, snapshot);
      if (plan.commands().isEmpty()) {
        break;
      }
      snapshot = apply(snapshot, plan.commands());
      assertEquals(Map.of("eu2", true, "us1", true), serving(snapshot));
    }
    assertEquals(Map.of("eu2", 2L, "us1", 1L), perHost(snapshot));
  }

  private static Map<String, Boolean> serving(LatticeSnapshot snapshot) {
    Map<String, Boolean> out = new java.util.TreeMap<>();
    snapshot.instances().forEach(i -> out.put(i.hostId(), true));
    return out;
  }

  @Test
  void failedInstanceIsStoppedAndReportedWithHostMessage() {
    Application app = spread("v1", "ghcr.io/acme/api:1.0.0", 1, "[]");
    LatticeSnapshot empty = new LatticeSnapshot(HOSTS, List.of());
    Command.Start start = (Command.Start) plan(app, empty).commands().getFirst();
    Instance failed =
        new Instance(
            start.hostId(),
            start.workloadId(),
            start.workload().getAnnotationsMap(),
            InstanceState.FAILED,
            "no component engine");
    AppPlan plan = plan(app, new LatticeSnapshot(HOSTS, List.of(failed)));
    assertEquals(1, stops(plan.commands()));
    assertEquals(1, starts(plan.commands()));
    var status = plan.scalers().getFirst().status();
    assertEquals(StatusType.FAILED, status.type());
    assertTrue(status.message().contains("host eu1: no component engine"), status.message());
  }

  @Test
  void undeployStopsEverythingItOwnsAndNothingElse() {
    Application app = spread("v1", "ghcr.io/acme/api:1.0.0", 2, "[]");
    LatticeSnapshot empty = new LatticeSnapshot(HOSTS, List.of());
    LatticeSnapshot running = apply(empty, plan(app, empty).commands());
    AppPlan plan = AppPlanner.plan(DesiredApp.none("shop"), running, ids);
    assertEquals(2, stops(plan.commands()));
    assertEquals(0, starts(plan.commands()));
  }

  @Test
  void apportionIsLargestRemainder() {
    assertEquals(List.of(2, 1), Apportion.of(3, List.of(2, 1)));
    assertEquals(List.of(3, 1), Apportion.of(4, List.of(2, 1)));
    assertEquals(List.of(1, 1, 1), Apportion.of(3, List.of(1, 1, 1)));
    assertEquals(List.of(2, 0), Apportion.of(2, List.of(5, 0)));
    assertEquals(List.of(0, 0), Apportion.of(2, List.of(0, 0)));
    assertEquals(List.of(15, 5), Apportion.of(20, List.of(75, 25)));
  }
}
