package dev.trellis.host.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What a component may do with {@code wasi:http/outgoing-handler}: the hosts it may reach and the
 * transport timeouts used when its {@code request-options} leave them unset.
 *
 * @param allowedHosts where requests may go; {@link AllowedHosts#NONE} denies every request
 * @param connectTimeout the default connect timeout
 * @param firstByteTimeout the default time until the response head arrives
 * @param betweenBytesTimeout the default longest pause while the response body streams
 */
public record OutgoingConfig(
    AllowedHosts allowedHosts,
    Duration connectTimeout,
    Duration firstByteTimeout,
    Duration betweenBytesTimeout) {

  /** Denies every outgoing request. */
  public static final OutgoingConfig DENY_ALL = of(AllowedHosts.NONE);

  public OutgoingConfig {
    Objects.requireNonNull(allowedHosts, "allowedHosts");
    positive("connectTimeout", connectTimeout);
    positive("firstByteTimeout", firstByteTimeout);
    positive("betweenBytesTimeout", betweenBytesTimeout);
  }

  /** {@code allowedHosts} with timeouts of 10 s to connect, 60 s to the head and between bytes. */
  public static OutgoingConfig of(AllowedHosts allowedHosts) {
    return new OutgoingConfig(
        allowedHosts, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60));
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
