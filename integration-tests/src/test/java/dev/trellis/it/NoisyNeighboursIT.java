package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadStartResponse;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Noisy neighbours on one {@code trellis host} process: beside a good HTTP component, a guest that
 * loops forever (bounded by a 300 ms request deadline), one that allocates without bound (bounded
 * by a 16 MiB memory limit; the host's whole heap is 256 MiB) and one that traps on every call,
 * each capped at one call at a time, are hammered while the good one is measured. The bad ones get
 * 504, 500 and 500; the good one never fails and its latency stays within a bound of the floor
 * measured in the same run before the bad guests started.
 */
class NoisyNeighboursIT {
  private static final Logger LOG = LoggerFactory.getLogger(NoisyNeighboursIT.class);
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration REPLY = Duration.ofSeconds(20);
  private static final String HOST_ID = "it-noisy-host";
  private static final int SAMPLES = 150;
  private static final int BAD_CLIENTS_PER_ROUTE = 2;
  private static final Duration LOOP_DEADLINE = Duration.ofMillis(300);

  @TempDir Path dir;

  @Test
  void badGuestsStayWithinTheirLimitsWhileAGoodOneKeepsAnswering() throws Exception {
    int port = NatsServer.freePort();
    try (NatsServer nats = NatsServer.startLocal(dir.resolve("nats"));
        Connection client =
            NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "noisy-it"));
        CliProcess host =
            CliProcess.start(
                dir.resolve("host"),
                Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m"),
                "host",
                "--nats",
                nats.clientUrl(),
                "--host-id",
                HOST_ID,
                "--http-port",
                Integer.toString(port),
                "--image-cache-dir",
                dir.resolve("cache").toString());
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
      host.awaitOutput("Host " + HOST_ID, STARTUP);
      start(client, "good", component("hello", "http-hello", "/good"));
      URI good = URI.create("http://127.0.0.1:" + port + "/good");
      measure(http, good, 30); // warm-up: compile, JIT, connections
      Latencies floor = measure(http, good, SAMPLES);

      start(
          client,
          "loop",
          component("loop", "http-loop", "/loop")
              .setMaxConcurrency(1)
              .setLocalResources(
                  route("/loop").putConfig("request_timeout_ms", "" + LOOP_DEADLINE.toMillis())));
      start(
          client,
          "hog",
          component("hog", "http-hog", "/hog")
              .setMaxConcurrency(1)
              .setLocalResources(route("/hog").setMemoryLimitMb(16)));
      start(client, "trap", component("trap", "http-trap", "/trap").setMaxConcurrency(1));

      Map<String, Map<Integer, AtomicInteger>> bad = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> noise = new ArrayList<>();
      for (String route : List.of("/loop", "/hog", "/trap")) {
        for (int i = 0; i < BAD_CLIENTS_PER_ROUTE; i++) {
          URI uri = URI.create("http://127.0.0.1:" + port + route);
          noise.add(Thread.ofVirtual().start(() -> hammer(http, uri, running, bad)));
        }
      }
      Latencies loaded;
      try {
        // let every bad route get going before measuring
        Await.until(
            "every bad route to answer once",
            Duration.ofSeconds(30),
            () -> bad.keySet().containsAll(List.of("/loop", "/hog", "/trap")));
        loaded = measure(http, good, SAMPLES);
      } finally {
        running.set(false);
        for (Thread t : noise) {
          t.join(REPLY.toMillis());
        }
      }

      LOG.info(
          "noisy_neighbours floor_p50_ms={} floor_p95_ms={} loaded_p50_ms={} loaded_p95_ms={}"
              + " loaded_max_ms={} good_failures={} bad_statuses={}",
          floor.percentile(50),
          floor.percentile(95),
          loaded.percentile(50),
          loaded.percentile(95),
          loaded.percentile(100),
          loaded.failures(),
          bad);
      assertEquals(0, floor.failures(), "the good component failed before the noise");
      assertEquals(0, loaded.failures(), "the good component failed beside the bad ones");
      assertEquals(Set.of(504), codes(bad, "/loop"), "the looping guest times out");
      assertEquals(Set.of(500), codes(bad, "/hog"), "the hog fails at its memory limit");
      assertEquals(Set.of(500), codes(bad, "/trap"), "the trapping guest fails");
      // Guest code holds the thread it runs on; each bad guest runs one call at a time for at most
      // its deadline, so a good request waits behind at most about one bad call: the median may
      // grow (on a 2-core machine a loop holds one of two threads) but stays well under half a
      // loop deadline above the floor, and the tail under two deadlines. Were the limits not
      // applied, two loops would hold every thread for good and most requests would wait.
      double p50Bound = floor.percentile(50) + LOOP_DEADLINE.toMillis() / 2.0;
      assertTrue(
          loaded.percentile(50) <= p50Bound,
          "median " + loaded.percentile(50) + " ms beside the noise, bound " + p50Bound + " ms");
      double p95Bound = floor.percentile(95) + 2 * LOOP_DEADLINE.toMillis();
      assertTrue(
          loaded.percentile(95) <= p95Bound,
          "p95 " + loaded.percentile(95) + " ms beside the noise, bound " + p95Bound + " ms");
      assertTrue(host.handle().isAlive(), host.stderr());
      assertEquals(
          WorkloadState.WORKLOAD_STATE_RUNNING,
          start(client, "good", component("hello", "http-hello", "/good")).getWorkloadState(),
          "the good workload is still running");
    }
  }

  /** Latencies in milliseconds of one series of requests, and how many failed. */
  private record Latencies(double[] millis, int failures) {
    double percentile(int p) {
      if (millis.length == 0) {
        return Double.NaN;
      }
      double[] sorted = millis.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return Math.round(sorted[Math.max(0, index)] * 10) / 10.0;
    }
  }

  private static Latencies measure(HttpClient http, URI uri, int count) {
    double[] millis = new double[count];
    int failures = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int done = 0;
    for (; done < count && System.nanoTime() < deadline; done++) {
      long start = System.nanoTime();
      try {
        HttpResponse<String> r = http.send(request(uri), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().equals("Hello from Trellis!\n")) {
          failures++;
        }
      } catch (Exception e) {
        failures++;
      }
      millis[done] = (System.nanoTime() - start) / 1e6;
    }
    return new Latencies(Arrays.copyOf(millis, done), failures + (count - done));
  }

  private static void hammer(
      HttpClient http,
      URI uri,
      AtomicBoolean running,
      Map<String, Map<Integer, AtomicInteger>> statuses) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    for (int i = 0; i < 10_000 && running.get() && System.nanoTime() < deadline; i++) {
      int code;
      try {
        code = http.send(request(uri), HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (Exception e) {
        code = -1;
      }
      statuses
          .computeIfAbsent(uri.getPath(), k -> new ConcurrentHashMap<>())
          .computeIfAbsent(code, k -> new AtomicInteger())
          .incrementAndGet();
    }
  }

  private static Set<Integer> codes(
      Map<String, Map<Integer, AtomicInteger>> statuses, String route) {
    return new TreeSet<>(statuses.getOrDefault(route, Map.of()).keySet());
  }

  private static HttpRequest request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(REPLY).build();
  }

  private static LocalResources.Builder route(String path) {
    return LocalResources.newBuilder().putConfig("path", path);
  }

  private static Component.Builder component(String name, String fixture, String path) {
    return WorkloadLatticeIT.component(name, fixture).setLocalResources(route(path));
  }

  private static WorkloadStatus start(Connection client, String id, Component.Builder component)
      throws Exception {
    WorkloadStartRequest request = WorkloadLatticeIT.request(id, component);
    Message reply =
        client.request(
            Subjects.hostApi(HOST_ID, HostOperation.WORKLOAD_START),
            ProtoJson.encode(request),
            REPLY);
    assertTrue(reply != null, "no reply to the start of " + id);
    WorkloadStatus status =
        ProtoJson.decode(reply.getData(), WorkloadStartResponse.getDefaultInstance())
            .getWorkloadStatus();
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, status.getWorkloadState(), status.getMessage());
    return status;
  }
}
