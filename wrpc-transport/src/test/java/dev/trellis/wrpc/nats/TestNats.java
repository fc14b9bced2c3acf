package dev.trellis.wrpc.nats;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.nats.NatsServerBinary;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Real nats-server processes and connections for the transport tests. */
public final class TestNats {
  private TestNats() {}

  /** A default nats-server (1 MB max_payload). */
  public static NatsServer start(Path dir) {
    return NatsServer.startLocal(dir);
  }

  /** A connection to {@code url} named {@code name}. */
  public static Connection connect(String url, String name) {
    return NatsConnector.connect(new NatsClientConfig(List.of(url), name, Duration.ofSeconds(5)));
  }

  /**
   * A nats-server with a small {@code max_payload}, which NatsServerConfig cannot set: launched
   * with a config file, ready once a client can connect.
   */
  public static SmallServer startSmall(Path dir, int maxPayload) {
    int port = NatsServer.freePort();
    Path conf = dir.resolve("small.conf");
    try {
      Files.writeString(conf, "listen: 127.0.0.1:" + port + "\nmax_payload: " + maxPayload + "\n");
      Path exe = NatsServerBinary.locate().orElseThrow();
      Process process =
          new ProcessBuilder(exe.toString(), "-c", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("small.log").toFile())
              .start();
      String url = "nats://127.0.0.1:" + port;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!NatsServer.portInUse("127.0.0.1", port)) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          process.destroyForcibly();
          throw new IllegalStateException("small nats-server did not start");
        }
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
      }
      return new SmallServer(process, url);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A nats-server process started by {@link #startSmall}. */
  public record SmallServer(Process process, String url) implements AutoCloseable {
    @Override
    public void close() {
      process.destroy();
    }
  }
}
