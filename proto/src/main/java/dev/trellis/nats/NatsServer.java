package dev.trellis.nats;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code nats-server} child process with JetStream: started on chosen (or free) loopback
 * ports with its own storage directory and optional cluster routes, awaited until its health
 * endpoint says it is ready, and stopped cleanly. {@code trellis up} and every test lattice use it,
 * so what the tests run is what users run.
 */
public final class NatsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NatsServer.class);
  private static final Set<NatsServer> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(NatsServer::reapAtExit));
  }

  private final NatsServerConfig config;
  private final Process process;
  private final Path logFile;

  private NatsServer(NatsServerConfig config, Process process, Path logFile) {
    this.config = config;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Launches {@code nats-server} as configured and returns without waiting; call {@link
   * #awaitReady(Duration)} (a cluster member becomes ready only once a quorum runs).
   */
  public static NatsServer launch(NatsServerConfig config, Consumer<String> progress) {
    Path executable = NatsServerBinary.locateOrInstall(progress);
    try {
      Files.createDirectories(config.storeDir());
      Path logFile = config.storeDir().resolve("nats-server.log");
      Files.deleteIfExists(logFile);
      List<String> command = command(executable, config, logFile);
      LOG.debug("nats_server_launch command={}", String.join(" ", command));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      NatsServer server = new NatsServer(config, process, logFile);
      RUNNING.add(server);
      return server;
    } catch (IOException e) {
      throw new NatsServerException("cannot start " + executable + ": " + e.getMessage(), e);
    }
  }

  /** Launches and waits until the server is ready (single servers, or the last cluster member). */
  public static NatsServer start(NatsServerConfig config, Consumer<String> progress) {
    NatsServer server = launch(config, progress);
    try {
      server.awaitReady(config.startTimeout());
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Starts a single server on free loopback ports with JetStream in {@code storeDir}. */
  public static NatsServer startLocal(Path storeDir) {
    return start(NatsServerConfig.local(storeDir), line -> LOG.info("nats_install {}", line));
  }

  private static List<String> command(Path executable, NatsServerConfig config, Path logFile)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(
        List.of(
            "--addr",
            config.host(),
            "--port",
            Integer.toString(config.port()),
            "--http_port",
            Integer.toString(config.monitorPort()),
            "--server_name",
            config.serverName(),
            "--log",
            logFile.toString()));
    if (!config.extraConfig().isEmpty()) {
      Path file = config.storeDir().resolve("trellis-nats.conf");
      Files.writeString(file, config.extraConfig(), StandardCharsets.UTF_8);
      command.addAll(List.of("-c", file.toString()));
    }
    if (config.jetStream()) {
      command.addAll(List.of("--jetstream", "--store_dir", config.storeDir().toString()));
    }
    config
        .cluster()
        .ifPresent(
            cluster -> {
              command.addAll(
                  List.of(
                      "--cluster_name",
                      cluster.name(),
                      "--cluster",
                      "nats://" + config.host() + ":" + cluster.port()));
              if (!cluster.routes().isEmpty()) {
                command.addAll(List.of("--routes", String.join(",", cluster.routes())));
              }
            });
    return command;
  }

  /**
   * Waits until the monitoring endpoint reports healthy (JetStream current, cluster formed). Fails
   * with the tail of the server log if the process exits or the deadline passes.
   */
  public void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    URI health = URI.create("http://" + config.host() + ":" + config.monitorPort() + "/healthz");
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        RUNNING.remove(this);
        throw new NatsServerException(
            "nats-server "
                + config.serverName()
                + " exited with code "
                + process.exitValue()
                + " while starting; its log ends with:\n"
                + logTail());
      }
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          LOG.info(
              "nats_server_ready name={} url={} pid={}",
              config.serverName(),
              clientUrl(),
              process.pid());
          return;
        }
        last = answer.statusCode() + " " + answer.body().strip();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NatsServerException("interrupted while waiting for nats-server", e);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    throw new NatsServerException(
        "nats-server "
            + config.serverName()
            + " not ready after "
            + timeout.toMillis()
            + " ms (last health answer: "
            + last
            + "); its log ends with:\n"
            + logTail());
  }

  /** The URL clients connect to, e.g. {@code nats://127.0.0.1:4222}. */
  public String clientUrl() {
    return "nats://" + config.host() + ":" + config.port();
  }

  /** The configuration this server runs with (ports resolved). */
  public NatsServerConfig config() {
    return config;
  }

  /** The server's operating-system process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process is still running. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** Where the server writes its log. */
  public Path logFile() {
    return logFile;
  }

  /** Kills the process with SIGKILL, as a crash would; for fault tests. */
  public void kill() {
    process.destroyForcibly();
    waitForExit(Duration.ofSeconds(10));
    RUNNING.remove(this);
  }

  /** Stops the server gracefully (SIGTERM), forcibly after 10 s. Idempotent. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      if (!waitForExit(Duration.ofSeconds(10))) {
        LOG.warn("nats_server_forced_stop name={} pid={}", config.serverName(), process.pid());
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(5));
      }
      LOG.info("nats_server_stopped name={} pid={}", config.serverName(), process.pid());
    }
    RUNNING.remove(this);
  }

  private boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /**
   * At JVM exit, stops servers nobody closed: after a short grace period, so that an orderly
   * shutdown running in another hook (hosts leaving before their NATS stops) can finish first.
   */
  private static void reapAtExit() {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    for (NatsServer server : RUNNING) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          server.process.waitFor(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    for (NatsServer server : RUNNING) {
      server.process.destroy();
      server.waitForExit(Duration.ofSeconds(5));
      server.process.destroyForcibly();
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * A free TCP port on the loopback interface, for servers started on "any free port". It is taken
   * below the kernel's ephemeral range when there is room: a port from that range can be handed to
   * an outgoing connection (another server's route, a client) between this call and the server
   * binding it, which is how a cluster member failed to start with "address already in use".
   */
  public static int freePort() {
    int below = ephemeralRangeStart();
    for (int attempt = 0; below > LOWEST_CHOSEN_PORT && attempt < 50; attempt++) {
      int port = LOWEST_CHOSEN_PORT + PORTS.nextInt(below - LOWEST_CHOSEN_PORT);
      if (canBind(port)) {
        return port;
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new NatsServerException("no free loopback port", e);
    }
  }

  private static final int LOWEST_CHOSEN_PORT = 10_000;
  private static final java.util.Random PORTS = new java.security.SecureRandom();

  private static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first port of the kernel's ephemeral range (Linux), or 0 when unknown. */
  private static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Whether something already listens on {@code host:port}. */
  public static boolean portInUse(String host, int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "NatsServer[" + config.serverName() + " " + clientUrl() + " pid=" + pid() + "]";
  }

  /** Convenience for callers that only hold an optional server. */
  public static void closeQuietly(Optional<NatsServer> server) {
    server.ifPresent(NatsServer::close);
  }
}
