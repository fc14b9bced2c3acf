package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.codec.PendingValue;
import dev.trellis.wrpc.codec.WrpcCodec;
import dev.trellis.wrpc.wit.WitType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pending futures and streams of one side of a call, including those found later inside others.
 * Counts what is still being received, so the invocation's routes can be released as soon as the
 * last async value has ended.
 */
final class AsyncInbox {
  private final Exchange exchange;
  private final WrpcCodec codec;
  private final Duration idleTimeout;
  private final String callSubject;
  private final Runnable onDone;
  private final Optional<FlowControl> flow;
  private final Map<IndexPath, IncomingAsync> handles = new ConcurrentHashMap<>();
  private final AtomicInteger outstanding = new AtomicInteger(1);

  AsyncInbox(
      Exchange exchange,
      WrpcCodec codec,
      Duration idleTimeout,
      String callSubject,
      Optional<FlowControl> flow,
      Runnable onDone) {
    this.exchange = exchange;
    this.codec = codec;
    this.idleTimeout = idleTimeout;
    this.callSubject = callSubject;
    this.onDone = onDone;
    this.flow = flow;
  }

  /** Makes handles for newly decoded pending values. */
  void register(Iterable<PendingValue> pending) {
    for (PendingValue p : pending) {
      IncomingAsync handle;
      if (p.type() instanceof WitType.FutureType f) {
        handle = new IncomingFuture(p.path(), f, this, codec.futureDecoder(f, p.path()));
      } else if (p.type() instanceof WitType.StreamType s) {
        handle = new IncomingStream(p.path(), s, this, codec);
      } else {
        throw new IllegalStateException("pending value of type " + p.type());
      }
      if (handles.putIfAbsent(p.path(), handle) == null) {
        outstanding.incrementAndGet();
      }
    }
  }

  /** Call once the initial values are registered: from now on, the last one ending closes. */
  void seal() {
    finished();
  }

  /** One value has ended or failed. */
  void finished() {
    if (outstanding.decrementAndGet() == 0) {
      onDone.run();
    }
  }

  Optional<IncomingAsync> get(IndexPath path) {
    return Optional.ofNullable(handles.get(path));
  }

  Map<IndexPath, IncomingAsync> all() {
    return Map.copyOf(handles);
  }

  InboundChannel channel(IndexPath path) {
    InboundChannel channel = exchange.async(path);
    flow.flatMap(f -> f.creditor(path)).ifPresent(channel::reportReads);
    return channel;
  }

  long idleDeadline() {
    return System.nanoTime() + idleTimeout.toNanos();
  }

  WrpcCallException idleTimeout(InboundChannel channel) {
    return new WrpcCallException.Timeout(
        callSubject, idleTimeout, "the next message on " + channel.subject());
  }

  String callSubject() {
    return callSubject;
  }
}
