package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.EncodedFrame;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invokes wRPC functions over NATS, wire-compatible with bytecodealliance/wrpc's NATS transport:
 * one inbox subscription for all of its calls, the handshake, chunking at the server's {@code
 * max_payload}, async values on their index paths. Thread-safe; calls block the calling (virtual)
 * thread until the sync results arrive or the deadline passes. The connection stays the caller's.
 */
public final class WrpcClient implements WrpcInvoker, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WrpcClient.class);

  private final NatsIo io;
  private final Demux demux;
  private final WrpcTransportConfig config;
  private final boolean ownsDemux;

  private WrpcClient(NatsIo io, Demux demux, WrpcTransportConfig config, boolean ownsDemux) {
    this.io = io;
    this.demux = demux;
    this.config = config;
    this.ownsDemux = ownsDemux;
  }

  /** A client on {@code connection}; subscribes its inbox before returning. */
  public static WrpcClient create(Connection connection, WrpcTransportConfig config) {
    Objects.requireNonNull(config, "config");
    NatsIo io = new NatsIo(connection);
    return new WrpcClient(io, new Demux(io), config, true);
  }

  /** A view of this client that calls under another prefix, sharing its inbox. */
  public WrpcClient withPrefix(String prefix) {
    return new WrpcClient(io, demux, config.withPrefix(prefix), false);
  }

  @Override
  public String prefix() {
    return config.prefix();
  }

  /** The configuration this client was made with. */
  public WrpcTransportConfig config() {
    return config;
  }

  @Override
  public InvocationResult invoke(
      WrpcFunction function, List<WitValue> params, InvokeOptions options) {
    Duration timeout = options.timeout().orElse(config.callTimeout());
    EncodedFrame frame = config.codec().encode(function.params(), params);
    AsyncSender.validate(frame.async(), options.async(), "params");
    ClientCall call = new ClientCall(io, config, function, timeout);
    Exchange exchange = demux.open("results", function.resultPaths(), config.maxBufferedBytes());
    long start = System.nanoTime();
    try {
      InvocationResult result = call.run(exchange, frame, options);
      LOG.debug(
          "wrpc_call_ok subject={} micros={}", call.subject(), (System.nanoTime() - start) / 1000);
      return result;
    } catch (RuntimeException e) {
      exchange.close();
      throw e;
    }
  }

  /** How many calls are still receiving (sync results or async values). */
  public int openCalls() {
    return demux.open();
  }

  /** Stops routing replies; calls still waiting fail. The connection is left open. */
  @Override
  public void close() {
    if (ownsDemux) {
      demux.close();
    }
  }
}
