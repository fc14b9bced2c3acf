package dev.trellis.wrpc.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one adapter between the wRPC transport and jnats: publishing, flushing and draining, with
 * jnats' checked and state exceptions turned into {@link WrpcCallException.Transport} naming the
 * subject, exactly once.
 */
final class NatsIo {
  static final byte[] EMPTY = new byte[0];

  private final Connection connection;

  NatsIo(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  /** The largest payload the connected server accepts (headers included). */
  int maxPayload() {
    long max = connection.getMaxPayload();
    if (max <= 0) {
      throw new WrpcCallException.Transport(
          "(none)", "NATS connection has no server info (not connected)", null);
    }
    return (int) Math.min(max, Integer.MAX_VALUE);
  }

  /** Publishes one message; {@code headers} may be empty. */
  void publish(String subject, Optional<String> replyTo, Optional<Headers> headers, byte[] data) {
    try {
      connection.publish(subject, replyTo.orElse(null), headers.orElse(null), data);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new WrpcCallException.Transport(subject, "publish failed: " + e.getMessage(), e);
    }
  }

  /** Waits until the server has processed everything published so far. */
  void flush(String subject, Duration timeout) {
    try {
      connection.flush(timeout);
    } catch (TimeoutException e) {
      throw new WrpcCallException.Transport(
          subject, "NATS server did not acknowledge within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WrpcCallException.Transport(subject, "interrupted while flushing", e);
    } catch (IllegalStateException e) {
      throw new WrpcCallException.Transport(subject, "flush failed: " + e.getMessage(), e);
    }
  }

  /**
   * Drains {@code dispatcher}: no new messages, the ones already received are handed to their
   * handlers. Returns whether that finished within {@code timeout}.
   */
  boolean drain(Dispatcher dispatcher, Duration timeout) {
    try {
      CompletableFuture<Boolean> done = dispatcher.drain(timeout);
      return done.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException | IllegalStateException e) {
      return false;
    }
  }

  /** Closes {@code dispatcher} if the connection is still open. */
  void closeDispatcher(Dispatcher dispatcher) {
    try {
      connection.closeDispatcher(dispatcher);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // already closed with the connection, or drained: nothing left to release
    }
  }
}
