package dev.trellis.scheduler.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.scheduler.Scheduler;
import dev.trellis.scheduler.SchedulerConfig;
import dev.trellis.scheduler.api.AppStatus;
import dev.trellis.scheduler.api.SchedulerClient;
import dev.trellis.scheduler.api.StatusType;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A test lattice on a real nats-server: three labelled fake hosts (eu1, eu2 in eu-west; us1 in
 * us-east), scheduler replicas with fast timings, and a scheduler API client.
 */
final class LatticeFixture implements AutoCloseable {
  static final String LATTICE = "rtest";
  static final ReconcilerConfig FAST =
      ReconcilerConfig.defaults()
          .withProbeInterval(Duration.ofMillis(200))
          .withIntervals(Duration.ofMillis(100), Duration.ofSeconds(1))
          .withLease(Duration.ofSeconds(2), Duration.ofMillis(200))
          .withBackoff(Duration.ofMillis(400), Duration.ofSeconds(3));

  final NatsServer nats;
  final FakeLattice lattice = new FakeLattice();
  final List<FakeHost> hosts = new ArrayList<>();
  final List<Connection> connections = new ArrayList<>();
  final List<Scheduler> schedulers = new ArrayList<>();
  final SchedulerClient client;

  LatticeFixture(Path dir) {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    hosts.add(new FakeHost(nats.clientUrl(), "eu1", Map.of("region", "eu-west"), lattice));
    hosts.add(new FakeHost(nats.clientUrl(), "eu2", Map.of("region", "eu-west"), lattice));
    hosts.add(new FakeHost(nats.clientUrl(), "us1", Map.of("region", "us-east"), lattice));
    client = new SchedulerClient(connect("client"), LATTICE, Duration.ofSeconds(15));
  }

  Connection connect(String name) {
    Connection connection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), name));
    connections.add(connection);
    return connection;
  }

  Scheduler scheduler(String id) {
    return scheduler(id, FAST);
  }

  Scheduler scheduler(String id, ReconcilerConfig timings) {
    Connection connection = connect(id);
    Scheduler scheduler = Scheduler.start(connection, new SchedulerConfig(LATTICE, id, timings));
    schedulers.add(scheduler);
    return scheduler;
  }

  /** Kills a replica as kill -9 would: its NATS connection drops without any goodbye. */
  void crash(Scheduler scheduler) {
    Connection connection = connections.get(schedulers.indexOf(scheduler) + 1);
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  FakeHost host(String id) {
    return hosts.stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
  }

  long count(String app, String... hostIds) {
    return List.of(hostIds).stream().mapToLong(h -> host(h).count(app)).sum();
  }

  void deploy(String yaml, String app) {
    client.put(yaml);
    assertEquals(
        dev.trellis.scheduler.api.ApiResponse.DeployResult.ACKNOWLEDGED,
        client.deploy(app, Optional.empty()).result());
  }

  Optional<AppStatus> status(String app) {
    return client.status(app).status();
  }

  void awaitStatus(String app, StatusType type, Duration timeout) {
    await(
        app + " " + type.wireName(),
        timeout,
        () -> status(app).map(s -> s.type() == type).orElse(false));
  }

  void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(
            "timed out after "
                + timeout.toMillis()
                + " ms waiting for "
                + what
                + "; status: "
                + describe());
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
    }
  }

  private String describe() {
    StringBuilder out = new StringBuilder();
    hosts.forEach(h -> out.append(h.id()).append('=').append(h.workloads().keySet()).append(' '));
    return out.toString();
  }

  @Override
  public void close() {
    for (Scheduler scheduler : schedulers) {
      try {
        scheduler.close();
      } catch (RuntimeException e) {
        // a killed replica's connection is already gone
      }
    }
    hosts.forEach(FakeHost::close);
    connections.forEach(NatsConnector::closeQuietly);
    nats.close();
  }

  static String spreadApp(String name, String version, String image, int instances, String spread) {
    return """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: %s
          annotations:
            version: %s
        spec:
          components:
            - name: api
              type: component
              properties:
                image: %s
              traits:
                - type: spreadscaler
                  properties:
                    instances: %d
                    spread: %s
        """
        .formatted(name, version, image, instances, spread);
  }
}
