package dev.trellis.host.engine.internal.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A wall-clock deadline for one call from the host: when it expires the calling thread is
 * interrupted, which stops compiled and interpreted guest code alike ({@code
 * ChicoryInterruptedException}). Closing it cancels the timer and, if the interrupt was delivered,
 * clears the thread's interrupt flag so pooled threads are not left interrupted (Chicory pitfall
 * 5). Only the outermost call on a thread arms one.
 */
public final class Deadline implements AutoCloseable {
  private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();
  private static final ScheduledThreadPoolExecutor TIMER = timer();
  private static final int RUNNING = 0;
  private static final int FINISHED = 1;
  private static final int FIRING = 2;
  private static final int FIRED = 3;

  private final Thread thread;
  private final AtomicInteger state = new AtomicInteger(RUNNING);
  private final ScheduledFuture<?> timer;

  private Deadline(Duration timeout) {
    this.thread = Thread.currentThread();
    this.timer = TIMER.schedule(this::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "trellis-deadline-timer");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /**
   * Arms a deadline for the current thread unless {@code timeout} is empty or a deadline is already
   * armed here (a nested call runs under the outer call's deadline).
   */
  public static Optional<Deadline> arm(Optional<Duration> timeout) {
    if (timeout.isEmpty() || CURRENT.get() != null) {
      return Optional.empty();
    }
    Deadline deadline = new Deadline(timeout.get());
    CURRENT.set(deadline);
    return Optional.of(deadline);
  }

  /** Whether the deadline of the current thread's call has expired. */
  public static boolean firedOnThisThread() {
    Deadline d = CURRENT.get();
    return d != null && d.state.get() >= FIRING;
  }

  /** The timeout in words, for messages. */
  static String describe(Optional<Duration> timeout) {
    return timeout.map(d -> d.toMillis() + " ms").orElse("(none)");
  }

  private void fire() {
    if (state.compareAndSet(RUNNING, FIRING)) {
      thread.interrupt();
      state.set(FIRED);
    }
  }

  @Override
  public void close() {
    CURRENT.remove();
    if (state.compareAndSet(RUNNING, FINISHED)) {
      timer.cancel(false);
      return;
    }
    while (state.get() != FIRED) {
      Thread.onSpinWait();
    }
    // The timer interrupted this thread; do not leak the flag into the caller's next call.
    Thread.interrupted();
  }
}
