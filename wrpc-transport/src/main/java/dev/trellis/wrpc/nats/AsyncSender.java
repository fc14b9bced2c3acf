package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.AsyncParts;
import dev.trellis.wrpc.codec.AsyncPayload;
import dev.trellis.wrpc.codec.EncodedFrame;
import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.codec.PendingValue;
import dev.trellis.wrpc.codec.WrpcCodec;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the async parts of an encoded frame on their index paths under {@code base} ({@code
 * R_s.params} or {@code R_c.results}): out-of-band contents the encoder produced, and each pending
 * future or stream from its {@link AsyncSource}, every one on its own virtual thread and ended by
 * the empty message.
 */
final class AsyncSender {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncSender.class);

  private final NatsIo io;
  private final WrpcCodec codec;
  private final String base;
  private final int maxPayload;
  private final long window;
  private final Optional<FlowControl> flow;

  AsyncSender(
      NatsIo io,
      WrpcCodec codec,
      String base,
      int maxPayload,
      long window,
      Optional<FlowControl> flow) {
    this.io = io;
    this.codec = codec;
    this.base = base;
    this.maxPayload = maxPayload;
    this.window = window;
    this.flow = flow;
  }

  /**
   * Checks that every pending value has a source of its kind and every source a pending value.
   *
   * @throws IllegalArgumentException naming the path otherwise
   */
  static void validate(AsyncParts parts, Map<IndexPath, AsyncSource> sources, String side) {
    for (PendingValue p : parts.pending()) {
      AsyncSource source = sources.get(p.path());
      boolean matches =
          switch (source) {
            case null -> false;
            case AsyncSource.Future f -> p.type() instanceof WitType.FutureType;
            case AsyncSource.Stream s -> p.type() instanceof WitType.StreamType;
          };
      if (!matches) {
        throw new IllegalArgumentException(
            "pending " + p.type() + " at " + side + " " + p.path() + " needs a matching source");
      }
    }
    Set<IndexPath> pending =
        parts.pending().stream().map(PendingValue::path).collect(Collectors.toSet());
    for (IndexPath path : sources.keySet()) {
      if (!pending.contains(path)) {
        throw new IllegalArgumentException(
            "a source is given for " + side + " " + path + " but no value there is pending");
      }
    }
  }

  /** Starts sending; the returned threads end when their channels have ended. */
  List<Thread> start(AsyncParts parts, Map<IndexPath, AsyncSource> sources) {
    List<Thread> threads = new ArrayList<>();
    if (!parts.payloads().isEmpty()) {
      threads.add(Thread.ofVirtual().name("wrpc-async-payloads").start(() -> payloads(parts)));
    }
    for (PendingValue p : parts.pending()) {
      AsyncSource source = sources.get(p.path());
      threads.add(Thread.ofVirtual().name("wrpc-async-" + p.path()).start(() -> run(p, source)));
    }
    return threads;
  }

  private void payloads(AsyncParts parts) {
    for (AsyncPayload payload : parts.payloads()) {
      Outbound out = outbound(payload.path());
      try {
        out.write(payload.bytes());
        out.end(Optional.empty());
      } catch (WrpcCallException e) {
        LOG.warn("wrpc_async_send_failed subject={} error={}", out.subject(), e.getMessage());
      }
    }
  }

  private void run(PendingValue pending, AsyncSource source) {
    Outbound out = outbound(pending.path());
    try {
      switch (source) {
        case AsyncSource.Future f -> future(out, pending, f);
        case AsyncSource.Stream s -> stream(out, pending, s);
      }
    } catch (RuntimeException e) {
      // the source is application code: its failure ends only this channel, with the reason
      LOG.warn("wrpc_async_source_failed subject={} error={}", out.subject(), e.toString());
      out.endQuietly(Optional.of("async source failed: " + e));
    }
  }

  private void future(Outbound out, PendingValue pending, AsyncSource.Future source) {
    WitType.FutureType type = (WitType.FutureType) pending.type();
    Optional<WitValue> value = source.value().get();
    if (type.payload().isPresent()) {
      WitValue payload =
          value.orElseThrow(
              () -> new IllegalArgumentException("future " + pending.path() + " needs a payload"));
      EncodedFrame frame = codec.encodeFuturePayload(type, payload, pending.path());
      if (!frame.async().pending().isEmpty()) {
        throw new IllegalArgumentException(
            "pending values inside a future's payload are not supported; send them ready");
      }
      out.write(frame.bytes());
      payloads(frame.async());
    }
    out.end(Optional.empty());
  }

  private void stream(Outbound out, PendingValue pending, AsyncSource.Stream source) {
    WitType.StreamType type = (WitType.StreamType) pending.type();
    OutboundStream sink = new OutboundStream(out, codec, type, pending.path(), this::outbound);
    source.producer().produce(sink);
    sink.finish();
  }

  private Outbound outbound(IndexPath path) {
    return new Outbound(
        io,
        base + "." + path.toSubjectSuffix(),
        maxPayload,
        window,
        flow.flatMap(f -> f.gate(path)));
  }
}
