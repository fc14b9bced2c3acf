package dev.trellis.scheduler.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Answers to commands that arrived after their pass moved on: kept per application until the app's
 * next pass records them (which their arrival triggers).
 */
final class LateOutcomes {
  private final Map<String, List<CommandRunner.Outcome>> pending = new ConcurrentHashMap<>();
  private final Consumer<String> trigger;

  LateOutcomes(Consumer<String> trigger) {
    this.trigger = trigger;
  }

  void add(String app, CommandRunner.Outcome outcome) {
    pending.merge(
        app,
        List.of(outcome),
        (earlier, later) -> {
          List<CommandRunner.Outcome> all = new ArrayList<>(earlier);
          all.addAll(later);
          return List.copyOf(all);
        });
    trigger.accept(app);
  }

  /** Takes every late answer of {@code app}. */
  List<CommandRunner.Outcome> drain(String app) {
    List<CommandRunner.Outcome> taken = pending.remove(app);
    return taken == null ? List.of() : List.copyOf(taken);
  }
}
