package dev.trellis.wrpc.nats;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts invocations being served, so a drain can wait until the last one has finished. */
final class InFlight {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int count;

  void enter() {
    lock.lock();
    try {
      count++;
    } finally {
      lock.unlock();
    }
  }

  void exit() {
    lock.lock();
    try {
      if (--count == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  int count() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until nothing is in flight; returns whether that happened within {@code timeout}. */
  boolean awaitIdle(Duration timeout) {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (count > 0) {
        if (left <= 0) {
          return false;
        }
        left = idle.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return count == 0;
    } finally {
      lock.unlock();
    }
  }
}
