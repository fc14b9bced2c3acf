package dev.trellis.host.wasi;

import java.util.Optional;

/**
 * The Java object behind a {@code wasi:io/poll.pollable}: something a guest can wait for (data on a
 * stream, room in a sink, a timer). Other host plugins (HTTP bodies, messaging) implement it for
 * their own event sources.
 */
public interface WasiPollable {

  /** Whether the event has happened; never blocks. */
  boolean ready();

  /**
   * Waits at most {@code timeoutNanos} for the event.
   *
   * @return whether it has happened
   * @throws dev.trellis.host.HostException if the waiting thread is interrupted
   */
  boolean await(long timeoutNanos);

  /** Waits until the event has happened. */
  default void block() {
    while (!await(Long.MAX_VALUE)) {
      // spurious wake-up or slice elapsed: wait again
    }
  }

  /**
   * For timers: the monotonic instant at which this becomes ready by itself, so that {@code poll}
   * can wait for the earliest of several without polling.
   */
  default Optional<Long> readyAt() {
    return Optional.empty();
  }

  /** A pollable that is always ready (files, synchronous sinks). */
  static WasiPollable alwaysReady() {
    return Pollables.READY;
  }
}
