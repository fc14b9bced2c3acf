package dev.trellis.host.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How a {@link TrellisHttpServer} listens.
 *
 * @param address where to listen; port 0 picks a free port
 * @param stopTimeout how long closing waits for requests in flight
 * @param requestIds makes the id of each request (logged and sent as {@code x-request-id})
 */
public record HttpServerConfig(
    InetSocketAddress address, Duration stopTimeout, Supplier<String> requestIds) {

  public HttpServerConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(requestIds, "requestIds");
    if (stopTimeout.isNegative()) {
      throw new IllegalArgumentException("stopTimeout must not be negative, got " + stopTimeout);
    }
  }

  /** Listening on {@code address}, waiting up to 10 s on close, with random 16-hex-digit ids. */
  public static HttpServerConfig of(InetSocketAddress address) {
    return new HttpServerConfig(address, Duration.ofSeconds(10), HttpServerConfig::randomId);
  }

  /** Listening on {@code host:port}. */
  public static HttpServerConfig of(String host, int port) {
    return of(new InetSocketAddress(host, port));
  }

  /** This configuration with {@code ids} making request ids. */
  public HttpServerConfig withRequestIds(Supplier<String> ids) {
    return new HttpServerConfig(address, stopTimeout, ids);
  }

  /** This configuration waiting at most {@code timeout} for requests in flight on close. */
  public HttpServerConfig withStopTimeout(Duration timeout) {
    return new HttpServerConfig(address, timeout, requestIds);
  }

  private static String randomId() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
