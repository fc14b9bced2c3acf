package dev.trellis.nats;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How a Trellis process connects to NATS: the server URLs and the connection name shown in the
 * server's monitoring. Credentials join here as the lattice is locked down.
 *
 * @param servers one or more {@code nats://host:port} URLs
 * @param connectionName name shown in NATS monitoring (e.g. {@code trellis-host-<id>})
 * @param connectTimeout how long the first connection may take
 */
public record NatsClientConfig(
    List<String> servers, String connectionName, Duration connectTimeout) {
  public NatsClientConfig {
    servers = List.copyOf(servers);
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

  /** Parses a comma-separated URL list as {@code --nats} accepts it. */
  public static NatsClientConfig of(String urls, String connectionName) {
    return new NatsClientConfig(
        Arrays.stream(urls.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
        connectionName,
        Duration.ofSeconds(5));
  }
}
