package dev.trellis.cli;

import dev.trellis.nats.NatsConnector;
import dev.trellis.scheduler.api.SchedulerClient;
import io.nats.client.Connection;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Flags of every {@code trellis app} command: where NATS is, which lattice, how long to wait. */
final class AppOptions {
  @Mixin NatsOptions nats;

  @Option(
      names = "--lattice",
      defaultValue = "${env:TRELLIS_LATTICE:-default}",
      description = "Lattice name (default: ${DEFAULT-VALUE}). Env: TRELLIS_LATTICE.")
  String lattice;

  @Option(
      names = "--timeout",
      defaultValue = "5s",
      description = "How long to wait for the scheduler's answer (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /** A connection and a scheduler client on it; closing it closes the connection. */
  Session open() {
    Connection connection = NatsConnector.connect(nats.config("trellis-cli"));
    return new Session(connection, new SchedulerClient(connection, lattice, timeout));
  }

  /**
   * An open connection with its client.
   *
   * @param connection the NATS connection
   * @param client the scheduler API client
   */
  record Session(Connection connection, SchedulerClient client) implements AutoCloseable {
    @Override
    public void close() {
      NatsConnector.closeQuietly(connection);
    }
  }
}
