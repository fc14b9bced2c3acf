package dev.trellis.host.plugin.wrpc;

import static dev.trellis.host.workload.TestWorkloads.component;
import static dev.trellis.host.workload.TestWorkloads.request;
import static dev.trellis.host.workload.TestWorkloads.withInterfaces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.Host;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.PluginContext;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.host.plugin.PluginWorld;
import dev.trellis.host.workload.RunningWorkload;
import dev.trellis.host.workload.TestWorkloads;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.wrpc.nats.WrpcHeaders;
import dev.trellis.wrpc.provider.RunningProvider;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interfaces a workload routes over wRPC, against a real nats-server: kv-counter's {@code
 * wasi:keyvalue} imports reach a provider served by {@link
 * dev.trellis.wrpc.provider.ProviderRunner} (resources included), values-client's imports reach
 * values' exports served by another host (records, lists, variants, flags), and every failure
 * reaches the guest as its error value or a trap, never a hang.
 */
class WrpcPluginTest {
  private static final String HANDLER = "wasmcloud:messaging/handler@0.2.0#handle-message";
  private static final Duration NO_HANG = Duration.ofSeconds(10);

  @TempDir static Path dir;
  private static NatsServer nats;
  private static Connection connection;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeAll
  static void startNats() {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    connection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "wrpc-plugin-test"));
  }

  @AfterAll
  static void stopNats() {
    NatsConnector.closeQuietly(connection);
    nats.close();
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private Host host(String id, HostPlugin... extra) {
    PluginRegistry plugins =
        PluginRegistry.discover(
            new PluginContext(id, "default", Optional.of(connection), Clock.systemUTC(), 0));
    for (HostPlugin p : extra) {
      plugins = plugins.with(p);
    }
    Host host =
        Host.builder(TestWorkloads.config(dir.resolve(id), id))
            .nats(connection)
            .plugins(plugins)
            .build();
    closing.add(host);
    return host;
  }

  private RunningProvider provider(MemoryKeyValueProvider kv, String name) {
    RunningProvider running =
        kv.start(nats.clientUrl(), Subjects.wrpcPrefix(Subjects.DEFAULT_HOSTGROUP, name));
    closing.add(running);
    return running;
  }

  private static WitInterface.Builder keyvalue(String wrpcName) {
    return WitInterface.newBuilder()
        .setNamespace("wasi")
        .setPackage("keyvalue")
        .setVersion("0.2.0-draft")
        .addInterfaces("store")
        .addInterfaces("atomics")
        .putConfig("wrpc:name", wrpcName);
  }

  private static WorkloadStartRequest counter(String id, String bucket, WitInterface entry) {
    Component.Builder c =
        component("counter", "kv-counter")
            .setLocalResources(LocalResources.newBuilder().putConfig("bucket", bucket));
    return withInterfaces(request(id, c), entry);
  }

  private static RunningWorkload started(Host host, WorkloadStartRequest request) {
    WorkloadStatus status = host.start(request);
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, status.getWorkloadState(), status.toString());
    return host.workload(request.getWorkloadId()).orElseThrow();
  }

  /** Handles one message without a reply subject: the guest's {@code result<_, string>}. */
  private static WitValue.ResultValue handle(RunningWorkload w) {
    WitValue message =
        WitValue.record(
            WitValue.field("subject", WitValue.string("tests")),
            WitValue.field("body", WitArgs.bytesValue(new byte[0])),
            WitValue.field("reply-to", WitValue.none()));
    return (WitValue.ResultValue) w.invoke("counter", HANDLER, List.of(message)).orElseThrow();
  }

  private static String errorText(WitValue.ResultValue result) {
    assertTrue(!result.isOk(), "expected an error, got " + result);
    return ((WitValue.StringValue) result.payload().orElseThrow()).value();
  }

  @Test
  void aCounterImportedOverWrpcCountsInTheProviderAndSaysWhoCalls() {
    MemoryKeyValueProvider kv = new MemoryKeyValueProvider();
    provider(kv, "kv-count");
    RunningWorkload w =
        started(
            host("count-host"),
            counter("kv-count", "visits", keyvalue("kv-count").setName("cache").build()));

    for (int i = 1; i <= 3; i++) {
      assertEquals(Optional.of(WitValue.u64(i)), w.invoke("counter", "increment", List.of()));
    }
    assertEquals(Map.of("count", 3L), kv.counters.get("visits"));
    WrpcHeaders headers = kv.openHeaders.get(kv.openHeaders.size() - 1);
    assertEquals(Optional.of("count-host/kv-count/counter"), headers.sourceId());
    assertEquals(Optional.of("cache"), headers.linkName());
  }

  @Test
  void providerFailuresAndDeadlinesBecomeTheGuestsErrorValue() {
    MemoryKeyValueProvider kv = new MemoryKeyValueProvider();
    RunningProvider running = provider(kv, "kv-fail");
    Host host = host("fail-host");
    WitInterface entry = keyvalue("kv-fail").putConfig("wrpc:timeout", "500ms").build();
    RunningWorkload broken = started(host, counter("kv-broken", "broken", entry));
    RunningWorkload slow = started(host, counter("kv-slow", "slow", entry));
    RunningWorkload forbidden = started(host, counter("kv-forbidden", "forbidden", entry));

    String remote = errorText(handle(broken));
    assertTrue(remote.contains("failed remotely"), remote);
    assertTrue(
        remote.contains("default.kv-fail.wrpc.0.0.1.wasi:keyvalue/atomics@0.2.0-draft.increment"),
        remote);
    String late = errorText(handle(slow));
    assertTrue(late.contains("timed out after 500 ms"), late);
    // an error the provider answers with is the guest's own: kv-counter words access-denied itself
    assertEquals("cannot open bucket", errorText(handle(forbidden)));

    running.close();
    long start = System.nanoTime();
    String gone = errorText(handle(broken));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(gone.contains("no responders"), gone);
    assertTrue(took.compareTo(NO_HANG) < 0, "took " + took);
  }

  @Test
  void aTargetThatKeepsFailingOpensItsCircuitInsteadOfCallingOn() {
    RunningWorkload w =
        started(host("circuit-host"), counter("kv-gone", "c", keyvalue("kv-gone").build()));
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      errors.add(errorText(handle(w)));
    }
    assertTrue(errors.get(0).contains("no responders"), errors.get(0));
    String last = errors.get(errors.size() - 1);
    assertTrue(last.contains("circuit breaker 'default.kv-gone' is open"), last);
  }

  @Test
  void recordsListsAndVariantsTravelBetweenHostsAndAFailedCallWithoutErrorTypeTraps() {
    WitInterface values =
        WitInterface.newBuilder()
            .setNamespace("trellis")
            .setPackage("examples")
            .addInterfaces("values")
            .putConfig("wrpc:name", "values-svc")
            .build();
    Host server = host("values-server");
    started(
        server, withInterfaces(request("values-server", component("values", "values")), values));
    RunningWorkload client =
        started(
            host("values-client", new RootFunctions()),
            withInterfaces(request("values-client", component("client", "values-client")), values));

    assertEquals(
        Optional.of(WitValue.ok(WitValue.u32(44))),
        client.invoke("client", "run-checks", List.of()));

    server.stop(WorkloadStopRequest.newBuilder().setWorkloadId("values-server").build());
    RuntimeException trap =
        assertThrows(
            RuntimeException.class, () -> client.invoke("client", "run-checks", List.of()));
    assertTrue(trap.getMessage().contains("no responders"), trap.getMessage());
    assertTrue(
        trap.getMessage()
            .contains("default.values-svc.wrpc.0.0.1.trellis:examples/values.echo-bool"),
        trap.getMessage());
  }

  @Test
  void aHostWithoutNatsRefusesAnInterfaceRoutedOverWrpcNamingIt() {
    try (Host local =
        new Host(TestWorkloads.config(dir.resolve("local"), "local"), Clock.systemUTC())) {
      WorkloadStatus status = local.start(counter("kv-local", "c", keyvalue("kv").build()));
      assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
      assertTrue(
          status.getMessage().contains("unsatisfied import wasi:keyvalue/store@0.2.0-draft"),
          status.getMessage());
      assertTrue(status.getMessage().contains("(wrpc:name=kv)"), status.getMessage());
      assertTrue(status.getMessage().contains("no NATS connection"), status.getMessage());
    }
  }

  /** The world-level {@code add} and {@code greet} values-client imports besides the interface. */
  private static final class RootFunctions implements HostPlugin {
    @Override
    public String id() {
      return "test-root-functions";
    }

    @Override
    public PluginWorld world() {
      return PluginWorld.EMPTY;
    }

    @Override
    public List<HostInterface> hostInterfaces() {
      return List.of(
          HostInterface.builder(Linker.ROOT)
              .function(
                  "add",
                  (ctx, args) -> WitValue.s32(WitArgs.s32(args.get(0)) + WitArgs.s32(args.get(1))))
              .function(
                  "greet",
                  (ctx, args) -> WitValue.string("Hello, " + WitArgs.string(args.get(0)) + "!"))
              .build());
    }
  }
}
