package dev.trellis.scheduler.reconcile;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One workload the scheduler started (or decided to start, or is stopping) for an application,
 * persisted in {@link PlacementStore} before its command is sent, so that a restarted scheduler, or
 * another replica, knows exactly what the application owns on which host.
 *
 * @param workloadId the workload's id on its host
 * @param hostId the host
 * @param annotations the ownership annotations it was started with
 * @param phase what the scheduler last learned about it
 * @param requestedAt when its start was first decided
 * @param phaseSince when it entered its phase (or its command was last sent)
 * @param requestedBy the replica that last sent its start
 * @param message what the host last said about it (an error), else empty
 * @param lostSince since when its host has been gone, if it is
 */
public record Placement(
    String workloadId,
    String hostId,
    Map<String, String> annotations,
    Phase phase,
    Instant requestedAt,
    Instant phaseSince,
    String requestedBy,
    String message,
    Optional<Instant> lostSince) {
  public Placement {
    Objects.requireNonNull(workloadId, "workloadId");
    Objects.requireNonNull(hostId, "hostId");
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(phaseSince, "phaseSince");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(lostSince, "lostSince");
  }

  /** What the scheduler knows about a placement. */
  public enum Phase {
    /** Its start was decided and sent; no answer yet (or the answer was lost). */
    REQUESTED,
    /** The host accepted it (reported it starting or running). */
    STARTED,
    /** The host reported an error, or it never came up. */
    FAILED,
    /** Its stop was decided and sent; the host has not confirmed it gone. */
    STOPPING
  }

  /** A placement whose start {@code replica} decides at {@code now}. */
  public static Placement requested(Command.Start start, Instant now, String replica) {
    return new Placement(
        start.workloadId(),
        start.hostId(),
        start.workload().getAnnotationsMap(),
        Phase.REQUESTED,
        now,
        now,
        replica,
        "",
        Optional.empty());
  }

  /** This placement in {@code newPhase} since {@code now}, with {@code newMessage}. */
  public Placement in(Phase newPhase, Instant now, String newMessage) {
    return new Placement(
        workloadId,
        hostId,
        annotations,
        newPhase,
        requestedAt,
        newPhase == phase ? phaseSince : now,
        requestedBy,
        newMessage,
        Optional.empty());
  }

  /** This placement with its start re-sent by {@code replica} at {@code now}. */
  public Placement resent(Instant now, String replica) {
    return new Placement(
        workloadId,
        hostId,
        annotations,
        phase,
        requestedAt,
        now,
        replica,
        message,
        Optional.empty());
  }

  /** This placement with its stop (re-)sent at {@code now}. */
  public Placement stopping(Instant now) {
    return new Placement(
        workloadId,
        hostId,
        annotations,
        Phase.STOPPING,
        requestedAt,
        now,
        requestedBy,
        message,
        lostSince);
  }

  /** This placement on a host that is gone, since {@code now} unless already lost. */
  public Placement lost(Instant now) {
    return new Placement(
        workloadId,
        hostId,
        annotations,
        phase,
        requestedAt,
        phaseSince,
        requestedBy,
        message,
        Optional.of(lostSince.orElse(now)));
  }

  /** The scaler key it belongs to, if annotated. */
  public Optional<String> scalerKey() {
    return Ownership.get(annotations, Ownership.SCALER);
  }
}
