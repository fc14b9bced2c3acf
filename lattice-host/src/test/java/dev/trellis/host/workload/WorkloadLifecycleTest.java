package dev.trellis.host.workload;

import static dev.trellis.host.workload.TestWorkloads.component;
import static dev.trellis.host.workload.TestWorkloads.request;
import static dev.trellis.host.workload.TestWorkloads.s32s;
import static dev.trellis.host.workload.TestWorkloads.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.Host;
import dev.trellis.host.HostException;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.host.plugin.config.ConfigPlugin;
import dev.trellis.host.plugin.keyvalue.KeyValuePlugin;
import dev.trellis.host.plugin.logging.LoggingPlugin;
import dev.trellis.host.plugin.wasi.WasiPlugin;
import dev.trellis.proto.v2.ComponentInfo;
import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.wrpc.wit.WitValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, invoke, stop and the failures of start, on a host without NATS (as embedders use it). */
class WorkloadLifecycleTest {
  private static final String SUM = "trellis:examples/calculator#sum";

  @TempDir Path dir;
  private final RecordingEvents events = new RecordingEvents();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private Host host;

  private Host host(PluginRegistry plugins) {
    host = TestWorkloads.host(dir, plugins, events);
    return host;
  }

  private static PluginRegistry builtIns() {
    return PluginRegistry.of(
        List.of(
            new WasiPlugin(),
            new LoggingPlugin(),
            new ConfigPlugin(),
            KeyValuePlugin.inMemory(),
            new TestPlugins.FakeMessaging()));
  }

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
    threads.shutdownNow();
  }

  private static WorkloadStopRequest stopRequest(String id) {
    return WorkloadStopRequest.newBuilder().setWorkloadId(id).build();
  }

  @Test
  void linkedComponentsRunAreInvokedInProcessAndStopCompletely() {
    Host h = host(builtIns());
    WorkloadStatus started =
        h.start(request("calc-1", component("calc", "calc"), component("adder", "adder")));
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, started.getWorkloadState(), started.getMessage());
    assertEquals(
        List.of("adder", "calc"),
        started.getComponentsList().stream().map(ComponentInfo::getName).sorted().toList());

    RunningWorkload running = h.workload("calc-1").orElseThrow();
    assertEquals(Optional.of(WitValue.s32(6)), running.invoke("calc", SUM, List.of(s32s(1, 2, 3))));
    assertEquals(
        Optional.of(WitValue.string("7 / 2 = 3 remainder 1")),
        running.invoke(
            "calc",
            "trellis:examples/calculator#divide",
            List.of(WitValue.s32(7), WitValue.s32(2))));
    HostHeartbeat beat = h.heartbeat();
    assertEquals(1, beat.getWorkloadCount());
    assertEquals(2, beat.getComponentCount());

    WorkloadStatus stopped = h.stop(stopRequest("calc-1"));
    assertEquals(WorkloadState.WORKLOAD_STATE_STOPPING, stopped.getWorkloadState());
    assertEquals(WorkloadState.WORKLOAD_STATE_NOT_FOUND, status(h, "calc-1").getWorkloadState());
    assertEquals(0, h.heartbeat().getWorkloadCount());
    assertEquals(0, h.heartbeat().getComponentCount());
    assertThrows(HostException.class, () -> running.invoke("calc", SUM, List.of(s32s(1))));
    assertEquals(List.of("workload_started:calc-1", "workload_stopped:calc-1"), events.names());
    assertEquals(
        WorkloadState.WORKLOAD_STATE_NOT_FOUND, h.stop(stopRequest("calc-1")).getWorkloadState());
  }

  @Test
  void aRepeatedStartAnswersTheCurrentStatusAndStartsNothingTwice() {
    Host h = host(builtIns());
    WorkloadStartRequest request =
        request("calc-2", component("calc", "calc"), component("adder", "adder"));
    assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, h.start(request).getWorkloadState());
    WorkloadStatus again = h.start(request("calc-2", component("other", "start-trap")));
    assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, again.getWorkloadState());
    assertEquals(2, again.getComponentsCount());
    assertEquals(1, h.heartbeat().getWorkloadCount());
    assertEquals(1, events.events.size());
  }

  @Test
  void anUnsatisfiedImportFailsTheStartNamingTheImportAndBindsNothing() {
    TestPlugins.Recording logging = new TestPlugins.Recording(new LoggingPlugin());
    Host h =
        host(
            PluginRegistry.of(
                List.of(
                    new WasiPlugin(),
                    logging,
                    new ConfigPlugin(),
                    new TestPlugins.FakeMessaging())));
    WorkloadStatus calc = h.start(request("lonely", component("calc", "calc")));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, calc.getWorkloadState());
    assertTrue(
        calc.getMessage()
            .startsWith("unsatisfied import trellis:examples/math of component 'calc'"),
        calc.getMessage());

    WorkloadStatus kv = h.start(request("no-kv", component("counter", "kv-counter")));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, kv.getWorkloadState());
    assertTrue(
        kv.getMessage().contains("unsatisfied import wasi:keyvalue/store@0.2.0-draft"),
        kv.getMessage());
    assertTrue(kv.getMessage().contains("wasi:keyvalue/atomics@0.2.0-draft"), kv.getMessage());
    assertEquals(0, logging.binds.get());
    assertEquals(0, h.heartbeat().getWorkloadCount());
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status(h, "no-kv").getWorkloadState());
    assertEquals(List.of("workload_failed:lonely", "workload_failed:no-kv"), events.names());
  }

  @Test
  void aRefusedBindingRollsBackEveryBindingMadeBeforeIt() {
    TestPlugins.Recording logging = new TestPlugins.Recording(new LoggingPlugin());
    Host h =
        host(
            PluginRegistry.of(
                List.of(
                    logging,
                    new TestPlugins.Refusing(new ConfigPlugin()),
                    KeyValuePlugin.inMemory(),
                    new TestPlugins.FakeMessaging())));
    WorkloadStatus status = h.start(request("refused", component("counter", "kv-counter")));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertTrue(
        status.getMessage().startsWith("plugin 'wasi-config' refused component 'counter'"),
        status.getMessage());
    assertEquals(1, logging.binds.get());
    assertEquals(1, logging.stops.get());
    assertEquals(1, logging.unbinds.get());
    assertEquals(0, logging.starts.get());
  }

  @Test
  void aTrapInAStartFunctionFailsTheStart() {
    Host h = host(builtIns());
    WorkloadStatus status = h.start(request("trap", component("boom", "start-trap")));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertTrue(
        status.getMessage().startsWith("trap in start of component 'boom'"), status.getMessage());
  }

  @Test
  void aMissingImageFailsTheStartNamingThePull() {
    Host h = host(builtIns());
    WorkloadStatus status =
        h.start(
            request(
                "ghost",
                dev.trellis.proto.v2.Component.newBuilder()
                    .setName("ghost")
                    .setImage("file://" + dir.resolve("nope.wasm"))));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertTrue(
        status.getMessage().startsWith("image pull failed for component 'ghost': image file://"),
        status.getMessage());
  }

  @Test
  void aStopDrainsTheInvocationInFlightAndReportsStoppingMeanwhile() throws Exception {
    TestPlugins.ProbeHost probe = new TestPlugins.ProbeHost();
    Host h = host(PluginRegistry.of(List.of(probe)));
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING,
        h.start(request("probe", component("probes", "probes"))).getWorkloadState());
    RunningWorkload running = h.workload("probe").orElseThrow();
    CompletableFuture<Optional<WitValue>> call =
        CompletableFuture.supplyAsync(
            () -> running.invoke("probes", "call-back", List.of()), threads);
    assertTrue(probe.entered.await(10, TimeUnit.SECONDS));
    CompletableFuture<WorkloadStatus> stop =
        CompletableFuture.supplyAsync(() -> h.stop(stopRequest("probe")), threads);
    TestWorkloads.awaitState(
        h, "probe", WorkloadState.WORKLOAD_STATE_STOPPING, Duration.ofSeconds(5));
    assertThrows(HostException.class, () -> running.invoke("probes", "ask", List.of()));
    assertTrue(!stop.isDone(), "the stop waits for the invocation in flight");

    probe.release();
    assertEquals(Optional.empty(), call.get(10, TimeUnit.SECONDS));
    WorkloadStatus stopped = stop.get(10, TimeUnit.SECONDS);
    assertEquals(WorkloadState.WORKLOAD_STATE_STOPPING, stopped.getWorkloadState());
    assertTrue(!stopped.getMessage().contains("outlived"), stopped.getMessage());
    assertEquals(WorkloadState.WORKLOAD_STATE_NOT_FOUND, status(h, "probe").getWorkloadState());
  }

  @Test
  void aStopGivesUpDrainingAtItsDeadline() throws Exception {
    TestPlugins.ProbeHost probe = new TestPlugins.ProbeHost();
    host =
        Host.builder(
                TestWorkloads.config(dir, "drain-host").withDrainTimeout(Duration.ofMillis(200)))
            .plugins(PluginRegistry.of(List.of(probe)))
            .events(events)
            .build();
    host.start(request("slow", component("probes", "probes")));
    RunningWorkload running = host.workload("slow").orElseThrow();
    assertEquals(Optional.of(WitValue.u32(42)), running.invoke("probes", "ask", List.of()));
    CompletableFuture<Optional<WitValue>> call =
        CompletableFuture.supplyAsync(
            () -> running.invoke("probes", "call-back", List.of()), threads);
    assertTrue(probe.entered.await(10, TimeUnit.SECONDS));
    WorkloadStatus stopped = host.stop(stopRequest("slow"));
    assertTrue(
        stopped.getMessage().endsWith("1 invocations outlived the drain deadline"),
        stopped.getMessage());
    assertEquals(WorkloadState.WORKLOAD_STATE_NOT_FOUND, status(host, "slow").getWorkloadState());
    probe.release();
    call.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theMemoryLimitCapsEveryInstance() {
    Host h = host(PluginRegistry.of(List.of(new TestPlugins.ProbeHost())));
    h.start(
        request(
            "small",
            component("probes", "probes")
                .setLocalResources(LocalResources.newBuilder().setMemoryLimitMb(1))));
    h.start(request("large", component("probes", "probes")));
    List<WitValue> twoMegabytes = List.of(WitValue.u32(32));
    assertEquals(
        Optional.of(WitValue.s32(-1)),
        h.workload("small").orElseThrow().invoke("probes", "grow", twoMegabytes));
    assertEquals(
        Optional.of(WitValue.s32(1)),
        h.workload("large").orElseThrow().invoke("probes", "grow", twoMegabytes));
  }
}
