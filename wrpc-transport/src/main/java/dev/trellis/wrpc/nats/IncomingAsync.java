package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.IndexPath;

/**
 * A future or stream that arrived pending in a call's params or results and whose contents now
 * arrive on its own channel. Read it from one thread; each wait is bounded by the transport's idle
 * timeout, so a vanished peer ends in {@link WrpcCallException.Timeout}, not a hang.
 */
public sealed interface IncomingAsync permits IncomingFuture, IncomingStream {
  /** The value's index path, e.g. {@code [0, 1]} for {@code results.0.1}. */
  IndexPath path();

  /** Whether all of the value has been received (or it failed). */
  boolean isDone();
}
