package dev.trellis.host.workload;

import static dev.trellis.host.workload.TestWorkloads.component;
import static dev.trellis.host.workload.TestWorkloads.request;
import static dev.trellis.host.workload.TestWorkloads.s32s;
import static dev.trellis.host.workload.TestWorkloads.withInterfaces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.Host;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.host.plugin.config.ConfigPlugin;
import dev.trellis.host.plugin.keyvalue.InMemoryKeyValue;
import dev.trellis.host.plugin.keyvalue.KeyValuePlugin;
import dev.trellis.host.plugin.logging.LoggingPlugin;
import dev.trellis.host.plugin.wasi.WasiPlugin;
import dev.trellis.proto.v2.EmptyDirVolume;
import dev.trellis.proto.v2.HostPathVolume;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.Volume;
import dev.trellis.proto.v2.VolumeMount;
import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.wrpc.wit.WitValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key-value, config, pools and volumes as workloads use them, on a host without NATS. */
class WorkloadResourcesTest {
  @TempDir Path dir;
  private final InMemoryKeyValue memory = new InMemoryKeyValue();
  private final TestPlugins.FakeMessaging messaging = new TestPlugins.FakeMessaging();
  private Host host;

  private Host host() {
    host =
        TestWorkloads.host(
            dir,
            PluginRegistry.of(
                List.of(
                    new WasiPlugin(),
                    new LoggingPlugin(),
                    new ConfigPlugin(),
                    new KeyValuePlugin(List.of(memory), InMemoryKeyValue.ID),
                    messaging)),
            WorkloadEvents.NONE);
    return host;
  }

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  private static WitInterface.Builder keyvalue() {
    return WitInterface.newBuilder()
        .setNamespace("wasi")
        .setPackage("keyvalue")
        .setVersion("0.2.0-draft")
        .addInterfaces("store")
        .addInterfaces("atomics");
  }

  private static WorkloadStartRequest counter(String id, String bucket) {
    return request(
        id,
        component("counter", "kv-counter")
            .setLocalResources(LocalResources.newBuilder().putConfig("bucket", bucket)));
  }

  private String stored(String bucket) {
    return memory
        .open(bucket)
        .get("count")
        .map(b -> new String(b, StandardCharsets.US_ASCII))
        .orElse("<none>");
  }

  private static Optional<WitValue> increment(RunningWorkload w) {
    return w.invoke("counter", "increment", List.of());
  }

  @Test
  void theKeyValueCounterKeepsItsCountAcrossFreshInstances() {
    Host h = host();
    WorkloadStatus status = h.start(counter("kv-1", "counts-a"));
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, status.getWorkloadState(), status.getMessage());
    RunningWorkload w = h.workload("kv-1").orElseThrow();
    assertEquals(Optional.of(WitValue.u64(1)), increment(w));
    assertEquals(Optional.of(WitValue.u64(2)), increment(w));
    assertEquals(Optional.of(WitValue.u64(3)), increment(w));
    assertEquals("3", stored("counts-a"));
    assertEquals(new ComponentStats(3, 0, 0), w.stats().get("counter"));

    assertEquals(Optional.of(WitValue.ok()), messaging.deliver("kv-1", "counter", "reply.1"));
    assertEquals(List.of("reply.1=4"), messaging.published);

    h.start(counter("kv-2", "counts-b"));
    assertEquals(Optional.of(WitValue.u64(1)), increment(h.workload("kv-2").orElseThrow()));
    assertEquals("4", stored("counts-a"));
  }

  @Test
  void anUnnamedKeyValueEntryChoosesTheBucketAndComponentConfigBeatsEntryConfig() {
    Host h = host();
    WitInterface config =
        WitInterface.newBuilder()
            .setNamespace("wasi")
            .setPackage("config")
            .addInterfaces("store")
            .putConfig("bucket", "from-entry")
            .build();
    h.start(withInterfaces(request("cfg", component("counter", "kv-counter")), config));
    increment(h.workload("cfg").orElseThrow());
    assertEquals("1", stored("from-entry"));

    h.start(withInterfaces(counter("cfg-2", "from-component"), config));
    increment(h.workload("cfg-2").orElseThrow());
    assertEquals("1", stored("from-component"));

    h.start(
        withInterfaces(
            counter("routed", "ignored"),
            keyvalue().putConfig("bucket", "manifest-bucket").build()));
    increment(h.workload("routed").orElseThrow());
    assertEquals("1", stored("manifest-bucket"));
    assertEquals("<none>", stored("ignored"));
  }

  @Test
  void aNamedKeyValueEntryRoutesTheBucketItNames() {
    Host h = host();
    h.start(
        withInterfaces(
            counter("named", "cache"),
            keyvalue().setName("cache").putConfig("bucket", "real-cache").build(),
            keyvalue().setName("sessions").putConfig("bucket", "real-sessions").build()));
    increment(h.workload("named").orElseThrow());
    assertEquals("1", stored("real-cache"));
    assertEquals("<none>", stored("cache"));
  }

  @Test
  void aBackendTheHostLacksFailsTheStartNamingIt() {
    Host h = host();
    WorkloadStatus status =
        h.start(
            withInterfaces(
                counter("js", "b"), keyvalue().putConfig("backend", "jetstream").build()));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertTrue(
        status.getMessage().contains("plugin 'wasi-keyvalue' refused component 'counter'"),
        status.getMessage());
    assertTrue(status.getMessage().contains("asks for backend 'jetstream'"), status.getMessage());
  }

  @Test
  void anEntryRoutedOverWrpcIsNotTakenByTheInProcessPlugin() {
    Host h = host();
    WorkloadStatus status =
        h.start(
            withInterfaces(counter("wrpc", "b"), keyvalue().putConfig("wrpc:name", "kv").build()));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertTrue(
        status.getMessage().contains("unsatisfied import wasi:keyvalue/store@0.2.0-draft"),
        status.getMessage());
    assertTrue(status.getMessage().contains("over wRPC (wrpc:name=kv)"), status.getMessage());
  }

  @Test
  void warmInstancesAreRetiredAfterMaxInvocations() {
    Host h = host();
    h.start(
        request(
            "pool",
            component("calc", "calc").setPoolSize(2).setMaxInvocations(2),
            component("adder", "adder")));
    RunningWorkload w = h.workload("pool").orElseThrow();
    assertEquals(new ComponentStats(0, 0, 2), w.stats().get("calc"));
    for (int i = 0; i < 4; i++) {
      w.invoke("calc", "trellis:examples/calculator#sum", List.of(s32s(i, 1)));
    }
    assertEquals(new ComponentStats(4, 2, 0), w.stats().get("calc"));
    w.invoke("calc", "trellis:examples/calculator#sum", List.of(s32s(1)));
    assertEquals(new ComponentStats(5, 2, 1), w.stats().get("calc"));
  }

  @Test
  void freshInstancesNeverSeeTheStateOfEarlierOnesWhoseMemoryTheyReuse() {
    Host h = host();
    h.start(request("fresh", component("counters", "counter")));
    RunningWorkload w = h.workload("fresh").orElseThrow();
    String c = "trellis:examples/counters#";
    for (int i = 0; i < 30; i++) {
      // each invocation runs on a new instance, built with the memory the previous one released
      w.invoke("counters", c + "[constructor]counter", List.of(WitValue.s32(i)));
      assertEquals(
          Optional.of(WitValue.u32(0)),
          w.invoke("counters", c + "[static]counter.live-instances", List.of()),
          "invocation " + i);
    }
    assertEquals(new ComponentStats(60, 0, 0), w.stats().get("counters"));
  }

  @Test
  void anEmptyDirExistsWhileTheWorkloadRunsAndIsGoneAfterwards() throws IOException {
    Host h = host();
    WorkloadStartRequest start =
        request(
            "vol",
            component("calc", "calc")
                .setLocalResources(
                    LocalResources.newBuilder()
                        .addVolumeMounts(
                            VolumeMount.newBuilder().setName("tmp").setMountPath("/tmp"))),
            component("adder", "adder"));
    start =
        start.toBuilder()
            .setWorkload(
                start.getWorkload().toBuilder()
                    .addVolumes(
                        Volume.newBuilder()
                            .setName("tmp")
                            .setEmptyDir(EmptyDirVolume.getDefaultInstance())))
            .build();
    assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, h.start(start).getWorkloadState());
    assertEquals(1, emptyDirs().size());
    h.stop(WorkloadStopRequest.newBuilder().setWorkloadId("vol").build());
    assertEquals(List.of(), emptyDirs());
  }

  @Test
  void aHostPathThatIsNoDirectoryFailsTheStartAndLeavesNoEmptyDir() throws IOException {
    Host h = host();
    WorkloadStartRequest start =
        request("bad-vol", component("calc", "calc"), component("adder", "adder"));
    start =
        start.toBuilder()
            .setWorkload(
                start.getWorkload().toBuilder()
                    .addVolumes(
                        Volume.newBuilder()
                            .setName("scratch")
                            .setEmptyDir(EmptyDirVolume.getDefaultInstance()))
                    .addVolumes(
                        Volume.newBuilder()
                            .setName("data")
                            .setHostPath(
                                HostPathVolume.newBuilder()
                                    .setLocalPath(dir.resolve("missing").toString()))))
            .build();
    WorkloadStatus status = h.start(start);
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertTrue(status.getMessage().startsWith("volume 'data': host path"), status.getMessage());
    assertEquals(List.of(), emptyDirs());
  }

  private List<Path> emptyDirs() throws IOException {
    Path scratch = dir.resolve("scratch");
    if (!Files.isDirectory(scratch)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(scratch)) {
      List<Path> dirs = files.toList();
      dirs.forEach(d -> assertFalse(Files.isRegularFile(d)));
      return dirs;
    }
  }
}
