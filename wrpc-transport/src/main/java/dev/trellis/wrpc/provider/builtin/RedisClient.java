package dev.trellis.wrpc.provider.builtin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small pool of blocking RESP2 connections to one Redis: each command borrows a connection, runs,
 * and returns it; at most {@code poolSize} commands run at once and the others wait up to the
 * timeout for a free connection. Connections are opened on demand, so Redis may be down when the
 * provider starts and come up later. A connection that fails is closed (and with it every idle one,
 * which a Redis restart has broken too); an idempotent command is then retried once on a fresh
 * connection, a non-idempotent one ({@code INCRBY}) is not, since it may have been applied.
 */
final class RedisClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisClient.class);

  private final RedisUri uri;
  private final Duration timeout;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<RespConnection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  RedisClient(RedisUri uri, int poolSize, Duration timeout) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (poolSize < 1) {
      throw new IllegalArgumentException("redis pool size must be >= 1, got " + poolSize);
    }
    this.permits = new Semaphore(poolSize, true);
  }

  /** Where this client connects. */
  RedisUri uri() {
    return uri;
  }

  /**
   * Runs a command that is safe to repeat (a read, or a write of fixed values).
   *
   * @throws RedisException if Redis cannot answer
   */
  RespReply idempotent(List<byte[]> command) {
    return execute(command, true);
  }

  /**
   * Runs a command that must not run twice ({@code INCRBY}).
   *
   * @throws RedisException if Redis cannot answer
   */
  RespReply once(List<byte[]> command) {
    return execute(command, false);
  }

  private RespReply execute(List<byte[]> command, boolean retry) {
    acquire();
    try {
      boolean pooled = !idle.isEmpty();
      try {
        return attempt(command);
      } catch (RedisException.Unavailable e) {
        if (!(retry && pooled)) {
          throw e;
        }
        LOG.debug("redis_retry address={} error={}", uri.address(), e.getMessage());
        return attempt(command);
      }
    } finally {
      permits.release();
    }
  }

  private RespReply attempt(List<byte[]> command) {
    RespConnection connection =
        Optional.ofNullable(idle.pollFirst()).orElseGet(() -> RespConnection.open(uri, timeout));
    try {
      RespReply reply = connection.call(command);
      if (closed.get()) {
        connection.close();
      } else {
        idle.offerFirst(connection);
      }
      return reply;
    } catch (RedisException e) {
      connection.close();
      closeIdle();
      throw e;
    }
  }

  private void acquire() {
    if (closed.get()) {
      throw new RedisException.Unavailable(uri.address(), "the client is closed", null);
    }
    try {
      if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new RedisException.Unavailable(
            uri.address(), "no connection free within " + timeout.toMillis() + " ms", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisException.Unavailable(uri.address(), "interrupted waiting", e);
    }
  }

  private void closeIdle() {
    for (RespConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }

  /** Closes every idle connection; connections in use close when their command ends. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeIdle();
    }
  }
}
