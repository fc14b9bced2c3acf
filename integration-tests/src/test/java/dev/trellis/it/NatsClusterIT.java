package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsCluster;
import dev.trellis.nats.NatsConnector;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness' 3-node JetStream cluster: a stream with 3 replicas accepts writes through one node,
 * is readable through another, and keeps accepting writes after one node is killed.
 */
class NatsClusterIT {
  @TempDir Path dir;

  @Test
  void jetStreamWorksWithThreeReplicasAndSurvivesLosingANode() throws Exception {
    try (NatsCluster cluster = NatsCluster.start(3, dir, line -> {})) {
      try (Connection first =
              NatsConnector.connect(
                  NatsClientConfig.of(cluster.servers().get(0).clientUrl(), "it-0"));
          Connection second =
              NatsConnector.connect(
                  NatsClientConfig.of(cluster.servers().get(1).clientUrl(), "it-1"))) {
        first
            .jetStreamManagement()
            .addStream(
                StreamConfiguration.builder()
                    .name("R3")
                    .subjects("r3.>")
                    .replicas(3)
                    .storageType(StorageType.File)
                    .build());
        for (int i = 0; i < 10; i++) {
          second.jetStream().publish("r3.x", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        var info = second.jetStreamManagement().getStreamInfo("R3");
        assertEquals(10, info.getStreamState().getMsgCount());
        assertEquals(3, info.getConfiguration().getReplicas());
        assertNotNull(info.getClusterInfo().getLeader());
        assertEquals(2, info.getClusterInfo().getReplicas().size());

        cluster.servers().get(0).kill();
        Await.until(
            "a write with one of three nodes dead",
            Duration.ofSeconds(30),
            () -> publishes(second));
        Await.until("11 messages in the stream", Duration.ofSeconds(10), () -> count(second) >= 11);
      }
    }
  }

  private static boolean publishes(Connection connection) {
    try {
      connection.jetStream().publish("r3.x", "after-kill".getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (IOException | JetStreamApiException e) {
      return false;
    }
  }

  private static long count(Connection connection) {
    try {
      return connection.jetStreamManagement().getStreamInfo("R3").getStreamState().getMsgCount();
    } catch (IOException | JetStreamApiException e) {
      return -1;
    }
  }
}
