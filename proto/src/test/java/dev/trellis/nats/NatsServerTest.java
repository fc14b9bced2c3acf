package dev.trellis.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsServerTest {
  @TempDir Path dir;

  @Test
  void startsAJetStreamServerAndStopsItCleanly() throws Exception {
    NatsServer server = NatsServer.startLocal(dir.resolve("nats"));
    try (Connection connection =
        NatsConnector.connect(NatsClientConfig.of(server.clientUrl(), "test"))) {
      var jsm = connection.jetStreamManagement();
      jsm.addStream(StreamConfiguration.builder().name("T").subjects("t.>").build());
      connection.jetStream().publish("t.1", "hello".getBytes(StandardCharsets.UTF_8));
      assertEquals(1, jsm.getStreamInfo("T").getStreamState().getMsgCount());
    } finally {
      server.close();
    }
    assertFalse(server.isRunning());
    assertFalse(NatsServer.portInUse("127.0.0.1", server.config().port()));
  }

  @Test
  void aPortInUseFailsWithTheServerLog() {
    try (NatsServer first = NatsServer.startLocal(dir.resolve("a"))) {
      NatsServerConfig clash =
          NatsServerConfig.local(dir.resolve("b"))
              .withPort(first.config().port())
              .withStartTimeout(Duration.ofSeconds(10));
      var error =
          assertThrows(NatsServerException.class, () -> NatsServer.start(clash, line -> {}));
      assertTrue(error.getMessage().contains("exited with code"), error.getMessage());
      assertTrue(error.getMessage().contains("address already in use"), error.getMessage());
    }
  }

  @Test
  void connectingWhereNoServerRunsNamesTheUrl() {
    int port = NatsServer.freePort();
    var error =
        assertThrows(
            NatsUnavailableException.class,
            () -> NatsConnector.connect(NatsClientConfig.of("nats://127.0.0.1:" + port, "t")));
    assertTrue(error.getMessage().contains("nats://127.0.0.1:" + port), error.getMessage());
  }
}
