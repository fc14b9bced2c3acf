package dev.trellis.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; every wait in the tests is bounded. */
final class Await {
  private Await() {}

  /** Returns the elapsed time once {@code condition} holds; fails with {@code what} otherwise. */
  static Duration until(String what, Duration timeout, Supplier<Boolean> condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    if (condition.get()) {
      return Duration.ofNanos(System.nanoTime() - start);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what);
  }
}
