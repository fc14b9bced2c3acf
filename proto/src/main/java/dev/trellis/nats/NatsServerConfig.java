package dev.trellis.nats;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one {@code nats-server} process runs: loopback address, client and monitoring ports, its own
 * JetStream storage directory, and optionally the cluster it routes to. Immutable; build it with
 * {@link #local(Path)} and the {@code withX} methods.
 *
 * @param host address to listen on
 * @param port client port
 * @param monitorPort HTTP monitoring port (used for readiness)
 * @param serverName unique server name (JetStream clustering needs one)
 * @param storeDir JetStream storage directory, also where the log goes
 * @param jetStream whether JetStream is enabled
 * @param cluster cluster membership, if any
 * @param startTimeout how long {@link NatsServer#start} waits for readiness
 * @param extraConfig {@code nats-server} configuration text (accounts, authorization, TLS,
 *     operator) loaded with {@code -c} beneath the flags above; empty for none
 */
public record NatsServerConfig(
    String host,
    int port,
    int monitorPort,
    String serverName,
    Path storeDir,
    boolean jetStream,
    Optional<Cluster> cluster,
    Duration startTimeout,
    String extraConfig) {

  /**
   * Cluster membership: the cluster's name, this server's route port, and the route URLs of the
   * other members ({@code nats://127.0.0.1:6222}).
   */
  public record Cluster(String name, int port, List<String> routes) {
    public Cluster {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("cluster name must not be blank");
      }
      checkPort("cluster port", port);
      routes = List.copyOf(routes);
    }
  }

  public NatsServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    checkPort("client port", port);
    checkPort("monitoring port", monitorPort);
    if (port == monitorPort) {
      throw new IllegalArgumentException("client and monitoring ports must differ: " + port);
    }
    if (serverName == null || serverName.isBlank()) {
      throw new IllegalArgumentException("server name must not be blank");
    }
    storeDir = storeDir.toAbsolutePath();
    java.util.Objects.requireNonNull(extraConfig, "extraConfig");
  }

  /** A single JetStream server on free loopback ports storing into {@code storeDir}. */
  public static NatsServerConfig local(Path storeDir) {
    return new NatsServerConfig(
        "127.0.0.1",
        NatsServer.freePort(),
        NatsServer.freePort(),
        "trellis-" + ProcessHandle.current().pid() + "-" + NatsServer.freePort(),
        storeDir,
        true,
        Optional.empty(),
        Duration.ofSeconds(30),
        "");
  }

  public NatsServerConfig withPort(int newPort) {
    return new NatsServerConfig(
        host,
        newPort,
        monitorPort,
        serverName,
        storeDir,
        jetStream,
        cluster,
        startTimeout,
        extraConfig);
  }

  public NatsServerConfig withMonitorPort(int newPort) {
    return new NatsServerConfig(
        host, port, newPort, serverName, storeDir, jetStream, cluster, startTimeout, extraConfig);
  }

  public NatsServerConfig withServerName(String name) {
    return new NatsServerConfig(
        host, port, monitorPort, name, storeDir, jetStream, cluster, startTimeout, extraConfig);
  }

  public NatsServerConfig withCluster(Cluster newCluster) {
    return new NatsServerConfig(
        host,
        port,
        monitorPort,
        serverName,
        storeDir,
        jetStream,
        Optional.of(newCluster),
        startTimeout,
        extraConfig);
  }

  public NatsServerConfig withStartTimeout(Duration timeout) {
    return new NatsServerConfig(
        host, port, monitorPort, serverName, storeDir, jetStream, cluster, timeout, extraConfig);
  }

  /**
   * The same with {@code text} as configuration file contents (accounts, users, TLS, operator
   * JWTs); command-line settings (ports, name, JetStream) still win.
   */
  public NatsServerConfig withExtraConfig(String text) {
    return new NatsServerConfig(
        host, port, monitorPort, serverName, storeDir, jetStream, cluster, startTimeout, text);
  }

  private static void checkPort(String what, int value) {
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException(what + " must be in 1..65535, got " + value);
    }
  }
}
