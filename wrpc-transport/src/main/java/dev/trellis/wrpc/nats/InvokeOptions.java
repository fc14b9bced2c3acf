package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.IndexPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-call settings of a wRPC invocation: its deadline, the headers to send, and the contents of
 * any futures and streams the params carry as pending.
 *
 * @param timeout the deadline for the handshake and the sync results; empty for the transport's
 *     {@link WrpcTransportConfig#callTimeout()}
 * @param headers NATS headers sent with the invocation ({@code traceparent}, {@code source-id},
 *     {@code link-name}, ...)
 * @param async the source of each pending future or stream in the params, by index path
 */
public record InvokeOptions(
    Optional<Duration> timeout, WrpcHeaders headers, Map<IndexPath, AsyncSource> async) {
  private static final InvokeOptions DEFAULTS =
      new InvokeOptions(Optional.empty(), WrpcHeaders.none(), Map.of());

  public InvokeOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(headers, "headers");
    async = Map.copyOf(async);
    timeout.ifPresent(
        t -> {
          if (t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + t);
          }
        });
  }

  /** The transport's deadline, no headers, no async params. */
  public static InvokeOptions defaults() {
    return DEFAULTS;
  }

  public InvokeOptions withTimeout(Duration value) {
    return new InvokeOptions(Optional.of(value), headers, async);
  }

  public InvokeOptions withHeaders(WrpcHeaders value) {
    return new InvokeOptions(timeout, value, async);
  }

  /** These options with header {@code name} set to {@code value}. */
  public InvokeOptions withHeader(String name, String value) {
    return new InvokeOptions(timeout, headers.with(name, value), async);
  }

  /** These options with {@code source} supplying the pending value at {@code path}. */
  public InvokeOptions withAsync(IndexPath path, AsyncSource source) {
    Map<IndexPath, AsyncSource> copy = new LinkedHashMap<>(async);
    copy.put(path, source);
    return new InvokeOptions(timeout, headers, copy);
  }
}
