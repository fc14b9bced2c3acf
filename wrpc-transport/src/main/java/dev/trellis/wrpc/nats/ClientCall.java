package dev.trellis.wrpc.nats;

import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.codec.DecodeStep;
import dev.trellis.wrpc.codec.DecodedFrame;
import dev.trellis.wrpc.codec.EncodedFrame;
import dev.trellis.wrpc.codec.WrpcDecodeException;
import dev.trellis.wrpc.codec.WrpcDecoder;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * The client side of one invocation, step by step as the Rust transport does it: publish the first
 * params chunk with reply-to {@code R_c}; await the server's handshake carrying {@code R_s}; send
 * the rest of the params on {@code R_s.params} and end it; send async params on their paths; decode
 * the results from {@code R_c.results}. One deadline bounds the handshake and the results.
 */
final class ClientCall {
  private final NatsIo io;
  private final WrpcTransportConfig config;
  private final WrpcFunction function;
  private final String subject;
  private final Duration timeout;
  private final long deadline;

  ClientCall(NatsIo io, WrpcTransportConfig config, WrpcFunction function, Duration timeout) {
    this.io = io;
    this.config = config;
    this.function = function;
    this.subject = function.subject(config.prefix());
    this.timeout = timeout;
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  String subject() {
    return subject;
  }

  InvocationResult run(Exchange exchange, EncodedFrame params, InvokeOptions options) {
    int maxPayload = io.maxPayload();
    ByteBuffer rest =
        publishRequest(exchange.base(), params.bytes(), options.headers(), maxPayload);
    Message handshake = awaitHandshake(exchange);
    String serverBase = handshake.getReplyTo();
    Optional<Long> serverWindow = FlowControl.peerWindow(handshake.getHeaders());
    Optional<FlowControl> flow =
        Optional.of(
            new FlowControl(
                io,
                exchange,
                "params",
                serverWindow,
                serverBase,
                "results",
                serverWindow.isPresent(),
                FlowControl.announcedWindow(config),
                config.idleTimeout()));
    Outbound sync = new Outbound(io, Subjects.wrpcParams(serverBase), maxPayload, window());
    sync.write(rest);
    sync.end(Optional.empty());
    new AsyncSender(io, config.codec(), Subjects.wrpcParams(serverBase), maxPayload, window(), flow)
        .start(params.async(), options.async());
    DecodedFrame results = receiveResults(exchange);
    AsyncInbox inbox =
        new AsyncInbox(
            exchange, config.codec(), config.idleTimeout(), subject, flow, exchange::close);
    inbox.register(results.pending());
    inbox.seal();
    return new InvocationResult(results.values(), inbox, exchange::close);
  }

  /** Publishes the invocation with as much of the params as fits; returns the rest. */
  private ByteBuffer publishRequest(
      String replyTo, ByteBuffer params, WrpcHeaders headers, int maxPayload) {
    Headers h = new Headers();
    headers.values().forEach(h::put);
    h.put(WrpcHeaders.TRELLIS_CREDIT_WINDOW, Long.toString(FlowControl.announcedWindow(config)));
    int room = maxPayload - replyTo.length() - h.serializedLength();
    if (room < 0) {
      throw new WrpcCallException.Transport(
          subject, "headers leave no room in a " + maxPayload + "-byte message", null);
    }
    ByteBuffer rest = params.duplicate();
    byte[] first = new byte[Math.min(room, rest.remaining())];
    rest.get(first);
    io.publish(subject, Optional.of(replyTo), Optional.of(h), first);
    return rest;
  }

  private Message awaitHandshake(Exchange exchange) {
    Message reply =
        exchange.awaitHandshake(
            deadline,
            () -> new WrpcCallException.Timeout(subject, timeout, "a server's handshake"));
    if (reply.isStatusMessage()) {
      int code = reply.getStatus().getCode();
      if (code == 503) {
        throw new WrpcCallException.NoResponders(subject);
      }
      throw new WrpcCallException.RemoteError(
          subject, "NATS answered with status " + code + " " + reply.getStatus().getMessage());
    }
    String serverBase = reply.getReplyTo();
    if (serverBase == null || serverBase.isEmpty()) {
      throw new WrpcCallException.RemoteError(subject, "handshake without a reply subject");
    }
    return reply;
  }

  /** Decodes the sync results; a function without results waits for the end of the channel. */
  private DecodedFrame receiveResults(Exchange exchange) {
    WrpcDecoder decoder = config.codec().decoder("results", function.results());
    InboundChannel channel = exchange.sync();
    boolean waitForEnd = function.results().isEmpty();
    try {
      boolean complete = decoder.feed(ByteBuffer.allocate(0)) instanceof DecodeStep.Complete;
      while (!complete || waitForEnd) {
        Optional<byte[]> next =
            channel.take(
                deadline, () -> new WrpcCallException.Timeout(subject, timeout, "the results"));
        if (next.isEmpty()) {
          if (channel.remoteError().isPresent()) {
            throw new WrpcCallException.RemoteError(subject, channel.remoteError().get());
          }
          if (!complete) {
            throw new WrpcCallException.RemoteError(
                subject, "the server ended the results before they were complete");
          }
          break;
        }
        DecodeStep step = decoder.feed(ByteBuffer.wrap(next.get()));
        if (step instanceof DecodeStep.Complete c && c.trailingBytes() > 0) {
          throw new WrpcDecodeException("results", c.trailingBytes() + " bytes follow them", 0);
        }
        complete = step instanceof DecodeStep.Complete;
      }
      return decoder.finish();
    } catch (WrpcDecodeException e) {
      throw new WrpcCallException.Decode(subject, e);
    }
  }

  private long window() {
    return config.publishWindowBytes();
  }
}
