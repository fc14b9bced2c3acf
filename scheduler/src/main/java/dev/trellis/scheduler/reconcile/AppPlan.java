package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.ScalerStatus;
import dev.trellis.scheduler.api.StatusType;
import java.util.ArrayList;
import java.util.List;

/**
 * What an application's scalers computed: one plan per scaler, stops for instances no scaler of the
 * deployed version owns (removed components, an undeployed app), and the statuses of parts that
 * need no workload.
 *
 * @param app the application
 * @param scalers the plan of each scaler
 * @param orphanStops stops of instances no scaler owns
 * @param passive statuses of capabilities
 */
public record AppPlan(
    String app, List<ScalerPlan> scalers, List<Command> orphanStops, List<ScalerStatus> passive) {
  public AppPlan {
    scalers = List.copyOf(scalers);
    orphanStops = List.copyOf(orphanStops);
    passive = List.copyOf(passive);
  }

  /** Every command, scalers' first, in a stable order. */
  public List<Command> commands() {
    List<Command> all = new ArrayList<>();
    scalers.forEach(s -> all.addAll(s.commands()));
    all.addAll(orphanStops);
    return List.copyOf(all);
  }

  /** Every status to report: the scalers', a cleanup entry while orphans stop, the passive ones. */
  public List<ScalerStatus> statuses() {
    List<ScalerStatus> all = new ArrayList<>();
    scalers.forEach(s -> all.add(s.status()));
    if (!orphanStops.isEmpty()) {
      all.add(
          new ScalerStatus(
              "cleanup",
              "Cleanup",
              app,
              StatusType.RECONCILING,
              "stopping " + orphanStops.size() + " workload(s) no scaler owns"));
    }
    all.addAll(passive);
    return List.copyOf(all);
  }

  /** This plan with other scaler plans. */
  public AppPlan withScalers(List<ScalerPlan> newScalers) {
    return new AppPlan(app, newScalers, orphanStops, passive);
  }
}
