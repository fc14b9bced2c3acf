package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.Telemetry;
import dev.trellis.wrpc.codec.EncodedFrame;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invokes wRPC functions over NATS, wire-compatible with bytecodealliance/wrpc's NATS transport:
 * one inbox subscription for all of its calls, the handshake, chunking at the server's {@code
 * max_payload}, async values on their index paths. Thread-safe; calls block the calling (virtual)
 * thread until the sync results arrive or the deadline passes. The connection stays the caller's.
 *
 * <p>Each call is timed in {@code trellis.wrpc.client.calls} (by target prefix, function and
 * outcome) and, when tracing, is a client span whose {@code traceparent} travels in the
 * invocation's headers, so the server continues the caller's trace.
 */
public final class WrpcClient implements WrpcInvoker, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WrpcClient.class);

  private final NatsIo io;
  private final Demux demux;
  private final WrpcTransportConfig config;
  private final boolean ownsDemux;
  private final WrpcMetrics metrics;

  private WrpcClient(
      NatsIo io, Demux demux, WrpcTransportConfig config, boolean ownsDemux, WrpcMetrics metrics) {
    this.io = io;
    this.demux = demux;
    this.config = config;
    this.ownsDemux = ownsDemux;
    this.metrics = metrics;
  }

  /**
   * A client on {@code connection} recording to {@link Telemetry#global()}; subscribes its inbox
   * before returning.
   */
  public static WrpcClient create(Connection connection, WrpcTransportConfig config) {
    return create(connection, config, Telemetry.global());
  }

  /** A client on {@code connection} recording to {@code telemetry}. */
  public static WrpcClient create(
      Connection connection, WrpcTransportConfig config, Telemetry telemetry) {
    Objects.requireNonNull(config, "config");
    NatsIo io = new NatsIo(connection);
    return new WrpcClient(io, new Demux(io), config, true, new WrpcMetrics(telemetry));
  }

  /** A view of this client that calls under another prefix, sharing its inbox. */
  public WrpcClient withPrefix(String prefix) {
    return new WrpcClient(io, demux, config.withPrefix(prefix), false, metrics);
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
    long start = System.nanoTime();
    if (!metrics.tracing()) {
      return timed(function, params, options, start);
    }
    Span span = metrics.clientSpan(function, config.prefix());
    try (Scope scope = span.makeCurrent()) {
      InvokeOptions traced = options;
      for (Map.Entry<String, String> header :
          Telemetry.traceHeaders(Context.current()).entrySet()) {
        traced = traced.withHeader(header.getKey(), header.getValue());
      }
      return timed(function, params, traced, start);
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.toString() : e.getMessage());
      span.setAttribute("error.type", WrpcMetrics.outcome(e));
      throw e;
    } finally {
      span.end();
    }
  }

  private InvocationResult timed(
      WrpcFunction function, List<WitValue> params, InvokeOptions options, long start) {
    try {
      InvocationResult result = call(function, params, options);
      metrics.clientCall(config.prefix(), function, "ok", System.nanoTime() - start);
      return result;
    } catch (RuntimeException e) {
      metrics.clientCall(
          config.prefix(), function, WrpcMetrics.outcome(e), System.nanoTime() - start);
      throw e;
    }
  }

  private InvocationResult call(
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
