package dev.trellis.wrpc.nats;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Back-pressure for one outgoing async channel when the peer is a Trellis transport: the consumer
 * reports how many bytes it has read (a credit on {@code <producer base>.credit.<channel>}), and
 * the producer never has more than the consumer's announced window unread. Plain wRPC has no such
 * signal; with an upstream peer no gate is used and only the flush window paces the producer.
 */
final class CreditGate {
  private final String subject;
  private final long window;
  private final Duration idleTimeout;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition credited = lock.newCondition();
  private long sent;
  private long consumed;
  private Optional<WrpcCallException> failure = Optional.empty();

  CreditGate(String subject, long window, Duration idleTimeout) {
    this.subject = subject;
    this.window = window;
    this.idleTimeout = idleTimeout;
  }

  /** Waits until {@code bytes} more fit in the consumer's window, then counts them as sent. */
  void acquire(int bytes) {
    long deadline = System.nanoTime() + idleTimeout.toNanos();
    lock.lock();
    try {
      while (sent > consumed && sent + bytes - consumed > window) {
        if (failure.isPresent()) {
          throw failure.get();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new WrpcCallException.Timeout(
              subject, idleTimeout, "the consumer to read (it stopped reading)");
        }
        credited.awaitNanos(left);
      }
      sent += bytes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WrpcCallException.Transport(subject, "interrupted while waiting for credit", e);
    } finally {
      lock.unlock();
    }
  }

  /** The consumer has read {@code total} bytes in all. */
  void credit(long total) {
    lock.lock();
    try {
      consumed = Math.max(consumed, total);
      credited.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The call is over: a waiting producer stops. */
  void fail(WrpcCallException cause) {
    lock.lock();
    try {
      failure = Optional.of(cause);
      credited.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
