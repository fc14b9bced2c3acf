package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock behind {@code wasi:clocks/monotonic-clock}: nanoseconds from an arbitrary origin that
 * never go backwards, and a way to wait until an instant. Injected through {@link WasiContext} so
 * tests can control time; {@link #system()} is the real clock and waits for real.
 */
public interface MonotonicClock {

  /** The current instant in nanoseconds (read as unsigned). */
  long now();

  /** The resolution in nanoseconds. */
  default long resolution() {
    return 1;
  }

  /**
   * Returns once {@link #now()} has reached {@code instant}. The default parks the calling thread
   * for the remaining time, repeatedly.
   *
   * @throws HostException if the thread is interrupted (e.g. the instance's deadline fired)
   */
  default void sleepUntil(long instant) {
    long remaining;
    while ((remaining = instant - now()) > 0) {
      LockSupport.parkNanos(remaining);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new HostException("interrupted while waiting for monotonic instant " + instant);
      }
    }
  }

  /** The JVM's {@link System#nanoTime()}, shifted so that instants start near zero. */
  static MonotonicClock system() {
    return SystemMonotonicClock.INSTANCE;
  }
}
