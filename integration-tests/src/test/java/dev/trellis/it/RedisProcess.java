package dev.trellis.it;

import dev.trellis.nats.NatsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, without persistence,
 * started by a test and stopped after it. When the binary is missing and the tests run as root it
 * is installed with apt-get, as test.sh installs nats-server.
 */
final class RedisProcess implements AutoCloseable {
  private static final List<Path> CANDIDATES =
      List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/sbin/redis-server"));

  private final Process process;
  private final int port;

  private RedisProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a redis-server on a free port; it is ready when this returns. */
  static RedisProcess start(Path dir) {
    Path exe = locateOrInstall();
    int port = NatsServer.freePort();
    try {
      Process process =
          new ProcessBuilder(
                  exe.toString(),
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
              .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!NatsServer.portInUse("127.0.0.1", port)) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          process.destroyForcibly();
          throw new IllegalStateException("redis-server did not start on port " + port);
        }
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      return new RedisProcess(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + exe, e);
    }
  }

  /** {@code redis://127.0.0.1:port}. */
  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** The port it listens on. */
  int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static Path locateOrInstall() {
    Optional<Path> found = CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException(
          "redis-server is required for these tests: sudo apt-get install redis-server");
    }
    run("apt-get", "install", "-y", "-q", "redis-server");
    if (CANDIDATES.stream().noneMatch(Files::isExecutable)) {
      run("apt-get", "update", "-q");
      run("apt-get", "install", "-y", "-q", "redis-server");
    }
    return CANDIDATES.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("apt-get did not install redis-server"));
  }

  private static void run(String... command) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(devNull());
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process p = builder.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted installing redis-server", e);
    }
  }

  private static ProcessBuilder.Redirect devNull() {
    return ProcessBuilder.Redirect.to(Path.of("/dev/null").toFile());
  }
}
