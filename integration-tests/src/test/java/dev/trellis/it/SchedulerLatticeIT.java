package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.scheduler.api.StatusType;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code trellis host} processes in two label groups ({@code zone=a} twice, {@code zone=b}
 * once) and one {@code trellis scheduler}, all with default timings. An HTTP app spread 2:1 over
 * the groups lands with the right counts per group; after {@code kill -9} of a zone-a host the
 * counts are restored on the remaining zone-a host (its instances sharing one HTTP route) without
 * duplicates; a version rollout under continuous HTTP traffic fails no request and never holds more
 * than desired + surge instances. The steps share one lattice and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerLatticeIT {
  private static final String APP = "spread-web";
  private static final int INSTANCES = 6;
  private static final int SURGE = 2; // the default: 25 % of 6, rounded up
  private static final String SPREADS =
      "[{name: a, requirements: {zone: a}, weight: 2}, {name: b, requirements: {zone: b}, weight:"
          + " 1}]";
  private static final String HELLO = "Hello from Trellis!\n";

  @TempDir static Path dir;
  private static ProcessLattice lattice;

  @BeforeAll
  static void start() {
    lattice = ProcessLattice.start(dir);
    lattice.host("sl-a1", "zone=a");
    lattice.host("sl-a2", "zone=a");
    lattice.host("sl-b1", "zone=b");
    lattice.scheduler("sl-scheduler");
    lattice.awaitHosts();
  }

  @AfterAll
  static void stop() {
    if (lattice != null) {
      lattice.close();
    }
  }

  private static boolean deployed() {
    return lattice.is(APP, StatusType.DEPLOYED);
  }

  @Test
  @Order(1)
  void anAppSpreadTwoToOneLandsWithTheRightCountsPerGroup() throws Exception {
    lattice.app("deploy", lattice.manifest(APP, "v1", "http-hello", INSTANCES, SPREADS).toString());
    Await.until(
        "app deployed", ProcessLattice.STARTUP, () -> deployed() && lattice.running("zone=a") == 4);
    assertEquals(4, lattice.running("zone=a"));
    assertEquals(2, lattice.running("zone=b"));
    assertEquals(Map.of("sl-a1", 2L, "sl-a2", 2L, "sl-b1", 2L), lattice.counts(false));
    for (String host : List.of("sl-a1", "sl-a2", "sl-b1")) {
      HttpResponse<String> r = lattice.get(host, "/");
      assertEquals(200, r.statusCode(), host);
      assertEquals(HELLO, r.body(), host);
    }
  }

  @Test
  @Order(2)
  void killingAHostRestoresTheCountsOnTheRemainingMatchingHost() throws Exception {
    long killed = System.nanoTime();
    lattice.started("sl-a2").process().kill();
    Duration healed =
        Await.until(
            "4 running zone-a instances on sl-a1",
            Duration.ofSeconds(60),
            () -> lattice.running("zone=a") == 4);
    long millis = (System.nanoTime() - killed) / 1_000_000;
    System.out.printf("heal_time_ms=%d (kill -9 of sl-a2 -> 4 running on sl-a1)%n", millis);
    assertTrue(healed.compareTo(Duration.ofSeconds(30)) < 0, "healing took " + healed);
    Await.until("app deployed again", Duration.ofSeconds(30), () -> deployed());

    // Settled: exactly the desired counts, for longer than a probe round and a status poll.
    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < until) {
      assertEquals(Map.of("sl-a1", 4L, "sl-b1", 2L), lattice.counts(false), "no duplicates");
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    assertTrue(deployed(), lattice.status(APP).toString());
    for (int i = 0; i < 8; i++) {
      assertEquals(HELLO, lattice.get("sl-a1", "/").body(), "four instances share one route");
    }
  }

  @Test
  @Order(3)
  void aRolloutUnderContinuousTrafficFailsNoRequestAndStaysWithinSurge() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger v2Answers = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong maxInstances = new AtomicLong();
    List<String> hosts = List.of("sl-a1", "sl-b1");
    CompletableFuture<Void> traffic =
        CompletableFuture.runAsync(
            () -> {
              long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
              for (int i = 0; !done.get() && i < 100_000 && System.nanoTime() < deadline; i++) {
                String host = hosts.get(i % hosts.size());
                try {
                  HttpResponse<String> r = lattice.get(host, "/");
                  requests.incrementAndGet();
                  if (r.statusCode() != 200) {
                    failures.add(host + ": " + r.statusCode() + " " + r.body());
                  } else if (r.body().isEmpty()) {
                    v2Answers.incrementAndGet(); // http-echo answers a GET with an empty body
                  }
                } catch (Exception e) {
                  failures.add(host + ": " + e);
                }
              }
            },
            Thread::startVirtualThread);
    CompletableFuture<Void> sampler =
        CompletableFuture.runAsync(
            () -> {
              long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
              while (!done.get() && System.nanoTime() < deadline) {
                long total = lattice.counts(false).values().stream().mapToLong(c -> c).sum();
                maxInstances.accumulateAndGet(total, Math::max);
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
              }
            },
            Thread::startVirtualThread);
    try {
      Await.until("traffic flowing", Duration.ofSeconds(30), () -> requests.get() >= 20);
      lattice.app("put", lattice.manifest(APP, "v2", "http-echo", INSTANCES, SPREADS).toString());
      lattice.app("deploy", APP, "--version", "v2");
      Duration rollout =
          Await.until("v2 deployed", Duration.ofSeconds(90), () -> deployed() && v2Only());
      System.out.printf(
          "rollout_ms=%d requests=%d failed=%d max_instances=%d%n",
          rollout.toMillis(), requests.get(), failures.size(), maxInstances.get());
      int before = requests.get();
      Await.until(
          "traffic after the rollout", Duration.ofSeconds(30), () -> requests.get() > before + 10);
    } finally {
      done.set(true);
      traffic.get(60, TimeUnit.SECONDS);
      sampler.get(60, TimeUnit.SECONDS);
    }
    assertEquals(List.of(), failures, "failed requests during the rollout");
    assertTrue(v2Answers.get() > 0, "the new version served");
    assertTrue(
        maxInstances.get() <= INSTANCES + SURGE,
        "at most desired + surge instances; saw " + maxInstances.get());
    assertEquals(Map.of("sl-a1", 4L, "sl-b1", 2L), lattice.counts(false));
  }

  /** Whether both hosts answer with the new version's (empty) body. */
  private static boolean v2Only() {
    try {
      for (int i = 0; i < 6; i++) {
        for (String host : List.of("sl-a1", "sl-b1")) {
          if (!lattice.get(host, "/").body().isEmpty()) {
            return false;
          }
        }
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
