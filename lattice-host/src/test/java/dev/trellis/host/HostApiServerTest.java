package dev.trellis.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.workload.TestWorkloads;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.proto.v2.WorkloadStartResponse;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatusResponse;
import dev.trellis.proto.v2.WorkloadStopResponse;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Host API over a real nats-server, as a scheduler or operator would call it. */
class HostApiServerTest {
  @TempDir static Path dir;
  private static NatsServer nats;
  private static Connection client;
  private static Connection hostConnection;
  private static LatticeHost host;

  @BeforeAll
  static void start() {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    client = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "client"));
    hostConnection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "host"));
    HostConfig config =
        TestWorkloads.config(dir.resolve("host"), "api-host")
            .withLabels(Map.of("region", "eu-west"));
    host = LatticeHost.join(config, hostConnection, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    host.close();
    NatsConnector.closeQuietly(hostConnection);
    NatsConnector.closeQuietly(client);
    nats.close();
  }

  private static Message request(HostOperation operation, String json) throws Exception {
    Message reply =
        client.request(
            Subjects.hostApi("api-host", operation),
            json.getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(5));
    if (reply == null) {
      throw new AssertionError("no reply to " + operation + " within 5 s");
    }
    return reply;
  }

  @Test
  void heartbeatRequestAnswersWithTheHeartbeat() throws Exception {
    Message reply = request(HostOperation.HEARTBEAT, "");
    HostHeartbeat beat = ProtoJson.decode(reply.getData(), HostHeartbeat.getDefaultInstance());
    assertEquals("api-host", beat.getId());
    assertEquals("eu-west", beat.getLabelsMap().get("region"));
    assertEquals("linux", beat.getLabelsMap().get("hostcore.os"));
    assertTrue(beat.getSystemMemoryTotal() > 0);
  }

  @Test
  void statusAndStopOfAnUnknownWorkloadAreNotFound() throws Exception {
    var status =
        ProtoJson.decode(
                request(HostOperation.WORKLOAD_STATUS, "{\"workloadId\":\"w-404\"}").getData(),
                WorkloadStatusResponse.getDefaultInstance())
            .getWorkloadStatus();
    assertEquals(WorkloadState.WORKLOAD_STATE_NOT_FOUND, status.getWorkloadState());
    assertEquals("w-404", status.getWorkloadId());
    assertEquals("no workload 'w-404' on host api-host", status.getMessage());

    var stopped =
        ProtoJson.decode(
                request(HostOperation.WORKLOAD_STOP, "{\"workloadId\":\"w-404\"}").getData(),
                WorkloadStopResponse.getDefaultInstance())
            .getWorkloadStatus();
    assertEquals(WorkloadState.WORKLOAD_STATE_NOT_FOUND, stopped.getWorkloadState());
  }

  @Test
  void aWorkloadStartsIsListedAndStopsOverNats() throws Exception {
    String start =
        ProtoJson.print(
            TestWorkloads.request(
                "w-1",
                TestWorkloads.component("calc", "calc"),
                TestWorkloads.component("adder", "adder")));
    var started =
        ProtoJson.decode(
                request(HostOperation.WORKLOAD_START, start).getData(),
                WorkloadStartResponse.getDefaultInstance())
            .getWorkloadStatus();
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, started.getWorkloadState(), started.getMessage());
    assertEquals("w-1", started.getWorkloadId());
    assertEquals(
        Optional.of(WitValue.s32(10)),
        host.host()
            .workload("w-1")
            .orElseThrow()
            .invoke("calc", "trellis:examples/calculator#sum", List.of(TestWorkloads.s32s(4, 6))));

    Message inventory =
        client.request(Subjects.hostInventory("api-host"), new byte[0], Duration.ofSeconds(5));
    String listed = new String(inventory.getData(), StandardCharsets.UTF_8);
    assertTrue(
        listed.startsWith("{\"hostId\":\"api-host\",\"workloads\":[{\"workloadId\":\"w-1\""),
        listed);

    var stopped =
        ProtoJson.decode(
                request(HostOperation.WORKLOAD_STOP, "{\"workloadId\":\"w-1\"}").getData(),
                WorkloadStopResponse.getDefaultInstance())
            .getWorkloadStatus();
    assertEquals(WorkloadState.WORKLOAD_STATE_STOPPING, stopped.getWorkloadState());
    var gone =
        ProtoJson.decode(
                request(HostOperation.WORKLOAD_STATUS, "{\"workloadId\":\"w-1\"}").getData(),
                WorkloadStatusResponse.getDefaultInstance())
            .getWorkloadStatus();
    assertEquals(WorkloadState.WORKLOAD_STATE_NOT_FOUND, gone.getWorkloadState());
  }

  @Test
  void aWorkloadThatCannotStartIsAnErrorNamingTheCauseAndAnEvent() throws Exception {
    Subscription events = client.subscribe(Subjects.hostEvent("default", "workload_failed"));
    client.flush(Duration.ofSeconds(5));
    var status =
        ProtoJson.decode(
                request(
                        HostOperation.WORKLOAD_START,
                        "{\"workloadId\":\"w-2\",\"workload\":{\"name\":\"hello\"}}")
                    .getData(),
                WorkloadStartResponse.getDefaultInstance())
            .getWorkloadStatus();
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertEquals("w-2", status.getWorkloadId());
    assertEquals(
        "workload.wit_world.components: a workload needs at least one component or a service",
        status.getMessage());
    Message event = events.nextMessage(Duration.ofSeconds(5));
    String json = new String(event.getData(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"type\":\"dev.trellis.host.workload_failed\""), json);
    assertTrue(json.contains("\"source\":\"api-host\""), json);
    assertTrue(json.contains("\"workload_id\":\"w-2\""), json);
  }

  @Test
  void aMalformedRequestGetsAnErrorStatusNamingTheProblem() throws Exception {
    Message reply = request(HostOperation.WORKLOAD_START, "{\"workload\": [not json");
    var status =
        ProtoJson.decode(reply.getData(), WorkloadStartResponse.getDefaultInstance())
            .getWorkloadStatus();
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertTrue(
        status.getMessage().startsWith("malformed WorkloadStartRequest"), status.getMessage());
    assertTrue(reply.getHeaders().getFirst(HostApiServer.ERROR_HEADER).startsWith("malformed"));

    // ... and the host keeps serving.
    assertEquals(
        "api-host",
        ProtoJson.decode(
                request(HostOperation.HEARTBEAT, "").getData(), HostHeartbeat.getDefaultInstance())
            .getId());
  }

  @Test
  void aMalformedRequestQuotingNonAsciiTextStillGetsItsErrorReply() throws Exception {
    // the parser quotes the payload in its message; a NATS header cannot carry all of it
    Message reply = request(HostOperation.WORKLOAD_START, "\"gr\u00fc\u00dfe \u4e16\u754c\"");
    var status =
        ProtoJson.decode(reply.getData(), WorkloadStartResponse.getDefaultInstance())
            .getWorkloadStatus();
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertTrue(status.getMessage().contains("gr\u00fc\u00dfe"), status.getMessage());
    assertTrue(
        reply.getHeaders().getFirst(HostApiServer.ERROR_HEADER).contains("gr??e ??"),
        reply.getHeaders().getFirst(HostApiServer.ERROR_HEADER));
  }

  @Test
  void aWorkloadIdLongerThanTheLimitIsRefusedWithoutEchoingIt() throws Exception {
    String id = "w".repeat(HostApiServer.MAX_ID_LENGTH + 1);
    for (HostOperation op :
        List.of(
            HostOperation.WORKLOAD_START,
            HostOperation.WORKLOAD_STOP,
            HostOperation.WORKLOAD_STATUS)) {
      Message reply = request(op, "{\"workloadId\":\"" + id + "\"}");
      String json = new String(reply.getData(), StandardCharsets.UTF_8);
      assertTrue(
          json.contains(
              "workload_id: must be at most "
                  + HostApiServer.MAX_ID_LENGTH
                  + " characters, got "
                  + id.length()),
          json);
      assertTrue(json.length() < 1000, "the id is not echoed: " + json.length() + " bytes");
    }
  }
}
