package dev.trellis.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OCI registry (Debian's {@code docker-registry}, i.e. CNCF distribution 2.8) on a free
 * loopback port, anonymous, storing under a caller-supplied directory; readiness is the registry's
 * own "listening on" log line. A copy of lattice-host's test helper of the same name without its
 * basic-auth support (test sources are not shared between modules).
 */
public final class LocalRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRegistry.class);

  /** Where Debian installs the registry. */
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final ReentrantLock INSTALL_LOCK = new ReentrantLock();

  private final Process process;
  private final int port;
  private final Path storage;
  private final Path log;

  private LocalRegistry(Process process, int port, Path storage, Path log) {
    this.process = process;
    this.port = port;
    this.storage = storage;
    this.log = log;
  }

  /**
   * Makes sure {@link #BINARY} exists, installing the Debian package when running as root.
   *
   * @return empty when the registry can be started, otherwise why not (for a test skip message)
   */
  public static Optional<String> ensureInstalled() {
    INSTALL_LOCK.lock();
    try {
      if (Files.isExecutable(BINARY)) {
        return Optional.empty();
      }
      if (!isRoot() || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
        return Optional.of(
            BINARY
                + " is missing and cannot be installed here (needs root and apt-get):"
                + " run 'apt-get install -y docker-registry'");
      }
      LOG.info("installing package=docker-registry");
      if (!run(List.of("apt-get", "install", "-y", "-q", "docker-registry"))) {
        run(List.of("apt-get", "update", "-q"));
        run(List.of("apt-get", "install", "-y", "-q", "docker-registry"));
      }
      return Files.isExecutable(BINARY)
          ? Optional.empty()
          : Optional.of("'apt-get install -y docker-registry' failed; see the test log");
    } finally {
      INSTALL_LOCK.unlock();
    }
  }

  /**
   * Starts an anonymous registry storing under {@code dir}. A port that another process grabbed
   * between probing and binding is retried with a new one.
   */
  public static LocalRegistry start(Path dir) {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(dir);
      } catch (IllegalStateException e) {
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("address already in use")) {
          throw e;
        }
        LOG.warn("registry port taken, retrying attempt={}", attempt);
      }
    }
  }

  private static LocalRegistry startOnce(Path dir) {
    try {
      Path storage = Files.createDirectories(dir.resolve("storage"));
      int port = freePort();
      Path config = dir.resolve("config-" + port + ".yml");
      Files.writeString(config, config(storage, port));
      Path log = dir.resolve("registry-" + port + ".log");
      Process process =
          new ProcessBuilder(BINARY.toString(), "serve", config.toString())
              .redirectErrorStream(true)
              .start();
      LocalRegistry registry = new LocalRegistry(process, port, storage, log);
      registry.awaitListening();
      LOG.info("registry started address={} pid={}", registry.address(), process.pid());
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + BINARY, e);
    }
  }

  /** {@code 127.0.0.1:<port>}, the registry part of image references. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The registry's storage root (the {@code docker/registry/v2} tree lives below it). */
  public Path storage() {
    return storage;
  }

  /** Stops the registry (SIGTERM, then SIGKILL after 5 s); idempotent. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    LOG.info("registry stopped address={}", address());
  }

  @Override
  public void close() {
    stop();
  }

  /** Copies the process output to the log file and waits for "listening on". */
  private void awaitListening() throws IOException {
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread.ofVirtual().name("registry-log-" + port).start(() -> pumpLog(listening));
    try {
      listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      stop();
      throw new IllegalStateException(
          "registry on port " + port + " did not start: " + e + "\n" + Files.readString(log), e);
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the registry", e);
    }
  }

  private void pumpLog(CompletableFuture<Void> listening) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        if (line.contains("listening on")) {
          listening.complete(null);
        }
      }
      listening.completeExceptionally(
          new IllegalStateException("registry exited with code " + process.waitFor()));
    } catch (IOException e) {
      listening.completeExceptionally(e);
    } catch (InterruptedException e) {
      listening.completeExceptionally(e);
      Thread.currentThread().interrupt();
    }
  }

  private static String config(Path storage, int port) {
    return """
        version: 0.1
        log:
          level: info
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: %s
          maintenance:
            uploadpurging:
              enabled: false
        http:
          addr: 127.0.0.1:%d
          secret: trellis-test-only-secret
        """
        .formatted(storage, port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean run(List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process p = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      LOG.warn("command failed command={} error={}", command, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
