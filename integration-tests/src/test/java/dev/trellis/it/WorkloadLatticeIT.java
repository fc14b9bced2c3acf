package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.HostConfig;
import dev.trellis.host.LatticeHost;
import dev.trellis.host.image.ImageConfig;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WitWorld;
import dev.trellis.proto.v2.Workload;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadStartResponse;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStatusRequest;
import dev.trellis.proto.v2.WorkloadStatusResponse;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.proto.v2.WorkloadStopResponse;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts on one real nats-server run workloads through the Host API: a workload of linked
 * components (calc importing adder's interface, beside a key-value counter that handles messages
 * and an HTTP handler) starts on one host, serves in-process calls, NATS messages and HTTP
 * requests, and stops completely while the other host keeps running its own; a workload that cannot
 * link ends in ERROR naming the import; the CLI drives the same API from a YAML file.
 */
class WorkloadLatticeIT {
  static final Path EXAMPLES = Path.of("..", "examples", "wasm").toAbsolutePath().normalize();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static TestNats nats;
  private static Connection client;
  private static final List<Connection> hostConnections = new ArrayList<>();
  private static LatticeHost one;
  private static LatticeHost two;
  private static int httpPort;

  @BeforeAll
  static void start() {
    nats = TestNats.start(dir.resolve("nats"));
    client = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "it-client"));
    httpPort = NatsServer.freePort();
    one = host("it-host-1", httpPort);
    two = host("it-host-2", 0);
  }

  private static LatticeHost host(String id, int port) {
    Connection connection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), id));
    hostConnections.add(connection);
    HostConfig config =
        HostConfig.generated()
            .withHostId(id)
            .withHeartbeatInterval(Duration.ofSeconds(1))
            .withHttpPort(port)
            .withImages(ImageConfig.defaults().withCacheDir(dir.resolve(id).resolve("images")))
            .withScratchDir(dir.resolve(id).resolve("scratch"));
    return LatticeHost.join(config, connection, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    two.close();
    one.close();
    hostConnections.forEach(NatsConnector::closeQuietly);
    NatsConnector.closeQuietly(client);
    nats.close();
  }

  static String image(String fixture) {
    return "file://" + EXAMPLES.resolve(fixture + ".wasm");
  }

  static Component.Builder component(String name, String fixture) {
    return Component.newBuilder().setName(name).setImage(image(fixture));
  }

  private static Component.Builder counter(String subject, String bucket) {
    return component("counter", "kv-counter")
        .setLocalResources(
            LocalResources.newBuilder()
                .putConfig("subscriptions", subject)
                .putConfig("bucket", bucket));
  }

  static WorkloadStartRequest request(String id, Component.Builder... components) {
    WitWorld.Builder world = WitWorld.newBuilder();
    for (Component.Builder c : components) {
      world.addComponents(c);
    }
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId(id)
        .setWorkload(Workload.newBuilder().setName(id).setNamespace("it").setWitWorld(world))
        .build();
  }

  private static byte[] call(String hostId, HostOperation op, com.google.protobuf.Message body)
      throws InterruptedException {
    Message reply = client.request(Subjects.hostApi(hostId, op), ProtoJson.encode(body), TIMEOUT);
    if (reply == null) {
      throw new AssertionError("no reply from " + hostId + " to " + op);
    }
    return reply.getData();
  }

  static WorkloadStatus start(String hostId, WorkloadStartRequest request) throws Exception {
    return ProtoJson.decode(
            call(hostId, HostOperation.WORKLOAD_START, request),
            WorkloadStartResponse.getDefaultInstance())
        .getWorkloadStatus();
  }

  static WorkloadStatus status(String hostId, String id) throws Exception {
    return ProtoJson.decode(
            call(
                hostId,
                HostOperation.WORKLOAD_STATUS,
                WorkloadStatusRequest.newBuilder().setWorkloadId(id).build()),
            WorkloadStatusResponse.getDefaultInstance())
        .getWorkloadStatus();
  }

  static WorkloadStatus stop(String hostId, String id) throws Exception {
    return ProtoJson.decode(
            call(
                hostId,
                HostOperation.WORKLOAD_STOP,
                WorkloadStopRequest.newBuilder().setWorkloadId(id).build()),
            WorkloadStopResponse.getDefaultInstance())
        .getWorkloadStatus();
  }

  private static String ask(String subject, Duration wait) throws InterruptedException {
    Message reply = client.request(subject, new byte[0], wait);
    return reply == null ? null : new String(reply.getData(), StandardCharsets.UTF_8);
  }

  @Test
  void aLinkedWorkloadRunsOnOneHostAndStopsCompletelyWhileTheOtherHostKeepsItsOwn()
      throws Exception {
    WorkloadStatus other = start("it-host-2", request("it-other", counter("it.other", "it_other")));
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, other.getWorkloadState(), other.getMessage());

    WorkloadStatus started =
        start(
            "it-host-1",
            request(
                "it-calc",
                component("calc", "calc"),
                component("adder", "adder"),
                counter("it.count", "it_counts"),
                component("web", "http-hello")
                    .setLocalResources(LocalResources.newBuilder().putConfig("path", "/it"))));
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, started.getWorkloadState(), started.getMessage());
    assertEquals(4, started.getComponentsCount());

    var calc = one.host().workload("it-calc").orElseThrow();
    assertEquals(
        Optional.of(WitValue.s32(15)),
        calc.invoke(
            "calc",
            "trellis:examples/calculator#sum",
            List.of(
                new WitValue.ListValue(
                    List.of(WitValue.s32(4), WitValue.s32(5), WitValue.s32(6))))));
    assertEquals(
        Optional.of(WitValue.string("error: division by zero")),
        calc.invoke(
            "calc",
            "trellis:examples/calculator#divide",
            List.of(WitValue.s32(1), WitValue.s32(0))));
    assertEquals("1", ask("it.count", TIMEOUT));
    assertEquals("2", ask("it.count", TIMEOUT));
    HttpResponse<String> hello = get("/it");
    assertEquals(200, hello.statusCode());
    assertEquals("Hello from Trellis!\n", hello.body());
    assertEquals(4, one.host().heartbeat().getComponentCount());

    WorkloadStatus stopped = stop("it-host-1", "it-calc");
    assertEquals(WorkloadState.WORKLOAD_STATE_STOPPING, stopped.getWorkloadState());
    assertEquals(
        WorkloadState.WORKLOAD_STATE_NOT_FOUND, status("it-host-1", "it-calc").getWorkloadState());
    assertNull(ask("it.count", Duration.ofMillis(300)), "nothing of the stopped workload answers");
    assertEquals(404, get("/it").statusCode());
    assertEquals(0, one.host().heartbeat().getWorkloadCount());

    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, status("it-host-2", "it-other").getWorkloadState());
    assertEquals("1", ask("it.other", TIMEOUT));
    assertEquals(1, two.host().heartbeat().getWorkloadCount());
    stop("it-host-2", "it-other");
  }

  @Test
  void aWorkloadWithAnUnsatisfiableImportEndsInErrorAndLeavesNothingRunning() throws Exception {
    Subscription failures = client.subscribe(Subjects.hostEvent("default", "workload_failed"));
    client.flush(TIMEOUT);
    long workloadsBefore = one.host().heartbeat().getWorkloadCount();
    long componentsBefore = one.host().heartbeat().getComponentCount();
    WorkloadStatus status = start("it-host-1", request("it-lonely", component("calc", "calc")));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertTrue(
        status
            .getMessage()
            .startsWith("unsatisfied import trellis:examples/math of component 'calc'"),
        status.getMessage());
    assertEquals(
        WorkloadState.WORKLOAD_STATE_ERROR, status("it-host-1", "it-lonely").getWorkloadState());
    assertEquals(workloadsBefore, one.host().heartbeat().getWorkloadCount());
    assertEquals(componentsBefore, one.host().heartbeat().getComponentCount());
    Message event = failures.nextMessage(TIMEOUT);
    String json = new String(event.getData(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"workload_id\":\"it-lonely\""), json);
    assertTrue(json.contains("\"source\":\"it-host-1\""), json);
    assertEquals(
        WorkloadState.WORKLOAD_STATE_STOPPING, stop("it-host-1", "it-lonely").getWorkloadState());
    assertEquals(
        WorkloadState.WORKLOAD_STATE_NOT_FOUND,
        status("it-host-1", "it-lonely").getWorkloadState());
  }

  @Test
  void theCliStartsListsAndStopsAWorkloadFromYaml() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("calc.yaml"),
            """
            workloadId: it-cli
            workload:
              name: calc-cli
              witWorld:
                components:
                  - {name: calc, image: "%s"}
                  - {name: adder, image: "%s"}
            """
                .formatted(image("calc"), image("adder")));
    CliProcess.Result started = cli("workload", "start", "--host", "it-host-2", file.toString());
    assertEquals(0, started.exitCode(), started.stderr());
    assertTrue(started.stdout().contains("it-cli    RUNNING"), started.stdout());

    CliProcess.Result inventory = cli("get", "inventory", "it-host-2");
    assertEquals(0, inventory.exitCode(), inventory.stderr());
    assertTrue(inventory.stdout().contains("it-cli"), inventory.stdout());

    CliProcess.Result stopped = cli("workload", "stop", "--host", "it-host-2", file.toString());
    assertEquals(0, stopped.exitCode(), stopped.stderr());
    assertTrue(stopped.stdout().contains("it-cli    STOPPING"), stopped.stdout());
    assertEquals(
        WorkloadState.WORKLOAD_STATE_NOT_FOUND, status("it-host-2", "it-cli").getWorkloadState());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
              .timeout(TIMEOUT)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static CliProcess.Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--nats", nats.clientUrl()));
    return CliProcess.run(
        dir.resolve("cli"), Map.of(), Duration.ofSeconds(60), all.toArray(String[]::new));
  }
}
