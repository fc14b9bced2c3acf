package dev.trellis.bench.lattice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.bench.Figure;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.WitWorld;
import dev.trellis.proto.v2.Workload;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadStartResponse;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.scheduler.Scheduler;
import dev.trellis.scheduler.SchedulerConfig;
import dev.trellis.scheduler.api.SchedulerClient;
import dev.trellis.scheduler.api.StatusType;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Scheduling on a real lattice: host processes ({@link BenchHost}, default timings, each with an
 * HTTP port) and one scheduler with default settings on a local nats-server.
 *
 * <ul>
 *   <li><b>deploy</b>: {@code deploy} of an app of {@code instances} http-hello instances over the
 *       hosts until its status is {@code deployed}; floor: the same number of {@code
 *       workload.start} requests sent directly to the hosts, all at once.
 *   <li><b>heal</b>: {@code kill -9} of one host until the survivors run every instance again;
 *       floor: the lost host's share of starts sent directly to the survivors, all at once.
 * </ul>
 *
 * Floors are measured after an unmeasured round of direct starts, on warm hosts, as the scheduler
 * finds them.
 *
 * <p>Every wait is bounded by the budget.
 */
public final class SchedulerFigures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "bench-web";

  private SchedulerFigures() {}

  /** What to measure and its bounds. */
  public record Settings(int hosts, int instances, Duration budget) {}

  /** Measures the deploy figure and, when {@code heal}, the heal figure after it. */
  public static List<Figure> run(Settings settings, boolean deploy, boolean heal)
      throws IOException {
    Path dir = Files.createTempDirectory("trellis-bench-scheduler");
    Path image = examples().resolve("http-hello.wasm").toAbsolutePath();
    List<Process> hosts = new ArrayList<>();
    try (NatsServer nats = NatsServer.startLocal(dir.resolve("nats"))) {
      Connection client = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "bench"));
      Connection schedulerSide =
          NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "bench-scheduler"));
      List<String> ids = new ArrayList<>();
      try {
        for (int i = 1; i <= settings.hosts(); i++) {
          String id = "bench-h" + i;
          ids.add(id);
          hosts.add(startHost(nats.clientUrl(), id, dir.resolve(id)));
        }
        for (String id : ids) {
          await("host " + id, settings.budget(), () -> inventory(client, id).isPresent());
        }
        Lattice lattice = new Lattice(client, ids, image);
        List<Figure> figures = new ArrayList<>();
        int lost = settings.instances() / settings.hosts();
        // Warm-up (unmeasured): every host compiles the component and its JIT warms up, as the
        // scheduler's run later finds them.
        lattice.directStarts(ids, settings.instances(), "warm");
        double startFloor = lattice.directStarts(ids, settings.instances(), "floor");
        double healFloor = lattice.directStarts(ids.subList(0, ids.size() - 1), lost, "heal");
        try (Scheduler scheduler = Scheduler.start(schedulerSide, SchedulerConfig.of("default"))) {
          SchedulerClient api = new SchedulerClient(client, "default", Duration.ofSeconds(10));
          api.put(manifest(image, settings.instances()));
          long t0 = System.nanoTime();
          api.deploy(APP, Optional.empty());
          await("deployed", settings.budget(), () -> deployed(api));
          double deployMs = (System.nanoTime() - t0) / 1e6;
          long running = lattice.running(ids);
          if (running != settings.instances()) {
            throw new IllegalStateException("deployed with " + running + " running instances");
          }
          if (deploy) {
            figures.add(
                new Figure(
                    "deploy -> deployed, " + settings.instances() + " on " + ids.size() + " hosts",
                    "ms",
                    deployMs,
                    startFloor,
                    settings.instances() + " workload.start sent directly",
                    0));
          }
          if (heal) {
            List<String> survivors = ids.subList(0, ids.size() - 1);
            long k0 = System.nanoTime();
            hosts.getLast().destroyForcibly();
            await(
                "every instance running on the survivors",
                settings.budget(),
                () -> lattice.running(survivors) == settings.instances());
            double healMs = (System.nanoTime() - k0) / 1e6;
            await("deployed after healing", settings.budget(), () -> deployed(api));
            double deployedMs = (System.nanoTime() - k0) / 1e6;
            figures.add(
                new Figure(
                    "kill -9 of 1 of " + ids.size() + " hosts -> " + lost + " running again",
                    "ms",
                    healMs,
                    healFloor,
                    lost + " workload.start sent directly",
                    0));
            figures.add(
                new Figure(
                    "kill -9 -> status deployed again",
                    "ms",
                    deployedMs,
                    healFloor,
                    lost + " workload.start sent directly",
                    0));
          }
        }
        return figures;
      } finally {
        hosts.forEach(Process::destroyForcibly);
        for (Process p : hosts) {
          waitFor(p);
        }
        NatsConnector.closeQuietly(schedulerSide);
        NatsConnector.closeQuietly(client);
      }
    }
  }

  private static boolean deployed(SchedulerClient api) {
    return api.status(APP).status().map(s -> s.type() == StatusType.DEPLOYED).orElse(false);
  }

  /** The hosts, their workloads, and the floor: starts sent without a scheduler. */
  private record Lattice(Connection client, List<String> ids, Path image) {
    /** Milliseconds to start {@code count} workloads over {@code on}, all sent at once. */
    double directStarts(List<String> on, int count, String prefix) {
      List<String> placed = new ArrayList<>();
      List<CompletableFuture<Message>> replies = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        String host = on.get(i % on.size());
        String id = prefix + "-" + i;
        placed.add(host + "/" + id);
        replies.add(
            client.requestWithTimeout(
                Subjects.hostApi(host, HostOperation.WORKLOAD_START),
                ProtoJson.encode(start(id)),
                Duration.ofSeconds(60)));
      }
      for (CompletableFuture<Message> reply : replies) {
        WorkloadStartResponse r =
            ProtoJson.decode(join(reply).getData(), WorkloadStartResponse.getDefaultInstance());
        if (!r.getWorkloadStatus().getWorkloadState().name().endsWith("RUNNING")) {
          throw new IllegalStateException("direct start failed: " + r);
        }
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      List<CompletableFuture<Message>> stops = new ArrayList<>();
      for (String p : placed) {
        String[] hostAndId = p.split("/", 2);
        stops.add(
            client.requestWithTimeout(
                Subjects.hostApi(hostAndId[0], HostOperation.WORKLOAD_STOP),
                ProtoJson.encode(
                    WorkloadStopRequest.newBuilder().setWorkloadId(hostAndId[1]).build()),
                Duration.ofSeconds(60)));
      }
      stops.forEach(SchedulerFigures::join);
      return ms;
    }

    /** What the scheduler would send for one instance (another namespace, same route). */
    WorkloadStartRequest start(String id) {
      return WorkloadStartRequest.newBuilder()
          .setWorkloadId(id)
          .setWorkload(
              Workload.newBuilder()
                  .setNamespace("floor")
                  .setName("web")
                  .setWitWorld(
                      WitWorld.newBuilder()
                          .addComponents(
                              Component.newBuilder().setName("web").setImage("file://" + image))
                          .addHostInterfaces(
                              WitInterface.newBuilder()
                                  .setNamespace("wasi")
                                  .setPackage("http")
                                  .addInterfaces("incoming-handler")
                                  .putConfig("trellis.dev/plugin", "http-server"))))
          .build();
    }

    /** Running workloads over {@code on}. */
    long running(List<String> on) {
      long n = 0;
      for (String id : on) {
        n +=
            inventory(client, id).orElse(List.of()).stream()
                .filter(s -> s.equals("WORKLOAD_STATE_RUNNING"))
                .count();
      }
      return n;
    }
  }

  private static Message join(CompletableFuture<Message> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no reply from a host: " + e, e);
    }
  }

  /** The states of host {@code id}'s workloads, or empty when it does not answer. */
  static Optional<List<String>> inventory(Connection client, String id) {
    try {
      Message reply =
          client.request(Subjects.hostInventory(id), new byte[0], Duration.ofSeconds(2));
      if (reply == null || reply.isStatusMessage()) {
        return Optional.empty();
      }
      List<String> states = new ArrayList<>();
      for (JsonNode w : JSON.readTree(reply.getData()).path("workloads")) {
        states.add(w.path("workloadState").asText());
      }
      return Optional.of(states);
    } catch (IOException | java.util.concurrent.CancellationException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Process startHost(String natsUrl, String id, Path dir) throws IOException {
    Files.createDirectories(dir);
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m",
            "-cp",
            System.getProperty("java.class.path"),
            BenchHost.class.getName(),
            natsUrl,
            id,
            Integer.toString(NatsServer.freePort()),
            dir.toString())
        .redirectOutput(dir.resolve("stdout.log").toFile())
        .redirectError(dir.resolve("stderr.log").toFile())
        .start();
  }

  private static void waitFor(Process p) {
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(String what, Duration budget, BooleanSupplier condition) {
    long deadline = System.nanoTime() + budget.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + budget + " waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private static String manifest(Path image, int instances) {
    return """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: %s
          annotations:
            version: v1
        spec:
          components:
            - name: web
              type: component
              properties:
                image: file://%s
              traits:
                - type: spreadscaler
                  properties:
                    instances: %d
            - name: httpserver
              type: capability
              properties:
                image: ghcr.io/wasmcloud/http-server:0.23.0
              traits:
                - type: link
                  properties:
                    namespace: wasi
                    package: http
                    interfaces: [incoming-handler]
                    target:
                      name: web
        """
        .formatted(APP, image, instances);
  }

  private static Path examples() {
    for (Path p : List.of(Path.of("examples", "wasm"), Path.of("..", "examples", "wasm"))) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("examples/wasm not found; run from the repository root");
  }
}
