package dev.trellis.host.http;

import java.time.Duration;
import java.util.Optional;

/**
 * The Java object behind a {@code wasi:http/types.request-options}: the transport timeouts of one
 * outgoing request; absent ones fall back to the {@link OutgoingConfig} defaults.
 */
final class RequestOptions {
  Optional<Duration> connectTimeout = Optional.empty();
  Optional<Duration> firstByteTimeout = Optional.empty();
  Optional<Duration> betweenBytesTimeout = Optional.empty();
}
