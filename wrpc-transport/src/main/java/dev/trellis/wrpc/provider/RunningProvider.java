package dev.trellis.wrpc.provider;

import dev.trellis.nats.NatsConnector;
import dev.trellis.wrpc.nats.ServerStats;
import dev.trellis.wrpc.nats.WrpcServer;
import io.nats.client.Connection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider that {@link ProviderRunner#start} started: serving, beating, until it is drained.
 * Closing it drains (bounded by the configured drain timeout), says so in a last heartbeat and
 * closes the NATS connection.
 */
public final class RunningProvider implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningProvider.class);

  private final ProviderConfig config;
  private final Connection connection;
  private final WrpcServer server;
  private final ProviderHeartbeat heartbeat;
  private final AtomicBoolean closed = new AtomicBoolean();

  RunningProvider(
      ProviderConfig config,
      Connection connection,
      WrpcServer server,
      ProviderHeartbeat heartbeat) {
    this.config = config;
    this.connection = connection;
    this.server = server;
    this.heartbeat = heartbeat;
  }

  /** What the provider has served so far. */
  public ServerStats stats() {
    return server.stats();
  }

  /**
   * Stops taking new invocations and waits, up to the drain timeout, for those in flight.
   *
   * @return whether all of them finished in time
   */
  public boolean drain() {
    heartbeat.publish("draining");
    boolean finished = server.drain(config.drainTimeout());
    LOG.info(
        "provider_drained id={} finished={} in_flight={}",
        config.providerId(),
        finished,
        server.stats().inFlight());
    return finished;
  }

  /** Drains, publishes a last {@code stopped} heartbeat and disconnects. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    drain();
    heartbeat.close();
    heartbeat.publish("stopped");
    server.close();
    NatsConnector.closeQuietly(connection);
    LOG.info("provider_stopped id={}", config.providerId());
  }
}
