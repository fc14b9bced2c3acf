package dev.trellis.scheduler.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Placements + observations → instances, re-sends and failures. */
class ExpectationsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Expectations expectations =
      new Expectations(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofMinutes(10));

  private static Placement requested(String by) {
    return new Placement(
        "w1",
        "h1",
        Map.of(Ownership.SCALER, "s"),
        Placement.Phase.REQUESTED,
        T0,
        T0,
        by,
        "",
        Optional.empty());
  }

  private static Observation reported(WorkloadState state, String message) {
    return new Observation.Reported(
        WorkloadStatus.newBuilder()
            .setWorkloadId("w1")
            .setWorkloadState(state)
            .setMessage(message)
            .build());
  }

  @Test
  void ownUnansweredStartIsExpectedUntilTheTimeout() {
    var early =
        expectations.classify(
            List.of(requested("me")),
            Map.of("w1", reported(WorkloadState.WORKLOAD_STATE_NOT_FOUND, "")),
            T0.plusSeconds(5),
            "me");
    assertEquals(InstanceState.PENDING, early.instances().getFirst().state());
    assertEquals(List.of(), early.resendStarts());
    var late =
        expectations.classify(
            List.of(requested("me")),
            Map.of("w1", reported(WorkloadState.WORKLOAD_STATE_NOT_FOUND, "")),
            T0.plusSeconds(31),
            "me");
    assertEquals(1, late.resendStarts().size());
  }

  @Test
  void startOfAnotherReplicaIsResentAtOnceUnderTheSameId() {
    var taken =
        expectations.classify(
            List.of(requested("dead-replica")),
            Map.of("w1", reported(WorkloadState.WORKLOAD_STATE_NOT_FOUND, "")),
            T0.plusSeconds(1),
            "me");
    assertEquals("w1", taken.resendStarts().getFirst().workloadId());
    assertEquals("me", taken.placements().getFirst().requestedBy());
  }

  @Test
  void errorFailsOnceWithTheHostMessage() {
    var failed =
        expectations.classify(
            List.of(requested("me")),
            Map.of("w1", reported(WorkloadState.WORKLOAD_STATE_ERROR, "no component engine")),
            T0.plusSeconds(1),
            "me");
    assertEquals(InstanceState.FAILED, failed.instances().getFirst().state());
    assertEquals("no component engine", failed.failures().getFirst().message());
    var again =
        expectations.classify(
            failed.placements(),
            Map.of("w1", reported(WorkloadState.WORKLOAD_STATE_ERROR, "no component engine")),
            T0.plusSeconds(2),
            "me");
    assertEquals(List.of(), again.failures(), "a failure is counted once");
  }

  @Test
  void placementOnGoneHostIsSetAsideThenForgotten() {
    var lost =
        expectations.classify(
            List.of(requested("me")), Map.of("w1", new Observation.HostDown()), T0, "me");
    assertEquals(List.of(), lost.instances());
    assertEquals(Optional.of(T0), lost.placements().getFirst().lostSince());
    var forgotten =
        expectations.classify(
            lost.placements(), Map.of("w1", new Observation.HostDown()), T0.plusSeconds(601), "me");
    assertEquals(List.of(), forgotten.placements());
  }

  @Test
  void stopIsConfirmedByNotFound() {
    Placement stopping = requested("me").stopping(T0);
    var done =
        expectations.classify(
            List.of(stopping),
            Map.of("w1", reported(WorkloadState.WORKLOAD_STATE_NOT_FOUND, "")),
            T0.plusSeconds(1),
            "me");
    assertEquals(List.of(), done.placements());
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    Backoff backoff =
        new Backoff(
            java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC),
            Duration.ofSeconds(1),
            Duration.ofSeconds(8));
    assertEquals(
        List.of(1L, 2L, 4L, 8L, 8L),
        List.of(1, 2, 3, 4, 5).stream().map(n -> backoff.delay(n).toSeconds()).toList());
    backoff.failed("app", "s", "host h1: boom");
    assertEquals(Optional.of(T0.plusSeconds(1)), backoff.blockedUntil("app", "s"));
  }
}
