package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.manifest.Spread;
import dev.trellis.scheduler.manifest.SpreadScaler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The spread scaler, as a pure function from a snapshot to commands. Each spread gets a target by
 * {@link Apportion} of the instances over the weights. An instance belongs to the spread named in
 * its annotation, so overlapping requirements never make instances move: an instance that runs the
 * current definition on a host still matching its spread is left alone. Missing instances go to the
 * least loaded matching hosts whose plugins serve what the workload needs ({@link
 * ScalerSpec#needs()}); excess ones stop, not-yet-running and most-loaded first.
 *
 * <p>Rollouts: an instance of another definition (or a spread that no longer exists or matches) is
 * outdated. New instances start while the total stays within desired + surge, and an outdated
 * instance stops only when enough current instances run to replace it.
 */
final class SpreadPlanner {
  /** The implicit spread of a scaler without any: every host, all instances. */
  static final Spread ANYWHERE = new Spread("default", Map.of(), Spread.DEFAULT_WEIGHT);

  private SpreadPlanner() {}

  static ScalerPlan plan(
      ScalerSpec spec, SpreadScaler trait, LatticeSnapshot snapshot, Supplier<String> ids) {
    List<Spread> spreads = trait.spread().isEmpty() ? List.of(ANYWHERE) : trait.spread();
    List<Integer> targets =
        Apportion.of(trait.instances(), spreads.stream().map(Spread::weight).toList());
    List<Instance> mine = snapshot.instancesOf(spec.key());
    Loads loads = Loads.of(snapshot, spec.key(), spec.specHash());
    List<Command> commands = new ArrayList<>();
    StatusParts status = new StatusParts();
    stopFailed(mine, commands, status);
    List<Instance> outdated = new ArrayList<>();
    Map<String, List<Instance>> current = classify(spec, spreads, mine, snapshot, outdated);
    for (int i = 0; i < spreads.size(); i++) {
      List<Instance> members = current.get(spreads.get(i).name());
      int excess = members.size() - targets.get(i);
      for (Instance extra : loads.pickToStop(members, Math.max(0, excess))) {
        commands.add(new Command.Stop(extra.hostId(), extra.workloadId(), "excess"));
        members.remove(extra);
      }
    }
    long existing = mine.stream().filter(i -> i.state() != InstanceState.FAILED).count();
    int budget = (int) Math.max(0, trait.instances() + spec.maxSurge() - existing);
    for (int i = 0; i < spreads.size(); i++) {
      Spread spread = spreads.get(i);
      int deficit = targets.get(i) - current.get(spread.name()).size();
      if (deficit > 0) {
        int starts = Math.min(deficit, budget);
        budget -= place(spec, spread, starts, snapshot, loads, ids, commands);
        List<HostState> matching =
            snapshot.hosts().stream().filter(h -> spread.matches(h.labels())).toList();
        if (matching.isEmpty()) {
          status.add(StatusType.WAITING, noHost(spread, trait.spread().isEmpty()));
        } else if (matching.stream().noneMatch(h -> spec.missingOn(h).isEmpty())) {
          String why = StatusParts.unserved(spec, matching);
          status.add(
              StatusType.WAITING,
              trait.spread().isEmpty() ? why : "spread " + spread.name() + ": " + why);
        }
      }
    }
    List<Instance> stillCurrent = current.values().stream().flatMap(List::stream).toList();
    commands.addAll(Rollout.retire(stillCurrent, outdated, trait.instances(), loads));
    summarize(status, stillCurrent, outdated, trait.instances(), commands);
    return new ScalerPlan(spec.key(), status.build(spec), commands);
  }

  /** Stops failed instances (they are replaced like missing ones) and reports their errors. */
  static void stopFailed(List<Instance> mine, List<Command> commands, StatusParts status) {
    for (Instance failed : mine.stream().filter(i -> i.state() == InstanceState.FAILED).toList()) {
      commands.add(new Command.Stop(failed.hostId(), failed.workloadId(), "failed"));
      status.add(StatusType.FAILED, StatusParts.failure(failed));
    }
  }

  /** Current instances by spread name; everything else healthy goes to {@code outdated}. */
  private static Map<String, List<Instance>> classify(
      ScalerSpec spec,
      List<Spread> spreads,
      List<Instance> mine,
      LatticeSnapshot snapshot,
      List<Instance> outdated) {
    Map<String, List<Instance>> current = new LinkedHashMap<>();
    spreads.forEach(s -> current.put(s.name(), new ArrayList<>()));
    for (Instance instance : mine.stream().filter(Instance::isHealthy).toList()) {
      Optional<Spread> spread = spreadOf(instance, spreads, snapshot);
      if (spread.isPresent() && instance.specHash().equals(Optional.of(spec.specHash()))) {
        current.get(spread.get().name()).add(instance);
      } else {
        outdated.add(instance);
      }
    }
    return current;
  }

  /** Starts up to {@code count} instances for {@code spread}; returns how many it placed. */
  private static int place(
      ScalerSpec spec,
      Spread spread,
      int count,
      LatticeSnapshot snapshot,
      Loads loads,
      Supplier<String> ids,
      List<Command> commands) {
    List<HostState> eligible =
        snapshot.hosts().stream()
            .filter(h -> spread.matches(h.labels()) && spec.missingOn(h).isEmpty())
            .toList();
    if (eligible.isEmpty()) {
      return 0;
    }
    for (int k = 0; k < count; k++) {
      HostState host = loads.leastLoaded(eligible);
      loads.added(host.hostId());
      commands.add(new Command.Start(host.hostId(), ids.get(), spec.workloadFor(spread.name())));
    }
    return count;
  }

  /** The spread an instance was placed for, if it still exists and its host still matches. */
  private static Optional<Spread> spreadOf(
      Instance instance, List<Spread> spreads, LatticeSnapshot snapshot) {
    String name = instance.spreadName().orElse(ANYWHERE.name());
    Optional<HostState> host = snapshot.host(instance.hostId());
    return spreads.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> host.isPresent() && s.matches(host.get().labels()))
        .findFirst();
  }

  private static String noHost(Spread spread, boolean implicit) {
    return implicit
        ? "no live host"
        : "spread "
            + spread.name()
            + ": no host matches "
            + StatusParts.requirements(spread.requirements());
  }

  /** Adds the reconciling or deployed part of the status. */
  static void summarize(
      StatusParts status,
      List<Instance> current,
      List<Instance> outdated,
      int desired,
      List<Command> commands) {
    long running = current.stream().filter(i -> i.state() == InstanceState.RUNNING).count();
    String counts = running + "/" + desired + " running";
    if (!outdated.isEmpty()) {
      status.add(
          StatusType.RECONCILING,
          "rolling out: "
              + running
              + "/"
              + desired
              + " updated and running, "
              + outdated.size()
              + " outdated left");
    } else if (running < desired || current.size() > desired || !commands.isEmpty()) {
      status.add(StatusType.RECONCILING, counts);
    } else {
      status.add(StatusType.DEPLOYED, counts);
    }
  }
}
