package dev.trellis.scheduler.api;

import static dev.trellis.scheduler.store.Fixtures.app;
import static dev.trellis.scheduler.store.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.api.ApiResponse.DeleteResult;
import dev.trellis.scheduler.api.ApiResponse.DeployResult;
import dev.trellis.scheduler.api.ApiResponse.GetResult;
import dev.trellis.scheduler.api.ApiResponse.ModelSummary;
import dev.trellis.scheduler.api.ApiResponse.PutResult;
import dev.trellis.scheduler.api.ApiResponse.StatusResult;
import dev.trellis.scheduler.api.ApiResponse.VersionInfo;
import dev.trellis.scheduler.api.SchedulerUnavailableException.Reason;
import dev.trellis.scheduler.manifest.Format;
import dev.trellis.scheduler.store.Fixtures;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java client against a running scheduler, and against none. */
class SchedulerClientTest {
  @TempDir static Path dir;
  private static NatsServer nats;
  private static Connection serverConnection;
  private static Connection connection;
  private static SchedulerApiServer server;
  private static SchedulerClient client;

  @BeforeAll
  static void start() {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    serverConnection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "scheduler"));
    connection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "cli"));
    server =
        SchedulerApiServer.start(
            serverConnection,
            new SchedulerApiConfig("default", "sched-a"),
            DeploymentListener.none());
    client = new SchedulerClient(connection, "default");
  }

  @AfterAll
  static void stop() {
    server.close();
    NatsConnector.closeQuietly(connection);
    NatsConnector.closeQuietly(serverConnection);
    nats.close();
  }

  @Test
  void everyOperationAnswersWithItsTypedReply() {
    var created = client.put(yaml("shop", "v1"));
    assertEquals(PutResult.CREATED, created.result());
    assertEquals("shop", created.name());
    var second = client.put(app("shop", "v2"));
    assertEquals(PutResult.NEWVERSION, second.result());
    assertEquals(2, second.totalVersions());
    assertEquals(PutResult.NEWVERSION, client.put(yaml("shop", "v3"), Format.YAML).result());

    var got = client.get("shop", Optional.of("v2"));
    assertEquals(GetResult.SUCCESS, got.result());
    assertEquals(Optional.of(app("shop", "v2")), got.manifest());
    assertEquals(
        List.of(
            new VersionInfo("v1", false),
            new VersionInfo("v2", false),
            new VersionInfo("v3", false)),
        client.versions("shop").versions());

    var deployed = client.deploy("shop", Optional.of("v2"));
    assertEquals(DeployResult.ACKNOWLEDGED, deployed.result());
    assertEquals(Optional.of("v2"), deployed.version());
    ModelSummary summary =
        client.list().models().stream()
            .filter(m -> m.name().equals("shop"))
            .findFirst()
            .orElseThrow();
    assertEquals("v3", summary.version());
    assertEquals(Optional.of("v2"), summary.deployedVersion());
    assertEquals(Optional.of("test app shop"), summary.description());
    var status = client.status("shop");
    assertEquals(StatusResult.OK, status.result());
    assertEquals(StatusType.WAITING, status.status().orElseThrow().type());

    assertEquals(DeployResult.ACKNOWLEDGED, client.undeploy("shop").result());
    assertEquals(StatusType.UNDEPLOYED, client.status("shop").status().orElseThrow().type());
    assertEquals(DeleteResult.DELETED, client.delete("shop", Optional.of("v1")).result());
    var gone = client.delete("shop", Optional.empty());
    assertEquals(DeleteResult.DELETED, gone.result());
    assertTrue(gone.undeploy());
    assertEquals(StatusResult.NOTFOUND, client.status("shop").result());
  }

  @Test
  void refusalsAreResultsWithTheSchedulersMessage() {
    client.put(yaml("refused", "v1"));
    var again = client.put(yaml("refused", "v1"));
    assertEquals(PutResult.ERROR, again.result());
    assertEquals("Manifest version v1 already exists", again.message());
    var invalid = client.put(Fixtures.invalidYaml("refused"));
    assertEquals(PutResult.ERROR, invalid.result());
    assertTrue(
        invalid.message().contains("spec.components[0].properties.image"), invalid.message());
    var latest = client.put(yaml("refused", "latest"));
    assertEquals(PutResult.ERROR, latest.result());
    assertTrue(latest.message().contains("'latest' is a reserved version"), latest.message());
    var missing = client.get("nobody-here", Optional.empty());
    assertEquals(GetResult.NOTFOUND, missing.result());
    assertEquals(Optional.empty(), missing.manifest());
    assertEquals(DeployResult.ERROR, client.deploy("refused", Optional.of("v7")).result());
    assertEquals(DeployResult.NOTFOUND, client.undeploy("nobody-here").result());
  }

  @Test
  void withoutASchedulerTheClientSaysSoAtOnce() {
    SchedulerClient lonely = new SchedulerClient(connection, "nobody", Duration.ofSeconds(30));
    SchedulerUnavailableException e =
        assertThrows(SchedulerUnavailableException.class, () -> lonely.list());
    assertEquals(Reason.NO_RESPONDERS, e.reason());
    assertTrue(
        e.getMessage().startsWith("no scheduler is running for lattice 'nobody'"), e.getMessage());
    assertThrows(SchedulerUnavailableException.class, () -> lonely.put(yaml("x", "v1")));
  }

  @Test
  void aSchedulerThatDoesNotAnswerTimesOut() {
    Dispatcher silent = connection.createDispatcher(message -> {});
    silent.subscribe(Subjects.schedulerApiAll("silent"));
    try {
      SchedulerClient waiting = new SchedulerClient(connection, "silent", Duration.ofMillis(300));
      SchedulerUnavailableException e =
          assertThrows(SchedulerUnavailableException.class, () -> waiting.status("shop"));
      assertEquals(Reason.TIMEOUT, e.reason());
      assertEquals(
          "the scheduler for lattice 'silent' did not answer wadm.api.silent.model.status.shop"
              + " within 300 ms; it may be overloaded or cut off from JetStream",
          e.getMessage());
    } finally {
      connection.closeDispatcher(silent);
    }
  }

  @Test
  void aReplyThatIsNotTheApisJsonIsReported() {
    Dispatcher garbage =
        connection.createDispatcher(
            message ->
                connection.publish(
                    message.getReplyTo(), "<html>".getBytes(StandardCharsets.UTF_8)));
    garbage.subscribe(Subjects.schedulerApiAll("garbage"));
    try {
      SchedulerClient confused = new SchedulerClient(connection, "garbage");
      SchedulerReplyException e =
          assertThrows(SchedulerReplyException.class, () -> confused.versions("shop"));
      assertTrue(
          e.getMessage().startsWith("unreadable reply on wadm.api.garbage.model.versions.shop"),
          e.getMessage());
    } finally {
      connection.closeDispatcher(garbage);
    }
  }
}
