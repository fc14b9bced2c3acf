package dev.trellis.cli;

import dev.trellis.host.HostConfig;
import dev.trellis.host.LatticeHost;
import dev.trellis.nats.NatsConnector;
import io.nats.client.Connection;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trellis host}: joins an existing lattice's NATS as one host and runs until stopped. */
@Command(
    name = "host",
    mixinStandardHelpOptions = true,
    description = "Run a host that joins an existing lattice over NATS.")
final class HostCommand implements Runnable {
  @Mixin NatsOptions nats;
  @Mixin HostOptions host;
  @Mixin StorageOptions storage;
  @Mixin ObservabilityOptions observability;

  @Option(
      names = "--lattice",
      defaultValue = "${env:TRELLIS_LATTICE:-default}",
      description =
          "Lattice name: prefixes the host's subjects unless 'default', names its event"
              + " subjects (default: ${DEFAULT-VALUE}). Env: TRELLIS_LATTICE.")
  String lattice;

  @Override
  public void run() {
    host.lattice = lattice;
    HostConfig config = host.toConfig(System.getenv());
    int replicas = storage.replicas();
    Foreground foreground = new Foreground();
    try {
      observability.start(foreground, "host");
      Connection connection = NatsConnector.connect(nats.config("trellis-host-" + config.hostId()));
      foreground.own(() -> NatsConnector.closeQuietly(connection));
      foreground.own(LatticeHost.join(config, connection, Clock.systemUTC(), replicas));
    } catch (RuntimeException e) {
      foreground.closeAll();
      throw e;
    }
    System.err.printf(
        "Host %s (%s) joined %s (lattice '%s'); images cached in %s, default pull policy %s."
            + " Ctrl-C to stop.%n",
        config.hostId(),
        config.friendlyName(),
        nats.url,
        config.lattice(),
        config.images().cacheDir(),
        config.images().defaultPolicy());
    foreground.awaitShutdown();
  }
}
