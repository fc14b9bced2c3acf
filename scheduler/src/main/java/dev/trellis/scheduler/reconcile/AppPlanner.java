package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.ScalerStatus;
import dev.trellis.scheduler.manifest.DaemonScaler;
import dev.trellis.scheduler.manifest.SpreadScaler;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs every scaler of an application on one snapshot, and stops the instances that no scaler of
 * the deployed version owns (every instance, once the application is undeployed). Pure: no I/O,
 * workload ids come from the injected generator, named configs come resolved in the {@link
 * DesiredApp}.
 */
public final class AppPlanner {
  private AppPlanner() {}

  /** The plan that moves {@code snapshot} toward {@code desired}. */
  public static AppPlan plan(DesiredApp desired, LatticeSnapshot snapshot, Supplier<String> ids) {
    List<ScalerPlan> plans =
        desired.scalers().stream().map(spec -> plan(spec, snapshot, ids)).toList();
    Set<String> keys = desired.scalers().stream().map(ScalerSpec::key).collect(Collectors.toSet());
    List<Command> orphans =
        snapshot.instances().stream()
            .filter(i -> i.state() != InstanceState.STOPPING)
            .filter(i -> i.scalerKey().filter(keys::contains).isEmpty())
            .<Command>map(i -> new Command.Stop(i.hostId(), i.workloadId(), "not in the manifest"))
            .toList();
    return new AppPlan(desired.app(), plans, orphans, desired.passive());
  }

  /**
   * One scaler's plan. An {@linkplain ScalerSpec#unresolved() unresolved} scaler sends nothing: its
   * running instances stay as they are and it reports why it cannot start more.
   */
  public static ScalerPlan plan(ScalerSpec spec, LatticeSnapshot snapshot, Supplier<String> ids) {
    if (spec.unresolved().isPresent()) {
      ScalerSpec.Unresolved why = spec.unresolved().get();
      return new ScalerPlan(
          spec.key(),
          new ScalerStatus(spec.key(), spec.kind(), spec.name(), why.type(), why.message()),
          List.of());
    }
    return switch (spec.trait()) {
      case SpreadScaler spread -> SpreadPlanner.plan(spec, spread, snapshot, ids);
      case DaemonScaler daemon -> DaemonPlanner.plan(spec, daemon, snapshot, ids);
    };
  }
}
