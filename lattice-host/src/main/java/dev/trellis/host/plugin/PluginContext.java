package dev.trellis.host.plugin;

import dev.trellis.wrpc.Telemetry;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link HostPluginProvider} may use to create its plugin.
 *
 * @param hostId the id of the host the plugin serves
 * @param lattice the lattice the host belongs to
 * @param nats the host's NATS connection (owned by the host); empty for embedded hosts without one
 * @param clock the host's clock
 * @param httpPort the port the host serves incoming HTTP on (all interfaces); 0 for none
 * @param telemetry where the plugin records metrics and spans (the host's)
 */
public record PluginContext(
    String hostId,
    String lattice,
    Optional<Connection> nats,
    Clock clock,
    int httpPort,
    Telemetry telemetry) {
  public PluginContext {
    Objects.requireNonNull(telemetry, "telemetry");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(lattice, "lattice");
    Objects.requireNonNull(nats, "nats");
    Objects.requireNonNull(clock, "clock");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("http port must be in 0..65535, got " + httpPort);
    }
  }

  /** A context recording to {@link Telemetry#global()}. */
  public PluginContext(
      String hostId, String lattice, Optional<Connection> nats, Clock clock, int httpPort) {
    this(hostId, lattice, nats, clock, httpPort, Telemetry.global());
  }

  /** A context without NATS and without an HTTP server. */
  public static PluginContext local(String hostId, String lattice, Clock clock) {
    return new PluginContext(hostId, lattice, Optional.empty(), clock, 0);
  }
}
