package dev.trellis.host.workload;

import dev.trellis.host.Host;
import dev.trellis.host.HostConfig;
import dev.trellis.host.image.ImageConfig;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.Service;
import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.WitWorld;
import dev.trellis.proto.v2.Workload;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStatusRequest;
import dev.trellis.wrpc.wit.WitValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Builders for workload start requests over the example fixtures, and a host to run them on. */
public final class TestWorkloads {
  /** Relative to the module directory, which is surefire's working directory. */
  public static final Path EXAMPLES =
      Path.of("..", "examples", "wasm").toAbsolutePath().normalize();

  private TestWorkloads() {}

  /** {@code file:///.../examples/wasm/<fixture>.wasm}. */
  public static String image(String fixture) {
    return "file://" + EXAMPLES.resolve(fixture + ".wasm");
  }

  /** A component named {@code name} running {@code fixture}. */
  public static Component.Builder component(String name, String fixture) {
    return Component.newBuilder().setName(name).setImage(image(fixture));
  }

  /** A start request for {@code id} with {@code components}. */
  public static WorkloadStartRequest request(String id, Component.Builder... components) {
    WitWorld.Builder world = WitWorld.newBuilder();
    for (Component.Builder c : components) {
      world.addComponents(c);
    }
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId(id)
        .setWorkload(Workload.newBuilder().setName(id + "-app").setWitWorld(world))
        .build();
  }

  /** {@code request} with {@code entries} as host interfaces. */
  public static WorkloadStartRequest withInterfaces(
      WorkloadStartRequest request, WitInterface... entries) {
    Workload.Builder w = request.getWorkload().toBuilder();
    for (WitInterface e : entries) {
      w.getWitWorldBuilder().addHostInterfaces(e);
    }
    return request.toBuilder().setWorkload(w).build();
  }

  /** A request whose only part is a service running {@code fixture}. */
  public static WorkloadStartRequest service(
      String id, String fixture, LocalResources resources, long maxRestarts) {
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId(id)
        .setWorkload(
            Workload.newBuilder()
                .setName(id)
                .setService(
                    Service.newBuilder()
                        .setImage(image(fixture))
                        .setLocalResources(resources)
                        .setMaxRestarts(maxRestarts)))
        .build();
  }

  /** A host config with its image cache and scratch space under {@code dir}. */
  public static HostConfig config(Path dir, String hostId) {
    return HostConfig.generated()
        .withHostId(hostId)
        .withImages(ImageConfig.defaults().withCacheDir(dir.resolve("images")))
        .withScratchDir(dir.resolve("scratch"))
        .withDrainTimeout(Duration.ofSeconds(5));
  }

  /** A host without NATS with exactly {@code plugins}, reporting to {@code events}. */
  public static Host host(Path dir, PluginRegistry plugins, WorkloadEvents events) {
    return Host.builder(config(dir, "test-host")).plugins(plugins).events(events).build();
  }

  /** The workload's status. */
  public static WorkloadStatus status(Host host, String id) {
    return host.status(WorkloadStatusRequest.newBuilder().setWorkloadId(id).build());
  }

  /** Waits (at most {@code timeout}) until the workload is in {@code state}. */
  public static WorkloadStatus awaitState(
      Host host, String id, WorkloadState state, Duration timeout) {
    return await(
        "workload " + id + " in " + state,
        timeout,
        () -> {
          WorkloadStatus s = status(host, id);
          return s.getWorkloadState() == state ? s : null;
        });
  }

  /** Polls {@code probe} until it returns non-null, failing after {@code timeout}. */
  public static <T> T await(String what, Duration timeout, Supplier<T> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  /** A {@code list<s32>}. */
  public static WitValue s32s(int... values) {
    List<WitValue> out = new ArrayList<>();
    for (int v : values) {
      out.add(WitValue.s32(v));
    }
    return new WitValue.ListValue(out);
  }
}
