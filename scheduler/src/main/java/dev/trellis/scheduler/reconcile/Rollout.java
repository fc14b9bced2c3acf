package dev.trellis.scheduler.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * When outdated instances may stop during a rollout: those not running at once (they serve
 * nothing), running ones only as far as running current instances replace them, so that the number
 * of running instances never drops below the desired count while new ones come up. With a desired
 * count of zero, everything outdated stops. Of the running ones, those on a host where a current
 * instance already runs stop first, so a host that serves the application (say, on its HTTP port)
 * does not stop serving it while its replacement comes up elsewhere.
 */
final class Rollout {
  private Rollout() {}

  /** The stops of outdated instances that may happen now. */
  static List<Command> retire(
      List<Instance> current, List<Instance> outdated, int desired, Loads loads) {
    List<Command> stops = new ArrayList<>();
    List<Instance> running = new ArrayList<>();
    for (Instance instance : outdated) {
      if (instance.state() == InstanceState.RUNNING) {
        running.add(instance);
      } else {
        stops.add(new Command.Stop(instance.hostId(), instance.workloadId(), "outdated"));
        loads.removed(instance);
      }
    }
    Map<String, Long> replaced =
        current.stream()
            .filter(i -> i.state() == InstanceState.RUNNING)
            .collect(Collectors.groupingBy(Instance::hostId, Collectors.counting()));
    long runningCurrent = replaced.values().stream().mapToLong(Long::longValue).sum();
    long surplus = desired == 0 ? running.size() : runningCurrent + running.size() - desired;
    int count = (int) Math.min(running.size(), Math.max(0, surplus));
    Comparator<Instance> replacedFirst =
        Comparator.comparing((Instance i) -> !replaced.containsKey(i.hostId()));
    for (Instance old : loads.pickToStop(running, count, replacedFirst)) {
      stops.add(new Command.Stop(old.hostId(), old.workloadId(), "outdated"));
    }
    return stops;
  }
}
