package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.manifest.DaemonScaler;
import dev.trellis.scheduler.manifest.Spread;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The daemon scaler, as a pure function from a snapshot to commands: {@code instances} copies on
 * every live host that matches one of the spreads (every host when there are none) and whose
 * plugins serve what the workload needs, none elsewhere. Rollouts work per host as for {@link
 * SpreadPlanner}: within instances + surge on each host, and an outdated instance stops only once a
 * current one runs beside it.
 */
final class DaemonPlanner {
  private DaemonPlanner() {}

  static ScalerPlan plan(
      ScalerSpec spec, DaemonScaler trait, LatticeSnapshot snapshot, Supplier<String> ids) {
    List<Instance> mine = snapshot.instancesOf(spec.key());
    Loads loads = Loads.of(snapshot, spec.key(), spec.specHash());
    List<Command> commands = new ArrayList<>();
    StatusParts status = new StatusParts();
    SpreadPlanner.stopFailed(mine, commands, status);
    int n = trait.instances();
    List<Instance> allCurrent = new ArrayList<>();
    List<Instance> allOutdated = new ArrayList<>();
    int matching = 0;
    List<HostState> unserved = new ArrayList<>();
    for (HostState host : snapshot.hosts()) {
      List<Instance> onHost = mine.stream().filter(i -> i.hostId().equals(host.hostId())).toList();
      Optional<Spread> spread = spreadFor(trait, host);
      if (spread.isPresent() && !spec.missingOn(host).isEmpty()) {
        unserved.add(host); // matches, but its plugins cannot serve the workload
        spread = Optional.empty();
      }
      if (spread.isEmpty()) {
        onHost.stream()
            .filter(Instance::isHealthy)
            .forEach(i -> commands.add(new Command.Stop(i.hostId(), i.workloadId(), "ineligible")));
        continue;
      }
      matching++;
      List<Instance> current = new ArrayList<>();
      List<Instance> outdated = new ArrayList<>();
      for (Instance instance : onHost.stream().filter(Instance::isHealthy).toList()) {
        (instance.specHash().equals(Optional.of(spec.specHash())) ? current : outdated)
            .add(instance);
      }
      for (Instance extra : loads.pickToStop(current, Math.max(0, current.size() - n))) {
        commands.add(new Command.Stop(extra.hostId(), extra.workloadId(), "excess"));
        current.remove(extra);
      }
      long existing = onHost.stream().filter(i -> i.state() != InstanceState.FAILED).count();
      int budget = (int) Math.max(0, n + spec.maxSurge() - existing);
      for (int k = 0; k < Math.min(n - current.size(), budget); k++) {
        commands.add(
            new Command.Start(host.hostId(), ids.get(), spec.workloadFor(spread.get().name())));
      }
      commands.addAll(Rollout.retire(current, outdated, n, loads));
      allCurrent.addAll(current);
      allOutdated.addAll(outdated);
    }
    if (matching == 0 && n > 0) {
      status.add(
          StatusType.WAITING,
          unserved.isEmpty() ? noHost(trait) : StatusParts.unserved(spec, unserved));
    }
    SpreadPlanner.summarize(status, allCurrent, allOutdated, n * matching, commands);
    return new ScalerPlan(spec.key(), status.build(spec), commands);
  }

  private static Optional<Spread> spreadFor(DaemonScaler trait, HostState host) {
    if (trait.spread().isEmpty()) {
      return Optional.of(SpreadPlanner.ANYWHERE);
    }
    return trait.spread().stream().filter(s -> s.matches(host.labels())).findFirst();
  }

  private static String noHost(DaemonScaler trait) {
    if (trait.spread().isEmpty()) {
      return "no live host";
    }
    return "no host matches "
        + trait.spread().stream()
            .map(s -> StatusParts.requirements(s.requirements()))
            .collect(Collectors.joining(" or "));
  }
}
