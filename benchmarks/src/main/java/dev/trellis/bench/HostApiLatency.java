package dev.trellis.bench;

import dev.trellis.host.HostConfig;
import dev.trellis.host.LatticeHost;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Round-trip latency of a Host API {@code workload.status} request to a real host, beside a raw
 * jnats request/reply of the same payload to a responder that echoes it (the floor). Both go
 * through the same local nats-server in the same run; loops are bounded by count and time.
 */
final class HostApiLatency {
  private static final byte[] PAYLOAD =
      "{\"workloadId\":\"bench-workload\"}".getBytes(StandardCharsets.UTF_8);

  private HostApiLatency() {}

  static List<Figure> run(int iterations, Duration budget) throws Exception {
    Path dir = Files.createTempDirectory("trellis-bench-nats");
    try (NatsServer nats = NatsServer.startLocal(dir)) {
      Connection hostSide = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "host"));
      Connection client = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "client"));
      Dispatcher echo =
          hostSide.createDispatcher(m -> hostSide.publish(m.getReplyTo(), m.getData()));
      echo.subscribe("bench.echo");
      try (LatticeHost host =
          LatticeHost.join(
              HostConfig.generated().withHostId("bench-host"), hostSide, Clock.systemUTC())) {
        String status = Subjects.hostApi("bench-host", HostOperation.WORKLOAD_STATUS);
        measure(client, "bench.echo", iterations / 4, budget); // warm-up both paths
        measure(client, status, iterations / 4, budget);
        Percentiles floor = measure(client, "bench.echo", iterations, budget);
        Percentiles api = measure(client, status, iterations, budget);
        return List.of(
            new Figure(
                "Host API workload.status p50",
                "ms",
                api.millis(50),
                floor.millis(50),
                "jnats request/reply echo p50",
                0),
            new Figure(
                "Host API workload.status p99",
                "ms",
                api.millis(99),
                floor.millis(99),
                "jnats request/reply echo p99",
                0));
      } finally {
        NatsConnector.closeQuietly(client);
        NatsConnector.closeQuietly(hostSide);
      }
    }
  }

  private static Percentiles measure(
      Connection client, String subject, int iterations, Duration budget) throws Exception {
    long[] samples = new long[iterations];
    long deadline = System.nanoTime() + budget.toNanos();
    int done = 0;
    while (done < iterations && System.nanoTime() < deadline) {
      long start = System.nanoTime();
      Message reply = client.request(subject, PAYLOAD, Duration.ofSeconds(2));
      if (reply == null) {
        throw new IllegalStateException("no reply on " + subject);
      }
      samples[done++] = System.nanoTime() - start;
    }
    return new Percentiles(java.util.Arrays.copyOf(samples, Math.max(1, done)));
  }
}
