package dev.trellis.host.workload;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rollback path of a workload: everything resolution acquires (plugin bindings, empty
 * directories) registers how to give it back, and a failed start, a stop and a failed service all
 * give it back the same way — last acquired, first released. A failing step is logged and the rest
 * still run. Running it twice releases nothing twice.
 */
final class Teardown {
  private static final Logger LOG = LoggerFactory.getLogger(Teardown.class);

  private final String workloadId;
  private final Deque<Step> steps = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();

  private record Step(String what, Runnable action) {}

  Teardown(String workloadId) {
    this.workloadId = workloadId;
  }

  /** Registers {@code action}, run at teardown before everything registered earlier. */
  void add(String what, Runnable action) {
    lock.lock();
    try {
      steps.push(new Step(what, action));
    } finally {
      lock.unlock();
    }
  }

  /** Runs and forgets every step, newest first. Never throws. */
  void run() {
    while (true) {
      Step step;
      lock.lock();
      try {
        step = steps.poll();
      } finally {
        lock.unlock();
      }
      if (step == null) {
        return;
      }
      try {
        step.action().run();
      } catch (RuntimeException e) {
        LOG.warn(
            "teardown_step_failed workload_id={} step={} error={}",
            workloadId,
            step.what(),
            e.toString());
      }
    }
  }
}
