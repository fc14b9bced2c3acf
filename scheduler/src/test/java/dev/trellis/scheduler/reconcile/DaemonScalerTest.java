package dev.trellis.scheduler.reconcile;

import static dev.trellis.scheduler.reconcile.TestApps.apply;
import static dev.trellis.scheduler.reconcile.TestApps.daemon;
import static dev.trellis.scheduler.reconcile.TestApps.host;
import static dev.trellis.scheduler.reconcile.TestApps.perHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.scheduler.api.StatusType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon scaler as snapshot → commands. */
class DaemonScalerTest {
  private static final String EDGE = "[{name: edge, requirements: {tier: edge}}]";

  @Test
  void runsInstancesOnEveryMatchingHostOnly() {
    var desired = WorkloadMapper.map(daemon(2, EDGE));
    var hosts =
        List.of(host("a", "tier", "edge"), host("b", "tier", "edge"), host("c", "tier", "core"));
    LatticeSnapshot empty = new LatticeSnapshot(hosts, List.of());
    AppPlan plan = AppPlanner.plan(desired, empty, TestApps.ids());
    LatticeSnapshot after = apply(empty, plan.commands());
    assertEquals(Map.of("a", 2L, "b", 2L), perHost(after));
    AppPlan again = AppPlanner.plan(desired, after, TestApps.ids());
    assertEquals(List.of(), again.commands());
    assertEquals(StatusType.DEPLOYED, again.scalers().getFirst().status().type());
  }

  @Test
  void hostThatStopsMatchingLosesItsInstances() {
    var desired = WorkloadMapper.map(daemon(1, EDGE));
    var before = List.of(host("a", "tier", "edge"));
    LatticeSnapshot running =
        apply(
            new LatticeSnapshot(before, List.of()),
            AppPlanner.plan(desired, new LatticeSnapshot(before, List.of()), TestApps.ids())
                .commands());
    LatticeSnapshot relabelled =
        new LatticeSnapshot(List.of(host("a", "tier", "core")), running.instances());
    AppPlan plan = AppPlanner.plan(desired, relabelled, TestApps.ids());
    assertEquals(1, TestApps.stops(plan.commands()));
    assertEquals(0, TestApps.starts(plan.commands()));
  }

  @Test
  void noMatchingHostWaits() {
    var desired = WorkloadMapper.map(daemon(1, EDGE));
    AppPlan plan =
        AppPlanner.plan(
            desired,
            new LatticeSnapshot(List.of(host("c", "tier", "core")), List.of()),
            TestApps.ids());
    var status = plan.scalers().getFirst().status();
    assertEquals(StatusType.WAITING, status.type());
    assertTrue(status.message().contains("no host matches {tier=edge}"), status.message());
  }
}
