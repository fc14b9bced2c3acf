package dev.trellis.wrpc.nats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NATS headers that travel with a wRPC invocation. wasmCloud passes W3C trace context ({@code
 * traceparent}, {@code tracestate}), the caller's identity ({@code source-id}) and the link name
 * ({@code link-name}); the transport carries them from client to handler unchanged.
 *
 * @param values header names to their values, in insertion order
 */
public record WrpcHeaders(Map<String, List<String>> values) {
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";
  public static final String SOURCE_ID = "source-id";
  public static final String LINK_NAME = "link-name";

  /**
   * Trellis' addition: on the empty message that ends a results channel early, the reason the
   * server failed the call. Upstream peers ignore headers there and still read the end of channel.
   */
  public static final String TRELLIS_ERROR = "trellis-wrpc-error";

  /**
   * Trellis' addition: on an invocation (from the client) or a handshake (from the server), the
   * sender's promise to report what it reads of the peer's futures and streams, and the most unread
   * bytes it accepts per channel. A Trellis producer then waits for those reports (true
   * back-pressure); upstream peers neither send nor read it.
   */
  public static final String TRELLIS_CREDIT_WINDOW = "trellis-wrpc-credit-window";

  private static final WrpcHeaders NONE = new WrpcHeaders(Map.of());

  public WrpcHeaders {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k.isEmpty() || k.chars().anyMatch(c -> c <= ' ' || c == ':' || c == 0x7f)) {
            throw new IllegalArgumentException("invalid NATS header name '" + k + "'");
          }
          for (String value : v) {
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
              throw new IllegalArgumentException("NATS header " + k + " has a line break");
            }
          }
          copy.put(k, List.copyOf(v));
        });
    values = java.util.Collections.unmodifiableMap(copy);
  }

  /** No headers. */
  public static WrpcHeaders none() {
    return NONE;
  }

  /** These headers with {@code name} set to the single {@code value}. */
  public WrpcHeaders with(String name, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(values);
    copy.put(name, List.of(value));
    return new WrpcHeaders(copy);
  }

  /** The first value of {@code name}, if any. */
  public Optional<String> first(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** {@code traceparent}, if the caller sent one. */
  public Optional<String> traceparent() {
    return first(TRACEPARENT);
  }

  /** {@code source-id}: who called, if the caller said. */
  public Optional<String> sourceId() {
    return first(SOURCE_ID);
  }

  /** {@code link-name}, if the caller sent one (wasmCloud's default is {@code default}). */
  public Optional<String> linkName() {
    return first(LINK_NAME);
  }

  /** Whether there are no headers. */
  public boolean isEmpty() {
    return values.isEmpty();
  }
}
