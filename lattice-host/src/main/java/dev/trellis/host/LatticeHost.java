package dev.trellis.host;

import dev.trellis.nats.HeartbeatStream;
import dev.trellis.nats.StorageReplicas;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Host} joined to a lattice: it serves the Host API on NATS and heart-beats until closed.
 * Closing stops taking requests, stops every workload, removes the host's last heartbeat (so
 * listings drop it at once) and closes the host; a host that dies instead drops out when its
 * heartbeat goes stale.
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
    this.server =
        new HostApiServer(
            connection,
            host.config().lattice(),
            host.config().hostId(),
            host,
            Optional.of(host::inventory));
    this.heartbeats = new HeartbeatPublisher(connection, host, host.config());
  }

  /**
   * Joins the lattice on {@code connection} (which the caller keeps owning) with a host whose
   * plugins may use that connection (JetStream key-value, messaging) and which publishes workload
   * events on it.
   */
  public static LatticeHost join(HostConfig config, Connection connection, Clock clock) {
    return join(config, connection, clock, StorageReplicas.DEFAULT);
  }

  /**
   * {@link #join(HostConfig, Connection, Clock)}, creating the lattice's heartbeat stream (if no
   * host did yet) with {@code storageReplicas} copies.
   */
  public static LatticeHost join(
      HostConfig config, Connection connection, Clock clock, int storageReplicas) {
    StorageReplicas.check("storage replicas", storageReplicas);
    return join(
        Host.builder(config).clock(clock).nats(connection).build(), connection, storageReplicas);
  }

  /** Joins the lattice with a host built by the caller; closing this closes {@code host}. */
  public static LatticeHost join(Host host, Connection connection) {
    return join(host, connection, StorageReplicas.DEFAULT);
  }

  /**
   * Joins the lattice with a host built by the caller, creating the heartbeat stream (if no host
   * did yet) with {@code storageReplicas} copies; closing this closes {@code host}.
   */
  public static LatticeHost join(Host host, Connection connection, int storageReplicas) {
    HeartbeatStream.ensure(connection, host.config().lattice(), storageReplicas);
    LatticeHost joined = new LatticeHost(host, connection);
    HostConfig config = host.config();
    LOG.info(
        "host_started host_id={} friendly_name={} lattice={} labels={} heartbeat_interval_ms={}"
            + " plugins={}",
        config.hostId(),
        config.friendlyName(),
        config.lattice(),
        host.labels(),
        config.heartbeatInterval().toMillis(),
        host.plugins().plugins().stream().map(p -> p.id()).toList());
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
    host.close();
    HeartbeatStream.forget(connection, host.config().lattice(), host.config().hostId());
    LOG.info("host_stopped host_id={}", host.config().hostId());
  }
}
