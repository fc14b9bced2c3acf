package dev.trellis.host.workload;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts a workload's invocations in progress so a stop can drain them: once closed, no new
 * invocation enters, and {@link #closeAndAwait} waits (bounded) for those inside to leave.
 */
final class InFlight {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int count;
  private boolean closed;

  /** Enters an invocation; false once closed. */
  boolean enter() {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      count++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Leaves an invocation entered with {@link #enter}. */
  void exit() {
    lock.lock();
    try {
      count--;
      if (count == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The invocations in progress. */
  int count() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses new invocations and waits up to {@code deadline} for the running ones.
   *
   * @return how many were still running when it gave up (0 when drained)
   */
  int closeAndAwait(Duration deadline) {
    lock.lock();
    try {
      closed = true;
      long nanos = deadline.toNanos();
      while (count > 0 && nanos > 0) {
        nanos = idle.awaitNanos(nanos);
      }
      return count;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return count;
    } finally {
      lock.unlock();
    }
  }
}
