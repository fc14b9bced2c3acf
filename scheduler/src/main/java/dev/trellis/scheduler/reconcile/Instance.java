package dev.trellis.scheduler.reconcile;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One workload instance of an application on a live host: its id, the annotations it was started
 * with (which scaler, spread, version and definition hash it belongs to) and its state.
 *
 * @param hostId the host running it
 * @param workloadId its id on that host
 * @param annotations the ownership annotations it was started with
 * @param state where it stands
 * @param message what the host said about it (the error of a failed instance), else empty
 */
public record Instance(
    String hostId,
    String workloadId,
    Map<String, String> annotations,
    InstanceState state,
    String message) {
  public Instance {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(workloadId, "workloadId");
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
  }

  /** The scaler key it belongs to, if annotated. */
  public Optional<String> scalerKey() {
    return Ownership.get(annotations, Ownership.SCALER);
  }

  /** The spread it was placed for, if annotated. */
  public Optional<String> spreadName() {
    return Ownership.get(annotations, Ownership.SPREAD);
  }

  /** The hash of the definition it runs, if annotated. */
  public Optional<String> specHash() {
    return Ownership.get(annotations, Ownership.SPEC_HASH);
  }

  /** Whether it counts as present (pending, starting or running). */
  public boolean isHealthy() {
    return switch (state) {
      case PENDING, STARTING, RUNNING -> true;
      case FAILED, STOPPING -> false;
    };
  }

  /** This instance in another state. */
  public Instance withState(InstanceState newState) {
    return new Instance(hostId, workloadId, annotations, newState, message);
  }
}
