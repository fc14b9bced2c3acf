package dev.trellis.host;

import dev.trellis.nats.HeartbeatStream;
import io.nats.client.Connection;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Host} joined to a lattice: it serves the Host API on NATS and heart-beats until closed.
 * Closing stops both and removes the host's last heartbeat, so listings drop it at once; a host
 * that dies instead drops out when its heartbeat goes stale.
 */
public final class LatticeHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LatticeHost.class);

  private final Host host;
  private final Connection connection;
  private final HostApiServer server;
  private final HeartbeatPublisher heartbeats;

  private LatticeHost(Host host, Connection connection) {
    this.host = host;
    this.connection = connection;
    this.server = new HostApiServer(connection, host.config().hostId(), host);
    this.heartbeats = new HeartbeatPublisher(connection, host, host.config());
  }

  /** Joins the lattice on {@code connection} (which the caller keeps owning). */
  public static LatticeHost join(HostConfig config, Connection connection, Clock clock) {
    HeartbeatStream.ensure(connection);
    Host host = new Host(config, clock);
    LatticeHost joined = new LatticeHost(host, connection);
    LOG.info(
        "host_started host_id={} friendly_name={} labels={} heartbeat_interval_ms={}",
        config.hostId(),
        config.friendlyName(),
        host.labels(),
        config.heartbeatInterval().toMillis());
    return joined;
  }

  /** The host behind the lattice connection, for direct (embedded) Host API calls. */
  public Host host() {
    return host;
  }

  @Override
  public void close() {
    heartbeats.close();
    server.close();
    HeartbeatStream.forget(connection, host.config().hostId());
    LOG.info("host_stopped host_id={}", host.config().hostId());
  }
}
