package dev.trellis.wrpc.nats;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The messages of one wRPC channel (a call's params or results, or one future's or stream's index
 * path), queued by the demultiplexer and taken by the one thread that decodes them. The NATS
 * dispatcher never blocks here: when the consumer falls more than {@code maxBuffered} bytes behind,
 * the channel fails as a slow consumer instead of growing without bound or stalling every other
 * call. An empty message ends the channel.
 */
final class InboundChannel {
  private final String subject;
  private final long maxBuffered;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long buffered;
  private boolean ended;
  private Optional<String> remoteError = Optional.empty();
  private Optional<WrpcCallException> failure = Optional.empty();
  private Optional<Creditor> creditor = Optional.empty();

  InboundChannel(String subject, long maxBuffered) {
    this.subject = subject;
    this.maxBuffered = maxBuffered;
  }

  String subject() {
    return subject;
  }

  /** From now on, reports what {@link #take} returns to {@code reporter} (first one wins). */
  void reportReads(Creditor reporter) {
    lock.lock();
    try {
      if (creditor.isEmpty()) {
        creditor = Optional.of(reporter);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Queues a message routed to this channel (called on the NATS dispatcher thread). */
  void offer(Message message) {
    byte[] data = message.getData() == null ? NatsIo.EMPTY : message.getData();
    lock.lock();
    try {
      if (ended || failure.isPresent()) {
        return;
      }
      if (data.length == 0) {
        ended = true;
        remoteError = errorHeader(message);
      } else if (buffered + data.length > maxBuffered) {
        queue.clear();
        failure =
            Optional.of(
                new WrpcCallException.Transport(
                    subject,
                    "slow consumer: more than " + maxBuffered + " bytes buffered unread",
                    null));
      } else {
        queue.add(data);
        buffered += data.length;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Fails the channel; a waiting or later {@link #take} throws {@code cause}. */
  void fail(WrpcCallException cause) {
    lock.lock();
    try {
      if (failure.isEmpty()) {
        failure = Optional.of(cause);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next payload, or empty once the channel has ended.
   *
   * @param deadlineNanos {@link System#nanoTime()} after which to give up
   * @param timeout the exception to throw when the deadline passes
   */
  Optional<byte[]> take(long deadlineNanos, Supplier<WrpcCallException> timeout) {
    Optional<byte[]> next = poll(deadlineNanos, timeout);
    if (next.isPresent()) {
      Optional<Creditor> reporter = reporter();
      reporter.ifPresent(r -> r.taken(next.get().length));
    }
    return next;
  }

  private Optional<Creditor> reporter() {
    lock.lock();
    try {
      return creditor;
    } finally {
      lock.unlock();
    }
  }

  private Optional<byte[]> poll(long deadlineNanos, Supplier<WrpcCallException> timeout) {
    lock.lock();
    try {
      while (true) {
        if (failure.isPresent()) {
          throw failure.get();
        }
        byte[] next = queue.poll();
        if (next != null) {
          buffered -= next.length;
          return Optional.of(next);
        }
        if (ended) {
          return Optional.empty();
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw timeout.get();
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WrpcCallException.Transport(subject, "interrupted while waiting", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Why the peer ended the channel, when it said (Trellis' error header on the empty message).
   * Meaningful once {@link #take} has returned empty.
   */
  Optional<String> remoteError() {
    lock.lock();
    try {
      return remoteError;
    } finally {
      lock.unlock();
    }
  }

  private static Optional<String> errorHeader(Message message) {
    Headers headers = message.getHeaders();
    if (headers == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(headers.getFirst(WrpcHeaders.TRELLIS_ERROR));
  }
}
