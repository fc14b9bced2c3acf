package dev.trellis.nats;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A JetStream cluster of {@code nats-server} processes on loopback, each routed to the others, for
 * tests and demos of replicated streams. Started together because JetStream needs a quorum before
 * any member is ready.
 */
public final class NatsCluster implements AutoCloseable {
  private final List<NatsServer> servers;

  private NatsCluster(List<NatsServer> servers) {
    this.servers = List.copyOf(servers);
  }

  /**
   * Starts {@code size} routed servers under {@code baseDir}/n{i} and waits until all are ready.
   */
  public static NatsCluster start(int size, Path baseDir, Consumer<String> progress) {
    if (size < 1) {
      throw new IllegalArgumentException("cluster size must be >= 1, got " + size);
    }
    List<Integer> routePorts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      routePorts.add(NatsServer.freePort());
    }
    String name = "trellis-" + routePorts.get(0);
    List<NatsServer> started = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        int self = i;
        List<String> routes =
            routePorts.stream()
                .filter(port -> !port.equals(routePorts.get(self)))
                .map(port -> "nats://127.0.0.1:" + port)
                .collect(Collectors.toList());
        NatsServerConfig config =
            NatsServerConfig.local(baseDir.resolve("n" + i))
                .withServerName(name + "-n" + i)
                .withCluster(new NatsServerConfig.Cluster(name, routePorts.get(i), routes))
                .withStartTimeout(Duration.ofSeconds(60));
        started.add(NatsServer.launch(config, progress));
      }
      for (NatsServer server : started) {
        server.awaitReady(server.config().startTimeout());
      }
      return new NatsCluster(started);
    } catch (RuntimeException e) {
      started.forEach(NatsServer::close);
      throw e;
    }
  }

  /** The members, in start order. */
  public List<NatsServer> servers() {
    return servers;
  }

  /** A comma-separated list of every member's client URL, as NATS clients accept it. */
  public String clientUrls() {
    return servers.stream().map(NatsServer::clientUrl).collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    servers.forEach(NatsServer::close);
  }
}
