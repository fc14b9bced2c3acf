package dev.trellis.scheduler.reconcile;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller-runtime style work queue of keys (application names): at most one reconcile in
 * flight per key, on its own virtual thread; triggers that arrive meanwhile merge into one more
 * pass after it; a pass's {@link ReconcileResult.RequeueAfter} schedules the next one (the earliest
 * pending schedule wins). A pass that throws is logged and retried after {@code errorDelay}.
 *
 * <p>Meters: {@code trellis.scheduler.reconcile.passes} (a timer by outcome {@code done}, {@code
 * requeue}, {@code failed}), {@code trellis.scheduler.reconcile.active} (passes in flight) and
 * {@code trellis.scheduler.reconcile.queue.depth} (apps waiting: a trigger merged behind a pass in
 * flight, or a scheduled requeue).
 */
final class WorkQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

  private enum State {
    RUNNING,
    RUNNING_DIRTY
  }

  private final Function<String, ReconcileResult> reconcile;
  private final Duration errorDelay;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, State> states = new HashMap<>();
  private final Map<String, ScheduledFuture<?>> timers = new HashMap<>();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("reconcile-timer").factory());
  private volatile boolean closed;
  private final MeterRegistry meters;
  private final List<Meter> gauges;

  WorkQueue(
      Function<String, ReconcileResult> reconcile, Duration errorDelay, MeterRegistry meters) {
    this.reconcile = reconcile;
    this.errorDelay = errorDelay;
    this.meters = meters;
    this.gauges =
        List.of(
            Gauge.builder("trellis.scheduler.reconcile.active", this, WorkQueue::active)
                .description("reconcile passes in flight")
                .register(meters),
            Gauge.builder("trellis.scheduler.reconcile.queue.depth", this, WorkQueue::depth)
                .description(
                    "apps waiting for a reconcile pass (merged triggers and scheduled requeues)")
                .register(meters));
  }

  private double active() {
    lock.lock();
    try {
      return states.size();
    } finally {
      lock.unlock();
    }
  }

  private double depth() {
    lock.lock();
    try {
      long dirty = states.values().stream().filter(s -> s == State.RUNNING_DIRTY).count();
      long scheduled = timers.values().stream().filter(t -> !t.isDone()).count();
      return dirty + scheduled;
    } finally {
      lock.unlock();
    }
  }

  private void recordPass(String outcome, long nanos) {
    Timer.builder("trellis.scheduler.reconcile.passes")
        .description("reconcile passes, by outcome")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Reconciles {@code key} now, or once more right after the pass in flight. */
  void trigger(String key) {
    if (closed) {
      return;
    }
    lock.lock();
    try {
      State state = states.get(key);
      if (state != null) {
        states.put(key, State.RUNNING_DIRTY);
        return;
      }
      states.put(key, State.RUNNING);
    } finally {
      lock.unlock();
    }
    try {
      workers.execute(() -> run(key));
    } catch (RejectedExecutionException e) {
      LOG.debug("reconcile_rejected app={} reason=closing", key);
    }
  }

  /** Reconciles {@code key} after {@code delay}, unless a sooner pass is already scheduled. */
  void triggerAfter(String key, Duration delay) {
    if (closed) {
      return;
    }
    lock.lock();
    try {
      ScheduledFuture<?> pending = timers.get(key);
      if (pending != null
          && !pending.isDone()
          && pending.getDelay(TimeUnit.NANOSECONDS) <= delay.toNanos()) {
        return;
      }
      if (pending != null) {
        pending.cancel(false);
      }
      timers.put(
          key,
          timer.schedule(
              () -> {
                removeTimer(key);
                trigger(key);
              },
              delay.toNanos(),
              TimeUnit.NANOSECONDS));
    } catch (RejectedExecutionException e) {
      LOG.debug("reconcile_schedule_rejected app={} reason=closing", key);
    } finally {
      lock.unlock();
    }
  }

  private void removeTimer(String key) {
    lock.lock();
    try {
      timers.remove(key);
    } finally {
      lock.unlock();
    }
  }

  private void run(String key) {
    ReconcileResult result;
    while (true) {
      result = once(key);
      lock.lock();
      try {
        if (states.get(key) == State.RUNNING_DIRTY && !closed) {
          states.put(key, State.RUNNING);
          continue;
        }
        states.remove(key);
      } finally {
        lock.unlock();
      }
      break;
    }
    switch (result) {
      case ReconcileResult.Done done -> {}
      case ReconcileResult.RequeueAfter after -> triggerAfter(key, after.delay());
    }
  }

  private ReconcileResult once(String key) {
    long start = System.nanoTime();
    try {
      ReconcileResult result = reconcile.apply(key);
      recordPass(
          switch (result) {
            case ReconcileResult.Done done -> "done";
            case ReconcileResult.RequeueAfter after -> "requeue";
          },
          System.nanoTime() - start);
      return result;
    } catch (RuntimeException e) {
      if (closed) {
        return ReconcileResult.done();
      }
      recordPass("failed", System.nanoTime() - start);
      LOG.warn("reconcile_failed app={} error={}", key, e.toString());
      return ReconcileResult.after(errorDelay);
    }
  }

  @Override
  public void close() {
    closed = true;
    gauges.forEach(meters::remove);
    timer.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }
}
