package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.ScalerStatus;
import java.util.List;
import java.util.Objects;

/**
 * What one scaler computed from a snapshot: the commands that move the lattice toward its desired
 * state and the status it reports meanwhile.
 *
 * @param key the scaler's key
 * @param status what the scaler reports
 * @param commands what it wants done, starts and stops
 */
public record ScalerPlan(String key, ScalerStatus status, List<Command> commands) {
  public ScalerPlan {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    commands = List.copyOf(commands);
  }

  /** This plan with another status and commands. */
  public ScalerPlan with(ScalerStatus newStatus, List<Command> newCommands) {
    return new ScalerPlan(key, newStatus, newCommands);
  }
}
