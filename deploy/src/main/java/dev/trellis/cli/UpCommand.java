package dev.trellis.cli;

import dev.trellis.host.HostConfig;
import dev.trellis.host.LatticeHost;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.nats.NatsServerConfig;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trellis up}: a complete one-machine lattice in one process — a local {@code nats-server}
 * with JetStream (installed when missing) and one host — in the foreground until Ctrl-C.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Start a one-machine lattice: a local NATS server with JetStream and one host.")
final class UpCommand implements Runnable {
  @Mixin HostOptions host;

  @Option(
      names = "--nats-port",
      defaultValue = "${env:TRELLIS_NATS_PORT:-4222}",
      description = "Client port of the local NATS server (default: ${DEFAULT-VALUE}).")
  int natsPort;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:TRELLIS_HOME:-${sys:user.home}/.trellis}",
      description = "Where the lattice keeps its data (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public void run() {
    if (NatsServer.portInUse("127.0.0.1", natsPort)) {
      throw new IllegalArgumentException(
          "port "
              + natsPort
              + " is already in use (another `trellis up` or nats-server?); stop it or pass"
              + " --nats-port");
    }
    HostConfig config = host.toConfig(System.getenv());
    Foreground foreground = new Foreground();
    try {
      System.err.println("Starting NATS with JetStream on 127.0.0.1:" + natsPort + " ...");
      NatsServerConfig natsConfig =
          NatsServerConfig.local(dataDir.resolve("nats"))
              .withPort(natsPort)
              .withServerName("trellis-up");
      NatsServer server =
          foreground.own(NatsServer.start(natsConfig, line -> System.err.println("  " + line)));
      Connection connection =
          NatsConnector.connect(
              NatsClientConfig.of(server.clientUrl(), "trellis-host-" + config.hostId()));
      foreground.own(() -> NatsConnector.closeQuietly(connection));
      foreground.own(LatticeHost.join(config, connection, Clock.systemUTC()));
      System.out.printf(
          "Lattice up: NATS %s, host %s (%s). Ctrl-C to stop.%n",
          server.clientUrl(), config.hostId(), config.friendlyName());
      System.out.flush();
    } catch (RuntimeException e) {
      foreground.closeAll();
      throw e;
    }
    foreground.awaitShutdown();
  }
}
