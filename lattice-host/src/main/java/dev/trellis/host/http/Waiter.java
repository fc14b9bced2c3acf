package dev.trellis.host.http;

import dev.trellis.host.HostException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A lock and condition for a body's producer and consumer: the consumer waits (with a timeout,
 * interruptibly, so a deadline stops it) until a condition holds; the producer signals after each
 * change.
 */
final class Waiter {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  ReentrantLock lock() {
    return lock;
  }

  /** Wakes every waiter; call after changing what they wait for. */
  void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits at most {@code nanos} until {@code done} holds (checked under the lock).
   *
   * @return whether it holds
   * @throws HostException if interrupted (the guest's deadline passed)
   */
  boolean await(long nanos, BooleanSupplier done) {
    lock.lock();
    try {
      long remaining = nanos;
      while (!done.getAsBoolean()) {
        if (remaining <= 0) {
          return false;
        }
        if (remaining == Long.MAX_VALUE) {
          changed.await();
        } else {
          remaining = changed.awaitNanos(Math.min(remaining, TimeUnit.DAYS.toNanos(1)));
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException("interrupted while waiting for an HTTP body", e);
    } finally {
      lock.unlock();
    }
  }
}
