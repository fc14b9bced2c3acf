package dev.trellis.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.scheduler.api.AppStatus;
import dev.trellis.scheduler.api.SchedulerClient;
import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.inventory.HostInventory;
import dev.trellis.scheduler.inventory.HostView;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * A lattice of separate {@code trellis host} and {@code trellis scheduler} processes on one real
 * {@code nats-server}, as an operator runs it, plus what the scheduling tests observe: each host's
 * workloads (Trellis' inventory request), HTTP answers on each host's port, and the CLI.
 */
final class ProcessLattice implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  static final Duration STARTUP = Duration.ofSeconds(90);

  private final Path dir;
  private final NatsServer nats;
  private final Connection client;
  private final Map<String, HostProcess> hosts = new LinkedHashMap<>();
  private final List<CliProcess> processes = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A host process and the HTTP port it serves components on. */
  record HostProcess(String id, Map<String, String> labels, int httpPort, CliProcess process) {}

  private ProcessLattice(Path dir) {
    this.dir = dir;
    this.nats = NatsServer.startLocal(dir.resolve("nats"));
    this.client = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "lattice-it"));
  }

  static ProcessLattice start(Path dir) {
    return new ProcessLattice(dir);
  }

  Connection client() {
    return client;
  }

  /** Starts {@code trellis host} with default timings, an HTTP port and {@code labels} (k=v). */
  HostProcess host(String id, String... labels) {
    int port = NatsServer.freePort();
    List<String> args =
        new ArrayList<>(
            List.of(
                "host",
                "--nats",
                nats.clientUrl(),
                "--host-id",
                id,
                "--http-port",
                Integer.toString(port),
                "--image-cache-dir",
                dir.resolve(id).resolve("images").toString()));
    Map<String, String> labelMap = new LinkedHashMap<>();
    for (String label : labels) {
      args.addAll(List.of("--label", label));
      String[] kv = label.split("=", 2);
      labelMap.put(kv[0], kv[1]);
    }
    CliProcess process = CliProcess.start(dir.resolve(id), Map.of(), args.toArray(String[]::new));
    processes.add(process);
    HostProcess host = new HostProcess(id, labelMap, port, process);
    hosts.put(id, host);
    return host;
  }

  /** Starts a {@code trellis scheduler} replica with default timings. */
  CliProcess scheduler(String id) {
    CliProcess process =
        CliProcess.start(
            dir.resolve(id),
            Map.of(),
            "scheduler",
            "--nats",
            nats.clientUrl(),
            "--scheduler-id",
            id);
    processes.add(process);
    return process;
  }

  /** Waits until every host started so far is live and answers its inventory. */
  void awaitHosts() {
    Await.until(
        "hosts " + hosts.keySet() + " live", STARTUP, () -> liveIds().containsAll(hosts.keySet()));
    for (String id : hosts.keySet()) {
      Await.until("host " + id + " answering", STARTUP, () -> inventory(id).isPresent());
    }
  }

  Set<String> liveIds() {
    return new HostInventory(client, Clock.systemUTC())
        .liveHosts(Optional.empty()).stream().map(HostView::hostId).collect(Collectors.toSet());
  }

  /** The host started as {@code id}; fails when none was (a typo, not a dead host). */
  HostProcess started(String id) {
    HostProcess host = hosts.get(id);
    if (host == null) {
      throw new IllegalArgumentException(
          "no host " + id + " was started; hosts: " + hosts.keySet());
    }
    return host;
  }

  /** Every workload host {@code id} holds, or empty when it does not answer (dead). */
  Optional<List<WorkloadStatus>> inventory(String id) {
    try {
      Message reply =
          client.request(Subjects.hostInventory(id), new byte[0], Duration.ofSeconds(2));
      if (reply == null || reply.isStatusMessage()) {
        return Optional.empty();
      }
      List<WorkloadStatus> out = new ArrayList<>();
      for (JsonNode node : JSON.readTree(reply.getData()).path("workloads")) {
        out.add(
            ProtoJson.decode(
                node.toString().getBytes(StandardCharsets.UTF_8),
                WorkloadStatus.getDefaultInstance()));
      }
      return Optional.of(out);
    } catch (CancellationException e) {
      return Optional.empty(); // no responders: the host is gone
    } catch (IOException e) {
      throw new UncheckedIOException("malformed inventory of host " + id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Workloads per live host (all states), then how many of them run. */
  Map<String, Long> counts(boolean runningOnly) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (HostProcess h : hosts.values()) {
      if (!h.process().handle().isAlive()) {
        continue;
      }
      inventory(h.id())
          .ifPresent(
              list ->
                  out.put(
                      h.id(),
                      list.stream()
                          .filter(
                              w ->
                                  !runningOnly
                                      || w.getWorkloadState()
                                          == WorkloadState.WORKLOAD_STATE_RUNNING)
                          .count()));
    }
    return out;
  }

  /** Running workloads on the live hosts carrying {@code label} (k=v). */
  long running(String label) {
    String[] kv = label.split("=", 2);
    Map<String, Long> running = counts(true);
    return hosts.values().stream()
        .filter(h -> kv[1].equals(h.labels().get(kv[0])))
        .mapToLong(h -> running.getOrDefault(h.id(), 0L))
        .sum();
  }

  /** {@code GET path} on host {@code id}'s HTTP port. */
  HttpResponse<String> get(String id, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hosts.get(id).httpPort() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Runs {@code trellis app ...} against this lattice; fails on a non-zero exit. */
  CliProcess.Result app(String... args) {
    List<String> all = new ArrayList<>(List.of("app"));
    all.addAll(List.of(args));
    all.addAll(List.of("--nats", nats.clientUrl()));
    CliProcess.Result result =
        CliProcess.run(dir.resolve("cli"), Map.of(), STARTUP, all.toArray(String[]::new));
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "trellis " + all + " exited " + result.exitCode() + ":\n" + result.stderr());
    }
    return result;
  }

  /**
   * Writes a manifest of app {@code name} at {@code version}: component {@code web} from the
   * example {@code fixture} (e.g. {@code http-hello}) served on every host's HTTP port, spread
   * {@code instances} over {@code spreads} (YAML flow list).
   */
  Path manifest(String name, String version, String fixture, int instances, String spreads) {
    String yaml =
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: %s
          annotations:
            version: %s
        spec:
          components:
            - name: web
              type: component
              properties:
                image: file://%s/wasm/%s.wasm
              traits:
                - type: spreadscaler
                  properties:
                    instances: %d
                    spread: %s
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
            .formatted(name, version, EXAMPLES, fixture, instances, spreads);
    try {
      Path file = dir.resolve(name + "-" + version + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** App {@code app}'s status as the scheduler API reports it; empty while none answers. */
  Optional<AppStatus> status(String app) {
    try {
      return new SchedulerClient(client, "default").status(app).status();
    } catch (RuntimeException e) {
      return Optional.empty(); // no replica answered in time (one was just killed, say)
    }
  }

  /** Whether app {@code app} reports {@code type}. */
  boolean is(String app, StatusType type) {
    return status(app).map(s -> s.type() == type).orElse(false);
  }

  /** Output of every process, for a failure message. */
  String logs() {
    StringBuilder out = new StringBuilder();
    for (CliProcess p : processes) {
      out.append("---- ").append(p.handle().pid()).append('\n').append(p.stderr());
    }
    return out.toString();
  }

  @Override
  public void close() {
    processes.forEach(CliProcess::close);
    NatsConnector.closeQuietly(client);
    nats.close();
  }
}
