package dev.trellis.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
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
import dev.trellis.proto.v2.WorkloadStatus;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Host API requests that fail validation get an ERROR reply naming the problem and leave the host
 * serving; a registry password in a workload's pull secret appears in no reply, log line or event.
 */
class HostApiValidationTest {
  private static final String PASSWORD = "pw-never-logged-7731";
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
    host =
        LatticeHost.join(
            TestWorkloads.config(dir.resolve("host"), "valid-host"),
            hostConnection,
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    host.close();
    NatsConnector.closeQuietly(hostConnection);
    NatsConnector.closeQuietly(client);
    nats.close();
  }

  private static WorkloadStatus start(String json) throws Exception {
    Message reply =
        client.request(
            Subjects.hostApi("valid-host", HostOperation.WORKLOAD_START),
            json.getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(30));
    if (reply == null) {
      throw new AssertionError("no reply within 30 s");
    }
    return ProtoJson.decode(reply.getData(), WorkloadStartResponse.getDefaultInstance())
        .getWorkloadStatus();
  }

  private static void assertStillServing() throws Exception {
    Message beat =
        client.request(
            Subjects.hostApi("valid-host", HostOperation.HEARTBEAT),
            new byte[0],
            Duration.ofSeconds(5));
    assertEquals(
        "valid-host", ProtoJson.decode(beat.getData(), HostHeartbeat.getDefaultInstance()).getId());
  }

  @Test
  void requestsThatFailValidationGetAnErrorNamingTheProblem() throws Exception {
    WorkloadStatus wrongType = start("{\"workload\": {\"name\": [1, 2]}}");
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, wrongType.getWorkloadState());
    assertTrue(
        wrongType.getMessage().startsWith("malformed WorkloadStartRequest"),
        wrongType.getMessage());

    WorkloadStatus noId = start("{\"workload\": {\"name\": \"w\"}}");
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, noId.getWorkloadState());
    assertEquals("workload_id: must not be empty", noId.getMessage());

    WorkloadStatus noComponents =
        start("{\"workloadId\": \"v-1\", \"workload\": {\"namespace\": \"n\", \"name\": \"w\"}}");
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, noComponents.getWorkloadState());
    assertEquals(
        "workload.wit_world.components: a workload needs at least one component or a service",
        noComponents.getMessage());
    assertStillServing();
  }

  @Test
  void aPullSecretIsNeverLoggedNorPublished() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    Subscription events = client.subscribe(Subjects.allSchedulerEvents("default"));
    try {
      String secret =
          "\"imagePullSecret\": {\"username\": \"robot\", \"password\": \"" + PASSWORD + "\"}";
      // An unreachable registry: the pull fails with the secret in hand.
      WorkloadStatus failed =
          start(
              "{\"workloadId\": \"s-1\", \"workload\": {\"namespace\": \"n\", \"name\": \"s\","
                  + " \"witWorld\": {\"components\": [{\"name\": \"c\", \"image\":"
                  + " \"127.0.0.1:1/private/app:1\", "
                  + secret
                  + "}]}}}");
      assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, failed.getWorkloadState());
      // A request that fails validation while carrying the secret.
      WorkloadStatus malformed =
          start(
              "{\"workloadId\": \"s-2\", \"workload\": {\"witWorld\": {\"components\":"
                  + " [{\"image\": \"x\", "
                  + secret.replace("}", ", \"extra\": 1}")
                  + "}]}}}");
      assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, malformed.getWorkloadState());
      client.flush(Duration.ofSeconds(5));

      List<String> published = new ArrayList<>();
      for (Message m = events.nextMessage(Duration.ofSeconds(2));
          m != null && published.size() < 100;
          m = events.nextMessage(Duration.ofMillis(500))) {
        published.add(new String(m.getData(), StandardCharsets.UTF_8));
      }
      assertFalse(published.isEmpty(), "the failed workload is reported as an event");
      List<String> logged = new ArrayList<>();
      for (ILoggingEvent event : List.copyOf(logs.list)) {
        logged.add(event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
          logged.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
      }
      assertFalse(logged.isEmpty(), "the failures are logged");
      for (String text : List.of(failed.getMessage(), malformed.getMessage())) {
        assertFalse(text.contains(PASSWORD), "reply: " + text);
      }
      published.forEach(e -> assertFalse(e.contains(PASSWORD), "event: " + e));
      logged.forEach(line -> assertFalse(line.contains(PASSWORD), "log: " + line));
    } finally {
      root.detachAppender(logs);
      events.unsubscribe();
    }
  }
}
