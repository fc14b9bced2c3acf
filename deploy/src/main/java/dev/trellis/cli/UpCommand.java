package dev.trellis.cli;

import dev.trellis.host.HostConfig;
import dev.trellis.host.LatticeHost;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.nats.NatsServerConfig;
import dev.trellis.scheduler.Scheduler;
import dev.trellis.scheduler.SchedulerConfig;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trellis up}: a complete one-machine lattice in one process — a local {@code nats-server}
 * with JetStream (installed when missing), one host and one scheduler — in the foreground until
 * Ctrl-C.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Start a one-machine lattice: a local NATS server with JetStream, one host, one scheduler.")
final class UpCommand implements Runnable {
  @Mixin HostOptions host;
  @Mixin SchedulerOptions scheduler;
  @Mixin ObservabilityOptions observability;

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

  @Option(
      names = "--demo",
      description =
          "Also deploy the sample app (examples/manifests/hello.yaml) and print its URL; serves"
              + " HTTP on --http-port, 8080 when not given.")
  boolean demo;

  @Override
  public void run() {
    if (demo && host.httpPort == 0) {
      host.httpPort = 8080;
    }
    if (demo && NatsServer.portInUse("127.0.0.1", host.httpPort)) {
      throw new IllegalArgumentException(
          "HTTP port " + host.httpPort + " is already in use; pass --http-port");
    }
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
      observability.start(foreground, "up");
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
      SchedulerConfig schedulerConfig = scheduler.toConfig();
      Connection schedulerConnection =
          NatsConnector.connect(
              NatsClientConfig.of(
                  server.clientUrl(), "trellis-scheduler-" + schedulerConfig.schedulerId()));
      foreground.own(() -> NatsConnector.closeQuietly(schedulerConnection));
      foreground.own(Scheduler.start(schedulerConnection, schedulerConfig));
      System.out.printf(
          "Lattice up: NATS %s, host %s (%s), scheduler %s (lattice '%s'). Ctrl-C to stop.%n",
          server.clientUrl(),
          config.hostId(),
          config.friendlyName(),
          schedulerConfig.schedulerId(),
          schedulerConfig.lattice());
      System.out.flush();
      if (demo) {
        System.err.println("Deploying the demo app 'hello' ...");
        Demo.deploy(schedulerConnection, schedulerConfig.lattice(), Duration.ofSeconds(90));
        System.out.printf("Demo app 'hello' is deployed: http://127.0.0.1:%d/%n", host.httpPort);
        System.out.flush();
      }
    } catch (RuntimeException e) {
      foreground.closeAll();
      throw e;
    }
    foreground.awaitShutdown();
  }
}
