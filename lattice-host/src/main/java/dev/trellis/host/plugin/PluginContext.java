package dev.trellis.host.plugin;

import dev.trellis.wrpc.Telemetry;
import io.nats.client.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
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
 * @param labels the host's labels (e.g. {@code hostgroup}, which picks the wRPC prefix)
 * @param callTimeout the default deadline of calls a plugin makes to remote services for a guest
 *     (wRPC)
 * @param telemetry where the plugin records metrics and spans (the host's)
 */
public record PluginContext(
    String hostId,
    String lattice,
    Optional<Connection> nats,
    Clock clock,
    int httpPort,
    Map<String, String> labels,
    Duration callTimeout,
    Telemetry telemetry) {
  /** The deadline of remote calls when the host sets none. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

  public PluginContext {
    Objects.requireNonNull(telemetry, "telemetry");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(lattice, "lattice");
    Objects.requireNonNull(nats, "nats");
    Objects.requireNonNull(clock, "clock");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("http port must be in 0..65535, got " + httpPort);
    }
    labels = Map.copyOf(labels);
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("call timeout must be positive, got " + callTimeout);
    }
  }

  /**
   * A context without labels, with the default call timeout, recording to {@link
   * Telemetry#global()}.
   */
  public PluginContext(
      String hostId, String lattice, Optional<Connection> nats, Clock clock, int httpPort) {
    this(
        hostId, lattice, nats, clock, httpPort, Map.of(), DEFAULT_CALL_TIMEOUT, Telemetry.global());
  }

  /** A context without NATS and without an HTTP server. */
  public static PluginContext local(String hostId, String lattice, Clock clock) {
    return new PluginContext(hostId, lattice, Optional.empty(), clock, 0);
  }
}
