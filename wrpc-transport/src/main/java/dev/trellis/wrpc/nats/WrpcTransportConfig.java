package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.WrpcCodec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link WrpcClient} or {@link WrpcServer} uses NATS: the subject prefix, the queue group
 * that lets replicas of one server share invocations, the value codec, and the time and memory
 * bounds that keep a slow or vanished peer from hanging a call or filling the heap.
 *
 * @param prefix prepended to every invocation subject (wasmCloud: {@code {lattice}.{target-id}});
 *     empty for none
 * @param queueGroup the queue group servers subscribe with; empty for a plain subscription (every
 *     server receives every invocation)
 * @param codec encodes and decodes values
 * @param callTimeout a client's deadline for a call when the call gives none (handshake and sync
 *     results); a server's bound on receiving a call's params
 * @param idleTimeout the longest wait for the next message of a future or stream
 * @param maxBufferedBytes the most bytes one incoming channel may buffer before its consumer reads
 *     them; beyond it the channel fails as a slow consumer rather than grow without bound
 * @param publishWindowBytes how many bytes an outgoing channel publishes before it waits for the
 *     NATS server to acknowledge them (a flush), which paces producers
 */
public record WrpcTransportConfig(
    String prefix,
    Optional<String> queueGroup,
    WrpcCodec codec,
    Duration callTimeout,
    Duration idleTimeout,
    long maxBufferedBytes,
    long publishWindowBytes) {

  public WrpcTransportConfig {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(queueGroup, "queueGroup");
    Objects.requireNonNull(codec, "codec");
    requirePositive("callTimeout", callTimeout);
    requirePositive("idleTimeout", idleTimeout);
    if (maxBufferedBytes < 1 || publishWindowBytes < 1) {
      throw new IllegalArgumentException("buffer and window sizes must be >= 1");
    }
    queueGroup.ifPresent(
        g -> {
          if (g.isEmpty() || g.chars().anyMatch(c -> c <= ' ' || c == '*' || c == '>')) {
            throw new IllegalArgumentException("invalid queue group '" + g + "'");
          }
        });
  }

  /**
   * Defaults under {@code prefix}: no queue group, the default codec, 10 s call deadline (as
   * wasmCloud's provider SDK), 30 s idle timeout, 32 MiB buffered per channel, 4 MiB window.
   */
  public static WrpcTransportConfig of(String prefix) {
    return new WrpcTransportConfig(
        prefix,
        Optional.empty(),
        WrpcCodec.create(),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        32L << 20,
        4L << 20);
  }

  public WrpcTransportConfig withPrefix(String value) {
    return new WrpcTransportConfig(
        value, queueGroup, codec, callTimeout, idleTimeout, maxBufferedBytes, publishWindowBytes);
  }

  public WrpcTransportConfig withQueueGroup(String value) {
    return new WrpcTransportConfig(
        prefix,
        Optional.of(value),
        codec,
        callTimeout,
        idleTimeout,
        maxBufferedBytes,
        publishWindowBytes);
  }

  public WrpcTransportConfig withCodec(WrpcCodec value) {
    return new WrpcTransportConfig(
        prefix, queueGroup, value, callTimeout, idleTimeout, maxBufferedBytes, publishWindowBytes);
  }

  public WrpcTransportConfig withCallTimeout(Duration value) {
    return new WrpcTransportConfig(
        prefix, queueGroup, codec, value, idleTimeout, maxBufferedBytes, publishWindowBytes);
  }

  public WrpcTransportConfig withIdleTimeout(Duration value) {
    return new WrpcTransportConfig(
        prefix, queueGroup, codec, callTimeout, value, maxBufferedBytes, publishWindowBytes);
  }

  public WrpcTransportConfig withMaxBufferedBytes(long value) {
    return new WrpcTransportConfig(
        prefix, queueGroup, codec, callTimeout, idleTimeout, value, publishWindowBytes);
  }

  public WrpcTransportConfig withPublishWindowBytes(long value) {
    return new WrpcTransportConfig(
        prefix, queueGroup, codec, callTimeout, idleTimeout, maxBufferedBytes, value);
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
