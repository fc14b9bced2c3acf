package dev.trellis.wrpc.nats;

import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.Telemetry;
import dev.trellis.wrpc.codec.DecodeStep;
import dev.trellis.wrpc.codec.DecodedFrame;
import dev.trellis.wrpc.codec.EncodedFrame;
import dev.trellis.wrpc.codec.WrpcDecodeException;
import dev.trellis.wrpc.codec.WrpcDecoder;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one invocation, as the Rust transport serves it: open {@code R_s} with routes
 * for {@code R_s.params[.path]}, answer the handshake (an empty message to {@code R_c} with
 * reply-to {@code R_s}), decode the params from the request and {@code R_s.params}, run the
 * handler, write the results to {@code R_c.results} and end it, then send async results on their
 * paths. A failure ends {@code R_c.results} early, with the reason in a header, and is logged once.
 */
final class ServerCall {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCall.class);
  private static final String OK = "ok";

  private final NatsIo io;
  private final Demux demux;
  private final WrpcTransportConfig config;
  private final WrpcFunction function;
  private final String subject;
  private final WrpcHandler handler;
  private final WrpcMetrics metrics;

  ServerCall(
      NatsIo io,
      Demux demux,
      WrpcTransportConfig config,
      WrpcFunction function,
      String subject,
      WrpcHandler handler,
      WrpcMetrics metrics) {
    this.io = io;
    this.demux = demux;
    this.config = config;
    this.function = function;
    this.subject = subject;
    this.handler = handler;
    this.metrics = metrics;
  }

  /**
   * Serves {@code request} (inside a server span continuing its {@code traceparent} when tracing);
   * returns whether the call succeeded. Never throws.
   */
  boolean run(Message request) {
    long start = System.nanoTime();
    if (!metrics.tracing()) {
      String outcome = serve(request);
      metrics.serverCall(function, outcome, System.nanoTime() - start);
      return outcome.equals(OK);
    }
    Headers headers = request.getHeaders();
    Context parent = Telemetry.extract(k -> headers == null ? null : headers.getFirst(k));
    Span span = metrics.serverSpan(function, subject, parent);
    String outcome = "error";
    try (Scope scope = span.makeCurrent()) {
      outcome = serve(request);
      return outcome.equals(OK);
    } finally {
      if (!outcome.equals(OK)) {
        span.setStatus(StatusCode.ERROR, outcome);
        span.setAttribute("error.type", outcome);
      }
      span.end();
      metrics.serverCall(function, outcome, System.nanoTime() - start);
    }
  }

  /** Serves {@code request}; returns {@value #OK} or the kind of failure. */
  private String serve(Message request) {
    String clientBase = request.getReplyTo();
    if (clientBase == null || clientBase.isEmpty()) {
      LOG.warn("wrpc_invocation_without_reply subject={}", subject);
      return "no_reply_subject";
    }
    int maxPayload = io.maxPayload();
    Outbound results =
        new Outbound(io, Subjects.wrpcResults(clientBase), maxPayload, config.publishWindowBytes());
    try (Exchange exchange =
        demux.open("params", function.paramPaths(), config.maxBufferedBytes())) {
      Optional<FlowControl> flow = Optional.of(flow(request, exchange, clientBase));
      long window = FlowControl.announcedWindow(config);
      Headers accept = new Headers().put(WrpcHeaders.TRELLIS_CREDIT_WINDOW, Long.toString(window));
      io.publish(clientBase, Optional.of(exchange.base()), Optional.of(accept), NatsIo.EMPTY);
      DecodedFrame params = receiveParams(request.getData(), exchange);
      AsyncInbox inbox =
          new AsyncInbox(exchange, config.codec(), config.idleTimeout(), subject, flow, () -> {});
      inbox.register(params.pending());
      inbox.seal();
      WrpcCall call = new WrpcCall(function, subject, params.values(), headers(request), inbox);
      respond(handler.handle(call), results, clientBase, maxPayload, flow);
      return OK;
    } catch (WrpcDecodeException e) {
      LOG.warn("wrpc_params_malformed subject={} error={}", subject, e.getMessage());
      results.endQuietly(Optional.of("malformed params: " + e.getMessage()));
      return "malformed";
    } catch (WrpcCallException e) {
      LOG.warn("wrpc_call_failed subject={} error={}", subject, e.getMessage());
      results.endQuietly(Optional.of(e.getMessage()));
      return WrpcMetrics.outcome(e);
    } catch (RuntimeException e) {
      // the handler is application code: its failure fails this call only, never the server
      LOG.warn("wrpc_handler_failed subject={} error={}", subject, e.toString(), e);
      results.endQuietly(Optional.of("handler failed: " + e));
      return "handler_error";
    }
  }

  private DecodedFrame receiveParams(byte[] first, Exchange exchange) {
    WrpcDecoder decoder = config.codec().decoder("params", function.params());
    long deadline = System.nanoTime() + config.callTimeout().toNanos();
    InboundChannel channel = exchange.sync();
    DecodeStep step = decoder.feed(ByteBuffer.wrap(first == null ? NatsIo.EMPTY : first));
    while (!(step instanceof DecodeStep.Complete)) {
      Optional<byte[]> next =
          channel.take(
              deadline,
              () ->
                  new WrpcCallException.Timeout(
                      subject, config.callTimeout(), "the rest of the params"));
      if (next.isEmpty()) {
        return decoder.finish();
      }
      step = decoder.feed(ByteBuffer.wrap(next.get()));
    }
    DecodeStep.Complete complete = (DecodeStep.Complete) step;
    if (complete.trailingBytes() > 0) {
      throw new WrpcDecodeException(
          "params", complete.trailingBytes() + " bytes follow the params", 0);
    }
    return complete.frame();
  }

  private FlowControl flow(Message request, Exchange exchange, String clientBase) {
    Optional<Long> clientWindow = FlowControl.peerWindow(request.getHeaders());
    return new FlowControl(
        io,
        exchange,
        "results",
        clientWindow,
        clientBase,
        "params",
        clientWindow.isPresent(),
        FlowControl.announcedWindow(config),
        config.idleTimeout());
  }

  private void respond(
      WrpcReply reply,
      Outbound results,
      String clientBase,
      int maxPayload,
      Optional<FlowControl> flow) {
    EncodedFrame frame = config.codec().encode(function.results(), reply.results());
    AsyncSender.validate(frame.async(), reply.async(), "results");
    results.write(frame.bytes());
    results.end(Optional.empty());
    List<Thread> senders =
        new AsyncSender(
                io,
                config.codec(),
                Subjects.wrpcResults(clientBase),
                maxPayload,
                config.publishWindowBytes(),
                flow)
            .start(frame.async(), reply.async());
    for (Thread sender : senders) {
      try {
        sender.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static WrpcHeaders headers(Message request) {
    Headers headers = request.getHeaders();
    if (headers == null || headers.isEmpty()) {
      return WrpcHeaders.none();
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          if (!k.isEmpty()
              && !k.startsWith("trellis-wrpc-")
              && k.chars().noneMatch(c -> c <= ' ' || c == ':' || c == 0x7f)) {
            values.put(k, v);
          }
        });
    return new WrpcHeaders(values);
  }
}
