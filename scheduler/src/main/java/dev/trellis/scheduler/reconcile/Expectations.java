package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.scheduler.reconcile.Placement.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns persisted placements and this pass's observations into the instances scalers see, plus the
 * bookkeeping that makes commands safe to repeat (wadm's "expected events", as a pure function):
 *
 * <ul>
 *   <li>A start this replica sent is <em>expected</em> for {@code expectTimeout}: while the host
 *       does not know the workload yet, the instance counts as pending and nothing is re-sent.
 *       After that, or when another replica sent it (a takeover), the same start is re-sent under
 *       the same workload id, which a host treats idempotently, so nothing is ever started twice.
 *   <li>A workload that stays STARTING beyond {@code startTimeout} is failed.
 *   <li>A stop is expected likewise, and re-sent after {@code expectTimeout}.
 *   <li>A placement on a host that is not live is kept aside (not counted, so scalers replace it)
 *       until the host returns, or dropped after {@code forgetAfter}.
 * </ul>
 */
public final class Expectations {
  private final Duration expectTimeout;
  private final Duration startTimeout;
  private final Duration forgetAfter;

  public Expectations(Duration expectTimeout, Duration startTimeout, Duration forgetAfter) {
    this.expectTimeout = expectTimeout;
    this.startTimeout = startTimeout;
    this.forgetAfter = forgetAfter;
  }

  /**
   * The classification of every placement.
   *
   * @param instances what the scalers see
   * @param placements the placements to keep, updated
   * @param resendStarts placements whose start must be re-sent under the same id
   * @param resendStops placements whose stop must be re-sent
   * @param failures placements that failed in this pass
   */
  public record Classified(
      List<Instance> instances,
      List<Placement> placements,
      List<Placement> resendStarts,
      List<Placement> resendStops,
      List<Placement> failures) {
    public Classified {
      instances = List.copyOf(instances);
      placements = List.copyOf(placements);
      resendStarts = List.copyOf(resendStarts);
      resendStops = List.copyOf(resendStops);
      failures = List.copyOf(failures);
    }
  }

  /** Classifies {@code placements} given what was observed of each (by workload id). */
  public Classified classify(
      List<Placement> placements,
      Map<String, Observation> observed,
      Instant now,
      String replicaId) {
    Builder out = new Builder();
    for (Placement p : placements) {
      Observation o = observed.getOrDefault(p.workloadId(), new Observation.HostDown());
      switch (o) {
        case Observation.HostDown down -> {
          Placement lost = p.lost(now);
          if (Duration.between(lost.lostSince().orElse(now), now).compareTo(forgetAfter) < 0) {
            out.placements.add(lost);
          }
        }
        case Observation.Unreachable unreachable -> out.keep(p, fromPhase(p));
        case Observation.Reported reported -> reported(p, reported.status(), now, replicaId, out);
      }
    }
    return out.build();
  }

  private void reported(
      Placement p, WorkloadStatus status, Instant now, String replicaId, Builder out) {
    boolean stopping = p.phase() == Phase.STOPPING;
    switch (status.getWorkloadState()) {
      case WORKLOAD_STATE_RUNNING, WORKLOAD_STATE_STARTING, WORKLOAD_STATE_STOPPING -> {
        if (stopping
            || status.getWorkloadState()
                == dev.trellis.proto.v2.WorkloadState.WORKLOAD_STATE_STOPPING) {
          stillStopping(p, now, out);
        } else if (status.getWorkloadState()
            == dev.trellis.proto.v2.WorkloadState.WORKLOAD_STATE_RUNNING) {
          out.keep(p.in(Phase.STARTED, now, ""), InstanceState.RUNNING);
        } else if (Duration.between(p.requestedAt(), now).compareTo(startTimeout) > 0) {
          fail(p, "did not reach RUNNING within " + startTimeout.toSeconds() + "s", now, out);
        } else {
          out.keep(p.in(Phase.STARTED, now, ""), InstanceState.STARTING);
        }
      }
      case WORKLOAD_STATE_ERROR, WORKLOAD_STATE_COMPLETED -> {
        if (stopping) {
          stillStopping(p, now, out);
        } else {
          String message = status.getMessage().isBlank() ? exited(status) : status.getMessage();
          fail(p, message, now, out);
        }
      }
      case WORKLOAD_STATE_NOT_FOUND, WORKLOAD_STATE_UNSPECIFIED, UNRECOGNIZED ->
          notFound(p, now, replicaId, out);
    }
  }

  private static String exited(WorkloadStatus status) {
    return status.getWorkloadState() == dev.trellis.proto.v2.WorkloadState.WORKLOAD_STATE_COMPLETED
        ? "workload exited"
        : "workload failed";
  }

  private void notFound(Placement p, Instant now, String replicaId, Builder out) {
    switch (p.phase()) {
      case STOPPING, FAILED, STARTED -> {
        // Stopped as asked, cleaned up, or gone with its host's restart: nothing left to track.
      }
      case REQUESTED -> {
        if (p.lostSince().isPresent()) {
          return; // its host came back without it; the scalers have replaced it meanwhile
        }
        boolean expected =
            p.requestedBy().equals(replicaId)
                && Duration.between(p.phaseSince(), now).compareTo(expectTimeout) < 0;
        if (expected) {
          out.keep(p, InstanceState.PENDING);
        } else {
          out.resendStarts.add(p);
          out.keep(p.resent(now, replicaId), InstanceState.PENDING);
        }
      }
    }
  }

  private void stillStopping(Placement p, Instant now, Builder out) {
    Placement stopping = p.phase() == Phase.STOPPING ? p : p.stopping(now);
    if (p.phase() == Phase.STOPPING
        && Duration.between(p.phaseSince(), now).compareTo(expectTimeout) >= 0) {
      out.resendStops.add(p);
      stopping = p.stopping(now);
    }
    out.keep(stopping, InstanceState.STOPPING);
  }

  private static void fail(Placement p, String message, Instant now, Builder out) {
    Placement failed = p.in(Phase.FAILED, now, message);
    if (p.phase() != Phase.FAILED) {
      out.failures.add(failed);
    }
    out.placements.add(failed);
    out.instances.add(instance(failed, InstanceState.FAILED));
  }

  private static InstanceState fromPhase(Placement p) {
    return switch (p.phase()) {
      case REQUESTED -> InstanceState.PENDING;
      case STARTED -> InstanceState.STARTING;
      case FAILED -> InstanceState.FAILED;
      case STOPPING -> InstanceState.STOPPING;
    };
  }

  static Instance instance(Placement p, InstanceState state) {
    return new Instance(p.hostId(), p.workloadId(), p.annotations(), state, p.message());
  }

  private static final class Builder {
    final List<Instance> instances = new ArrayList<>();
    final List<Placement> placements = new ArrayList<>();
    final List<Placement> resendStarts = new ArrayList<>();
    final List<Placement> resendStops = new ArrayList<>();
    final List<Placement> failures = new ArrayList<>();

    void keep(Placement p, InstanceState state) {
      placements.add(p);
      instances.add(instance(p, state));
    }

    Classified build() {
      return new Classified(instances, placements, resendStarts, resendStops, failures);
    }
  }

  /** The phase a placement should be in after its start was answered, if the answer says. */
  static Optional<Phase> afterStart(WorkloadStatus status) {
    return switch (status.getWorkloadState()) {
      case WORKLOAD_STATE_RUNNING, WORKLOAD_STATE_STARTING -> Optional.of(Phase.STARTED);
      case WORKLOAD_STATE_ERROR, WORKLOAD_STATE_COMPLETED -> Optional.of(Phase.FAILED);
      case WORKLOAD_STATE_STOPPING,
          WORKLOAD_STATE_NOT_FOUND,
          WORKLOAD_STATE_UNSPECIFIED,
          UNRECOGNIZED ->
          Optional.empty();
    };
  }
}
