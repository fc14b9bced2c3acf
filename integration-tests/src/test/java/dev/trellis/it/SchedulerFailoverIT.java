package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.scheduler.api.ApiJson;
import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.reconcile.ReconcileNames;
import io.nats.client.Dispatcher;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code trellis scheduler} replicas over two {@code trellis host} processes: the replica
 * holding the app's lease is killed with {@code kill -9} in the middle of a deploy, and the other
 * one finishes it — the app reaches {@code deployed} once, with exactly the desired workloads and
 * never more than desired + surge on the hosts.
 */
class SchedulerFailoverIT {
  private static final String APP = "ha-web";
  private static final int INSTANCES = 6;
  private static final int SURGE = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static ProcessLattice lattice;
  private static final Map<String, CliProcess> schedulers = new java.util.HashMap<>();

  @BeforeAll
  static void start() {
    lattice = ProcessLattice.start(dir);
    lattice.host("ha-1", "zone=a");
    lattice.host("ha-2", "zone=a");
    schedulers.put("ha-s1", lattice.scheduler("ha-s1"));
    schedulers.put("ha-s2", lattice.scheduler("ha-s2"));
    lattice.awaitHosts();
    for (CliProcess s : schedulers.values()) {
      s.awaitOutput("serving lattice", ProcessLattice.STARTUP);
    }
  }

  @AfterAll
  static void stop() {
    if (lattice != null) {
      lattice.close();
    }
  }

  private static Optional<String> leaseHolder() {
    try {
      KeyValue kv = lattice.client().keyValue(ReconcileNames.LEASE_BUCKET);
      KeyValueEntry entry = kv.get(ReconcileNames.appKey("default", APP));
      return entry == null || entry.getValue() == null
          ? Optional.empty()
          : Optional.of(new String(entry.getValue(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      return Optional.empty(); // bucket not created yet
    }
  }

  private static long total() {
    return lattice.counts(false).values().stream().mapToLong(c -> c).sum();
  }

  @Test
  void killingTheLeaseHolderMidDeployStillDeploysExactlyOnce() throws Exception {
    AtomicInteger deployedUpdates = new AtomicInteger();
    List<String> updates = java.util.Collections.synchronizedList(new ArrayList<>());
    Dispatcher statuses =
        lattice
            .client()
            .createDispatcher(
                m -> {
                  StatusType type;
                  try {
                    type = ApiJson.status(JSON.readTree(m.getData())).type();
                  } catch (java.io.IOException e) {
                    updates.add("malformed: " + e.getMessage());
                    return;
                  }
                  updates.add(type.wireName());
                  if (type == StatusType.DEPLOYED) {
                    deployedUpdates.incrementAndGet();
                  }
                });
    statuses.subscribe("wadm.status.default." + APP);
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong maxInstances = new AtomicLong();
    CompletableFuture<Void> sampler =
        CompletableFuture.runAsync(
            () -> {
              long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
              while (!done.get() && System.nanoTime() < deadline) {
                maxInstances.accumulateAndGet(total(), Math::max);
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
              }
            },
            Thread::startVirtualThread);
    try {
      lattice.app("put", lattice.manifest(APP, "v1", "http-hello", INSTANCES, "[]").toString());
      lattice.app("deploy", APP);
      Await.until("a lease on " + APP, Duration.ofSeconds(30), () -> leaseHolder().isPresent());
      String holder = leaseHolder().orElseThrow();
      schedulers.get(holder).kill();
      long killed = System.nanoTime();
      boolean wasDeployed = deployedUpdates.get() > 0;
      System.out.printf(
          "killed lease holder %s; running instances then: %s%n", holder, lattice.counts(true));
      assertFalse(wasDeployed, "the kill must land mid-deploy; updates so far " + updates);

      Await.until(
          "deployed after the failover",
          Duration.ofSeconds(60),
          () -> lattice.is(APP, StatusType.DEPLOYED));
      System.out.printf(
          "failover_deploy_ms=%d new holder=%s%n",
          (System.nanoTime() - killed) / 1_000_000, leaseHolder().orElse("?"));
      assertTrue(
          leaseHolder().filter(h -> !h.equals(holder)).isPresent(), "the survivor holds the lease");

      long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < until) {
        assertEquals(INSTANCES, total(), "exactly the desired workloads: " + lattice.counts(false));
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
    } finally {
      done.set(true);
      sampler.get(30, TimeUnit.SECONDS);
      lattice.client().closeDispatcher(statuses);
    }
    Set<String> ids = new HashSet<>();
    for (String host : List.of("ha-1", "ha-2")) {
      for (WorkloadStatus w : lattice.inventory(host).orElseThrow()) {
        assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, w.getWorkloadState(), w.toString());
        assertTrue(ids.add(w.getWorkloadId()), "workload " + w.getWorkloadId() + " twice");
      }
    }
    assertEquals(INSTANCES, ids.size());
    assertEquals(1, deployedUpdates.get(), "deployed reported once: " + updates);
    assertTrue(
        maxInstances.get() <= INSTANCES + SURGE,
        "at most desired + surge instances; saw " + maxInstances.get());
    System.out.printf("max_instances=%d status_updates=%s%n", maxInstances.get(), updates);
  }
}
