package dev.trellis.host.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A handler's deadline: when it passes, the handling thread is interrupted, which stops the guest
 * (compiled or interpreted) and any host call it waits in. Closing it clears an interrupt it
 * delivered, so nothing leaks into the thread's next task.
 *
 * <p>Every request arms one, so arming must be cheap: armed watchdogs sit in a concurrent set that
 * one daemon thread sweeps every {@value #TICK_MILLIS} ms (deadlines fire up to that late), instead
 * of each request scheduling and cancelling a timer task under the timer's lock.
 */
final class Watchdog implements AutoCloseable {
  private static final long TICK_MILLIS = 5;
  private static final Set<Watchdog> ARMED = ConcurrentHashMap.newKeySet();
  private static final int RUNNING = 0;
  private static final int FINISHED = 1;
  private static final int FIRING = 2;
  private static final int FIRED = 3;

  static {
    Thread.ofPlatform().daemon().name("trellis-http-deadlines").start(Watchdog::sweep);
  }

  private final Thread thread;
  private final long deadline;
  private final AtomicInteger state = new AtomicInteger(RUNNING);

  private Watchdog(Duration timeout) {
    this.thread = Thread.currentThread();
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  /** Arms a deadline {@code timeout} from now for the current thread. */
  static Watchdog arm(Duration timeout) {
    Watchdog w = new Watchdog(timeout);
    ARMED.add(w);
    return w;
  }

  /** Whether the deadline passed. */
  boolean fired() {
    return state.get() >= FIRING;
  }

  private static void sweep() {
    while (true) {
      LockSupport.parkNanos(
          Duration.ofMillis(ARMED.isEmpty() ? 10 * TICK_MILLIS : TICK_MILLIS).toNanos());
      long now = System.nanoTime();
      for (Watchdog w : ARMED) {
        if (now - w.deadline >= 0 && ARMED.remove(w)) {
          w.fire();
        }
      }
    }
  }

  private void fire() {
    if (state.compareAndSet(RUNNING, FIRING)) {
      thread.interrupt();
      state.set(FIRED);
    }
  }

  @Override
  public void close() {
    ARMED.remove(this);
    if (state.compareAndSet(RUNNING, FINISHED)) {
      return;
    }
    while (state.get() != FIRED) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
  }
}
