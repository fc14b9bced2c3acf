package dev.trellis.wrpc.nats;

import io.nats.client.impl.Headers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * The sending end of one wRPC channel: bytes split into messages of at most the server's {@code
 * max_payload}, an empty message to end the channel. Every {@code window} bytes it waits for the
 * NATS server to acknowledge what was sent, so a producer is paced by the network instead of
 * filling the client's outgoing buffer.
 */
final class Outbound {
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

  private final NatsIo io;
  private final String subject;
  private final int maxPayload;
  private final long window;
  private final Optional<CreditGate> gate;
  private long unacknowledged;
  private boolean ended;

  Outbound(NatsIo io, String subject, int maxPayload, long window) {
    this(io, subject, maxPayload, window, Optional.empty());
  }

  /** An outbound that also waits for the consumer's credits through {@code gate}. */
  Outbound(NatsIo io, String subject, int maxPayload, long window, Optional<CreditGate> gate) {
    this.io = io;
    this.subject = subject;
    this.maxPayload = maxPayload;
    this.window = window;
    this.gate = gate;
  }

  String subject() {
    return subject;
  }

  int maxPayload() {
    return maxPayload;
  }

  /** Publishes {@code bytes}, split at {@code max_payload}; nothing for no bytes. */
  void write(ByteBuffer bytes) {
    ByteBuffer rest = bytes.duplicate();
    while (rest.hasRemaining()) {
      byte[] chunk = new byte[Math.min(rest.remaining(), maxPayload)];
      rest.get(chunk);
      message(chunk);
    }
  }

  /** Publishes one message of at most {@code max_payload} bytes. */
  void message(byte[] data) {
    if (data.length == 0 || data.length > maxPayload) {
      throw new IllegalArgumentException(
          "a data message must hold 1.." + maxPayload + " bytes, got " + data.length);
    }
    gate.ifPresent(g -> g.acquire(data.length));
    io.publish(subject, Optional.empty(), Optional.empty(), data);
    unacknowledged += data.length;
    if (unacknowledged >= window) {
      io.flush(subject, FLUSH_TIMEOUT);
      unacknowledged = 0;
    }
  }

  /** Ends the channel with the empty message; with {@code error}, says why in a header. */
  void end(Optional<String> error) {
    if (ended) {
      return;
    }
    ended = true;
    Optional<Headers> headers =
        error.map(e -> new Headers().put(WrpcHeaders.TRELLIS_ERROR, headerSafe(e)));
    io.publish(subject, Optional.empty(), headers, NatsIo.EMPTY);
  }

  /** Ends the channel if nothing ended it yet, without throwing (for cleanup paths). */
  void endQuietly(Optional<String> error) {
    try {
      end(error);
    } catch (WrpcCallException.Transport e) {
      // the connection is gone; the peer's deadline ends the call
    }
  }

  private static String headerSafe(String text) {
    String oneLine = text.replaceAll("[\\r\\n]+", " ").replaceAll("[^\\x20-\\x7e]", "?");
    return oneLine.length() > 512 ? oneLine.substring(0, 512) : oneLine;
  }
}
