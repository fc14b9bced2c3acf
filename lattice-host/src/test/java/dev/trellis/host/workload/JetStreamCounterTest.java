package dev.trellis.host.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.Host;
import dev.trellis.host.plugin.WitInterfaceSpec;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With NATS, key-value defaults to JetStream: the counter component's count outlives its instances,
 * its workload and its host.
 */
class JetStreamCounterTest {
  @TempDir static Path dir;
  private static NatsServer nats;
  private static Connection connection;

  @BeforeAll
  static void start() {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    connection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "host"));
  }

  @AfterAll
  static void stop() {
    NatsConnector.closeQuietly(connection);
    nats.close();
  }

  private static Host host(String id) {
    return Host.builder(TestWorkloads.config(dir.resolve(id), id)).nats(connection).build();
  }

  private static final WorkloadStartRequest COUNTER =
      TestWorkloads.request(
          "persistent",
          TestWorkloads.component("counter", "kv-counter")
              .setLocalResources(
                  LocalResources.newBuilder().putConfig("bucket", "restart_counts")));

  private static Optional<WitValue> increment(Host host) {
    return host.workload("persistent").orElseThrow().invoke("counter", "increment", List.of());
  }

  @Test
  void theCountSurvivesAHostRestart() {
    try (Host first = host("first")) {
      assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, first.start(COUNTER).getWorkloadState());
      assertEquals(Optional.of(WitValue.u64(1)), increment(first));
      assertEquals(Optional.of(WitValue.u64(2)), increment(first));
      List<String> imports =
          first.heartbeat().getImportsList().stream()
              .map(i -> WitInterfaceSpec.fromProto(i).toString())
              .toList();
      assertTrue(
          imports.contains("wasmcloud:messaging/{consumer,types}@0.2.0"), imports.toString());
      assertEquals(
          "wasmcloud:messaging/handler@0.2.0",
          WitInterfaceSpec.fromProto(first.heartbeat().getExports(0)).toString());
    }
    try (Host second = host("second")) {
      assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, second.start(COUNTER).getWorkloadState());
      assertEquals(Optional.of(WitValue.u64(3)), increment(second));
    }
  }
}
