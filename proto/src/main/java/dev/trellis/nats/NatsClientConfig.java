package dev.trellis.nats;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a Trellis process connects to NATS: the server URLs, the connection name shown in the
 * server's monitoring, the credentials and the TLS settings. Holds file paths only, never secrets,
 * so it can be logged and printed as it is.
 *
 * @param servers one or more {@code nats://host:port} URLs
 * @param connectionName name shown in NATS monitoring (e.g. {@code trellis-host-<id>})
 * @param connectTimeout how long the first connection may take
 * @param auth the credentials presented to the server
 * @param tls TLS settings; empty means TLS only when the URL ({@code tls://}) or server asks
 */
public record NatsClientConfig(
    List<String> servers,
    String connectionName,
    Duration connectTimeout,
    NatsAuth auth,
    Optional<NatsTls> tls) {
  public NatsClientConfig {
    servers = List.copyOf(servers);
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(tls, "tls");
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one NATS server URL is required");
    }
    for (String url : servers) {
      if (!url.matches("(nats|tls|ws|wss)://[^\\s]+")) {
        throw new IllegalArgumentException(
            "NATS URL '" + url + "' must look like nats://host:port");
      }
    }
  }

  /** Anonymous and without explicit TLS settings. */
  public NatsClientConfig(List<String> servers, String connectionName, Duration connectTimeout) {
    this(servers, connectionName, connectTimeout, NatsAuth.none(), Optional.empty());
  }

  /** Parses a comma-separated URL list as {@code --nats} accepts it. */
  public static NatsClientConfig of(String urls, String connectionName) {
    return new NatsClientConfig(
        Arrays.stream(urls.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
        connectionName,
        Duration.ofSeconds(5));
  }

  /** The same with {@code value} as credentials. */
  public NatsClientConfig withAuth(NatsAuth value) {
    return new NatsClientConfig(servers, connectionName, connectTimeout, value, tls);
  }

  /** The same with TLS from {@code value}. */
  public NatsClientConfig withTls(NatsTls value) {
    return new NatsClientConfig(servers, connectionName, connectTimeout, auth, Optional.of(value));
  }

  /** The same under another connection name (credentials and TLS kept). */
  public NatsClientConfig withConnectionName(String value) {
    return new NatsClientConfig(servers, value, connectTimeout, auth, tls);
  }

  /** The same with another first-connection timeout. */
  public NatsClientConfig withConnectTimeout(Duration value) {
    return new NatsClientConfig(servers, connectionName, value, auth, tls);
  }
}
