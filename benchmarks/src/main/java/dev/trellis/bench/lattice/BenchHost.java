package dev.trellis.bench.lattice;

import dev.trellis.host.HostConfig;
import dev.trellis.host.LatticeHost;
import dev.trellis.host.image.ImageConfig;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * One host of the scheduling benchmarks as its own process, so that the benchmark can end it with
 * {@code kill -9} as a crash would: {@code BenchHost NATS_URL HOST_ID HTTP_PORT DIR}. Default
 * timings, like {@code trellis host}; runs until killed.
 */
public final class BenchHost {
  private BenchHost() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: BenchHost NATS_URL HOST_ID HTTP_PORT DIR");
    }
    String id = args[1];
    Path dir = Path.of(args[3]);
    HostConfig config =
        HostConfig.generated()
            .withHostId(id)
            .withHttpPort(Integer.parseInt(args[2]))
            .withImages(ImageConfig.defaults().withCacheDir(dir.resolve("images")))
            .withScratchDir(dir.resolve("scratch"));
    Connection connection = NatsConnector.connect(NatsClientConfig.of(args[0], "bench-" + id));
    LatticeHost host = LatticeHost.join(config, connection, Clock.systemUTC());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  host.close();
                  NatsConnector.closeQuietly(connection);
                }));
    new CountDownLatch(1).await();
  }
}
