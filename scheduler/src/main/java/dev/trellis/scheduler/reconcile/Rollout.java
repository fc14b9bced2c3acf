package dev.trellis.scheduler.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * When outdated instances may stop during a rollout: those not running at once (they serve
 * nothing), running ones only as far as running current instances replace them, so that the number
 * of running instances never drops below the desired count while new ones come up. With a desired
 * count of zero, everything outdated stops.
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
        loads.removed(instance.hostId());
      }
    }
    long runningCurrent = current.stream().filter(i -> i.state() == InstanceState.RUNNING).count();
    long surplus = desired == 0 ? running.size() : runningCurrent + running.size() - desired;
    int count = (int) Math.min(running.size(), Math.max(0, surplus));
    for (Instance old : loads.pickToStop(running, count)) {
      stops.add(new Command.Stop(old.hostId(), old.workloadId(), "outdated"));
    }
    return stops;
  }
}
