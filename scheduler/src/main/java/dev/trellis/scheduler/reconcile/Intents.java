package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.scheduler.reconcile.Placement.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How commands change placements: before they are sent (the intent, written ahead so nothing is
 * ever started unrecorded) and after the hosts answered (the outcome). Pure.
 */
final class Intents {
  private Intents() {}

  /** {@code placements} with the starts and stops of {@code commands} recorded as intended. */
  static List<Placement> intend(
      List<Placement> placements, List<Command> commands, Instant now, String replicaId) {
    Map<String, Placement> byId = byId(placements);
    for (Command command : commands) {
      switch (command) {
        case Command.Start start ->
            byId.putIfAbsent(start.workloadId(), Placement.requested(start, now, replicaId));
        case Command.Stop stop ->
            byId.computeIfPresent(stop.workloadId(), (id, p) -> p.stopping(now));
      }
    }
    return List.copyOf(byId.values());
  }

  /**
   * {@code placements} updated with what the hosts answered; {@code failed} hears of each start the
   * host refused.
   */
  static List<Placement> settle(
      List<Placement> placements,
      List<CommandRunner.Outcome> outcomes,
      Instant now,
      Consumer<Placement> failed) {
    Map<String, Placement> byId = byId(placements);
    for (CommandRunner.Outcome outcome : outcomes) {
      if (!(outcome.reply() instanceof HostCall.Answered<WorkloadStatus> answered)) {
        continue; // unanswered: the placement stays as intended, and is expected for a while
      }
      WorkloadStatus status = answered.value();
      String id = outcome.command().workloadId();
      switch (outcome.command()) {
        case Command.Start start ->
            Expectations.afterStart(status)
                .ifPresent(
                    phase ->
                        byId.computeIfPresent(
                            id,
                            (k, p) -> {
                              Placement next =
                                  p.in(phase, now, phase == Phase.FAILED ? message(status) : "");
                              if (phase == Phase.FAILED) {
                                failed.accept(next);
                              }
                              return next;
                            }));
        case Command.Stop stop -> {
          if (stopped(status)) {
            byId.remove(id);
          }
        }
      }
    }
    return List.copyOf(byId.values());
  }

  private static boolean stopped(WorkloadStatus status) {
    return switch (status.getWorkloadState()) {
      case WORKLOAD_STATE_NOT_FOUND, WORKLOAD_STATE_COMPLETED, WORKLOAD_STATE_UNSPECIFIED -> true;
      case WORKLOAD_STATE_STARTING,
          WORKLOAD_STATE_RUNNING,
          WORKLOAD_STATE_STOPPING,
          WORKLOAD_STATE_ERROR,
          UNRECOGNIZED ->
          false;
    };
  }

  private static String message(WorkloadStatus status) {
    return status.getMessage().isBlank() ? "workload failed to start" : status.getMessage();
  }

  private static Map<String, Placement> byId(List<Placement> placements) {
    Map<String, Placement> byId = new LinkedHashMap<>();
    placements.forEach(p -> byId.put(p.workloadId(), p));
    return byId;
  }

  /** The placements still waiting for an outcome (starts unanswered, stops unconfirmed). */
  static List<Placement> unsettled(List<Placement> placements) {
    List<Placement> waiting = new ArrayList<>();
    for (Placement p : placements) {
      if (p.lostSince().isEmpty()
          && (p.phase() == Phase.REQUESTED || p.phase() == Phase.STOPPING)) {
        waiting.add(p);
      }
    }
    return waiting;
  }
}
